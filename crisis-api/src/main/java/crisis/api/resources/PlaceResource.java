package crisis.api.resources;

import crisis.api.api.PlaceRequest;
import crisis.api.auth.UserPrincipal;
import crisis.core.common.ValidationException;
import crisis.core.places.Place;
import crisis.core.places.PlaceKind;
import crisis.core.places.PlaceService;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** Assembly points and other places, and the nearest ones to a point. */
@Path("/api/v1/places")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "places")
@SecurityRequirement(name = "basic")
public class PlaceResource {
  private final PlaceService places;

  public PlaceResource(PlaceService places) {
    this.places = places;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({RegistrationResource.OFFICER, RegistrationResource.CELL})
  @Operation(summary = "Record a place (assembly point, consulate, airport, hospital, shelter)")
  public Response create(@Auth UserPrincipal user, PlaceRequest body) {
    if (body == null) {
      throw new ValidationException("body", "is required");
    }
    Place p = places.create(user.actor(), Params.requiredConstant("kind", body.kind(), PlaceKind.class), body.name(), body.latitude(), body.longitude(),
        body.country(), body.notes());
    return Response.status(Response.Status.CREATED).entity(p).build();
  }

  @GET
  @Path("/nearest")
  @PermitAll
  @Operation(summary = "The nearest places of a kind within a radius, nearest first, with their distance in km")
  public List<PlaceService.Nearby> nearest(
      @QueryParam("latitude") String latitude, @QueryParam("longitude") String longitude,
      @Parameter(description = "ASSEMBLY_POINT, CONSULATE, AIRPORT, HOSPITAL, SHELTER or OTHER")
      @QueryParam("kind") String kind,
      @Parameter(description = "how many, 1..100") @QueryParam("k") @DefaultValue("5") String k,
      @Parameter(description = "at most this far, km") @QueryParam("radiusKm") @DefaultValue("50") String radiusKm) {
    return places.nearest(Params.number("latitude", latitude), Params.number("longitude", longitude),
        Params.requiredConstant("kind", kind, PlaceKind.class), Params.integer("k", k),
        Params.number("radiusKm", radiusKm));
  }
}
