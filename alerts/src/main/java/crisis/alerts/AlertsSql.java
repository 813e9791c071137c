package crisis.alerts;

import crisis.alerts.outbox.OutboxDao;
import crisis.alerts.outreach.InboxDao;
import crisis.alerts.outreach.SmsDao;
import crisis.alerts.sms.SimulatorDao;
import crisis.core.db.Jdbis;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * The SQL objects of the alerts module, read once into a Jdbi's own configuration ({@link Jdbis#prepare}) by every
 * class of the module that attaches one: unprepared, each transaction would read the declaration again.
 */
public final class AlertsSql {
  static final List<Class<?>> SQL_OBJECTS = List.of(InboxDao.class, OutboxDao.class, SmsDao.class,
      SimulatorDao.class);

  private AlertsSql() {}

  /** The same Jdbi, with the module's SQL objects read into it (again is harmless: they are read once). */
  public static Jdbi prepare(Jdbi jdbi) {
    return Jdbis.prepare(jdbi, SQL_OBJECTS);
  }
}
