package crisis.api.resources;

import crisis.core.access.Actor;
import crisis.core.common.ValidationException;
import crisis.core.reintegration.CaseOpening;
import crisis.core.reintegration.NeedStatus;
import crisis.core.reintegration.Needs;
import crisis.core.reintegration.Referrals;
import crisis.core.reintegration.Regions;
import crisis.core.reintegration.Reintegration;
import crisis.core.reintegration.ReintegrationCase;
import crisis.core.reintegration.ReintegrationCases;
import crisis.core.reintegration.ReintegrationReports;
import crisis.core.reintegration.Scores;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reintegration follow-up: one case per household that came home. Case workers read and work on their region's cases
 * (another region's are not found); the crisis cell opens cases, sets regions, reassigns and reads the reports and
 * lists without personal data. Changes to a case's state need its version in {@code If-Match} (its ETag); a need's
 * status change names the need's version in the body.
 */
@Path("/api/v1/reintegration")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "reintegration")
@SecurityRequirement(name = "basic")
public class ReintegrationResource {
  static final String WORKER = "CASEWORKER";
  private final Reintegration reintegration;
  private final ReintegrationCases cases;

  public ReintegrationResource(Reintegration reintegration) {
    this.reintegration = reintegration;
    this.cases = reintegration.cases();
  }

  public record AssignRequest(String region, String caseworker) {}

  public record NeedStatusRequest(String status, Integer version, String note) {}

  public record AnswerRequest(String answer) {}

  public record DoneRequest(String notes) {}

  public record AssessmentRequest(Map<String, String> indicators) {}

  public record CloseRequest(String outcome, Map<String, String> indicators) {}

  public record ReopenRequest(String reason) {}

  @GET
  @Path("/regions")
  @RolesAllowed({CrisisResource.CELL, CrisisResource.OFFICER, WORKER})
  @Operation(summary = "The kingdom's 12 regions (GeoNames codes MA.01 to MA.12)")
  public List<Regions.Region> regions() {
    return reintegration.regions().all();
  }

  @GET
  @Path("/regions/resolve")
  @RolesAllowed({CrisisResource.CELL, WORKER})
  @Operation(summary = "The place and region a destination city names, or why none")
  public Regions.Resolution resolve(@QueryParam("city") String city) {
    return reintegration.regions().resolve(city);
  }

  @POST
  @Path("/cases")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({CrisisResource.CELL, WORKER})
  @Operation(summary = "Open a case by hand, for people who came home on their own")
  public Response open(@Parameter(hidden = true) @Context Actor actor,
      CaseOpening.CaseInput body) {
    ReintegrationCase c = reintegration.opening().open(actor, body);
    if (!ReintegrationCases.readsContent(actor, c.region())) {
      // The crisis cell opens cases but does not read them: the id, region and case worker only.
      return Response.status(Response.Status.CREATED).entity(new ReintegrationCases.CaseStatus(true, c.id(),
          c.state(), c.region())).build();
    }
    return Response.status(Response.Status.CREATED).tag(tag(c)).entity(c).build();
  }

  @GET
  @Path("/cases")
  @RolesAllowed({CrisisResource.CELL, WORKER})
  @Operation(summary = "Cases without personal data (a case worker: its region only), newest arrival first")
  public List<ReintegrationCase.Summary> list(@Parameter(hidden = true) @Context Actor actor, @QueryParam("region") String region, @QueryParam("state") String state,
      @Parameter(description = "only cases whose region is not known yet")
      @QueryParam("unresolved") String unresolved, @QueryParam("limit") @DefaultValue("50") String limit,
      @QueryParam("offset") @DefaultValue("0") String offset) {
    if (unresolved != null && !unresolved.equals("true") && !unresolved.equals("false")) {
      throw new ValidationException("unresolved", "must be true or false");
    }
    return cases.list(actor, region, Params.constant("state", state, ReintegrationCase.State.class),
        "true".equals(unresolved), Params.integer("limit", limit), Params.integer("offset", offset));
  }

  @GET
  @Path("/cases/mine")
  @RolesAllowed(WORKER)
  @Operation(summary = "The case worker's open cases: overdue check-ins and referrals first, then the next due")
  public List<ReintegrationCase.Summary> mine(@Parameter(hidden = true) @Context Actor actor, @QueryParam("limit") @DefaultValue("50") String limit,
      @QueryParam("offset") @DefaultValue("0") String offset) {
    return cases.worklist(actor, Params.integer("limit", limit), Params.integer("offset", offset));
  }

  @GET
  @Path("/cases/{id}")
  @RolesAllowed(WORKER)
  @Operation(summary = "One case, whole; its ETag is the version to send in If-Match")
  public Response get(@Parameter(hidden = true) @Context Actor actor,
      @PathParam("id") UUID id) {
    ReintegrationCase c = cases.get(actor, id);
    return Response.ok(c).tag(tag(c)).build();
  }

  @POST
  @Path("/cases/{id}/assignment")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({CrisisResource.CELL, WORKER})
  @Operation(summary = "Set the region (crisis cell) and the case worker (none named: the least loaded)")
  public Response assign(@Parameter(hidden = true) @Context Actor actor,
      @PathParam("id") UUID id, AssignRequest body) {
    ReintegrationCase c = reintegration.assignment().assign(actor, id, body == null ? null : body.region(),
        body == null ? null : body.caseworker());
    return c == null ? Response.noContent().build() : Response.ok(c).tag(tag(c)).build();
  }

  @POST
  @Path("/cases/{id}/needs")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(WORKER)
  @Operation(summary = "A need of a person (memberSeq) or of the household")
  public Response addNeed(@Parameter(hidden = true) @Context Actor actor,
      @PathParam("id") UUID id, Needs.NeedInput body) {
    ReintegrationCase c = reintegration.needs().add(actor, id, body);
    return Response.status(Response.Status.CREATED).tag(tag(c)).entity(c).build();
  }

  @POST
  @Path("/cases/{id}/needs/{needId}/status")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(WORKER)
  @Operation(summary = "Move a need: IDENTIFIED, REFERRED, IN_PROGRESS, MET, NOT_MET, NO_LONGER_NEEDED")
  public Response needStatus(@Parameter(hidden = true) @Context Actor actor,
      @PathParam("id") UUID id, @PathParam("needId") UUID needId, NeedStatusRequest body) {
    if (body == null || body.version() == null) {
      throw new ValidationException("version", "is required: the need's version you last read");
    }
    ReintegrationCase c = reintegration.needs().setStatus(actor, id, needId, body.version(),
        Params.requiredConstant("status", body.status(), NeedStatus.class), body.note());
    return Response.ok(c).tag(tag(c)).build();
  }

  @POST
  @Path("/cases/{id}/referrals")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(WORKER)
  @Operation(summary = "Refer a need to a partner of the region that takes it")
  public Response refer(@Parameter(hidden = true) @Context Actor actor,
      @PathParam("id") UUID id, Referrals.ReferralInput body) {
    ReintegrationCase c = reintegration.referrals().refer(actor, id, body);
    return Response.status(Response.Status.CREATED).tag(tag(c)).entity(c).build();
  }

  @GET
  @Path("/cases/{id}/referrals/{referralId}/for-partner")
  @RolesAllowed(WORKER)
  @Operation(summary = "What the partner is sent: personal details only with consent to sharing")
  public Referrals.ForPartner forPartner(@Parameter(hidden = true) @Context Actor actor, @PathParam("id") UUID id, @PathParam("referralId") UUID referralId) {
    return reintegration.referrals().forPartner(actor, id, referralId);
  }

  @POST
  @Path("/cases/{id}/referrals/{referralId}/answer")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(WORKER)
  @Operation(summary = "Record the partner's answer")
  public Response answer(@Parameter(hidden = true) @Context Actor actor,
      @PathParam("id") UUID id, @PathParam("referralId") UUID referralId, AnswerRequest body) {
    ReintegrationCase c = reintegration.referrals().answer(actor, id, referralId,
        body == null ? null : body.answer());
    return Response.ok(c).tag(tag(c)).build();
  }

  @POST
  @Path("/cases/{id}/check-ins/{checkInId}/done")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(WORKER)
  @Operation(summary = "Record a check-in done by the case worker (a call, a visit)")
  public Response done(@Parameter(hidden = true) @Context Actor actor,
      @PathParam("id") UUID id, @PathParam("checkInId") UUID checkInId, DoneRequest body) {
    ReintegrationCase c = reintegration.checkIns().complete(actor, id, checkInId,
        body == null ? null : body.notes());
    return Response.ok(c).tag(tag(c)).build();
  }

  @POST
  @Path("/cases/{id}/assessments")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(WORKER)
  @Operation(summary = "Record the 15 indicators of a follow-up; the scores are computed (docs/reintegration.md)")
  public Response assess(@Parameter(hidden = true) @Context Actor actor,
      @PathParam("id") UUID id, AssessmentRequest body) {
    ReintegrationCase c = reintegration.assessments().assess(actor, id,
        indicators(body == null ? null : body.indicators()));
    return Response.status(Response.Status.CREATED).tag(tag(c)).entity(c).build();
  }

  @POST
  @Path("/cases/{id}/close")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(WORKER)
  @Operation(summary = "Close the case with its outcome and the closing indicators")
  public Response close(@Parameter(hidden = true) @Context Actor actor,
      @PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, CloseRequest body) {
    ReintegrationCase c = reintegration.closing().close(actor, id, Params.version(ifMatch),
        body == null ? null : body.outcome(), indicators(body == null ? null : body.indicators()));
    return Response.ok(c).tag(tag(c)).build();
  }

  @POST
  @Path("/cases/{id}/reopen")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(WORKER)
  @Operation(summary = "Open a closed case again, with the reason")
  public Response reopen(@Parameter(hidden = true) @Context Actor actor,
      @PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch, ReopenRequest body) {
    ReintegrationCase c = reintegration.closing().reopen(actor, id, Params.version(ifMatch),
        body == null ? null : body.reason());
    return Response.ok(c).tag(tag(c)).build();
  }

  @GET
  @Path("/partners")
  @RolesAllowed({CrisisResource.CELL, WORKER})
  @Operation(summary = "Partner institutions (a case worker: its region's)")
  public List<ReintegrationCase.Partner> partners(@Parameter(hidden = true) @Context Actor actor, @QueryParam("region") String region) {
    return reintegration.referrals().partners(actor, region);
  }

  @POST
  @Path("/partners")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(CrisisResource.CELL)
  @Operation(summary = "Add a partner institution of a region, with the kinds of need it takes")
  public Response addPartner(@Parameter(hidden = true) @Context Actor actor,
      Referrals.PartnerInput body) {
    return Response.status(Response.Status.CREATED)
        .entity(reintegration.referrals().addPartner(actor, body)).build();
  }

  @GET
  @Path("/reports")
  @RolesAllowed({CrisisResource.CELL, WORKER})
  @Operation(summary = "Counts without personal data: cases, needs, overdue, time to need met, scores")
  public ReintegrationReports.Report report(@Parameter(hidden = true) @Context Actor actor, @QueryParam("region") String region) {
    return reintegration.reports().report(actor, region);
  }

  @GET
  @Path("/reports.csv")
  @Produces("text/csv; charset=utf-8")
  @RolesAllowed({CrisisResource.CELL, WORKER})
  @Operation(summary = "The same report as CSV: section, subject, key, value")
  public Response reportCsv(@Parameter(hidden = true) @Context Actor actor,
      @QueryParam("region") String region) {
    return Response.ok(ReintegrationReports.csv(reintegration.reports().report(actor, region)))
        .header("Content-Disposition", "attachment; filename=\"reintegration-report.csv\"").build();
  }

  private static Map<Scores.Indicator, String> indicators(Map<String, String> raw) {
    Map<Scores.Indicator, String> out = new EnumMap<>(Scores.Indicator.class);
    if (raw == null) {
      return out;
    }
    raw.forEach((k, v) -> out.put(Params.requiredConstant("indicators." + k, k, Scores.Indicator.class), v));
    return out;
  }

  private static EntityTag tag(ReintegrationCase c) {
    return new EntityTag(Integer.toString(c.version()));
  }
}
