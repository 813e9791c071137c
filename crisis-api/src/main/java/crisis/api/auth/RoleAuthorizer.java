package crisis.api.auth;

import io.dropwizard.auth.Authorizer;
import jakarta.ws.rs.container.ContainerRequestContext;

/** A user has exactly one role; {@code @RolesAllowed} names the roles that may call a method. */
public final class RoleAuthorizer implements Authorizer<UserPrincipal> {
  @Override
  public boolean authorize(UserPrincipal principal, String role, ContainerRequestContext request) {
    return principal.actor().role().name().equals(role);
  }
}
