package crisis.api.resources;

import crisis.api.api.PageView;
import crisis.api.api.RegistrationView;
import crisis.core.access.Actor;
import crisis.core.common.Page;
import crisis.core.registry.PendingRegistrations;
import crisis.core.registry.Registration;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;

/**
 * The registrations citizens declared themselves, pending their consulate's confirmation (issue 34): an officer's
 * queue of their own consulate's, the crisis cell's of all. Reading the queue is audited.
 */
@Path("/api/v1/registrations/pending")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "registrations")
@SecurityRequirement(name = "basic")
public class PendingRegistrationResource {
  private final PendingRegistrations pending;

  public PendingRegistrationResource(PendingRegistrations pending) {
    this.pending = pending;
  }

  @GET
  @RolesAllowed({RegistrationResource.OFFICER, RegistrationResource.CELL})
  @Operation(summary = "Declarations pending confirmation, oldest first (an officer's own consulate's)")
  public PageView<RegistrationView> list(@Parameter(hidden = true) @Context Actor actor,
      @QueryParam("offset") @DefaultValue("0") String offset,
      @QueryParam("limit") @DefaultValue("50") String limit) {
    Page<Registration> page = pending.list(actor, Params.integer("offset", offset), Params.integer("limit", limit));
    return new PageView<>(page.items().stream().map(RegistrationView::of).toList(), page.total(), page.offset(),
        page.limit());
  }

  @POST
  @Path("/{id}/confirm")
  @RolesAllowed({RegistrationResource.OFFICER, RegistrationResource.CELL})
  @Operation(summary = "Confirm a citizen's declaration: it stays as declared and leaves the queue (409 when not "
      + "pending)")
  public RegistrationView confirm(@Parameter(hidden = true) @Context Actor actor, @PathParam("id") UUID id) {
    return RegistrationView.of(pending.confirm(actor, id));
  }
}
