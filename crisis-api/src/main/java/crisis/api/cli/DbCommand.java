package crisis.api.cli;

import crisis.api.config.CrisisConfiguration;
import crisis.api.config.DataSources;
import crisis.core.db.Migrations;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.db.ManagedDataSource;
import net.sourceforge.argparse4j.inf.Namespace;

/**
 * Dropwizard's {@code db} commands ({@code migrate}, {@code status}, {@code rollback} ...) as its migrations bundle
 * gives them, on the schema owner's pool ({@link DataSources#migration}), each run under the migration's lock
 * ({@link Migrations#locked}): a {@code db migrate} and an instance migrating as it starts ({@code migrateOnStart})
 * never run Liquibase at the same time, whose own lock does not cover creating its tables.
 */
public final class DbCommand extends io.dropwizard.migrations.DbCommand<CrisisConfiguration> {
  public DbCommand() {
    super("db", DataSources::migration, CrisisConfiguration.class, Migrations.CHANGELOG);
  }

  @Override
  protected void run(Bootstrap<CrisisConfiguration> bootstrap, Namespace namespace, CrisisConfiguration c)
      throws Exception {
    DataSourceFactory factory = DataSources.migration(c);
    ManagedDataSource lockSource = factory.build(bootstrap.getMetricRegistry(), "migration-lock");
    try {
      Migrations.locked(lockSource, () -> Migrations.withKeys(lockSource, c.getPersonalData().keys(), () -> {
        try {
          super.run(bootstrap, namespace, c);
        } catch (Exception e) {
          throw e instanceof RuntimeException r ? r : new IllegalStateException(e.getMessage(), e);
        }
        return null;
      }));
    } finally {
      lockSource.stop();
    }
  }
}
