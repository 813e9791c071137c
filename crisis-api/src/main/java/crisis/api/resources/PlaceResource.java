package crisis.api.resources;

import crisis.core.access.Actor;
import crisis.api.api.PlaceRequest;
import crisis.core.common.ValidationException;
import crisis.core.places.Place;
import crisis.core.places.PlaceKind;
import crisis.core.places.PlaceService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;

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
  public Response create(@Parameter(hidden = true) @Context Actor actor, PlaceRequest body) {
    Place p = places.create(actor, input(body));
    return Response.status(Response.Status.CREATED).entity(p).build();
  }

  @GET
  @Path("/{id}")
  @RolesAllowed({RegistrationResource.OFFICER, RegistrationResource.CELL})
  @Operation(summary = "Read one place (an officer: of its jurisdiction)")
  public Place get(@Parameter(hidden = true) @Context Actor actor, @PathParam("id") UUID id) {
    return places.get(actor, id);
  }

  @PUT
  @Path("/{id}")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({RegistrationResource.OFFICER, RegistrationResource.CELL})
  @Operation(summary = "Correct a place: the whole place is sent again, checked as on creation")
  public Place update(@Parameter(hidden = true) @Context Actor actor, @PathParam("id") UUID id, PlaceRequest body) {
    return places.update(actor, id, input(body));
  }

  @DELETE
  @Path("/{id}")
  @RolesAllowed({RegistrationResource.OFFICER, RegistrationResource.CELL})
  @Operation(summary = "Remove a place")
  public Response delete(@Parameter(hidden = true) @Context Actor actor, @PathParam("id") UUID id) {
    places.delete(actor, id);
    return Response.noContent().build();
  }

  private static PlaceService.PlaceInput input(PlaceRequest body) {
    if (body == null) {
      throw new ValidationException("body", "is required");
    }
    return new PlaceService.PlaceInput(Params.requiredConstant("kind", body.kind(), PlaceKind.class), body.name(),
        body.latitude(), body.longitude(), body.country(), body.notes());
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
