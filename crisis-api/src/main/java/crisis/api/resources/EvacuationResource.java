package crisis.api.resources;

import crisis.core.access.Actor;
import crisis.core.common.ValidationException;
import crisis.core.repatriation.EvacuationPlanning;
import crisis.core.repatriation.EvacuationOrder;
import crisis.core.repatriation.EvacuationRequest;
import crisis.core.repatriation.EvacuationRequests;
import crisis.core.repatriation.Repatriation;
import crisis.core.repatriation.RequestChanges;
import crisis.core.repatriation.RequestOpening;
import crisis.core.repatriation.TransportLeg;
import crisis.core.repatriation.TransportLegs;
import crisis.core.repatriation.TravellerInputs;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import java.util.List;
import java.util.UUID;

/**
 * A crisis's evacuation: requests (one per household), legs, the plan. Consular officers see and change their
 * consulate's requests; the crisis cell orders evacuations, plans legs and seats. Changes to a request need its
 * version in {@code If-Match} (its ETag).
 */
@Path("/api/v1/crises/{crisisId}/evacuation")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "repatriation")
@SecurityRequirement(name = "basic")
public class EvacuationResource {
  private final EvacuationRequests requests;
  private final RequestOpening opening;
  private final RequestChanges changes;
  private final EvacuationOrder order;
  private final TransportLegs legs;
  private final EvacuationPlanning planning;
  private final crisis.core.reintegration.ReintegrationCases cases;

  public EvacuationResource(Repatriation repatriation, crisis.core.reintegration.ReintegrationCases cases) {
    this.cases = cases;
    this.requests = repatriation.requests();
    this.opening = repatriation.requestOpening();
    this.changes = repatriation.requestChanges();
    this.order = repatriation.evacuationOrder();
    this.legs = repatriation.legs();
    this.planning = repatriation.planning();
  }

  public record CancelRequest(String reason) {}

  public record LaissezPasserRequest(String number) {}

  @POST
  @Path("/requests")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({CrisisResource.CELL, CrisisResource.OFFICER})
  @Operation(summary = "Open a household's evacuation request (at a desk, on the phone, or from an assistance request)")
  public Response open(@Parameter(hidden = true) @Context Actor actor,
      @PathParam("crisisId") UUID crisisId, RequestOpening.RequestInput body) {
    EvacuationRequest r = opening.open(actor, crisisId, required(body));
    return Response.status(Response.Status.CREATED).tag(tag(r)).entity(r).build();
  }

  @POST
  @Path("/order")
  @RolesAllowed(CrisisResource.CELL)
  @Operation(summary = "Order everyone inside the crisis's zones to leave: a request per household not yet requested")
  public EvacuationOrder.Ordered order(@Parameter(hidden = true) @Context Actor actor, @PathParam("crisisId") UUID crisisId) {
    return order.orderEvacuation(actor, crisisId);
  }

  @GET
  @Path("/requests")
  @RolesAllowed({CrisisResource.CELL, CrisisResource.OFFICER})
  @Operation(summary = "The crisis's requests you may see, oldest first")
  public List<EvacuationRequest> list(@Parameter(hidden = true) @Context Actor actor, @PathParam("crisisId") UUID crisisId,
      @Parameter(description = "OPEN, ASSIGNED, CHECKED_IN, BOARDED, ARRIVED, NO_SHOW or CANCELLED")
      @QueryParam("state") String state) {
    return requests.list(actor, crisisId, Params.constant("state", state, EvacuationRequest.State.class));
  }

  @GET
  @Path("/requests/{id}")
  @RolesAllowed({CrisisResource.CELL, CrisisResource.OFFICER})
  @Operation(summary = "One request; its ETag is the version to send in If-Match")
  public Response get(@Parameter(hidden = true) @Context Actor actor,
      @PathParam("crisisId") UUID crisisId, @PathParam("id") UUID id) {
    EvacuationRequest r = requests.get(actor, crisisId, id);
    return Response.ok(r).tag(tag(r)).build();
  }

  @GET
  @Path("/requests/{id}/reintegration")
  @RolesAllowed({CrisisResource.CELL, CrisisResource.OFFICER})
  @Operation(summary = "Whether the household has a reintegration case since it came home (not its content)")
  public crisis.core.reintegration.ReintegrationCases.CaseStatus reintegration(
      @Parameter(hidden = true) @Context Actor actor,
      @PathParam("crisisId") UUID crisisId, @PathParam("id") UUID id) {
    requests.get(actor, crisisId, id);  // the request must be the officer's to see (and is audited)
    return cases.statusOfRequest(id);
  }

  @POST
  @Path("/requests/{id}/travellers")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({CrisisResource.CELL, CrisisResource.OFFICER})
  @Operation(summary = "Add someone who travels with the household (a registration, or a person's details)")
  public Response addTraveller(@Parameter(hidden = true) @Context Actor actor,
      @PathParam("crisisId") UUID crisisId, @PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch,
      TravellerInputs.TravellerInput body) {
    if (body == null) {
      throw new ValidationException("body", "is required");
    }
    EvacuationRequest r = changes.addTraveller(actor, crisisId, id, Params.version(ifMatch), body);
    return Response.ok(r).tag(tag(r)).build();
  }

  @DELETE
  @Path("/requests/{id}/travellers/{travellerId}")
  @RolesAllowed({CrisisResource.CELL, CrisisResource.OFFICER})
  @Operation(summary = "Remove a traveller from the household's request")
  public Response removeTraveller(@Parameter(hidden = true) @Context Actor actor, @PathParam("crisisId") UUID crisisId, @PathParam("id") UUID id,
      @PathParam("travellerId") UUID travellerId, @HeaderParam("If-Match") String ifMatch) {
    EvacuationRequest r = changes.removeTraveller(actor, crisisId, id, Params.version(ifMatch),
        travellerId);
    return Response.ok(r).tag(tag(r)).build();
  }

  @POST
  @Path("/requests/{id}/travellers/{travellerId}/laissez-passer")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({CrisisResource.CELL, CrisisResource.OFFICER})
  @Operation(summary = "Record the laissez-passer issued to a traveller without a valid document")
  public Response laissezPasser(@Parameter(hidden = true) @Context Actor actor, @PathParam("crisisId") UUID crisisId, @PathParam("id") UUID id,
      @PathParam("travellerId") UUID travellerId, @HeaderParam("If-Match") String ifMatch,
      LaissezPasserRequest body) {
    EvacuationRequest r = changes.issueLaissezPasser(actor, crisisId, id, Params.version(ifMatch),
        travellerId, body == null ? null : body.number());
    return Response.ok(r).tag(tag(r)).build();
  }

  @POST
  @Path("/requests/{id}/cancel")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({CrisisResource.CELL, CrisisResource.OFFICER})
  @Operation(summary = "Cancel a request; its seat goes to the waitlist at the next plan")
  public EvacuationRequest cancel(@Parameter(hidden = true) @Context Actor actor, @PathParam("crisisId") UUID crisisId, @PathParam("id") UUID id,
      CancelRequest body) {
    return changes.cancel(actor, crisisId, id, body == null ? null : body.reason());
  }

  @POST
  @Path("/legs")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(CrisisResource.CELL)
  @Operation(summary = "Plan a transport leg (flight, bus, ship, convoy) and the assembly points it leaves from")
  public Response createLeg(@Parameter(hidden = true) @Context Actor actor,
      @PathParam("crisisId") UUID crisisId, TransportLegs.LegInput body) {
    if (body == null) {
      throw new ValidationException("body", "is required");
    }
    TransportLeg leg = legs.create(actor, crisisId, body);
    return Response.status(Response.Status.CREATED).entity(leg).build();
  }

  @GET
  @Path("/legs")
  @RolesAllowed({CrisisResource.CELL, CrisisResource.OFFICER})
  @Operation(summary = "The crisis's legs, by departure")
  public List<TransportLeg> legs(@Parameter(hidden = true) @Context Actor actor, @PathParam("crisisId") UUID crisisId) {
    return legs.list(actor, crisisId);
  }

  @POST
  @Path("/plan")
  @RolesAllowed(CrisisResource.CELL)
  @Operation(summary = "Put households on legs, in priority order, and tell by SMS those whose seat is new or changed",
      description = "Answers each household's rank with its reasons, its seat or its place on the waitlist, and the "
          + "households the plan moved and why.")
  public EvacuationPlanning.Result plan(@Parameter(hidden = true) @Context Actor actor, @PathParam("crisisId") UUID crisisId) {
    return planning.plan(actor, crisisId);
  }

  private static RequestOpening.RequestInput required(RequestOpening.RequestInput body) {
    if (body == null) {
      throw new ValidationException("body", "is required");
    }
    return body;
  }

  private static EntityTag tag(EvacuationRequest r) {
    return new EntityTag(Integer.toString(r.version()));
  }
}
