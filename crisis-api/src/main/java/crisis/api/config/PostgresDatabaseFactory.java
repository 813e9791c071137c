package crisis.api.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.validation.ValidationMethod;
import io.dropwizard.db.DataSourceFactory;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/** A PostgreSQL server named by URL, user and password (take the password from the environment). */
public class PostgresDatabaseFactory implements DatabaseFactory {
  @Valid
  @NotNull
  @JsonProperty
  private DataSourceFactory connection = new DataSourceFactory();

  @JsonProperty
  private boolean migrateOnStart = false;

  /**
   * The role that migrates the schema (its owner), when the server's ({@code connection.user}) is another one, as
   * it should be: the server's role is a member of {@code crisis_server} (SECURITY.md). Unset: the server's.
   */
  @JsonProperty
  private String migrationUser;

  @JsonProperty
  private String migrationPassword;

  @ValidationMethod(message = "database.connection.url must be a jdbc:postgresql:// URL (CRISIS_DATABASE_URL)")
  @JsonIgnore
  public boolean isUrlPostgresql() {
    return connection == null || connection.getUrl() != null && connection.getUrl().startsWith("jdbc:postgresql://");
  }

  @Override
  public DataSourceFactory dataSourceFactory() {
    if (connection.getDriverClass() == null) {
      connection.setDriverClass("org.postgresql.Driver");
    }
    return connection;
  }

  @Override
  public DataSourceFactory migrationDataSourceFactory() {
    DataSourceFactory server = dataSourceFactory();
    if (migrationUser == null || migrationUser.isBlank()) {
      return server;
    }
    DataSourceFactory f = new DataSourceFactory();
    f.setDriverClass(server.getDriverClass());
    f.setUrl(server.getUrl());
    f.setUser(migrationUser);
    f.setPassword(migrationPassword);
    f.setProperties(server.getProperties());
    f.setMaxSize(2);
    f.setMinSize(1);
    f.setInitialSize(1);
    return f;
  }

  @Override
  public boolean migrateOnStart() {
    return migrateOnStart;
  }
}
