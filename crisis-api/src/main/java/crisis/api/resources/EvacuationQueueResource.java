package crisis.api.resources;

import crisis.api.api.PageView;
import crisis.core.access.Actor;
import crisis.core.common.Page;
import crisis.core.repatriation.EvacuationQueue;
import crisis.core.repatriation.Repatriation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

/**
 * The consular officer's evacuation queue across the active crises, in the order the core gives it
 * ({@link EvacuationQueue}): a consular officer sees its consulate's requests, the crisis cell every one.
 */
@Path("/api/v1/evacuation")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "repatriation")
@SecurityRequirement(name = "basic")
public class EvacuationQueueResource {
  private final EvacuationQueue queue;

  public EvacuationQueueResource(Repatriation repatriation) {
    this.queue = repatriation.queue();
  }

  @GET
  @Path("/queue")
  @RolesAllowed({CrisisResource.CELL, CrisisResource.OFFICER})
  @Operation(summary = "The evacuation requests of every active crisis you may see, in the queue's order",
      description = "Those waiting for a seat first (OPEN, then NO_SHOW), then ASSIGNED, CHECKED_IN, BOARDED, "
          + "ARRIVED, CANCELLED; within a state the households with a special need first, then the newest. Each "
          + "item is the request as the crisis's list gives it, with its crisis's title (crisisTitle).")
  public PageView<EvacuationQueue.Item> queue(@Parameter(hidden = true) @Context Actor actor,
      @QueryParam("offset") @DefaultValue("0") String offset,
      @QueryParam("limit") @DefaultValue("50") String limit) {
    Page<EvacuationQueue.Item> p = queue.list(actor, Params.integer("offset", offset), Params.integer("limit", limit));
    return new PageView<>(p.items(), p.total(), p.offset(), p.limit());
  }
}
