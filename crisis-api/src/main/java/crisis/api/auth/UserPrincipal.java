package crisis.api.auth;

import crisis.core.access.Actor;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;

/** The authenticated user of a request. */
public record UserPrincipal(Actor actor) implements Principal {
  @Override
  public String getName() {
    return actor.username();
  }

  /** The actor with the request's remote address, for the audit trail. */
  public Actor actor(HttpServletRequest request) {
    return new Actor(actor.username(), actor.role(), actor.consulateId(), actor.jurisdiction(),
        request == null ? null : ClientAddress.of(request), actor.region());
  }
}
