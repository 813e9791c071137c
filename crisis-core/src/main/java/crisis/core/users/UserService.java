package crisis.core.users;

import at.favre.lib.crypto.bcrypt.BCrypt;
import crisis.core.access.Actor;
import crisis.core.access.Role;
import crisis.core.consulate.ConsulateDao;
import crisis.core.consulate.ConsulateDao;
import crisis.core.common.ConflictException;
import crisis.core.common.ValidationException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;

/** Users and their passwords, stored as bcrypt hashes (cost {@value #COST}). Thread-safe. */
public final class UserService {
  public static final int COST = 12;
  private static final Pattern USERNAME = Pattern.compile("[a-z0-9._-]{3,64}");
  /** Compared against when the user does not exist, so that timing does not tell which names exist. */
  private static final String DUMMY_HASH = new String(
      BCrypt.withDefaults().hash(COST, "not-a-password".toCharArray()), StandardCharsets.UTF_8);

  private final Jdbi jdbi;

  public UserService(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  public User add(String username, char[] password, Role role, String consulateId) {
    return add(username, password, role, consulateId, null);
  }

  /** @param region a case worker's region of the kingdom (MA.01 to MA.12); only for case workers */
  public User add(String username, char[] password, Role role, String consulateId, String region) {
    if (username == null || !USERNAME.matcher(username).matches()) {
      throw new ValidationException("username", "must be 3 to 64 lower-case letters, digits, dots, dashes or underscores");
    }
    PasswordPolicy.check(password);
    if (role == null) {
      throw new ValidationException("role", "is required");
    }
    if ((role == Role.CONSULAR_OFFICER) != (consulateId != null)) {
      throw new ValidationException("consulate", role == Role.CONSULAR_OFFICER
          ? "is required for a consular officer" : "is only for consular officers");
    }
    if (region != null && (role != Role.CASEWORKER || !region.matches("MA\\.(0[1-9]|1[0-2])"))) {
      throw new ValidationException("region", role != Role.CASEWORKER ? "is only for case workers"
          : "must be one of the kingdom's regions, MA.01 to MA.12");
    }
    String hash = new String(BCrypt.withDefaults().hash(COST, password), StandardCharsets.UTF_8);
    return jdbi.inTransaction(h -> {
      UserDao dao = h.attach(UserDao.class);
      if (dao.find(username).isPresent()) {
        throw new ConflictException("username", "user '" + username + "' exists already");
      }
      if (consulateId != null && h.attach(ConsulateDao.class).find(consulateId).isEmpty()) {
        throw new ValidationException("consulate", "no consulate '" + consulateId + "'");
      }
      dao.insert(username, hash, role.name(), consulateId, region);
      return dao.find(username).orElseThrow();
    });
  }

  /** Whether the user exists and is enabled: checked again on every request, whatever was cached. */
  public boolean enabled(String username) {
    return username != null && USERNAME.matcher(username).matches()
        && jdbi.withExtension(UserDao.class, d -> d.enabled(username));
  }

  /**
   * Disables a user (an administrator's act): no sign-in, no request, no stream from then on, on every instance;
   * their console sessions end. Idempotent.
   */
  public void disable(Actor actor, String username) {
    actor.require("disable users", Role.ADMIN);
    jdbi.useTransaction(h -> {
      UserDao dao = h.attach(UserDao.class);
      dao.find(username).orElseThrow(() -> new crisis.core.common.NotFoundException("user " + username));
      dao.disable(username);
      h.attach(SessionDao.class).closeAll(username);
    });
  }

  /** Sets a user's password (an administrator's act, under the same policy as at creation); their sessions end. */
  public void setPassword(Actor actor, String username, char[] password) {
    actor.require("change passwords", Role.ADMIN);
    PasswordPolicy.check(password);
    String hash = new String(BCrypt.withDefaults().hash(COST, password), StandardCharsets.UTF_8);
    jdbi.useTransaction(h -> {
      UserDao dao = h.attach(UserDao.class);
      if (dao.setPasswordHash(username, hash) == 0) {
        throw new crisis.core.common.NotFoundException("user " + username);
      }
      h.attach(SessionDao.class).closeAll(username);
    });
  }

  /** Ends every console session of a user (a lost laptop, a shared browser); how many were open. */
  public int endSessions(Actor actor, String username) {
    actor.require("end sessions", Role.ADMIN);
    return jdbi.inTransaction(h -> {
      UserDao dao = h.attach(UserDao.class);
      dao.find(username).orElseThrow(() -> new crisis.core.common.NotFoundException("user " + username));
      return h.attach(SessionDao.class).closeAll(username);
    });
  }

  /** The actor for a username and password, or empty when they do not match an enabled user. */
  public Optional<Actor> authenticate(String username, String password, String remoteAddress) {
    // Only what can be a username reaches the database: a NUL, say, made PostgreSQL refuse the query (a 500).
    if (username == null || !USERNAME.matcher(username).matches() || !PasswordPolicy.checkable(password)) {
      return Optional.empty();
    }
    Optional<String> hash = jdbi.withExtension(UserDao.class, d -> d.passwordHash(username));
    boolean ok = BCrypt.verifyer().verify(password.toCharArray(), hash.orElse(DUMMY_HASH)).verified;
    if (!ok || hash.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(actor(username, remoteAddress));
  }

  /** The actor for a known user, with the jurisdiction of its consulate. */
  public Actor actor(String username, String remoteAddress) {
    return jdbi.withHandle(h -> {
      User u = h.attach(UserDao.class).find(username).orElseThrow();
      Set<String> jurisdiction = u.role() == Role.CONSULAR_OFFICER
          ? Set.copyOf(h.attach(ConsulateDao.class).jurisdiction(u.consulateId())) : null;
      return new Actor(u.username(), u.role(), u.consulateId(), jurisdiction, remoteAddress, u.region());
    });
  }

  public long count() {
    return jdbi.withExtension(UserDao.class, UserDao::count);
  }
}
