package crisis.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import crisis.alerts.kafka.EmbeddedKafka;
import crisis.alerts.kafka.KafkaAccess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * {@code kafka.type: embedded}: a real KRaft broker in this process, listening on 127.0.0.1 only, its data under
 * {@code dataDirectory} (kept between runs, readable by this user alone) or thrown away at stop when that is unset.
 *
 * <p>With {@code secured: true} (the embedded default's configuration) the broker authenticates every connection
 * (SASL/SCRAM) and authorises every request: another local process cannot read the alerts or write a forged one.
 * Its credentials are generated at first start and kept in {@code credentialsFile} (mode 600): a super user that
 * only grants the ACLs, and the application's own user, which holds just what {@link KafkaAccess} lists.
 */
public class EmbeddedKafkaFactory extends KafkaFactory {
  private static final String ADMIN = "broker-admin";
  private static final String APP = "crisis-app";

  @JsonProperty
  public String dataDirectory;

  /** Whether the broker authenticates and authorises (SCRAM and ACLs), with credentials generated here. */
  @JsonProperty
  public boolean secured = false;

  /** Where the generated credentials are kept (mode 600); unset: {@code credentials} in {@code dataDirectory}. */
  @JsonProperty
  public String credentialsFile;

  /** The application's SCRAM credentials once the secured broker has started. */
  private Map<String, String> scram = Map.of();
  private volatile String started;

  /** Where the broker this factory started listens (null before): for tests and diagnostics. */
  public String startedBootstrapServers() {
    return started;
  }

  @Override
  public Broker broker() {
    Path data = dataDirectory == null ? null : Path.of(dataDirectory);
    if (data != null) {
      ownerOnly(data);
    }
    EmbeddedKafka kafka;
    if (secured) {
      boolean formattedUnsecured = data != null && !Files.exists(credentialsPath(data))
          && Files.exists(data.resolve("log").resolve("meta.properties"));
      Properties creds = credentials(data);
      String adminPassword = creds.getProperty(ADMIN);
      String appPassword = creds.getProperty(APP);
      if (formattedUnsecured) {
        addUsers(data, adminPassword, appPassword);
      }
      kafka = EmbeddedKafka.startSecured(data, new EmbeddedKafka.Security(ADMIN, adminPassword,
          Map.of(APP, appPassword)));
      Map<String, Object> admin = new HashMap<>(EmbeddedKafka.scramClient(ADMIN, adminPassword));
      admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
      try (Admin a = Admin.create(admin)) {
        a.createAcls(KafkaAccess.forApplication(applicationId, "User:" + APP)).all().get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        kafka.close();
        throw new IllegalStateException("interrupted while granting the application's ACLs", e);
      } catch (java.util.concurrent.ExecutionException e) {
        kafka.close();
        throw new IllegalStateException("cannot grant the application's ACLs on the embedded broker", e);
      }
      scram = EmbeddedKafka.scramClient(APP, appPassword);
    } else {
      kafka = EmbeddedKafka.start(data);
    }
    EmbeddedKafka broker = kafka;
    started = broker.bootstrapServers();
    return new Broker() {
      @Override
      public String bootstrapServers() {
        return broker.bootstrapServers();
      }

      @Override
      public void close() {
        broker.close();
      }
    };
  }

  @Override
  protected Map<String, String> clientProperties() {
    Map<String, String> out = new HashMap<>(properties);
    out.putAll(scram);
    return out;
  }

  @Override
  public java.util.Optional<String> principal() {
    return secured ? java.util.Optional.of("User:" + APP) : java.util.Optional.empty();
  }

  /**
   * A data directory an unsecured broker formatted (the embedded default before it was secured) holds no SCRAM users:
   * a secured start could not even sign the broker in to itself. It is started once unsecured, on this host only, to
   * add them; its topics and their data stay.
   */
  private static void addUsers(Path data, String adminPassword, String appPassword) {
    try (EmbeddedKafka plain = EmbeddedKafka.start(data);
        Admin admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
            plain.bootstrapServers()))) {
      org.apache.kafka.clients.admin.ScramCredentialInfo info = new org.apache.kafka.clients.admin.ScramCredentialInfo(
          org.apache.kafka.clients.admin.ScramMechanism.SCRAM_SHA_512, 8192);
      admin.alterUserScramCredentials(List.of(
          new org.apache.kafka.clients.admin.UserScramCredentialUpsertion(ADMIN, info, adminPassword),
          new org.apache.kafka.clients.admin.UserScramCredentialUpsertion(APP, info, appPassword))).all().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while adding the embedded Kafka broker's users", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("cannot add the embedded Kafka broker's users to its data directory", e);
    }
  }

  private Path credentialsPath(Path data) {
    return credentialsFile != null ? Path.of(credentialsFile) : data.resolve("credentials");
  }

  /**
   * The broker's credentials: read from the file, or generated and written with mode 600 at first start; a
   * throw-away broker gets fresh ones kept nowhere.
   */
  private Properties credentials(Path data) {
    Path file = credentialsFile != null ? Path.of(credentialsFile) : data == null ? null : credentialsPath(data);
    return GeneratedCredentials.readOrMake(file, "the embedded Kafka broker's SCRAM users", ADMIN, APP);
  }

  /** The broker's files are this user's alone (Kafka writes them readable by everyone otherwise). */
  private static void ownerOnly(Path directory) {
    try {
      Files.createDirectories(directory);
      Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the Kafka data directory " + directory, e);
    }
  }
}
