package crisis.core.db;

import java.sql.Connection;
import javax.sql.DataSource;
import liquibase.Liquibase;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;

/** Applies the schema changes of {@value #CHANGELOG}; the same file `db migrate` uses. */
public final class Migrations {
  public static final String CHANGELOG = "migrations.xml";

  private Migrations() {}

  /**
   * The ids of the change sets this release's change log holds (read from the class path, no database): a database
   * that lacks one of them is not migrated for this release.
   */
  public static java.util.Set<String> expected() {
    try {
      liquibase.resource.ResourceAccessor resources = new ClassLoaderResourceAccessor();
      liquibase.changelog.DatabaseChangeLog log = liquibase.parser.ChangeLogParserFactory.getInstance()
          .getParser(CHANGELOG, resources).parse(CHANGELOG, new liquibase.changelog.ChangeLogParameters(), resources);
      java.util.Set<String> ids = new java.util.TreeSet<>();
      log.getChangeSets().forEach(c -> ids.add(c.getId()));
      return ids;
    } catch (Exception e) {
      throw new IllegalStateException("cannot read the change log " + CHANGELOG + ": " + e.getMessage(), e);
    }
  }

  /**
   * Whether the database's schema is this release's: "ok", or why not (a migration running now, change sets not
   * applied). Reads Liquibase's own tables through {@link SchemaDao}.
   */
  public static String state(org.jdbi.v3.core.Jdbi jdbi, java.util.Set<String> expected) {
    return jdbi.withExtension(SchemaDao.class, dao -> {
      if (dao.migrating()) {
        return "migrating: another process holds the change log's lock";
      }
      java.util.Set<String> missing = new java.util.TreeSet<>(expected);
      missing.removeAll(dao.applied());
      return missing.isEmpty() ? "ok" : missing.size() + " change sets not applied (first: " + missing.iterator()
          .next() + "): run db migrate";
    });
  }

  /**
   * Migrates the database, once however many processes start on it together. Liquibase's own lock (its
   * {@code databasechangeloglock} table) serialises the change sets but not the creation of its tables: two instances
   * started at once on an empty database both create {@code databasechangelog}, and one fails ("relation already
   * exists", seen in the cluster test {@code EmptyDatabaseIT}). A session advisory lock ({@link Jdbis#once}) around
   * the whole migration closes that gap; the second process waits, then finds every change set applied.
   */
  public static void migrate(DataSource dataSource) {
    migrate(dataSource, null);
  }

  /**
   * The same, with the keys that seal personal data, for the steps that seal what an older release wrote in clear
   * (change set {@code 037-seal-identity-numbers}); null: a database that holds such values is not migrated.
   */
  public static void migrate(DataSource dataSource, crisis.core.privacy.PersonalDataKeys keys) {
    locked(dataSource, () -> {
      withKeys(dataSource, keys, () -> {
        migrateNow(dataSource);
        return null;
      });
      return null;
    });
  }

  /** Runs {@code migration} with a cipher of {@code keys} (on {@code dataSource}) known to the Java steps. */
  public static <T> T withKeys(DataSource dataSource, crisis.core.privacy.PersonalDataKeys keys,
      java.util.function.Supplier<T> migration) {
    crisis.core.privacy.FieldCipher cipher = keys == null ? null : keys.install(org.jdbi.v3.core.Jdbi
        .create(dataSource).installPlugin(new org.jdbi.v3.sqlobject.SqlObjectPlugin()), java.time.Clock.systemUTC());
    return crisis.core.privacy.FieldCipher.migratingWith(cipher, migration);
  }

  /**
   * Runs {@code job} under the migration's lock, taken on a connection of its own from {@code dataSource}: what the
   * server's {@code migrateOnStart} and the {@code db} commands share, so that a {@code db migrate} and an instance
   * starting never migrate at once either.
   */
  public static <T> T locked(DataSource dataSource, java.util.concurrent.Callable<T> job) {
    // Only the lock's SQL object: Jdbis.configure would read every DAO's declaration for one statement.
    org.jdbi.v3.core.Jdbi jdbi = org.jdbi.v3.core.Jdbi.create(dataSource)
        .installPlugin(new org.jdbi.v3.sqlobject.SqlObjectPlugin());
    return Jdbis.once(jdbi, "schema-migration", () -> {
      try {
        return job.call();
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException(e.getMessage(), e);
      }
    });
  }

  private static void migrateNow(DataSource dataSource) {
    try (Connection c = dataSource.getConnection()) {
      Database db = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
      try (Liquibase liquibase = new Liquibase(CHANGELOG, new ClassLoaderResourceAccessor(), db)) {
        liquibase.update("");
      }
    } catch (Exception e) {
      throw new IllegalStateException("database migration failed: " + e.getMessage(), e);
    }
  }
}
