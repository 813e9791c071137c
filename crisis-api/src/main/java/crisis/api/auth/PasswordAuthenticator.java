package crisis.api.auth;

import crisis.core.users.UserService;
import io.dropwizard.auth.Authenticator;
import io.dropwizard.auth.basic.BasicCredentials;
import java.util.Optional;

/** Checks a username and password against the bcrypt hashes of the user table. */
public final class PasswordAuthenticator implements Authenticator<BasicCredentials, UserPrincipal> {
  private final UserService users;

  public PasswordAuthenticator(UserService users) {
    this.users = users;
  }

  @Override
  public Optional<UserPrincipal> authenticate(BasicCredentials credentials) {
    return users.authenticate(credentials.getUsername(), credentials.getPassword(), null).map(UserPrincipal::new);
  }

  /**
   * A cached authenticator that still refuses a user disabled since its password was checked: the cache saves
   * bcrypt's time, not the question whether the user may still act (one indexed read, on every instance).
   */
  public static Authenticator<BasicCredentials, UserPrincipal> enabledOnly(
      Authenticator<BasicCredentials, UserPrincipal> cached, UserService users) {
    return credentials -> cached.authenticate(credentials).filter(p -> users.enabled(p.getName()));
  }
}
