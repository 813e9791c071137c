package crisis.api.resources;

import crisis.core.access.Actor;
import crisis.core.audit.AuditEvent;
import crisis.core.audit.AuditTrail;
import crisis.core.registry.RegistrationService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;

/** The audit trail of personal data: who read or changed which registration, when and from where. */
@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "audit")
@SecurityRequirement(name = "basic")
public class AuditResource {
  private final AuditTrail audit;
  private final RegistrationService registrations;

  public AuditResource(AuditTrail audit, RegistrationService registrations) {
    this.audit = audit;
    this.registrations = registrations;
  }

  @GET
  @RolesAllowed("ADMIN")
  @Operation(summary = "Audit events, newest first (administrator)")
  public List<AuditEvent> find(@Parameter(hidden = true) @Context Actor actor,
      @Parameter(description = "events touching this registration") @QueryParam("registrationId") String registration,
      @Parameter(description = "events of this user") @QueryParam("actor") String who,
      @Parameter(description = "ISO-8601 instant, inclusive") @QueryParam("from") String from,
      @Parameter(description = "ISO-8601 instant, exclusive") @QueryParam("to") String to,
      @QueryParam("offset") @DefaultValue("0") String offset,
      @QueryParam("limit") @DefaultValue("100") String limit) {
    UUID id = Params.uuid("registrationId", registration, "a registration id");
    return audit.find(actor, id, registrations.importRunsOf(actor, id), who, Params.instant("from", from), Params.instant("to", to),
        Params.integer("limit", limit), Params.integer("offset", offset));
  }
}
