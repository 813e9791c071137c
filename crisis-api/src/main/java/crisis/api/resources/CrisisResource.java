package crisis.api.resources;

import crisis.core.access.Actor;
import crisis.api.api.CrisisRequests;
import crisis.api.api.PageView;
import crisis.api.auth.UserPrincipal;
import crisis.core.common.Page;
import crisis.core.common.ValidationException;
import crisis.core.crisis.Crisis;
import crisis.core.crisis.CrisisChange;
import crisis.core.crisis.CrisisDraft;
import crisis.core.crisis.CrisisPreview;
import crisis.core.crisis.CrisisService;
import crisis.core.crisis.CrisisTally;
import crisis.core.crisis.Preview;
import crisis.core.outreach.OutreachService;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.UUID;

/**
 * Crises: the crisis cell declares one over zones with instructions in several languages, previews who it reaches
 * and what it costs, activates it (everyone inside is alerted once per message through the alert pipeline), adds
 * instructions, changes zones, watches the tally and closes it. Consular officers read.
 */
@Path("/api/v1/crises")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "crises")
@SecurityRequirement(name = "basic")
public class CrisisResource {
  static final String CELL = "CRISIS_CELL";
  static final String OFFICER = "CONSULAR_OFFICER";
  private final CrisisService crises;
  private final CrisisPreview preview;
  private final OutreachService outreach;

  public CrisisResource(CrisisService crises, CrisisPreview preview, OutreachService outreach) {
    this.crises = crises;
    this.preview = preview;
    this.outreach = outreach;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(CELL)
  @Operation(summary = "Declare a crisis (as a draft)",
      description = "title; type (ARMED_CONFLICT, CIVIL_UNREST, EARTHQUAKE, FLOOD, STORM, EPIDEMIC, HEAT, OTHER); "
          + "severity (ADVISORY, WARNING, SEVERE, EXTREME); zones: 1 to 20 of {label, geometry (GeoJSON)} or "
          + "{label, circle: {latitude, longitude, radiusKm}} or {label, country (ISO code)}; fallback: language "
          + "order for people whose language a message lacks (default ar, fr, en); messages: [{\"ar\": \"...\", "
          + "\"fr\": \"...\"}], each with a text in at least one fallback language. Nobody is alerted until "
          + "activation.")
  public Response create(@Parameter(hidden = true) @Context Actor actor, @Context UriInfo uri,
      CrisisDraft body) {
    Crisis c = crises.create(actor, body);
    return Response.created(uri.getAbsolutePathBuilder().path(c.id().toString()).build()).entity(c).build();
  }

  @GET
  @RolesAllowed({CELL, OFFICER})
  @Operation(summary = "Crises, newest first, optionally by status (DRAFT, ACTIVE, CLOSED)")
  public PageView<Crisis> list(@Parameter(hidden = true) @Context Actor actor,
      @QueryParam("status") String status, @QueryParam("offset") @DefaultValue("0") String offset,
      @QueryParam("limit") @DefaultValue("50") String limit) {
    Page<Crisis> p = crises.list(actor, status, Params.integer("offset", offset),
        Params.integer("limit", limit));
    return new PageView<>(p.items(), p.total(), p.offset(), p.limit());
  }

  @GET
  @Path("/{id}")
  @RolesAllowed({CELL, OFFICER})
  @Operation(summary = "A crisis with its zones and messages")
  public Crisis get(@Parameter(hidden = true) @Context Actor actor, @PathParam("id") UUID id) {
    return crises.get(actor, id);
  }

  @GET
  @Path("/{id}/history")
  @RolesAllowed({CELL, OFFICER})
  @Operation(summary = "Every change of a crisis: version, action, detail, who and when")
  public List<CrisisChange> history(@Parameter(hidden = true) @Context Actor actor,
      @PathParam("id") UUID id) {
    return crises.history(actor, id);
  }

  @GET
  @Path("/{id}/preview")
  @RolesAllowed(CELL)
  @Operation(summary = "Who the crisis reaches now and what each message costs",
      description = "Registrations and people (with household members) inside the zones, by language; for each "
          + "message and language, the language the text is sent in, GSM-7 or UCS-2, characters, segments per SMS "
          + "(160/153 and 70/67) and segments for everyone.")
  public Preview preview(@Parameter(hidden = true) @Context Actor actor, @PathParam("id") UUID id) {
    return preview.preview(actor, id);
  }

  @POST
  @Path("/{id}/activate")
  @RolesAllowed(CELL)
  @Operation(summary = "Activate: everyone inside the zones gets every message, once")
  public Crisis activate(@Parameter(hidden = true) @Context Actor actor, @PathParam("id") UUID id) {
    return crises.activate(actor, id);
  }

  @POST
  @Path("/{id}/messages")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(CELL)
  @Operation(summary = "A new instruction, {\"texts\": {\"ar\": \"...\", \"fr\": \"...\"}}; sent at once if active")
  public Response addMessage(@Parameter(hidden = true) @Context Actor actor, @Context UriInfo uri,
      @PathParam("id") UUID id, CrisisRequests.Message body) {
    if (body == null) {
      throw new ValidationException("body", "is required");
    }
    Crisis c = crises.addMessage(actor, id, body.texts());
    return Response.status(Response.Status.CREATED).entity(c).build();
  }

  @POST
  @Path("/{id}/messages/preview")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(CELL)
  @Operation(summary = "What a follow-up message would cost, nothing saved: the preview for {\"texts\": {...}}",
      description = "The crisis's reach now and, for the message as it would be added (the next number), each "
          + "language's text sent, encoding, segments, SMS, the senders' time and price; refused as adding it would be.")
  public Preview previewMessage(@Parameter(hidden = true) @Context Actor actor, @PathParam("id") UUID id,
      CrisisRequests.Message body) {
    if (body == null) {
      throw new ValidationException("body", "is required");
    }
    return preview.previewMessage(actor, id, body.texts());
  }

  @PUT
  @Path("/{id}/zones")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(CELL)
  @Operation(summary = "Replace the zones; newly covered people get every message so far, nobody twice")
  public Crisis zones(@Parameter(hidden = true) @Context Actor actor, @PathParam("id") UUID id,
      CrisisRequests.Zones body) {
    if (body == null) {
      throw new ValidationException("body", "is required");
    }
    return crises.replaceZones(actor, id, body.zones());
  }

  @POST
  @Path("/{id}/zones/preview")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(CELL)
  @Operation(summary = "What replacing the zones would do, nothing saved: the body of PUT /zones",
      description = "Registrations inside the new zones, newly inside, no longer inside; and what the change sends: "
          + "in an active crisis every message so far to the newcomers, in a draft the preview of the whole new "
          + "reach. Refused as the change would be; audited.")
  public crisis.core.crisis.ZoneChangePreview previewZones(@Parameter(hidden = true) @Context Actor actor,
      @PathParam("id") UUID id, CrisisRequests.Zones body) {
    if (body == null) {
      throw new ValidationException("body", "is required");
    }
    return preview.previewZones(actor, id, body.zones());
  }

  @POST
  @Path("/{id}/close")
  @RolesAllowed(CELL)
  @Operation(summary = "Close: nobody is alerted for this crisis any more; {\"reason\": \"...\"} is optional")
  public Crisis close(@Parameter(hidden = true) @Context Actor actor, @PathParam("id") UUID id,
      CrisisRequests.Close body) {
    return crises.close(actor, id, body == null ? null : body.reason());
  }

  /** Texts to measure, by language code. */
  public record Texts(java.util.Map<String, String> texts) {}

  @POST
  @Path("/segments")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(CELL)
  @Operation(summary = "How each text travels by SMS: encoding (GSM7 or UCS2), characters and segments",
      description = "What the console shows while a message is written; at most 10 texts of 1,600 characters.")
  public java.util.Map<String, crisis.core.crisis.SmsSegments.Count> segments(
      @Parameter(hidden = true) @Auth UserPrincipal user, Texts body) {
    if (body == null || body.texts() == null) {
      throw new ValidationException("texts", "is required: {\"fr\": \"...\"}");
    }
    if (body.texts().size() > 10) {
      throw new ValidationException("texts", "at most 10");
    }
    java.util.Map<String, crisis.core.crisis.SmsSegments.Count> out = new java.util.TreeMap<>();
    body.texts().forEach((language, text) -> {
      if (text == null || text.length() > crisis.core.crisis.CrisisInputs.MAX_TEXT) {
        throw new ValidationException("texts." + language, "must be a text of at most "
            + crisis.core.crisis.CrisisInputs.MAX_TEXT + " characters");
      }
      out.put(language, crisis.core.crisis.SmsSegments.of(text));
    });
    return out;
  }

  @GET
  @Path("/{id}/status")
  @RolesAllowed({CELL, OFFICER})
  @Operation(summary = "The live tally: people found inside, alerts emitted, alerts per message",
      description = "Kept by the alert pipeline; zeros until it has reported. Delivery and answers come with the "
          + "SMS gateway.")
  public CrisisTally status(@Parameter(hidden = true) @Context Actor actor,
      @PathParam("id") UUID id) {
    return crises.status(actor, id);
  }

  @GET
  @Path("/{id}/outreach")
  @RolesAllowed({CELL, OFFICER})
  @Operation(summary = "SMS and calls of a crisis: by state, by delivery status, failures by error code, answers "
      + "(safe, needs help), open assistance requests")
  public OutreachService.Summary outreach(@Parameter(hidden = true) @Context Actor actor,
      @PathParam("id") UUID id) {
    return outreach.summary(actor, id);
  }

  @GET
  @Path("/{id}/replies")
  @RolesAllowed(CELL)
  @Operation(summary = "What people answered, newest first, optionally one keyword (SAFE, HELP, STOP, START, OTHER)")
  public PageView<OutreachService.Reply> replies(@Parameter(hidden = true) @Context Actor actor,
      @PathParam("id") UUID id, @QueryParam("keyword") String keyword,
      @QueryParam("offset") @DefaultValue("0") String offset, @QueryParam("limit") @DefaultValue("50") String limit) {
    Page<OutreachService.Reply> p = outreach.replies(actor, id, keyword,
        Params.integer("offset", offset), Params.integer("limit", limit));
    return new PageView<>(p.items(), p.total(), p.offset(), p.limit());
  }
}
