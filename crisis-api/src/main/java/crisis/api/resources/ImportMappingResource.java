package crisis.api.resources;

import crisis.api.api.MappingRequest;
import crisis.core.access.Actor;
import crisis.core.common.ValidationException;
import crisis.core.registry.importing.ColumnMapping;
import crisis.core.registry.importing.ImportMappings;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * The column mappings a consulate keeps for its own files: the headers the import does not know, each mapped once to
 * a column of the format or left out ("ignore"), under a name; an import, its preview and its refused rows name one
 * with {@code ?mapping=}.
 */
@Path("/api/v1/registrations/import/mappings")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "registrations")
@SecurityRequirement(name = "basic")
public class ImportMappingResource {
  private final ImportMappings mappings;

  public ImportMappingResource(ImportMappings mappings) {
    this.mappings = mappings;
  }

  @GET
  @RolesAllowed({RegistrationResource.OFFICER, RegistrationResource.CELL})
  @Operation(summary = "The column mappings a consulate keeps, the last saved first")
  public List<ColumnMapping> list(@Parameter(hidden = true) @Context Actor actor,
      @Parameter(description = "the consulate (default: an officer's own)") @QueryParam("consulate")
      String consulate) {
    return mappings.list(actor, consulate);
  }

  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({RegistrationResource.OFFICER, RegistrationResource.CELL})
  @Operation(summary = "Keep a column mapping under its name (replacing the consulate's mapping of that name)",
      description = "columns: each header as the file writes it, and the column of the format it is read as "
          + "(docs/csv-format.md), or 'ignore' to leave it out. A header is matched without case, accents or "
          + "punctuation; no header or column twice.")
  public ColumnMapping save(@Parameter(hidden = true) @Context Actor actor, MappingRequest body) {
    if (body == null) {
      throw new ValidationException("body", "is required");
    }
    return mappings.save(actor, body.consulate(), body.name(), body.columns());
  }

  @DELETE
  @RolesAllowed({RegistrationResource.OFFICER, RegistrationResource.CELL})
  @Operation(summary = "Forget a column mapping")
  public Response delete(@Parameter(hidden = true) @Context Actor actor,
      @Parameter(description = "the consulate (default: an officer's own)") @QueryParam("consulate")
      String consulate,
      @Parameter(description = "the mapping's name") @QueryParam("name") String name) {
    mappings.delete(actor, consulate, name);
    return Response.noContent().build();
  }
}
