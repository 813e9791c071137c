package crisis.api.config;

import io.dropwizard.db.DataSourceFactory;
import java.util.HashMap;
import java.util.Map;

/**
 * The configured database's pool settings, told not to copy row values into error messages (they may be personal
 * data). The server, its migrations, the commands and the benchmarks all connect through these.
 */
public final class DataSources {
  private DataSources() {}

  /** The server's pool settings. */
  public static DataSourceFactory server(CrisisConfiguration c) {
    return withoutRowDetail(c.getDatabase().dataSourceFactory());
  }

  /** The pool settings of the role that migrates the schema (its owner). */
  public static DataSourceFactory migration(CrisisConfiguration c) {
    return withoutRowDetail(c.getDatabase().migrationDataSourceFactory());
  }

  private static DataSourceFactory withoutRowDetail(DataSourceFactory f) {
    Map<String, String> props = new HashMap<>(f.getProperties());
    props.putIfAbsent("logServerErrorDetail", "false");
    f.setProperties(props);
    return f;
  }
}
