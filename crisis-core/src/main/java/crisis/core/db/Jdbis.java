package crisis.core.db;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/** Adds what every Jdbi of this system needs, however it was created (plain, or by Dropwizard). */
public final class Jdbis {
  private Jdbis() {}

  public static Jdbi configure(Jdbi jdbi) {
    return jdbi.installPlugin(new SqlObjectPlugin()).installPlugin(new PostgresPlugin());
  }
}
