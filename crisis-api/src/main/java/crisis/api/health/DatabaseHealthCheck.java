package crisis.api.health;

import com.codahale.metrics.health.HealthCheck;
import crisis.core.country.CountryDao;
import org.jdbi.v3.core.Jdbi;

/** Healthy when the database answers and the schema is there. */
public final class DatabaseHealthCheck extends HealthCheck {
  private final Jdbi jdbi;

  public DatabaseHealthCheck(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  protected Result check() {
    try {
      long countries = jdbi.withExtension(CountryDao.class, CountryDao::count);
      return countries > 0 ? Result.healthy() : Result.unhealthy("the country table is empty: run db migrate");
    } catch (RuntimeException e) {
      return Result.unhealthy("database unreachable: " + e.getClass().getSimpleName());
    }
  }
}
