package crisis.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import crisis.alerts.outreach.OutreachSettings;
import crisis.alerts.sms.SimulatorGateway;
import crisis.alerts.sms.SmsGateway;
import crisis.alerts.sms.TwilioGateway;
import crisis.core.outreach.Sender;
import crisis.core.outreach.SenderPlan;
import io.dropwizard.util.Duration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * SMS and voice: {@code type: simulator} (the embedded default: nothing leaves the machine, a tester reads and
 * answers through {@code /api/v1/simulator}) or {@code type: twilio}. Twilio's credentials come from the
 * environment only (TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, substituted into the YAML), never from a file.
 */
public class SmsFactory {
  @NotNull
  @Pattern(regexp = "simulator|twilio", message = "must be 'simulator' or 'twilio'")
  @JsonProperty
  public String type = "simulator";

  @JsonProperty
  public String accountSid;

  @JsonProperty
  public String authToken;

  /** Twilio's API; a proxy in front of it, or a local stand-in in tests. Unset: the SDK's own hosts. */
  @JsonProperty
  public String apiBase;

  /**
   * This system's public address as Twilio sees it (https://crisis.example.org, behind the proxy): status callbacks
   * are sent to it, and webhook signatures are checked against it.
   */
  @JsonProperty
  public String publicUrl;

  @Min(100)
  @JsonProperty
  public long timeoutMs = 10_000;

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

  /** SMS the simulator keeps for reading. */
  @Min(100)
  @JsonProperty
  public int simulatorCapacity = 10_000;

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
  }

  public boolean simulator() {
    return "simulator".equals(type);
  }

  public SenderPlan plan() {
    return new SenderPlan(senders.stream().map(s -> Sender.of(s.name, s.from, s.countries, s.kind,
        s.segmentsPerSecond, blank(s.voiceFrom) ? null : s.voiceFrom)).toList());
  }

  public SmsGateway gateway(Clock clock) {
    if (simulator()) {
      return new SimulatorGateway(simulatorCapacity, clock);
    }
    if (blank(accountSid) || blank(authToken)) {
      throw new IllegalStateException("sms.type twilio needs TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN in the "
          + "environment");
    }
    if (blank(publicUrl)) {
      throw new IllegalStateException("sms.type twilio needs sms.publicUrl (CRISIS_PUBLIC_URL): Twilio's callbacks "
          + "are addressed to it and signed for it");
    }
    return new TwilioGateway(accountSid, authToken, blank(apiBase) ? null : URI.create(apiBase),
        java.time.Duration.ofMillis(timeoutMs));
  }

  /** The public URL without a trailing slash, or null. */
  public String publicBase() {
    return blank(publicUrl) ? null : publicUrl.replaceAll("/+$", "");
  }

  public OutreachSettings settings() {
    if (inFlightTimeout.toMilliseconds() <= timeoutMs) {
      throw new IllegalStateException("sms.inFlightTimeout must be longer than sms.timeoutMs: an attempt is looked "
          + "up only once its request cannot still be answered");
    }
    String callback = simulator() || publicBase() == null ? null : publicBase() + "/api/v1/twilio/status";
    return new OutreachSettings(plan(), callback, workers, householdWindow.toJavaDuration(),
        inFlightTimeout.toJavaDuration(), lookupDelay.toJavaDuration(), maxAttempts, retryBase.toJavaDuration(),
        retryMax.toJavaDuration(), reminderAfter.toJavaDuration(), callAfter.toJavaDuration(),
        escalationEvery.toJavaDuration());
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
