package crisis.alerts.pipeline;

import crisis.core.crisis.db.CrisisDao;
import crisis.core.registry.db.RegistrationDao;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

/** {@link Versions} as the database holds them, one primary-key read each, through their owners' DAOs. */
public final class DatabaseVersions implements Versions {
  private final Jdbi jdbi;

  public DatabaseVersions(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public int registration(UUID id) {
    try {
      return jdbi.withExtension(RegistrationDao.class, d -> d.version(id));
    } catch (JdbiException e) {
      throw new Unavailable(e);
    }
  }

  @Override
  public int crisis(UUID id) {
    try {
      return jdbi.withExtension(CrisisDao.class, d -> d.version(id));
    } catch (JdbiException e) {
      throw new Unavailable(e);
    }
  }
}
