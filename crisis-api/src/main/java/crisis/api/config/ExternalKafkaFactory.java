package crisis.api.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.validation.ValidationMethod;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code kafka.type: external}: a Kafka cluster run elsewhere (production), reached at {@code bootstrapServers}. A
 * cluster on another host is reached only with {@code authentication} (SASL/SCRAM, over TLS unless told otherwise):
 * the topics hold people's coordinates and a record written to {@code alerts} is an SMS sent.
 */
public class ExternalKafkaFactory extends KafkaFactory {
  private static final Set<String> LOCAL_HOSTS = Set.of("127.0.0.1", "localhost", "[::1]");

  /** host:port[,host:port...]. */
  @NotBlank(message = "is required for kafka.type external: set CRISIS_KAFKA_BOOTSTRAP (host:port[,host:port...])")
  @JsonProperty
  public String bootstrapServers;

  /** The application's SASL/SCRAM identity; may be left out only for a broker on this host. */
  @Valid
  @JsonProperty
  public Authentication authentication;

  /** SASL/SCRAM, the mechanism production clusters run with per-principal ACLs. */
  public static class Authentication {
    public enum Mechanism {
      SCRAM_SHA_512("SCRAM-SHA-512"), SCRAM_SHA_256("SCRAM-SHA-256");

      final String kafkaName;

      Mechanism(String kafkaName) {
        this.kafkaName = kafkaName;
      }
    }

    @NotNull
    @JsonProperty
    public Mechanism mechanism = Mechanism.SCRAM_SHA_512;

    @NotBlank(message = "is required: set CRISIS_KAFKA_USER")
    @JsonProperty
    public String username;

    @NotBlank(message = "is required: set CRISIS_KAFKA_PASSWORD")
    @JsonProperty
    public String password;

    /** SASL_SSL (true) or SASL_PLAINTEXT (false: only inside a network that encrypts by itself). */
    @JsonProperty
    public boolean tls = true;

    /** A PKCS12 or JKS trust store for the brokers' certificates; unset: the JVM's own trust store. */
    @JsonProperty
    public String truststore;

    @JsonProperty
    public String truststorePassword;

    Map<String, String> clientProperties() {
      Map<String, String> m = new HashMap<>(crisis.alerts.kafka.Sasl.scramClient(tls ? "SASL_SSL" : "SASL_PLAINTEXT",
          mechanism.kafkaName, username, password));
      if (tls && truststore != null && !truststore.isBlank()) {
        m.put("ssl.truststore.location", truststore);
        if (truststorePassword != null && !truststorePassword.isEmpty()) {
          m.put("ssl.truststore.password", truststorePassword);
        }
      }
      return m;
    }
  }

  /** Checked by {@code check} and at start: no unauthenticated connection to a broker on another host. */
  @ValidationMethod(message = "kafka.authentication (SASL/SCRAM) is required for brokers not on this host: set "
      + "CRISIS_KAFKA_USER and CRISIS_KAFKA_PASSWORD")
  @JsonIgnore
  public boolean isAuthenticatedUnlessLocal() {
    return authentication != null || bootstrapServers == null || bootstrapServers.isBlank()
        || Arrays.stream(bootstrapServers.split(",")).map(String::strip)
            .allMatch(s -> LOCAL_HOSTS.contains(s.substring(0, Math.max(0, s.lastIndexOf(':')))));
  }

  @Override
  public Optional<String> principal() {
    return Optional.ofNullable(authentication).map(a -> "User:" + a.username);
  }

  @Override
  public Optional<String> configuredBootstrapServers() {
    return Optional.ofNullable(bootstrapServers);
  }

  @Override
  protected Map<String, String> clientProperties() {
    Map<String, String> m = new HashMap<>(properties);
    if (authentication != null) {
      m.putAll(authentication.clientProperties());
    }
    return m;
  }

  @Override
  public Broker broker() {
    String servers = bootstrapServers;
    return new Broker() {
      @Override
      public String bootstrapServers() {
        return servers;
      }

      @Override
      public void close() {
        // Nothing was started here.
      }
    };
  }
}
