package crisis.api.resources;

import com.twilio.security.RequestValidator;
import crisis.alerts.outreach.DeliveryReports;
import crisis.alerts.outreach.Inbox;
import crisis.core.common.PhoneNumbers;
import crisis.core.common.ValidationException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Twilio's webhooks: delivery status callbacks and inbound SMS, form-encoded. No user signs in here: each request
 * must carry a valid {@code X-Twilio-Signature}, computed by Twilio with the account's auth token over the public URL
 * it called (configured, since a proxy stands in front) and every form parameter. Anything else gets 403 before a
 * parameter is read, and changes nothing.
 */
@Path("/api/v1/twilio")
@Tag(name = "webhooks")
public class TwilioWebhookResource {
  private static final Logger LOG = LoggerFactory.getLogger(TwilioWebhookResource.class);
  private static final String EMPTY_TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>";

  private final RequestValidator validator;
  private final String publicBase;
  private final DeliveryReports reports;
  private final Inbox inbox;

  /** @param publicBase the public URL of this system, without a trailing slash */
  public TwilioWebhookResource(String authToken, String publicBase, DeliveryReports reports, Inbox inbox) {
    this.validator = new RequestValidator(authToken);
    this.publicBase = publicBase;
    this.reports = reports;
    this.inbox = inbox;
  }

  @POST
  @Path("/status")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Operation(summary = "Twilio status callback (signed): MessageSid, MessageStatus, ErrorCode")
  public Response status(@Context UriInfo uri, @HeaderParam("X-Twilio-Signature") String signature,
      MultivaluedMap<String, String> form) {
    Map<String, String> params = verify(uri, signature, form);
    String sid = messageSid(params);
    String status = required(params, "MessageStatus");
    Integer code = null;
    String rawCode = params.get("ErrorCode");
    if (rawCode != null && !rawCode.isBlank()) {
      try {
        code = Integer.valueOf(rawCode.strip());
      } catch (NumberFormatException e) {
        throw new ValidationException("ErrorCode", "must be a number");
      }
    }
    DeliveryReports.Outcome outcome;
    try {
      outcome = reports.report(sid, status, code);
    } catch (IllegalArgumentException e) {
      throw new ValidationException("MessageStatus", e.getMessage());
    }
    // Unknown yet: kept until the send is recorded (the callback overtook Twilio's answer).
    return Response.status(outcome == DeliveryReports.Outcome.EARLY ? 202 : 204).build();
  }

  @POST
  @Path("/inbound")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  @Operation(summary = "Twilio inbound SMS (signed): MessageSid, From, To, Body; answered with empty TwiML "
      + "(acknowledgements leave through the paced dispatcher)")
  public Response inbound(@Context UriInfo uri, @HeaderParam("X-Twilio-Signature") String signature,
      MultivaluedMap<String, String> form) {
    Map<String, String> params = verify(uri, signature, form);
    String sid = messageSid(params);
    PhoneNumbers.Result from = PhoneNumbers.any(required(params, "From"));
    if (!from.ok()) {
      throw new ValidationException("From", from.error());
    }
    // What a citizen wrote is kept whatever it holds: a NUL (which PostgreSQL text cannot store) becomes U+FFFD.
    String body = params.getOrDefault("Body", "").replace('\0', '\uFFFD');
    if (body.length() > 1600) {
      throw new ValidationException("Body", "is longer than an SMS can be (1600 characters)");
    }
    inbox.receive(sid, from.e164(), body);
    return Response.ok(EMPTY_TWIML, MediaType.APPLICATION_XML_TYPE).build();
  }

  private Map<String, String> verify(UriInfo uri, String signature, MultivaluedMap<String, String> form) {
    if (signature == null || signature.isBlank()) {
      throw forbidden("no X-Twilio-Signature");
    }
    Map<String, String> params = new HashMap<>();
    if (form != null) {
      for (Map.Entry<String, List<String>> e : form.entrySet()) {
        if (e.getValue().size() != 1) {
          throw forbidden("a repeated parameter");
        }
        params.put(e.getKey(), e.getValue().get(0));
      }
    }
    String query = uri.getRequestUri().getRawQuery();
    String url = publicBase + uri.getRequestUri().getRawPath() + (query == null ? "" : "?" + query);
    if (!validator.validate(url, params, signature)) {
      throw forbidden("a signature that does not match");
    }
    return params;
  }

  private static ForbiddenException forbidden(String what) {
    LOG.warn("refused a webhook call with {}", what);
    return new ForbiddenException(Response.status(403).type(MediaType.APPLICATION_JSON_TYPE)
        .entity(Map.of("error", "forbidden", "message", "the request is not signed by Twilio for this URL")).build());
  }

  /** Twilio's message ids are letters and digits ("SM" and 32 hexadecimal digits); nothing else is one. */
  private static String messageSid(Map<String, String> params) {
    String sid = required(params, "MessageSid");
    if (!MESSAGE_SID.matcher(sid).matches()) {
      throw new ValidationException("MessageSid", "is not a message id (letters, digits, - and _)");
    }
    return sid;
  }

  private static final java.util.regex.Pattern MESSAGE_SID = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{2,64}");

  private static String required(Map<String, String> params, String name) {
    String v = params.get(name);
    if (v == null || v.isBlank()) {
      throw new ValidationException(name, "is required");
    }
    if (v.indexOf('\0') >= 0) {
      throw new ValidationException(name, "must not contain the NUL character (U+0000)");
    }
    if (v.length() > 64) {
      throw new ValidationException(name, "is too long");
    }
    return v.strip();
  }
}
