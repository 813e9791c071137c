package crisis.api.alerts;

import static crisis.core.testing.Samples.at;
import static crisis.core.testing.Samples.parisian;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import crisis.alerts.kafka.EmbeddedKafka;
import crisis.alerts.kafka.KafkaAccess;
import crisis.alerts.kafka.Topics;
import crisis.alerts.pipeline.Alert;
import crisis.api.AppFixture;
import crisis.api.CrisisApplication;
import crisis.api.config.CrisisConfiguration;
import crisis.core.access.Role;
import crisis.core.common.Json;
import crisis.core.registry.importing.CsvFormat;
import crisis.core.testing.Samples;
import crisis.core.testing.TestDatabase;
import crisis.core.users.UserService;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Production's Kafka, in this JVM: a broker that authenticates every client with SASL/SCRAM and allows nothing
 * without an ACL. The application, signed in with its own principal and given exactly {@link KafkaAccess}'s ACLs,
 * alerts as it does on the embedded default; a client without credentials, with a wrong password or with another
 * principal reads no registration and writes no alert.
 */
@Tag("kafka")
class SecuredKafkaTest {
  private static final String APP_USER = "crisis";
  private static final String APP_PASSWORD = "app-" + UUID.randomUUID();
  private static final String OTHER_USER = "reporting";
  private static final String OTHER_PASSWORD = "other-" + UUID.randomUUID();
  private static final String ADMIN_PASSWORD = "admin-" + UUID.randomUUID();

  private static EmbeddedKafka kafka;
  private static TestDatabase db;
  private static DropwizardTestSupport<CrisisConfiguration> app;

  @BeforeAll
  static void start() throws Exception {
    kafka = EmbeddedKafka.startSecured(null, new EmbeddedKafka.Security("admin", ADMIN_PASSWORD,
        Map.of(APP_USER, APP_PASSWORD, OTHER_USER, OTHER_PASSWORD)));
    try (Admin admin = Admin.create(client("admin", ADMIN_PASSWORD))) {
      admin.createAcls(KafkaAccess.forApplication("crisis-alerts", "User:" + APP_USER)).all().get();
    }
    db = TestDatabase.create();
    Runtime.getRuntime().addShutdownHook(new Thread(db::drop));
    Samples.consulates(db.jdbi());
    new UserService(db.jdbi()).add("cell", AppFixture.PASSWORD.toCharArray(), Role.CRISIS_CELL, null);
    app = new DropwizardTestSupport<>(CrisisApplication.class, "../config/test.yml",
        ConfigOverride.config("database.connection.url", db.urlWithoutParameters()),
        ConfigOverride.config("database.connection.user", db.serverUser()),
        ConfigOverride.config("kafka.type", "external"),
        ConfigOverride.config("kafka.bootstrapServers", kafka.bootstrapServers()),
        ConfigOverride.config("kafka.stateDirectory", Files.createTempDirectory("secured-streams").toString()),
        ConfigOverride.config("kafka.authentication.username", APP_USER),
        ConfigOverride.config("kafka.authentication.password", APP_PASSWORD),
        ConfigOverride.config("kafka.authentication.tls", "false"));
    app.before();
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.after();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  private static Map<String, Object> client(String user, String password) {
    Map<String, Object> m = new HashMap<>(EmbeddedKafka.scramClient(user, password));
    m.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    return m;
  }

  @Test
  void theApplicationAlertsThroughAnAuthenticatedAndAuthorisedBroker() {
    Client http = ClientBuilder.newClient();
    try {
      String base = "http://127.0.0.1:" + app.getLocalPort();
      String csv = CsvFormat.header() + "\n" + CsvFormat.write(at(parisian(1), 48.8600, 2.3200));
      try (Response r = cell(http, base + "/api/v1/registrations/import").post(Entity.entity(csv, "text/csv"))) {
        assertThat(r.readEntity(String.class)).contains("\"created\":1");
      }
      UUID crisisId;
      try (Response r = cell(http, base + "/api/v1/crises").post(Entity.json("""
          {"title": "Unrest", "type": "CIVIL_UNREST", "severity": "SEVERE",
           "zones": [{"circle": {"latitude": 48.86, "longitude": 2.32, "radiusKm": 2}}],
           "messages": [{"fr": "Restez chez vous."}]}"""))) {
        String body = r.readEntity(String.class);
        assertThat(r.getStatus()).as(body).isEqualTo(201);
        crisisId = UUID.fromString((String) Json.read(body, Map.class).get("id"));
      }
      try (Response r = cell(http, base + "/api/v1/crises/" + crisisId + "/activate").post(Entity.json(""))) {
        assertThat(r.getStatus()).isEqualTo(200);
      }
      try (AlertsTopic topic = new AlertsTopic(kafka.bootstrapServers(),
          EmbeddedKafka.scramClient("admin", ADMIN_PASSWORD))) {
        List<Alert> alerts = topic.readUntil(a -> a.crisisId().equals(crisisId), l -> !l.isEmpty(),
            Duration.ofSeconds(90));
        UUID registered = db.jdbi().withHandle(h -> h.createQuery("SELECT id FROM registration")
            .mapTo(UUID.class).one());
        assertThat(alerts).extracting(Alert::registrationId).containsExactly(registered);
      }
    } finally {
      http.close();
    }
  }

  private static jakarta.ws.rs.client.Invocation.Builder cell(Client http, String url) {
    return http.target(url).request().header(HttpHeaders.AUTHORIZATION, "Basic " + Base64.getEncoder()
        .encodeToString(("cell:" + AppFixture.PASSWORD).getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void anotherPrincipalCanNeitherWriteAnAlertNorReadTheRegistry() {
    Map<String, Object> p = client(OTHER_USER, OTHER_PASSWORD);
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(),
        new StringSerializer())) {
      assertThatThrownBy(() -> producer.send(new ProducerRecord<>(Topics.ALERTS, "k", "{}")).get(20,
          TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(TopicAuthorizationException.class);
    }
    Map<String, Object> c = client(OTHER_USER, OTHER_PASSWORD);
    c.put(ConsumerConfig.GROUP_ID_CONFIG, "crisis-alerts-spy");
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(c, new StringDeserializer(),
        new StringDeserializer())) {
      consumer.subscribe(List.of(Topics.REGISTRATIONS));
      assertThatThrownBy(() -> {
        for (int i = 0; i < 50; i++) {
          consumer.poll(Duration.ofMillis(200));
        }
      }).isInstanceOfAny(TopicAuthorizationException.class,
          org.apache.kafka.common.errors.GroupAuthorizationException.class);
    }
  }

  @Test
  void aWrongPasswordIsRefused() {
    try (Admin admin = Admin.create(client(APP_USER, "not-the-password"))) {
      assertThatThrownBy(() -> admin.listTopics().names().get(20, TimeUnit.SECONDS))
          .hasCauseInstanceOf(SaslAuthenticationException.class);
    }
  }

  @Test
  void aClientWithoutCredentialsIsNotServed() {
    Map<String, Object> m = new HashMap<>();
    m.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    m.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
    m.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000);
    try (Admin admin = Admin.create(m)) {
      assertThatThrownBy(() -> admin.listTopics().names().get(20, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class);
    }
  }
}
