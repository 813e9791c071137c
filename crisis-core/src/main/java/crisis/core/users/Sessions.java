package crisis.core.users;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Browser sessions: a random 256-bit token for the cookie (stored as its SHA-256 only) and a CSRF token the console
 * sends back with every change. A session ends after {@code idleTimeout} without use, at {@code maxAge}, at
 * sign-out, or as soon as its user is disabled. Shared by every instance (the table), so a load balancer needs no
 * stickiness. Last use is written at most every {@value #TOUCH_SECONDS} s per session.
 */
public final class Sessions {
  static final long TOUCH_SECONDS = 30;
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A signed-in browser. */
  public record Session(String username, String csrf, Instant createdAt) {}

  /** A new session: the cookie's token (never stored) and the session. */
  public record Opened(String token, Session session) {}

  private final Jdbi jdbi;
  private final Duration idleTimeout;
  private final Duration maxAge;
  private final Clock clock;

  public Sessions(Jdbi jdbi, Duration idleTimeout, Duration maxAge, Clock clock) {
    this.jdbi = jdbi;
    this.idleTimeout = idleTimeout;
    this.maxAge = maxAge;
    this.clock = clock;
  }

  public Duration idleTimeout() {
    return idleTimeout;
  }

  /** Opens a session for a user who just proved their password. */
  public Opened open(String username) {
    String token = random();
    String csrf = random();
    Instant now = clock.instant();
    jdbi.useExtension(SessionDao.class, dao -> {
      dao.expire(now.minus(idleTimeout), now.minus(maxAge));
      dao.open(hash(token), username, csrf, now);
    });
    return new Opened(token, new Session(username, csrf, now));
  }

  /** The live session of a cookie's token, its last use recorded; empty when unknown, expired or its user disabled. */
  public Optional<Session> find(String token) {
    if (token == null || token.length() != 43) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    String hash = hash(token);
    return jdbi.withExtension(SessionDao.class, dao -> {
      Optional<SessionDao.Live> live = dao.live(hash, now.minus(idleTimeout), now.minus(maxAge));
      if (live.isPresent() && live.get().lastSeenAt().isBefore(now.minusSeconds(TOUCH_SECONDS))) {
        dao.touch(hash, now);
      }
      return live.map(s -> new Session(s.username(), s.csrf(), s.createdAt()));
    });
  }

  /**
   * Whether a cookie's session is still live, without recording a use: what a long-lived stream checks, so that a
   * screen left open does not keep its session alive past the idle timeout.
   */
  public boolean alive(String token) {
    if (token == null || token.length() != 43) {
      return false;
    }
    Instant now = clock.instant();
    return jdbi.withExtension(SessionDao.class, dao -> dao.countLive(hash(token), now.minus(idleTimeout),
        now.minus(maxAge))) > 0;
  }

  /** Ends the session of a cookie's token (signing out). */
  public void close(String token) {
    if (token != null) {
      jdbi.useExtension(SessionDao.class, dao -> dao.close(hash(token)));
    }
  }

  /** Whether a CSRF token sent back matches the session's, in constant time. */
  public static boolean csrfMatches(Session s, String sent) {
    return sent != null && MessageDigest.isEqual(s.csrf().getBytes(StandardCharsets.UTF_8),
        sent.getBytes(StandardCharsets.UTF_8));
  }

  private static String random() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  private static String hash(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
