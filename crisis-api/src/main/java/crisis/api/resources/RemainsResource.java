package crisis.api.resources;

import crisis.core.access.Actor;
import crisis.core.repatriation.remains.RemainsCase;
import crisis.core.repatriation.remains.RemainsCases;
import crisis.core.repatriation.remains.RemainsProgress;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;

/**
 * Repatriation of remains: cases of nationals who died abroad, their documents, transport, costs and status. An
 * officer sees its consulate's cases; changes need the version read in {@code If-Match} (the ETag).
 */
@Path("/api/v1/remains")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "repatriation")
@SecurityRequirement(name = "basic")
public class RemainsResource {
  private final RemainsCases cases;
  private final RemainsProgress progress;

  public RemainsResource(RemainsCases cases, RemainsProgress progress) {
    this.cases = cases;
    this.progress = progress;
  }

  public record DocumentRequest(String state, String reference) {}

  public record StatusRequest(String status) {}

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({CrisisResource.CELL, CrisisResource.OFFICER})
  @Operation(summary = "Open a case for a national who died abroad")
  public Response open(@Parameter(hidden = true) @Context Actor actor,
      RemainsCases.CaseInput body) {
    RemainsCase c = cases.open(actor, body);
    return Response.status(Response.Status.CREATED).tag(tag(c)).entity(c).build();
  }

  @GET
  @RolesAllowed({CrisisResource.CELL, CrisisResource.OFFICER})
  @Operation(summary = "Cases you may see, newest first")
  public List<RemainsCase> list(@Parameter(hidden = true) @Context Actor actor,
      @QueryParam("status") String status) {
    return cases.list(actor, Params.constant("status", status, RemainsCase.Status.class));
  }

  @GET
  @Path("/{id}")
  @RolesAllowed({CrisisResource.CELL, CrisisResource.OFFICER})
  @Operation(summary = "One case; its ETag is the version to send in If-Match")
  public Response get(@Parameter(hidden = true) @Context Actor actor,
      @PathParam("id") UUID id) {
    RemainsCase c = cases.get(actor, id);
    return Response.ok(c).tag(tag(c)).build();
  }

  @PUT
  @Path("/{id}/documents/{kind}")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({CrisisResource.CELL, CrisisResource.OFFICER})
  @Operation(summary = "A document's state: MISSING, REQUESTED, RECEIVED or ISSUED, with its reference")
  public Response document(@Parameter(hidden = true) @Context Actor actor,
      @PathParam("id") UUID id, @PathParam("kind") String kind, @HeaderParam("If-Match") String ifMatch,
      DocumentRequest body) {
    RemainsCase c = progress.setDocument(actor, id, Params.version(ifMatch),
        Params.requiredConstant("kind", kind, RemainsCase.DocumentKind.class),
        Params.requiredConstant("state", body == null ? null : body.state(), RemainsCase.DocumentState.class),
        body == null ? null : body.reference());
    return Response.ok(c).tag(tag(c)).build();
  }

  @PUT
  @Path("/{id}/transport")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({CrisisResource.CELL, CrisisResource.OFFICER})
  @Operation(summary = "How the remains travel: mode, carrier, reference, departure")
  public Response transport(@Parameter(hidden = true) @Context Actor actor,
      @PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, RemainsCase.Transport body) {
    RemainsCase c = progress.setTransport(actor, id, Params.version(ifMatch), body);
    return Response.ok(c).tag(tag(c)).build();
  }

  @POST
  @Path("/{id}/costs")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({CrisisResource.CELL, CrisisResource.OFFICER})
  @Operation(summary = "A cost: item, amount (decimal text), currency (ISO 4217), who bears it")
  public Response cost(@Parameter(hidden = true) @Context Actor actor,
      @PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, RemainsProgress.CostInput body) {
    RemainsCase c = progress.addCost(actor, id, Params.version(ifMatch), body);
    return Response.ok(c).tag(tag(c)).build();
  }

  @POST
  @Path("/{id}/status")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({CrisisResource.CELL, CrisisResource.OFFICER})
  @Operation(summary = "Move the case forward (the remains travel only with the four documents in hand)")
  public Response status(@Parameter(hidden = true) @Context Actor actor,
      @PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, StatusRequest body) {
    RemainsCase c = progress.advance(actor, id, Params.version(ifMatch),
        Params.requiredConstant("status", body == null ? null : body.status(), RemainsCase.Status.class));
    return Response.ok(c).tag(tag(c)).build();
  }

  private static EntityTag tag(RemainsCase c) {
    return new EntityTag(Integer.toString(c.version()));
  }
}
