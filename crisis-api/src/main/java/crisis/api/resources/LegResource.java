package crisis.api.resources;

import crisis.core.access.Actor;
import crisis.core.common.ValidationException;
import crisis.core.repatriation.Gate;
import crisis.core.repatriation.Manifests;
import crisis.core.repatriation.Repatriation;
import crisis.core.repatriation.TransportLeg;
import crisis.core.repatriation.TransportLegs;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;

/**
 * One transport leg: its passenger list and gate (consular officers of one of its assembly points' countries, and the
 * crisis cell), its manifests, its cancellation (the crisis cell).
 */
@Path("/api/v1/legs/{legId}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "repatriation")
@SecurityRequirement(name = "basic")
public class LegResource {
  private final TransportLegs legs;
  private final Gate gate;
  private final Manifests manifests;

  public LegResource(Repatriation repatriation) {
    this.legs = repatriation.legs();
    this.gate = repatriation.gate();
    this.manifests = repatriation.manifests();
  }

  public record GateBatch(List<Gate.Operation> operations) {}

  @GET
  @RolesAllowed({CrisisResource.CELL, CrisisResource.OFFICER})
  @Operation(summary = "The leg and its assembly points")
  public TransportLeg get(@Parameter(hidden = true) @Context Actor actor,
      @PathParam("legId") UUID legId) {
    return legs.get(actor, legId);
  }

  @POST
  @Path("/cancel")
  @RolesAllowed(CrisisResource.CELL)
  @Operation(summary = "Cancel the leg; the next plan moves its households")
  public TransportLeg cancel(@Parameter(hidden = true) @Context Actor actor,
      @PathParam("legId") UUID legId) {
    return legs.cancel(actor, legId);
  }

  public record GateOfficer(String username) {}

  /** What the gate looks for among a leg's passengers: part of a name, a boarding code or a document number. */
  public record PassengerSearch(String q) {}

  @POST
  @Path("/gate-officer")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(CrisisResource.CELL)
  @Operation(summary = "Name the consular officer who runs the leg's gate with the crisis cell (null: the cell alone)",
      description = "With the cell, the only one who closes the gate, marks the leg departed or arrived and reads "
          + "its whole passenger list; other officers see and act on their own consulate's households.")
  public TransportLeg gateOfficer(@Parameter(hidden = true) @Context Actor actor,
      @PathParam("legId") UUID legId, GateOfficer body) {
    if (body == null) {
      throw new ValidationException("username", "is required (null names nobody)");
    }
    return legs.setGateOfficer(actor, legId, body.username());
  }

  @POST
  @Path("/gate")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({CrisisResource.CELL, CrisisResource.OFFICER})
  @Operation(summary = "A batch of gate operations from a device, each with the id the device gave it",
      description = "CHECK_IN and BOARD by boardingCode, travellerId or documentNumber (an officer: its consulate's "
          + "households); CLOSE (no-shows, re-plan), DEPART, ARRIVE (the crisis cell and the leg's gate officer, "
          + "from repatriation.gateOpensBefore before departure). A batch sent again is answered from what was done "
          + "(replayed: true).")
  public List<Gate.Answer> gate(@Parameter(hidden = true) @Context Actor actor,
      @PathParam("legId") UUID legId, GateBatch body) {
    if (body == null) {
      throw new ValidationException("operations", "are required");
    }
    return gate.apply(actor, legId, body.operations());
  }

  @GET
  @Path("/passengers")
  @RolesAllowed({CrisisResource.CELL, CrisisResource.OFFICER})
  @Operation(summary = "The leg's passengers and their status (a search: POST …/passengers/search)")
  public List<Manifests.Passenger> passengers(@Parameter(hidden = true) @Context Actor actor,
      @PathParam("legId") UUID legId, @QueryParam("q") String q) {
    if (q != null) {
      // A name or a document number in a URL reaches every access log and proxy on the way (issue 31).
      throw new ValidationException("q", "goes in the body of POST /api/v1/legs/{legId}/passengers/search, never in "
          + "the address");
    }
    return manifests.passengers(actor, legId, null);
  }

  @POST
  @Path("/passengers/search")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({CrisisResource.CELL, CrisisResource.OFFICER})
  @Operation(summary = "The leg's passengers whose name in either script contains q, or whose boarding code or "
      + "document number is q (in the body, so that no name or number is in an address or an access log)")
  public List<Manifests.Passenger> searchPassengers(@Parameter(hidden = true) @Context Actor actor,
      @PathParam("legId") UUID legId, PassengerSearch body) {
    if (body == null || body.q() == null || body.q().isBlank()) {
      throw new ValidationException("q", "is required: part of a name, a boarding code or a document number");
    }
    return manifests.passengers(actor, legId, body.q());
  }

  @GET
  @Path("/manifest.csv")
  @Produces("text/csv")
  @RolesAllowed({CrisisResource.CELL, CrisisResource.OFFICER})
  @Operation(summary = "The passenger manifest as CSV")
  public Response csv(@Parameter(hidden = true) @Context Actor actor,
      @PathParam("legId") UUID legId) {
    return Response.ok(manifests.csv(actor, legId), "text/csv; charset=UTF-8")
        .header("Content-Disposition", "attachment; filename=\"manifest-" + legId + ".csv\"").build();
  }

  @GET
  @Path("/manifest.pdf")
  @Produces("application/pdf")
  @RolesAllowed({CrisisResource.CELL, CrisisResource.OFFICER})
  @Operation(summary = "The passenger manifest as PDF")
  public Response pdf(@Parameter(hidden = true) @Context Actor actor,
      @PathParam("legId") UUID legId) {
    return Response.ok(manifests.pdf(actor, legId), "application/pdf")
        .header("Content-Disposition", "attachment; filename=\"manifest-" + legId + ".pdf\"").build();
  }
}
