package crisis.api.resources;

import crisis.api.api.PageView;
import crisis.api.auth.UserPrincipal;
import crisis.core.common.Page;
import crisis.core.common.ValidationException;
import crisis.core.outreach.OutreachService;
import io.dropwizard.auth.Auth;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
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
  @Operation(summary = "Assistance requests, oldest first; state=open (default) or all; optionally one crisis")
  public PageView<OutreachService.AssistanceRequest> list(@Parameter(hidden = true) @Auth UserPrincipal user,
      @Context HttpServletRequest request, @QueryParam("crisis") String crisis,
      @QueryParam("state") @DefaultValue("open") String state, @QueryParam("offset") @DefaultValue("0") String offset,
      @QueryParam("limit") @DefaultValue("50") String limit) {
    UUID crisisId = Params.uuid("crisis", crisis, "a crisis id");
    if (!"open".equals(state) && !"all".equals(state)) {
      throw new ValidationException("state", "must be 'open' or 'all'");
    }
    Page<OutreachService.AssistanceRequest> p = outreach.assistance(user.actor(request), crisisId,
        "open".equals(state), Params.integer("offset", offset),
        Params.integer("limit", limit));
    return new PageView<>(p.items(), p.total(), p.offset(), p.limit());
  }
}
