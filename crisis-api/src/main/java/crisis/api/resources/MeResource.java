package crisis.api.resources;

import crisis.core.access.Actor;
import crisis.api.api.WhoAmI;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Who the caller is: role, consulate and the countries it may see. */
@Path("/api/v1/me")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "users")
@SecurityRequirement(name = "basic")
public class MeResource {
  @GET
  @PermitAll
  @Operation(summary = "The authenticated user")
  public WhoAmI me(@Parameter(hidden = true) @Context Actor actor) {
    var a = actor;
    return new WhoAmI(a.username(), a.role().name(), a.consulateId(), a.jurisdiction());
  }
}
