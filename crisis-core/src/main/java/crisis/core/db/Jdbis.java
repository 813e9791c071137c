package crisis.core.db;

import crisis.core.audit.AuditDao;
import crisis.core.common.ErrorFacts;
import crisis.core.consulate.ConsulateDao;
import crisis.core.country.CountryDao;
import crisis.core.crisis.db.CrisisDao;
import crisis.core.outreach.db.InboxDao;
import crisis.core.outreach.db.OutreachDao;
import crisis.core.outreach.db.SmsDao;
import crisis.core.places.PlaceDao;
import crisis.core.privacy.db.DataKeyDao;
import crisis.core.registry.db.ImportRunDao;
import crisis.core.registry.db.ImportStageDao;
import crisis.core.registry.db.RegistrationDao;
import crisis.core.registry.db.ZoneQueryDao;
import crisis.core.reintegration.db.ReintegrationDao;
import crisis.core.reintegration.db.ReintegrationReportDao;
import crisis.core.repatriation.db.EvacuationDao;
import crisis.core.repatriation.db.GateDao;
import crisis.core.repatriation.db.LegDao;
import crisis.core.repatriation.remains.RemainsDao;
import crisis.core.users.SessionDao;
import crisis.core.users.UserDao;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.extension.ExtensionFactory;
import org.jdbi.v3.core.extension.Extensions;
import org.jdbi.v3.core.statement.StatementExceptions;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jdbi.v3.sqlobject.SqlObjectFactory;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/** Adds what every Jdbi of this system needs, however it was created (plain, or by Dropwizard). */
public final class Jdbis {
  /** The SQL objects of this module, read once by {@link #configure}. */
  static final List<Class<?>> SQL_OBJECTS = List.of(AuditDao.class, ConsulateDao.class, CountryDao.class,
      CrisisDao.class, InboxDao.class, OutreachDao.class, SmsDao.class, PlaceDao.class, ImportRunDao.class,
      crisis.core.registry.db.ImportMappingDao.class, ImportStageDao.class, RegistrationDao.class, ZoneQueryDao.class,
      ReintegrationDao.class,
      ReintegrationReportDao.class, EvacuationDao.class, GateDao.class, LegDao.class, RemainsDao.class,
      SessionDao.class, UserDao.class, SchemaDao.class, OnceDao.class, DataKeyDao.class,
      crisis.core.retention.db.PurgeLockDao.class, crisis.core.registry.db.RetentionDao.class,
      crisis.core.outreach.db.RetentionDao.class, crisis.core.repatriation.db.RetentionDao.class,
      crisis.core.reintegration.db.RetentionDao.class, crisis.core.citizen.db.PhoneProofDao.class,
      crisis.core.citizen.db.SmsDialogueDao.class);

  private Jdbis() {}

  /**
   * Runs {@code job} once across the deployment's instances started together: under the session lock {@code name}
   * ({@link OnceDao}), held on a handle of its own for the job's length. The job must look whether it is still to be
   * done once it holds the lock.
   */
  public static <T> T once(Jdbi jdbi, String name, java.util.function.Supplier<T> job) {
    try (org.jdbi.v3.core.Handle h = jdbi.open()) {
      OnceDao dao = h.attach(OnceDao.class);
      dao.lock(name);
      try {
        return job.get();
      } finally {
        dao.unlock(name);
      }
    }
  }

  public static Jdbi configure(Jdbi jdbi) {
    jdbi.installPlugin(new SqlObjectPlugin()).installPlugin(new PostgresPlugin());
    // A statement's error names its SQL object method and PostgreSQL's primary message, never its bound values
    // (JDBI's default quotes them all: phones, names, SMS bodies) nor the server's detail (the clashing row).
    jdbi.getConfig(StatementExceptions.class).setMessageRendering(ErrorFacts::statementMessage);
    return prepare(jdbi, SQL_OBJECTS);
  }

  /**
   * Reads each SQL object's declaration (its methods, statements, binders and mappers) into the Jdbi's own
   * configuration, which every handle copies. Unprepared, the declaration is read again by the first attach on each
   * handle, that is in each transaction: 3 to 4 ms for the larger DAOs, a sixth of a 10 km zone search.
   */
  public static Jdbi prepare(Jdbi jdbi, List<Class<?>> sqlObjects) {
    Extensions extensions = jdbi.getConfig(Extensions.class);
    ExtensionFactory factory = extensions.findFactory(SqlObjectFactory.class)
        .orElseThrow(() -> new IllegalStateException("the SQL object plugin is not installed"));
    sqlObjects.forEach(type -> extensions.findMetadata(type, factory));
    return jdbi;
  }
}
