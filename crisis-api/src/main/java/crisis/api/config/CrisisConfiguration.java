package crisis.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.core.Configuration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/** The whole configuration; see {@code config/*.yml} for the three standard ones. */
public class CrisisConfiguration extends Configuration {
  @Valid
  @NotNull
  @JsonProperty
  private DatabaseFactory database = new EmbeddedDatabaseFactory();

  @Valid
  @NotNull
  @JsonProperty
  private DemoSettings demo = new DemoSettings();

  @Valid
  @NotNull
  @JsonProperty
  private Limits limits = new Limits();

  @Valid
  @NotNull
  @JsonProperty
  private KafkaFactory kafka = new EmbeddedKafkaFactory();

  @Valid
  @NotNull
  @JsonProperty
  private SmsFactory sms = new SimulatorSmsFactory();

  /** The keys that seal the most sensitive personal fields at rest. */
  @Valid
  @NotNull
  @JsonProperty
  private PersonalDataKeysFactory personalData = new GeneratedKeysFactory();

  public PersonalDataKeysFactory getPersonalData() {
    return personalData;
  }

  /** How long personal data is kept, and how often the purge runs. */
  @Valid
  @NotNull
  @JsonProperty
  private RetentionConfig retention = new RetentionConfig();

  public RetentionConfig getRetention() {
    return retention;
  }

  /** How the server leaves a load balancer's rotation on stop. */
  @Valid
  @NotNull
  @JsonProperty
  private ReadinessSettings readiness = new ReadinessSettings();

  public ReadinessSettings getReadiness() {
    return readiness;
  }

  /** Who gets evacuation seats first. */
  @Valid
  @NotNull
  @JsonProperty
  private RepatriationConfig repatriation = new RepatriationConfig();

  public RepatriationConfig getRepatriation() {
    return repatriation;
  }

  /** The web console's sessions. */
  @Valid
  @NotNull
  @JsonProperty
  private ConsoleSettings console = new ConsoleSettings();

  public ConsoleSettings getConsole() {
    return console;
  }

  /** When reintegration check-ins fall due, and when unanswered referrals remind the case worker. */
  @Valid
  @NotNull
  @JsonProperty
  private ReintegrationConfig reintegration = new ReintegrationConfig();

  public ReintegrationConfig getReintegration() {
    return reintegration;
  }

  /** The citizen's page, which the SMS links to one's own records point at. */
  @Valid
  @NotNull
  @JsonProperty
  private CitizenSettings citizen = new CitizenSettings();

  public CitizenSettings getCitizen() {
    return citizen;
  }

  /** The back-off after failed sign-ins, per address and per account. */
  @Valid
  @NotNull
  @JsonProperty
  private LoginThrottleSettings loginThrottle = new LoginThrottleSettings();

  public LoginThrottleSettings getLoginThrottle() {
    return loginThrottle;
  }

  /** How long a checked password is trusted before bcrypt runs again, as a Caffeine spec. */
  @NotNull
  @JsonProperty
  private String authenticationCachePolicy = "maximumSize=1000, expireAfterWrite=5m";

  public DatabaseFactory getDatabase() {
    return database;
  }

  public DemoSettings getDemo() {
    return demo;
  }

  public Limits getLimits() {
    return limits;
  }

  public KafkaFactory getKafka() {
    return kafka;
  }

  public SmsFactory getSms() {
    return sms;
  }

  public String getAuthenticationCachePolicy() {
    return authenticationCachePolicy;
  }
}
