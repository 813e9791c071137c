package crisis.api.resources;

import crisis.api.api.PageView;
import crisis.api.api.PendingView;
import crisis.api.api.RegistrationView;
import crisis.core.access.Actor;
import crisis.core.citizen.DeclarationReview;
import crisis.core.common.Page;
import crisis.core.registry.PendingRegistrations;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
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
import java.util.Map;
import java.util.UUID;

/**
 * The registrations citizens declared themselves, pending their consulate's confirmation (issue 34): an officer's
 * queue of their own consulate's, the crisis cell's of all. Reading the queue is audited.
 */
@Path("/api/v1/registrations/pending")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "registrations")
@SecurityRequirement(name = "basic")
public class PendingRegistrationResource {
  private final PendingRegistrations pending;
  private final DeclarationReview review;

  public PendingRegistrationResource(PendingRegistrations pending, DeclarationReview review) {
    this.pending = pending;
    this.review = review;
  }

  /** Why a declaration is refused: sent to the citizen by SMS. */
  public record Refusal(String reason) {}

  @GET
  @RolesAllowed({RegistrationResource.OFFICER, RegistrationResource.CELL})
  @Operation(summary = "Declarations pending confirmation, oldest first (an officer's own consulate's), each with "
      + "its possible duplicates: confirmed or pending records sharing its national ID, passport, phone with name "
      + "and birth date, or only its phone (the id withheld for one outside the officer's jurisdiction)")
  public PageView<PendingView> list(@Parameter(hidden = true) @Context Actor actor,
      @QueryParam("offset") @DefaultValue("0") String offset,
      @QueryParam("limit") @DefaultValue("50") String limit) {
    Page<PendingRegistrations.Pending> page = pending.list(actor, Params.integer("offset", offset),
        Params.integer("limit", limit));
    return new PageView<>(page.items().stream().map(PendingView::of).toList(), page.total(), page.offset(),
        page.limit());
  }

  @POST
  @Path("/{id}/confirm")
  @RolesAllowed({RegistrationResource.OFFICER, RegistrationResource.CELL})
  @Operation(summary = "Confirm a citizen's declaration: it stays as declared and leaves the queue, and other "
      + "declarations of the same person give way to it (409 when not pending, or when a confirmed record holds the "
      + "same person: merge into it instead)")
  public RegistrationView confirm(@Parameter(hidden = true) @Context Actor actor, @PathParam("id") UUID id) {
    return RegistrationView.of(pending.confirm(actor, id));
  }

  @POST
  @Path("/{id}/refuse")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed({RegistrationResource.OFFICER, RegistrationResource.CELL})
  @Operation(summary = "Refuse a citizen's declaration: the reason is sent to the citizen by SMS and the declaration "
      + "is forgotten whole (the rows removed, by table); 409 when not pending or under a legal hold (an active "
      + "crisis reached them)")
  public Map<String, Integer> refuse(@Parameter(hidden = true) @Context Actor actor, @PathParam("id") UUID id,
      Refusal body) {
    return review.refuse(actor, id, body == null ? null : body.reason());
  }
}
