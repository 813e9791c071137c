package crisis.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import crisis.api.CrisisApplication;
import io.dropwizard.configuration.ConfigurationValidationException;
import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.core.setup.Bootstrap;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.text.StringSubstitutor;
import org.apache.commons.text.lookup.StringLookupFactory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The shipped configurations read as {@code check CONFIG} reads them, with a made-up environment: a Twilio or external
 * Kafka configuration without its settings is refused with the setting's name.
 */
@Tag("fast")
class ConfigurationCheckTest {
  private static final Map<String, String> PRODUCTION_ENV = Map.ofEntries(
      Map.entry("CRISIS_KEY_ENCRYPTION_KEY", crisis.core.privacy.LocalKeyEncryptionKey.generate()),
      Map.entry("CRISIS_INDEX_KEY", crisis.core.privacy.LocalKeyEncryptionKey.generate()),
      Map.entry("CRISIS_DATABASE_URL", "jdbc:postgresql://db.internal:5432/crisis"),
      Map.entry("CRISIS_DATABASE_USER", "crisis"),
      Map.entry("CRISIS_KAFKA_BOOTSTRAP", "kafka-1.internal:9093"),
      Map.entry("CRISIS_KAFKA_USER", "crisis"),
      Map.entry("CRISIS_KAFKA_PASSWORD", "not-a-real-password"),
      Map.entry("TWILIO_ACCOUNT_SID", "AC00000000000000000000000000000000"),
      Map.entry("TWILIO_AUTH_TOKEN", "not-a-real-token"),
      Map.entry("CRISIS_PUBLIC_URL", "https://crisis.example.org"));

  @Test
  void productionWithEveryVariableIsAccepted() throws Exception {
    CrisisConfiguration c = read("production.yml", PRODUCTION_ENV);
    assertThat(c.getSms()).isInstanceOf(TwilioSmsFactory.class);
    assertThat(c.getKafka()).isInstanceOf(ExternalKafkaFactory.class);
    assertThat(c.getSms().settings().statusCallbackUrl()).isEqualTo("https://crisis.example.org/api/v1/twilio/status");
    // The evacuation priority written out in production.yml is the documented default, tier by tier.
    assertThat(c.getRepatriation().tiers).isEqualTo(crisis.core.repatriation.Priority.DEFAULT_TIERS);
  }

  @Test
  void twilioWithoutCredentialsIsRefusedNamingThem() {
    Map<String, String> env = new HashMap<>(PRODUCTION_ENV);
    env.remove("TWILIO_ACCOUNT_SID");
    env.remove("TWILIO_AUTH_TOKEN");
    assertThatThrownBy(() -> read("production.yml", env))
        .isInstanceOf(ConfigurationValidationException.class)
        .hasMessageContaining("sms.accountSid is required for sms.type twilio: set TWILIO_ACCOUNT_SID")
        .hasMessageContaining("sms.authToken is required for sms.type twilio: set TWILIO_AUTH_TOKEN")
        .hasMessageNotContaining("publicUrl");
  }

  @Test
  void productionWithoutThePersonalDataKeysIsRefusedNamingThemNeverQuotingThem() {
    Map<String, String> env = new HashMap<>(PRODUCTION_ENV);
    env.remove("CRISIS_INDEX_KEY");
    env.put("CRISIS_KEY_ENCRYPTION_KEY", "dG9vIHNob3J0");
    assertThatThrownBy(() -> read("production.yml", env))
        .isInstanceOf(ConfigurationValidationException.class)
        .hasMessageContaining("personalData.keyEncryptionKey and personalData.indexKey must each be 32 random bytes")
        .hasMessageContaining("CRISIS_KEY_ENCRYPTION_KEY").hasMessageNotContaining("dG9vIHNob3J0");
  }

  @Test
  void twilioWithoutPublicUrlIsRefused() {
    Map<String, String> env = new HashMap<>(PRODUCTION_ENV);
    env.remove("CRISIS_PUBLIC_URL");
    assertThatThrownBy(() -> read("production.yml", env))
        .hasMessageContaining("sms.publicUrl is required for sms.type twilio");
  }

  @Test
  void externalKafkaWithoutBootstrapServersIsRefused() {
    Map<String, String> env = new HashMap<>(PRODUCTION_ENV);
    env.remove("CRISIS_KAFKA_BOOTSTRAP");
    assertThatThrownBy(() -> read("production.yml", env))
        .hasMessageContaining("kafka.bootstrapServers is required for kafka.type external");
  }

  @Test
  void productionKafkaIsScramOverTls() throws Exception {
    var settings = read("production.yml", PRODUCTION_ENV).getKafka().settings("kafka-1.internal:9093");
    assertThat(settings.extra()).containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
        .containsEntry("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
            + "username=\"crisis\" password=\"not-a-real-password\";")
        .doesNotContainKey("ssl.truststore.location");
  }

  @Test
  void productionKafkaWithoutCredentialsIsRefused() {
    Map<String, String> env = new HashMap<>(PRODUCTION_ENV);
    env.remove("CRISIS_KAFKA_USER");
    env.remove("CRISIS_KAFKA_PASSWORD");
    assertThatThrownBy(() -> read("production.yml", env))
        .hasMessageContaining("kafka.authentication.username is required: set CRISIS_KAFKA_USER")
        .hasMessageContaining("kafka.authentication.password is required: set CRISIS_KAFKA_PASSWORD");
  }

  @Test
  void anUnauthenticatedBrokerOnlyOnThisHost() throws Exception {
    ExternalKafkaFactory kafka = new ExternalKafkaFactory();
    kafka.bootstrapServers = "127.0.0.1:9092,localhost:9093";
    assertThat(kafka.isAuthenticatedUnlessLocal()).isTrue();
    kafka.bootstrapServers = "127.0.0.1:9092,kafka-2.internal:9092";
    assertThat(kafka.isAuthenticatedUnlessLocal()).isFalse();
    kafka.bootstrapServers = "localhost.attacker.example:9092";
    assertThat(kafka.isAuthenticatedUnlessLocal()).isFalse();
    kafka.authentication = new ExternalKafkaFactory.Authentication();
    assertThat(kafka.isAuthenticatedUnlessLocal()).isTrue();
  }

  @Test
  void productionWithoutDatabaseUrlIsRefused() {
    Map<String, String> env = new HashMap<>(PRODUCTION_ENV);
    env.remove("CRISIS_DATABASE_URL");
    assertThatThrownBy(() -> read("production.yml", env))
        .hasMessageContaining("database.connection.url must be a jdbc:postgresql:// URL");
  }

  @Test
  void embeddedDefaultIsTheSimulatorAndTheEmbeddedBroker() throws Exception {
    CrisisConfiguration c = read("embedded.yml", Map.of());
    assertThat(c.getSms()).isInstanceOf(SimulatorSmsFactory.class);
    assertThat(c.getKafka()).isInstanceOf(EmbeddedKafkaFactory.class);
    assertThat(c.getSms().settings().statusCallbackUrl()).isNull();
  }

  private static CrisisConfiguration read(String file, Map<String, String> env) throws Exception {
    Bootstrap<CrisisConfiguration> bootstrap = new Bootstrap<>(new CrisisApplication());
    new CrisisApplication().initialize(bootstrap);
    StringSubstitutor substitutor = new StringSubstitutor(StringLookupFactory.INSTANCE.mapStringLookup(env));
    return new YamlConfigurationFactory<>(CrisisConfiguration.class, bootstrap.getValidatorFactory().getValidator(),
        bootstrap.getObjectMapper(), "dw")
        .build(new SubstitutingSourceProvider(new FileConfigurationSourceProvider(), substitutor), "../config/" + file);
  }
}
