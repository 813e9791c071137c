package crisis.api.resources;

import crisis.core.access.Actor;
import crisis.api.api.RegistrationView;
import crisis.api.api.SearchRequest;
import crisis.api.api.SearchView;
import crisis.core.common.ValidationException;
import crisis.core.geo.CountryBoundaries;
import crisis.core.geo.PolygonZone;
import crisis.core.geo.Zone;
import crisis.core.geo.ZoneInputs;
import crisis.core.geo.ZoneParser;
import crisis.core.registry.Language;
import crisis.core.registry.ResidenceType;
import crisis.core.registry.Vulnerability;
import crisis.core.registry.ZoneSearch;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Locale;

/** Who of ours is inside a zone. */
@Path("/api/v1/registrations/search")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "registrations")
@SecurityRequirement(name = "basic")
public class SearchResource {
  private final ZoneSearch search;
  private final ZoneParser zones;
  private final CountryBoundaries countries;

  public SearchResource(ZoneSearch search, ZoneParser zones, CountryBoundaries countries) {
    this.search = search;
    this.zones = zones;
    this.countries = countries;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({RegistrationResource.OFFICER, RegistrationResource.CELL})
  @Operation(summary = "Who of ours is inside this zone",
      description = "Give 'zone' (GeoJSON Polygon, MultiPolygon, Feature or FeatureCollection: the union of its "
          + "parts; holes respected; edges straight in longitude/latitude as RFC 7946 says), 'circle' {latitude, "
          + "longitude, radiusKm} or 'country' (ISO code; Natural Earth 1:50m boundaries). A part that crosses "
          + "itself is repaired and one without area left out, each named in 'warnings'; 'strict': true makes "
          + "them a 400. At most limits.maxZoneVertices positions (500,000 by default); a zone is covered in "
          + "bounded work, once per content (126,744 positions: about 3 s the first time, 1 s again). Answers the "
          + "total, counts by vulnerability and language, and a page of registrations, oldest first.")
  public SearchView search(@Parameter(hidden = true) @Context Actor actor, SearchRequest body) {
    if (body == null) {
      throw new ValidationException("body", "is required");
    }
    Zone zone = zone(body);
    ZoneSearch.Filter filter = new ZoneSearch.Filter(
        Params.constant("vulnerability", body.vulnerability(), Vulnerability.class),
        Params.constant("residenceType", body.residenceType(), ResidenceType.class), language(body.language()));
    ZoneSearch.Result r = search.search(actor, zone, filter,
        body.offset() == null ? 0 : body.offset(), body.limit() == null ? 50 : body.limit());
    return new SearchView(r.total(), r.byVulnerability(), r.byLanguage(),
        r.items().stream().map(RegistrationView::of).toList(), r.offset(), r.limit(),
        zone instanceof PolygonZone p ? p.warnings() : List.of());
  }

  /** The zone, covered (a zone that cannot be is a 400 naming its field). */
  private Zone zone(SearchRequest body) {
    ZoneInputs.requireOne(body, "zone", "zone", body.zone(), body.circle(), body.country());
    Zone zone;
    String field;
    if (body.zone() != null) {
      zone = zones.parse(body.zone(), "zone", Boolean.TRUE.equals(body.strict()));
      field = "zone";
    } else if (body.country() != null) {
      zone = ZoneInputs.country(countries, body.country(), "country");
      field = "country";
    } else {
      SearchRequest.Circle c = body.circle();
      zone = ZoneInputs.circle(c.latitude(), c.longitude(), c.radiusKm(), "circle");
      field = "circle";
    }
    ZoneInputs.covered(zone, field);
    return zone;
  }

  private static Language language(String code) {
    if (code == null || code.isBlank()) {
      return null;
    }
    try {
      return Language.fromCode(code.toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ValidationException("language", e.getMessage());
    }
  }
}
