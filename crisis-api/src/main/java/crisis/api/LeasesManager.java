package crisis.api;

import crisis.alerts.support.Leases;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.lifecycle.Managed;
import java.sql.DriverManager;
import java.util.Properties;

/**
 * The deployment's leases ({@link Leases}): which instance runs each job that must run once (a sender's pacer, the
 * SMS look-up, the escalation, the cell counts' fold, the gate clock, the reintegration clock). Managed before every
 * job that wants a lease, so it starts first and stops last: a job stops before its lease is given back.
 *
 * <p>The lease session is one connection of its own, opened with the server's URL, role and properties, never one of
 * the pool (a pooled connection goes back and its session outlives the job). A short socket timeout and TCP
 * keepalives make a lost server show within seconds.
 */
final class LeasesManager implements Managed {
  private final Leases leases;

  LeasesManager(DataSourceFactory server) {
    this.leases = new Leases(() -> DriverManager.getConnection(server.getUrl(), properties(server)));
  }

  static Properties properties(DataSourceFactory server) {
    Properties p = new Properties();
    p.putAll(server.getProperties());
    if (server.getUser() != null) {
      p.setProperty("user", server.getUser());
    }
    if (server.getPassword() != null) {
      p.setProperty("password", server.getPassword());
    }
    p.setProperty("ApplicationName", "crisis-leases");
    p.setProperty("connectTimeout", "5");
    p.setProperty("socketTimeout", "5");
    p.setProperty("tcpKeepAlive", "true");
    return p;
  }

  /** The leases, to be wanted by the jobs (before or after start). */
  Leases leases() {
    return leases;
  }

  @Override
  public void start() {
    leases.start();
  }

  @Override
  public void stop() {
    leases.close();
  }
}
