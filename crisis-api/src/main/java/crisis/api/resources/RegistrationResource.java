package crisis.api.resources;

import crisis.core.access.Actor;
import crisis.api.api.ArchiveRequest;
import crisis.api.api.MergeRequest;
import crisis.api.api.PageView;
import crisis.api.api.RegistrationView;
import crisis.core.common.Page;
import crisis.core.common.ValidationException;
import crisis.core.registry.Registration;
import crisis.core.registry.RegistrationChange;
import crisis.core.registry.RegistrationData;
import crisis.core.registry.RegistrationFilter;
import crisis.core.registry.RegistrationService;
import crisis.core.registry.RegistrationStatus;
import crisis.core.registry.ResidenceType;
import crisis.core.registry.Vulnerability;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Registrations of nationals abroad. Consular officers see and change their jurisdiction only (anything else is a
 * 404 to them); the crisis cell sees everyone. Updates need the version read last, in {@code If-Match}.
 */
@Path("/api/v1/registrations")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "registrations")
@SecurityRequirement(name = "basic")
public class RegistrationResource {
  static final String OFFICER = "CONSULAR_OFFICER";
  static final String CELL = "CRISIS_CELL";

  private final RegistrationService registrations;

  public RegistrationResource(RegistrationService registrations) {
    this.registrations = registrations;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({OFFICER, CELL})
  @Operation(summary = "Register a national", description = "201 with the record; 409 'duplicate' naming the "
      + "existing record when the national ID, passport, or phone with name and birth date is already registered.")
  public Response create(@Parameter(hidden = true) @Context Actor actor, @Context UriInfo uri,
      RegistrationData body) {
    Registration r = registrations.create(actor, body);
    return Response.created(uri.getAbsolutePathBuilder().path(r.id().toString()).build())
        .tag(etag(r)).entity(RegistrationView.of(r)).build();
  }

  @GET
  @RolesAllowed({OFFICER, CELL})
  @Operation(summary = "List registrations", description = "Filtered and paged, oldest first.")
  public PageView<RegistrationView> list(@Parameter(hidden = true) @Context Actor actor,
      @Parameter(description = "ISO 3166-1 alpha-2 country of residence") @QueryParam("country") String country,
      @QueryParam("consulate") String consulate,
      @Parameter(description = "RESIDENT or TEMPORARY") @QueryParam("residenceType") String residenceType,
      @Parameter(description = "one vulnerability flag") @QueryParam("vulnerability") String vulnerability,
      @Parameter(description = "ACTIVE (default), ARCHIVED or MERGED") @QueryParam("status") String status,
      @QueryParam("offset") @DefaultValue("0") String offset,
      @QueryParam("limit") @DefaultValue("50") String limit) {
    RegistrationFilter filter = new RegistrationFilter(
        country == null ? null : country.strip().toUpperCase(Locale.ROOT),
        consulate == null ? null : consulate.strip().toLowerCase(Locale.ROOT),
        name(Params.constant("residenceType", residenceType, ResidenceType.class)),
        name(Params.constant("vulnerability", vulnerability, Vulnerability.class)),
        status == null ? RegistrationStatus.ACTIVE.name()
            : name(Params.constant("status", status, RegistrationStatus.class)));
    Page<Registration> page = registrations.list(actor, filter, Params.integer("offset", offset),
        Params.integer("limit", limit));
    return new PageView<>(page.items().stream().map(RegistrationView::of).toList(), page.total(), page.offset(),
        page.limit());
  }

  /** A search for people by what identifies them: in a body, so that no name or number is ever in a URL. */
  public record Lookup(String q, Integer offset, Integer limit) {}

  @POST
  @Path("/lookup")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({OFFICER, CELL})
  @Operation(summary = "Find registrations by part of a name or a whole number",
      description = "{q: part of a name in Latin or Arabic script (any case), or a whole phone, passport or national "
          + "id number; offset; limit}: active registrations within the caller's jurisdiction, oldest first. A "
          + "POST so that the name or number never appears in a URL.")
  public PageView<RegistrationView> lookup(@Parameter(hidden = true) @Context Actor actor, Lookup body) {
    String q = body == null ? null : query(body.q());
    if (q == null) {
      throw new crisis.core.common.ValidationException("q", "is required: part of a name, or a whole number");
    }
    Page<Registration> page = registrations.list(actor,
        new RegistrationFilter(null, null, null, null, RegistrationStatus.ACTIVE.name(), q),
        body.offset() == null ? 0 : body.offset(), body.limit() == null ? 50 : body.limit());
    return new PageView<>(page.items().stream().map(RegistrationView::of).toList(), page.total(), page.offset(),
        page.limit());
  }

  /** The search text, stripped; at most 100 characters; none when blank. */
  private static String query(String q) {
    if (q == null || q.isBlank()) {
      return null;
    }
    String s = q.strip();
    if (s.length() > 100) {
      throw new crisis.core.common.ValidationException("q", "must be at most 100 characters");
    }
    return s;
  }

  @GET
  @Path("/{id}")
  @RolesAllowed({OFFICER, CELL})
  @Operation(summary = "Read one registration", description = "The ETag is the version to send in If-Match.")
  public Response get(@Parameter(hidden = true) @Context Actor actor, @PathParam("id") UUID id) {
    Registration r = registrations.get(actor, id);
    return Response.ok(RegistrationView.of(r)).tag(etag(r)).build();
  }

  @PUT
  @Path("/{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({OFFICER, CELL})
  @Operation(summary = "Replace a registration's content",
      description = "Needs If-Match with the version read (428 without it, 409 when it is stale).")
  public Response update(@Parameter(hidden = true) @Context Actor actor, @PathParam("id") UUID id,
      @Parameter(description = "the version read, e.g. \"3\"") @HeaderParam("If-Match") String ifMatch,
      RegistrationData body) {
    Registration r = registrations.update(actor, id, Params.version(ifMatch), body);
    return Response.ok(RegistrationView.of(r)).tag(etag(r)).build();
  }

  @POST
  @Path("/{id}/archive")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({OFFICER, CELL})
  @Operation(summary = "Archive a registration", description = "It stays with its history but is no longer "
      + "listed or alerted.")
  public RegistrationView archive(@Parameter(hidden = true) @Context Actor actor,
      @PathParam("id") UUID id, ArchiveRequest body) {
    return RegistrationView.of(registrations.archive(actor, id, body == null ? null : body.reason()));
  }

  @POST
  @Path("/{id}/merge")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({OFFICER, CELL})
  @Operation(summary = "Merge a duplicate into this registration", description = "The duplicate becomes MERGED "
      + "and points here; this record's history then includes the duplicate's.")
  public RegistrationView merge(@Parameter(hidden = true) @Context Actor actor,
      @PathParam("id") UUID id, MergeRequest body) {
    if (body == null || body.duplicateId() == null) {
      throw new ValidationException("duplicateId", "is required");
    }
    return RegistrationView.of(registrations.merge(actor, id, body.duplicateId()));
  }

  @GET
  @Path("/{id}/history")
  @RolesAllowed({OFFICER, CELL})
  @Operation(summary = "Who changed what and when, including merged records")
  public List<RegistrationChange> history(@Parameter(hidden = true) @Context Actor actor,
      @PathParam("id") UUID id) {
    return registrations.history(actor, id);
  }

  private static EntityTag etag(Registration r) {
    return new EntityTag(Integer.toString(r.version()));
  }

  private static String name(Enum<?> e) {
    return e == null ? null : e.name();
  }
}
