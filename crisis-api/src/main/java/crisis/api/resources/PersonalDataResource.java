package crisis.api.resources;

import crisis.api.api.SubjectRequest;
import crisis.core.access.Actor;
import crisis.core.retention.CopyPdf;
import crisis.core.retention.SubjectRights;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.UUID;

/**
 * A person's rights over their data (docs/data-protection.md): their copy, as JSON or as a PDF in French or Arabic,
 * and the erasure of everything held on them. An officer acts on a request they verified, named by its reference in
 * the body (never in the address), in their jurisdiction only (another's person is a 404); the crisis cell for
 * anyone. Rectification is the registration's edit ({@code PUT /api/v1/registrations/{id}}), which keeps the history.
 */
@Path("/api/v1/registrations/{id}/personal-data")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "personal data")
@SecurityRequirement(name = "basic")
public class PersonalDataResource {
  private final SubjectRights rights;

  public PersonalDataResource(SubjectRights rights) {
    this.rights = rights;
  }

  @POST
  @Path("/copy")
  @RolesAllowed({RegistrationResource.OFFICER, RegistrationResource.CELL})
  @Operation(summary = "A person's copy of everything held on them",
      description = "Every owner's tables that hold something on the person (registration, its history and consents,"
          + " SMS and calls, replies, requests for help, evacuations, remains and reintegration cases, who read the"
          + " registration), sealed values opened. Body: {\"request\": reference}. Audited.")
  public SubjectRights.Copy copy(@Parameter(hidden = true) @Context Actor actor, @PathParam("id") UUID id,
      SubjectRequest body) {
    return rights.copy(actor, id, body == null ? null : body.request());
  }

  @POST
  @Path("/copy.pdf")
  @Produces({"application/pdf", MediaType.APPLICATION_JSON})
  @RolesAllowed({RegistrationResource.OFFICER, RegistrationResource.CELL})
  @Operation(summary = "A person's copy as a PDF in French or Arabic",
      description = "Body: {\"request\": reference, \"language\": \"fr\" or \"ar\"}. Audited.")
  public Response copyPdf(@Parameter(hidden = true) @Context Actor actor, @PathParam("id") UUID id,
      SubjectRequest body) {
    String language = body == null ? null : body.language();
    if (language == null || !CopyPdf.LANGUAGES.contains(language)) {
      throw new crisis.core.common.ValidationException("language", "a copy is written in fr or ar");
    }
    byte[] pdf = CopyPdf.render(rights.copy(actor, id, body.request()), language);
    return Response.ok(pdf, "application/pdf")
        .header("Content-Disposition", "attachment; filename=\"copy-" + id + "-" + language + ".pdf\"").build();
  }

  @POST
  @Path("/erasure")
  @RolesAllowed({RegistrationResource.OFFICER, RegistrationResource.CELL})
  @Operation(summary = "Erase everything held on a person",
      description = "409 'hold' naming the legal hold (an active crisis that reached them, an open request for help,"
          + " an evacuation, a remains or reintegration case) while one stands. Body: {\"request\": reference}. The"
          + " rows deleted, by table. Audited with the id and the reference only.")
  public Map<String, Object> erase(@Parameter(hidden = true) @Context Actor actor, @PathParam("id") UUID id,
      SubjectRequest body) {
    return Map.of("removed", rights.erase(actor, id, body == null ? null : body.request()));
  }
}
