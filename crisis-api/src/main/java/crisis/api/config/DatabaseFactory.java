package crisis.api.config;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.dropwizard.db.DataSourceFactory;
import io.dropwizard.jackson.Discoverable;

/**
 * Where the data lives, chosen in YAML with {@code database.type}: {@code embedded} starts real PostgreSQL binaries
 * in-process (the default for development), {@code postgresql} connects to a server.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = EmbeddedDatabaseFactory.class, name = "embedded"),
    @JsonSubTypes.Type(value = PostgresDatabaseFactory.class, name = "postgresql")})
public interface DatabaseFactory extends Discoverable {

  /** The pool settings to connect with; an embedded server is started on first call. */
  DataSourceFactory dataSourceFactory();

  /**
   * The pool settings of the role that migrates the schema and so owns it (the server's role may not change the schema
   * or the audit trail); the server's own when none is set apart.
   */
  default DataSourceFactory migrationDataSourceFactory() {
    return dataSourceFactory();
  }

  /** Whether the schema is migrated when the server starts (otherwise run {@code db migrate}). */
  boolean migrateOnStart();
}
