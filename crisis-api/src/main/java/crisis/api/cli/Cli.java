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

  /** The services on {@code ds}, with the configuration's keys for the sealed personal fields. */
  static Services services(CrisisConfiguration config, ManagedDataSource ds) {
    return Services.build(jdbi(config, ds), Clock.systemUTC());
  }

  /** A Jdbi on {@code ds} with the configuration's keys for the sealed personal fields. */
  static Jdbi jdbi(CrisisConfiguration config, ManagedDataSource ds) {
    Jdbi jdbi = Jdbis.configure(Jdbi.create(ds));
    config.getPersonalData().keys().install(jdbi, Clock.systemUTC());
    return jdbi;
  }
}
