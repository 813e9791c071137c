package crisis.benchmarks;

import crisis.core.consulate.ConsulateDao;
import crisis.core.db.Jdbis;
import crisis.core.db.Migrations;
import crisis.core.demo.DemoData;
import com.codahale.metrics.MetricRegistry;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.db.ManagedDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A fresh, migrated database with the demo consulates, created next to the configured one for a benchmark and
 * dropped when closed (unless kept). Its Jdbi draws on a connection pool, as the server's does: without one, every
 * transaction would start a PostgreSQL server process.
 */
final class ScratchDatabase implements AutoCloseable {
  private final String serverUrl;
  private final Properties props = new Properties();
  private final String name;
  private final boolean keep;
  final String url;
  final Jdbi jdbi;
  private final ManagedDataSource pool;

  /** The scratch database's name. */
  String name() {
    return name;
  }

  ScratchDatabase(DataSourceFactory dsf, String prefix, boolean keep) throws SQLException {
    this(dsf, prefix + System.currentTimeMillis(), keep, false);
  }

  /**
   * @param existing a database kept by an earlier run ({@code --keep}) to use again as it is: not created, migrated
   *     nor dropped
   */
  ScratchDatabase(DataSourceFactory dsf, String name, boolean keep, boolean existing) throws SQLException {
    this.serverUrl = dsf.getUrl();
    this.name = name;
    this.keep = keep || existing;
    this.url = serverUrl.replaceFirst("/[^/?]*(\\?|$)", "/" + name + "$1");
    if (dsf.getUser() != null) {
      props.setProperty("user", dsf.getUser());
    }
    if (dsf.getPassword() != null) {
      props.setProperty("password", dsf.getPassword());
    }
    if (!existing) {
      execute("CREATE DATABASE " + name + " ENCODING 'UTF8' TEMPLATE template0");
      PGSimpleDataSource ds = new PGSimpleDataSource();
      ds.setURL(url);
      ds.setUser(dsf.getUser());
      ds.setPassword(dsf.getPassword());
      Migrations.migrate(ds);
    }
    DataSourceFactory pooled = new DataSourceFactory();
    pooled.setDriverClass(dsf.getDriverClass());
    pooled.setUrl(url);
    pooled.setUser(dsf.getUser());
    pooled.setPassword(dsf.getPassword());
    pooled.setMaxSize(48);
    this.pool = pooled.build(new MetricRegistry(), name);
    this.jdbi = Jdbis.configure(Jdbi.create(pool));
    crisis.core.privacy.PersonalDataKeys.throwAway().install(jdbi, java.time.Clock.systemUTC());
    if (!existing) {
      jdbi.useExtension(ConsulateDao.class, dao -> DemoData.consulates().forEach(dao::insert));
    }
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection(url, props);
  }

  @Override
  public void close() throws SQLException {
    try {
      pool.stop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      throw new SQLException("cannot close the scratch database's pool", e);
    }
    if (!keep) {
      execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }
  }

  private void execute(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(serverUrl, props); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
