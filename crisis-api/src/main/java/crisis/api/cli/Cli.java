package crisis.api.cli;

import crisis.api.config.CrisisConfiguration;
import crisis.api.config.DataSources;
import crisis.api.services.Services;
import crisis.core.db.Jdbis;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.db.ManagedDataSource;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;

/** What the commands share: a database handle from the configuration, outside of a running server. */
final class Cli {
  private Cli() {}

  static ManagedDataSource dataSource(CrisisConfiguration config, com.codahale.metrics.MetricRegistry metrics) {
    DataSourceFactory dsf = DataSources.server(config);
    return dsf.build(metrics, "cli");
  }

  static Services services(ManagedDataSource ds) {
    return Services.build(Jdbis.configure(Jdbi.create(ds)), Clock.systemUTC());
  }
}
