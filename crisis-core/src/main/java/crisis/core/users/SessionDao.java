package crisis.core.users;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The console's sessions ({@code console_session}), the one owner of the table: opened, found while live, touched,
 * closed, expired. A session is live while its user is enabled, it was used after {@code idle} and created after
 * {@code old}. Tokens are stored as their SHA-256 only ({@link Sessions} hashes them).
 */
public interface SessionDao {
  /** A live session as stored, with its last use. */
  record Live(String username, String csrf, Instant createdAt, Instant lastSeenAt) {}

  /** Deletes the sessions idle since before {@code idle} or created before {@code old}. */
  @SqlUpdate("DELETE FROM console_session WHERE last_seen_at < :idle OR created_at < :old")
  int expire(@Bind("idle") Instant idle, @Bind("old") Instant old);

  @SqlUpdate("""
      INSERT INTO console_session (token_hash, username, csrf, created_at, last_seen_at)
      VALUES (:hash, :username, :csrf, :now, :now)""")
  void open(@Bind("hash") String tokenHash, @Bind("username") String username, @Bind("csrf") String csrf,
      @Bind("now") Instant now);

  @SqlQuery("""
      SELECT s.username, s.csrf, s.created_at, s.last_seen_at FROM console_session s
      JOIN app_user u ON u.username = s.username AND u.disabled_at IS NULL
      WHERE s.token_hash = :hash AND s.last_seen_at > :idle AND s.created_at > :old""")
  @RegisterConstructorMapper(Live.class)
  Optional<Live> live(@Bind("hash") String tokenHash, @Bind("idle") Instant idle, @Bind("old") Instant old);

  /** Whether the session is live, as {@link #live} tells it. */
  @SqlQuery("""
      SELECT count(*) FROM console_session s
      JOIN app_user u ON u.username = s.username AND u.disabled_at IS NULL
      WHERE s.token_hash = :hash AND s.last_seen_at > :idle AND s.created_at > :old""")
  long countLive(@Bind("hash") String tokenHash, @Bind("idle") Instant idle, @Bind("old") Instant old);

  /** Records a use of the session. */
  @SqlUpdate("UPDATE console_session SET last_seen_at = :now WHERE token_hash = :hash")
  void touch(@Bind("hash") String tokenHash, @Bind("now") Instant now);

  @SqlUpdate("DELETE FROM console_session WHERE token_hash = :hash")
  void close(@Bind("hash") String tokenHash);

  /** Ends every console session of the user; how many. */
  @SqlUpdate("DELETE FROM console_session WHERE username = :username")
  int closeAll(@Bind("username") String username);
}
