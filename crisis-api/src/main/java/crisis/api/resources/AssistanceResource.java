package crisis.api.resources;

import crisis.core.access.Actor;
import crisis.api.api.PageView;
import crisis.core.common.Page;
import crisis.core.common.ValidationException;
import crisis.core.outreach.OutreachService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;

/** People who answered HELP: each consulate sees its own, the crisis cell every one. */
@Path("/api/v1/assistance-requests")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "outreach")
@SecurityRequirement(name = "basic")
public class AssistanceResource {
  private final OutreachService outreach;

  public AssistanceResource(OutreachService outreach) {
    this.outreach = outreach;
  }

  @GET
  @RolesAllowed({"CRISIS_CELL", "CONSULAR_OFFICER"})
  @Operation(summary = "Assistance requests; state=open (default) or all; optionally one crisis; order=oldest "
      + "(default) or urgent (people with a vulnerability first, then newest first: the consulate's queue)")
  public PageView<OutreachService.AssistanceRequest> list(@Parameter(hidden = true) @Context Actor actor, @QueryParam("crisis") String crisis,
      @QueryParam("state") @DefaultValue("open") String state, @QueryParam("order") @DefaultValue("oldest") String order,
      @QueryParam("offset") @DefaultValue("0") String offset,
      @QueryParam("limit") @DefaultValue("50") String limit) {
    if (!"oldest".equals(order) && !"urgent".equals(order)) {
      throw new ValidationException("order", "must be 'oldest' or 'urgent'");
    }
    UUID crisisId = Params.uuid("crisis", crisis, "a crisis id");
    if (!"open".equals(state) && !"all".equals(state)) {
      throw new ValidationException("state", "must be 'open' or 'all'");
    }
    Page<OutreachService.AssistanceRequest> p = outreach.assistance(actor, crisisId,
        "open".equals(state), "urgent".equals(order), Params.integer("offset", offset),
        Params.integer("limit", limit));
    return new PageView<>(p.items(), p.total(), p.offset(), p.limit());
  }

  /** What closing a request says was done. */
  public record Close(String outcome) {}

  @POST
  @Path("/{id}/take")
  @RolesAllowed({"CRISIS_CELL", "CONSULAR_OFFICER"})
  @Operation(summary = "Take an open request (the first officer to take it has it; 409 when another has)")
  public OutreachService.AssistanceRequest take(@Parameter(hidden = true) @Context Actor actor,
      @PathParam("id") String id) {
    return outreach.take(actor, Params.uuid("id", id, "an assistance request id"));
  }

  @POST
  @Path("/{id}/close")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({"CRISIS_CELL", "CONSULAR_OFFICER"})
  @Operation(summary = "Close an open request with what was done: {\"outcome\"} (1 to 2,000 characters)")
  public OutreachService.AssistanceRequest close(@Parameter(hidden = true) @Context Actor actor,
      @Context HttpServletRequest request, @PathParam("id") String id, Close body) {
    return outreach.close(actor, Params.uuid("id", id, "an assistance request id"),
        body == null ? null : body.outcome());
  }
}
