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
    jdbi.useHandle(h -> {
      h.createUpdate("DELETE FROM console_session WHERE last_seen_at < :idle OR created_at < :old")
          .bind("idle", now.minus(idleTimeout)).bind("old", now.minus(maxAge)).execute();
      h.createUpdate("""
          INSERT INTO console_session (token_hash, username, csrf, created_at, last_seen_at)
          VALUES (:hash, :username, :csrf, :now, :now)""")
          .bind("hash", hash(token)).bind("username", username).bind("csrf", csrf).bind("now", now).execute();
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
    return jdbi.withHandle(h -> {
      Optional<Found> found = h.createQuery("""
          SELECT s.username, s.csrf, s.created_at, s.last_seen_at FROM console_session s
          JOIN app_user u ON u.username = s.username AND u.disabled_at IS NULL
          WHERE s.token_hash = :hash AND s.last_seen_at > :idle AND s.created_at > :old""")
          .bind("hash", hash).bind("idle", now.minus(idleTimeout)).bind("old", now.minus(maxAge))
          .map((rs, ctx) -> new Found(new Session(rs.getString("username"), rs.getString("csrf"),
              rs.getTimestamp("created_at").toInstant()), rs.getTimestamp("last_seen_at").toInstant()))
          .findOne();
      if (found.isPresent() && found.get().seen().isBefore(now.minusSeconds(TOUCH_SECONDS))) {
        h.createUpdate("UPDATE console_session SET last_seen_at = :now WHERE token_hash = :hash")
            .bind("now", now).bind("hash", hash).execute();
      }
      return found.map(Found::session);
    });
  }

  private record Found(Session session, Instant seen) {}

  /**
   * Whether a cookie's session is still live, without recording a use: what a long-lived stream checks, so that a
   * screen left open does not keep its session alive past the idle timeout.
   */
  public boolean alive(String token) {
    if (token == null || token.length() != 43) {
      return false;
    }
    Instant now = clock.instant();
    return jdbi.withHandle(h -> h.createQuery("""
        SELECT count(*) FROM console_session s
        JOIN app_user u ON u.username = s.username AND u.disabled_at IS NULL
        WHERE s.token_hash = :hash AND s.last_seen_at > :idle AND s.created_at > :old""")
        .bind("hash", hash(token)).bind("idle", now.minus(idleTimeout)).bind("old", now.minus(maxAge))
        .mapTo(Long.class).one() > 0);
  }

  /** Ends the session of a cookie's token (signing out). */
  public void close(String token) {
    if (token != null) {
      jdbi.useHandle(h -> h.createUpdate("DELETE FROM console_session WHERE token_hash = :hash")
          .bind("hash", hash(token)).execute());
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
