package crisis.api.resources;

import crisis.core.access.Actor;
import crisis.core.consulate.Consulate;
import crisis.core.consulate.ConsulateService;
import crisis.core.common.ValidationException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;

/** Consulates and the countries of their jurisdiction; administrators change them. */
@Path("/api/v1/consulates")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "consulates")
@SecurityRequirement(name = "basic")
public class ConsulateResource {
  private final ConsulateService consulates;

  public ConsulateResource(ConsulateService consulates) {
    this.consulates = consulates;
  }

  @GET
  @PermitAll
  @Operation(summary = "Every consulate with its jurisdiction")
  public List<Consulate> list() {
    return consulates.list();
  }

  @GET
  @Path("/{id}")
  @PermitAll
  @Operation(summary = "One consulate")
  public Consulate get(@PathParam("id") String id) {
    return consulates.get(id);
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed("ADMIN")
  @Operation(summary = "Create a consulate (administrator)")
  public Response create(@Parameter(hidden = true) @Context Actor actor, @Context UriInfo uri,
      Consulate body) {
    Consulate c = consulates.create(actor, body);
    return Response.created(uri.getAbsolutePathBuilder().path(c.id()).build()).entity(c).build();
  }

  @PUT
  @Path("/{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed("ADMIN")
  @Operation(summary = "Change a consulate and its jurisdiction (administrator)")
  public Consulate update(@Parameter(hidden = true) @Context Actor actor,
      @PathParam("id") String id, Consulate body) {
    if (body == null) {
      throw new ValidationException("body", "is required");
    }
    return consulates.update(actor, id, body);
  }
}
