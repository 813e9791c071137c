package crisis.api.resources;

import crisis.core.access.Actor;
import crisis.api.api.RiskRequest;
import crisis.core.country.Country;
import crisis.core.country.CountryService;
import crisis.core.country.RiskChange;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** Countries, their names in English, French and Arabic, and their risk levels (1–4) with history. */
@Path("/api/v1/countries")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "countries")
@SecurityRequirement(name = "basic")
public class CountryResource {
  private final CountryService countries;

  public CountryResource(CountryService countries) {
    this.countries = countries;
  }

  @GET
  @PermitAll
  @Operation(summary = "Every country with its current risk level")
  public List<Country> list() {
    return countries.list();
  }

  @GET
  @Path("/{iso2}")
  @PermitAll
  @Operation(summary = "One country")
  public Country get(@PathParam("iso2") String iso2) {
    return countries.get(iso2);
  }

  @GET
  @Path("/{iso2}/risk")
  @PermitAll
  @Operation(summary = "The history of a country's risk level, newest first")
  public List<RiskChange> history(@PathParam("iso2") String iso2) {
    return countries.history(iso2);
  }

  @PUT
  @Path("/{iso2}/risk")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed("CRISIS_CELL")
  @Operation(summary = "Set a country's risk level (crisis cell)", description = "level 1 normal vigilance, "
      + "2 increased vigilance, 3 avoid non-essential travel, 4 leave the country; a reason is required.")
  public Country setRisk(@Parameter(hidden = true) @Context Actor actor,
      @PathParam("iso2") String iso2, RiskRequest body) {
    return countries.setRisk(actor, iso2, body == null ? null : body.level(),
        body == null ? null : body.reason());
  }
}
