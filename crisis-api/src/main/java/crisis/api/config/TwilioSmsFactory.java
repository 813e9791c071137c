package crisis.api.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import crisis.alerts.outreach.DeliveryReports;
import crisis.alerts.outreach.Inbox;
import crisis.alerts.sms.TwilioGateway;
import crisis.api.resources.TwilioWebhookResource;
import io.dropwizard.lifecycle.setup.LifecycleEnvironment;
import io.dropwizard.validation.ValidationMethod;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;

/**
 * {@code sms.type: twilio}: SMS and calls through Twilio's official SDK. The credentials come from the environment
 * only (TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN substituted into the YAML), never from a file; {@code check CONFIG}
 * refuses a configuration without them.
 */
public class TwilioSmsFactory extends SmsFactory {
  @NotBlank(message = "is required for sms.type twilio: set TWILIO_ACCOUNT_SID in the environment")
  @JsonProperty
  public String accountSid;

  @NotBlank(message = "is required for sms.type twilio: set TWILIO_AUTH_TOKEN in the environment")
  @JsonProperty
  public String authToken;

  /** Twilio's API; a proxy in front of it, or a local stand-in in tests. Unset: the SDK's own hosts. */
  @Pattern(regexp = "https?://.+", message = "must be an http(s) URL")
  @JsonProperty
  public String apiBase;

  /**
   * This system's public address as Twilio sees it (https://crisis.example.org, behind the proxy): status callbacks
   * are sent to it, and webhook signatures are checked against it.
   */
  @NotBlank(message = "is required for sms.type twilio (CRISIS_PUBLIC_URL): Twilio's callbacks are addressed to it "
      + "and signed for it")
  @Pattern(regexp = "https?://.+", message = "must be an http(s) URL")
  @JsonProperty
  public String publicUrl;

  @Min(100)
  @JsonProperty
  public long timeoutMs = 10_000;

  @ValidationMethod(message = "sms.inFlightTimeout must be longer than sms.timeoutMs: an attempt is looked up only "
      + "once its request cannot still be answered")
  @JsonIgnore
  public boolean isInFlightTimeoutLongerThanRequests() {
    return inFlightTimeout == null || inFlightTimeout.toMilliseconds() > timeoutMs;
  }

  @Override
  public Connection build(Clock clock, DeliveryReports reports, Inbox inbox, LifecycleEnvironment lifecycle,
      crisis.core.audit.AuditTrail audit, org.jdbi.v3.core.Jdbi jdbi) {
    TwilioGateway gateway = new TwilioGateway(accountSid, authToken, blank(apiBase) ? null : URI.create(apiBase),
        Duration.ofMillis(timeoutMs));
    return new Connection(gateway, new TwilioWebhookResource(authToken, publicBase(), reports, inbox));
  }

  @Override
  protected String statusCallback() {
    return publicBase() + "/api/v1/twilio/status";
  }

  /** The public URL without a trailing slash. */
  private String publicBase() {
    return publicUrl.replaceAll("/+$", "");
  }
}
