package crisis.alerts.pipeline;

import crisis.core.crisis.db.CrisisDao;
import crisis.core.registry.db.RegistrationDao;
import java.util.UUID;
import java.util.function.ToIntFunction;
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
    return read(RegistrationDao.class, d -> d.version(id));
  }

  @Override
  public int crisis(UUID id) {
    return read(CrisisDao.class, d -> d.version(id));
  }

  /** One read through an owner's DAO; a database that cannot answer is {@link Unavailable}, never a version. */
  private <D> int read(Class<D> dao, ToIntFunction<D> version) {
    try {
      return jdbi.withExtension(dao, version::applyAsInt);
    } catch (JdbiException e) {
      throw new Unavailable(e);
    }
  }
}
