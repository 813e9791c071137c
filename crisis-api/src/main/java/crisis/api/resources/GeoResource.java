package crisis.api.resources;

import crisis.core.access.Actor;
import crisis.api.auth.UserPrincipal;
import crisis.core.common.MalformedInputException;
import crisis.core.geo.BaseMap;
import crisis.core.geo.PlaceLabels;
import crisis.core.registry.DensityMap;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** For maps: the base map (countries, place names) and how many of ours live where, by H3 cell; no personal data. */
@Path("/api/v1/geo")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "geo")
@SecurityRequirement(name = "basic")
public class GeoResource {
  private final DensityMap density;
  private final BaseMap baseMap;
  private final PlaceLabels labels;

  public GeoResource(DensityMap density, BaseMap baseMap, PlaceLabels labels) {
    this.density = density;
    this.baseMap = baseMap;
    this.labels = labels;
  }

  @GET
  @Path("/countries")
  @Produces({"application/geo+json", MediaType.APPLICATION_JSON})
  @RolesAllowed({RegistrationResource.OFFICER, RegistrationResource.CELL})
  @Operation(summary = "Every country's outline, simplified (the console's base map; public Natural Earth data)")
  public Response countries(@Parameter(hidden = true) @Auth UserPrincipal user) {
    CacheControl cache = new CacheControl();
    cache.setPrivate(true);
    cache.setMaxAge(86_400);
    return Response.ok(baseMap.geojson()).cacheControl(cache).build();
  }

  @GET
  @Path("/places")
  @RolesAllowed({RegistrationResource.OFFICER, RegistrationResource.CELL})
  @Operation(summary = "The base map's place names in a box at a zoom: capitals and large towns (public GeoNames data)",
      description = "At most " + PlaceLabels.MAX + ", capitals then the most populous, none written over another at "
          + "that zoom; each with its name in Latin letters, its Arabic name where known (else null), centre, "
          + "country, population and whether it is a capital. Towns of 100,000 or more from zoom 6, fewer below.")
  public Response places(@Parameter(hidden = true) @Auth UserPrincipal user,
      @Parameter(description = "west,south,east,north in degrees; west > east crosses the antimeridian")
      @QueryParam("bbox") String bbox,
      @Parameter(description = "the map's zoom, 0..22") @QueryParam("zoom") String zoom) {
    double[] b = box(bbox);
    int z = Params.integer("zoom", zoom);
    if (z < 0 || z > 22) {
      throw new MalformedInputException("zoom", "must be between 0 and 22");
    }
    CacheControl cache = new CacheControl();
    cache.setPrivate(true);
    cache.setMaxAge(86_400);
    return Response.ok(labels.inView(b[0], b[1], b[2], b[3], z)).cacheControl(cache).build();
  }

  @GET
  @Path("/density")
  @RolesAllowed({RegistrationResource.OFFICER, RegistrationResource.CELL})
  @Operation(summary = "Registrations counted by H3 cell in a box (no personal data)")
  public List<DensityMap.CellCount> density(@Parameter(hidden = true) @Context Actor actor,
      @Parameter(description = "west,south,east,north in degrees; west > east crosses the antimeridian")
      @QueryParam("bbox") String bbox,
      @Parameter(description = "H3 resolution 0..9") @QueryParam("resolution") @DefaultValue("6") String resolution) {
    double[] b = box(bbox);
    return density.count(actor, b[0], b[1], b[2], b[3], Params.integer("resolution", resolution));
  }

  /** A box west,south,east,north in degrees, each a number; where it lies is the caller's to check. */
  private static double[] box(String bbox) {
    if (bbox == null) {
      throw new MalformedInputException("bbox", "is required: west,south,east,north");
    }
    String[] parts = bbox.split(",");
    if (parts.length != 4) {
      throw new MalformedInputException("bbox", "must be four numbers: west,south,east,north");
    }
    double[] b = new double[4];
    for (int i = 0; i < 4; i++) {
      try {
        b[i] = crisis.core.common.Decimal.parse(parts[i]);
      } catch (NumberFormatException e) {
        throw new MalformedInputException("bbox", "must be four numbers: west,south,east,north");
      }
    }
    return b;
  }
}
