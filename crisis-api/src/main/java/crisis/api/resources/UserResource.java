package crisis.api.resources;

import crisis.core.access.Actor;
import crisis.core.common.ValidationException;
import crisis.core.users.UserService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.Map;

/** An administrator's hold on users: disable one, set its password, end its console sessions. */
@Path("/api/v1/users/{username}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "users")
@SecurityRequirement(name = "basic")
public class UserResource {
  private final UserService users;

  public UserResource(UserService users) {
    this.users = users;
  }

  public record NewPassword(String password) {}

  @POST
  @Path("/disable")
  @RolesAllowed("ADMIN")
  @Operation(summary = "Disable the user: no sign-in, request or live stream from now on; its sessions end")
  public Map<String, String> disable(@Parameter(hidden = true) @Context Actor actor, @PathParam("username") String username) {
    users.disable(actor, username);
    return Map.of("username", username, "state", "DISABLED");
  }

  @POST
  @Path("/password")
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed("ADMIN")
  @Operation(summary = "Set the user's password (12 to 72 bytes); its console sessions end")
  public Map<String, String> password(@Parameter(hidden = true) @Context Actor actor, @PathParam("username") String username, NewPassword body) {
    if (body == null || body.password() == null) {
      throw new ValidationException("password", "is required");
    }
    char[] password = body.password().toCharArray();
    try {
      users.setPassword(actor, username, password);
    } finally {
      Arrays.fill(password, '\0');
    }
    return Map.of("username", username, "state", "PASSWORD_SET");
  }

  @DELETE
  @Path("/sessions")
  @RolesAllowed("ADMIN")
  @Operation(summary = "End every console session of the user")
  public Map<String, Object> endSessions(@Parameter(hidden = true) @Context Actor actor, @PathParam("username") String username) {
    return Map.of("username", username, "ended", users.endSessions(actor, username));
  }
}
