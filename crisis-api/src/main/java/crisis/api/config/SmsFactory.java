package crisis.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import crisis.alerts.outreach.DeliveryReports;
import crisis.alerts.outreach.Inbox;
import crisis.alerts.outreach.OutreachSettings;
import crisis.alerts.sms.SmsGateway;
import crisis.core.outreach.Sender;
import crisis.core.outreach.SenderPlan;
import io.dropwizard.lifecycle.setup.LifecycleEnvironment;
import io.dropwizard.util.Duration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * SMS and voice, chosen in YAML with {@code sms.type}: {@code simulator} (the embedded default: nothing leaves the
 * machine) or {@code twilio}. What both share: the senders, the dispatcher's pace and retries, the escalation.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = SimulatorSmsFactory.class, name = "simulator"),
    @JsonSubTypes.Type(value = TwilioSmsFactory.class, name = "twilio")})
public abstract class SmsFactory {
  @Valid
  @NotEmpty
  @JsonProperty
  public List<SenderConfig> senders = List.of(new SenderConfig());

  @Min(1)
  @Max(1000)
  @JsonProperty
  public int workers = 32;

  @NotNull
  @JsonProperty
  public Duration householdWindow = Duration.seconds(2);

  @NotNull
  @JsonProperty
  public Duration inFlightTimeout = Duration.seconds(60);

  @NotNull
  @JsonProperty
  public Duration lookupDelay = Duration.seconds(5);

  @Min(1)
  @Max(100)
  @JsonProperty
  public int maxAttempts = 12;

  @NotNull
  @JsonProperty
  public Duration retryBase = Duration.seconds(2);

  @NotNull
  @JsonProperty
  public Duration retryMax = Duration.minutes(5);

  @NotNull
  @JsonProperty
  public Duration reminderAfter = Duration.minutes(30);

  @NotNull
  @JsonProperty
  public Duration callAfter = Duration.minutes(30);

  @NotNull
  @JsonProperty
  public Duration escalationEvery = Duration.seconds(30);

  /** One sender: where SMS to some countries leave from. */
  public static class SenderConfig {
    @NotNull
    @Pattern(regexp = "[A-Za-z0-9-]{1,40}")
    @JsonProperty
    public String name = "world";

    /** A number (E.164), an alphanumeric sender ID, or a Messaging Service SID (MG...). */
    @NotNull
    @JsonProperty
    public String from = "CONSULATE";

    /** ISO alpha-2 destination countries; "*" for every other one. */
    @NotEmpty
    @JsonProperty
    public Set<String> countries = Set.of("*");

    @NotNull
    @JsonProperty
    public Sender.Kind kind = Sender.Kind.ALPHANUMERIC;

    /** Segments per second; unset: the kind's default (long code 1, international 10, short code 100). */
    @JsonProperty
    public Double segmentsPerSecond;

    /** The number calls leave from (E.164); unset: no voice calls from this sender. */
    @JsonProperty
    public String voiceFrom;

    /** What one SMS segment costs through this sender, a decimal in {@code sms.currency}; unset: no cost shown. */
    @jakarta.validation.constraints.Pattern(regexp = "[0-9]{1,6}(\\.[0-9]{1,6})?",
        message = "must be a decimal such as 0.0725")
    @JsonProperty
    public String pricePerSegment;
  }

  /** The currency of the senders' prices (ISO 4217). */
  @NotNull
  @jakarta.validation.constraints.Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as EUR")
  @JsonProperty
  public String currency = "EUR";

  /** The gateway and the resource through which its delivery reports and replies come back. */
  public record Connection(SmsGateway gateway, Object inboundResource) {}

  /**
   * Builds the gateway, registers what it must stop with the server, and the resource that feeds delivery reports
   * to {@code reports} and replies to {@code inbox}.
   */
  public abstract Connection build(Clock clock, DeliveryReports reports, Inbox inbox, LifecycleEnvironment lifecycle,
      crisis.core.audit.AuditTrail audit, org.jdbi.v3.core.Jdbi jdbi);

  /** Where the gateway sends delivery reports for each SMS, or null when it reports by itself. */
  protected abstract String statusCallback();

  public SenderPlan plan() {
    SenderPlan plan = new SenderPlan(senders.stream().map(s -> Sender.of(s.name, s.from, s.countries, s.kind,
        s.segmentsPerSecond, blank(s.voiceFrom) ? null : s.voiceFrom)).toList());
    java.util.Map<String, java.math.BigDecimal> prices = new java.util.HashMap<>();
    for (SenderConfig s : senders) {
      if (!blank(s.pricePerSegment)) {
        prices.put(s.name, new java.math.BigDecimal(s.pricePerSegment));
      }
    }
    return prices.isEmpty() ? plan : plan.withPrices(prices, currency);
  }

  public OutreachSettings settings() {
    return new OutreachSettings(plan(), statusCallback(), workers, householdWindow.toJavaDuration(),
        inFlightTimeout.toJavaDuration(), lookupDelay.toJavaDuration(), maxAttempts, retryBase.toJavaDuration(),
        retryMax.toJavaDuration(), reminderAfter.toJavaDuration(), callAfter.toJavaDuration(),
        escalationEvery.toJavaDuration());
  }

  static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
