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
  public boolean migrateOnStart() {
    return migrateOnStart;
  }
}
