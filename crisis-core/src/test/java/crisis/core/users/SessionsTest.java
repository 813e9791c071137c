package crisis.core.users;

import static org.assertj.core.api.Assertions.assertThat;

import crisis.core.access.Role;
import crisis.core.testing.ManualClock;
import crisis.core.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Browser sessions on PostgreSQL with a controllable clock: idle timeout, maximum age, sign-out, disabled users. */
@Tag("db")
class SessionsTest {
  private final ManualClock clock = new ManualClock(Instant.parse("2026-12-02T08:00:00Z"));
  private Jdbi jdbi;
  private Sessions sessions;

  @BeforeEach
  void start() {
    jdbi = TestDatabase.create().jdbi();
    new UserService(jdbi).add("cell", "a long enough password".toCharArray(), Role.CRISIS_CELL, null);
    sessions = new Sessions(jdbi, Duration.ofMinutes(15), Duration.ofHours(12), clock);
  }

  @Test
  void aSessionLastsWhileUsedAndExpiresAfterItsIdleTimeoutAndNotBefore() {
    Sessions.Opened o = sessions.open("cell");
    assertThat(o.token()).hasSize(43).isNotEqualTo(o.session().csrf());
    String stored = jdbi.withHandle(h -> h.createQuery("SELECT token_hash FROM console_session").mapTo(String.class)
        .one());
    assertThat(stored).as("only the token's hash is stored").isNotEqualTo(o.token()).hasSize(64);
    for (int i = 0; i < 3; i++) {
      clock.advance(Duration.ofMinutes(14));
      assertThat(sessions.find(o.token())).as("used every 14 minutes").isPresent();
    }
    clock.advance(Duration.ofMinutes(15).minusSeconds(1));
    assertThat(sessions.find(o.token())).as("one second before the idle timeout").isPresent();
    clock.advance(Duration.ofMinutes(15).plusSeconds(1));
    assertThat(sessions.find(o.token())).as("idle for 15 minutes and 1 second").isEmpty();
  }

  @Test
  void aSessionEndsAtItsMaximumAgeAtSignOutAndWhenItsUserIsDisabled() {
    Sessions.Opened o = sessions.open("cell");
    for (int i = 0; i < 12 * 6 - 1; i++) {
      clock.advance(Duration.ofMinutes(10));
      assertThat(sessions.find(o.token())).isPresent();
    }
    clock.advance(Duration.ofMinutes(10));
    assertThat(sessions.find(o.token())).as("12 hours after sign-in").isEmpty();

    Sessions.Opened out = sessions.open("cell");
    sessions.close(out.token());
    assertThat(sessions.find(out.token())).isEmpty();

    Sessions.Opened disabled = sessions.open("cell");
    jdbi.useHandle(h -> h.execute("UPDATE app_user SET disabled_at = now() WHERE username = 'cell'"));
    assertThat(sessions.find(disabled.token())).isEmpty();
    assertThat(sessions.find("not a token")).isEmpty();
    assertThat(sessions.find(null)).isEmpty();
  }

  @Test
  void theCsrfTokenMustMatchExactly() {
    Sessions.Session s = sessions.open("cell").session();
    assertThat(Sessions.csrfMatches(s, s.csrf())).isTrue();
    assertThat(Sessions.csrfMatches(s, s.csrf().substring(1))).isFalse();
    assertThat(Sessions.csrfMatches(s, null)).isFalse();
  }
}
