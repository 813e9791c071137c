package crisis.api.auth;

import crisis.core.access.Actor;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;
import java.util.function.Supplier;
import org.glassfish.jersey.internal.inject.AbstractBinder;
import org.glassfish.jersey.process.internal.RequestScoped;

/**
 * Gives a resource method the {@link Actor} of its request as a parameter ({@code @Context Actor actor}): the signed-in
 * user (Basic or console session, whichever authenticated it) with the client's address as {@link ClientAddress}
 * read it. The one place a request becomes an actor; resource methods no longer take the principal and the servlet
 * request to build it themselves. Only on methods that require a role: the authentication filter has run.
 */
public final class ActorBinder extends AbstractBinder {
  @Override
  protected void configure() {
    bindFactory(ActorOfRequest.class).to(Actor.class).in(RequestScoped.class);
  }

  /** The actor of the current request. */
  static final class ActorOfRequest implements Supplier<Actor> {
    private final SecurityContext security;
    private final HttpServletRequest http;

    @Inject
    ActorOfRequest(@Context SecurityContext security, @Context HttpServletRequest http) {
      this.security = security;
      this.http = http;
    }

    @Override
    public Actor get() {
      if (!(security.getUserPrincipal() instanceof UserPrincipal user)) {
        throw new NotAuthorizedException("Basic realm=\"crisis\"");
      }
      return user.actor(http);
    }
  }
}
