package crisis.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import crisis.core.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The documented policy, on a clock the test moves. */
@Tag("fast")
class LoginThrottleTest {
  private final ManualClock clock = new ManualClock(Instant.parse("2026-11-30T03:00:00Z"));
  private final LoginThrottle throttle = new LoginThrottle(LoginThrottle.Policy.DEFAULT, clock);

  @Test
  void anAddressWaitsAfterFiveFailuresAndTwiceAsLongAfterEachMore() {
    for (int i = 0; i < 4; i++) {
      throttle.failed("officer.paris", "203.0.113.7");
      assertThat(throttle.waitBeforeAttempt("officer.paris", "203.0.113.7")).isEmpty();
    }
    throttle.failed("someone.else", "203.0.113.7");
    assertThat(throttle.waitBeforeAttempt("cell", "203.0.113.7")).contains(Duration.ofSeconds(1));
    assertThat(throttle.waitBeforeAttempt("cell", "198.51.100.1")).as("another address").isEmpty();
    clock.advance(Duration.ofSeconds(1));
    assertThat(throttle.waitBeforeAttempt("cell", "203.0.113.7")).isEmpty();
    throttle.failed("cell", "203.0.113.7");
    assertThat(throttle.waitBeforeAttempt("cell", "203.0.113.7")).contains(Duration.ofSeconds(2));
    for (int i = 0; i < 20; i++) {
      clock.advance(Duration.ofMinutes(15));
      throttle.failed("cell", "203.0.113.7");
    }
    assertThat(throttle.waitBeforeAttempt("cell", "203.0.113.7")).as("at most 15 minutes")
        .contains(Duration.ofMinutes(15));
  }

  @Test
  void failuresAreForgottenAfterAQuietQuarterOfAnHour() {
    for (int i = 0; i < 5; i++) {
      throttle.failed("officer.paris", "203.0.113.7");
    }
    clock.advance(Duration.ofMinutes(15).plusSeconds(1));
    throttle.failed("officer.paris", "203.0.113.7");
    assertThat(throttle.waitBeforeAttempt("officer.paris", "203.0.113.7")).isEmpty();
  }

  @Test
  void aHeldAccountStillSignsInFromItsKnownAddressAndFromAnAddressThatHasNotFailed() {
    throttle.succeeded("officer.paris", "192.0.2.10");
    for (int i = 0; i < 10; i++) {
      throttle.failed("officer.paris", "203.0.113." + i);
    }
    Optional<Duration> attacker = throttle.waitBeforeAttempt("officer.paris", "203.0.113.3");
    assertThat(attacker).as("an address that failed").contains(Duration.ofSeconds(1));
    assertThat(throttle.waitBeforeAttempt("OFFICER.PARIS", "203.0.113.3")).as("names are case-insensitive")
        .isPresent();
    throttle.failed("officer.paris", "192.0.2.10");
    assertThat(throttle.waitBeforeAttempt("officer.paris", "192.0.2.10")).as("the officer's office, after a typo")
        .isEmpty();
    assertThat(throttle.waitBeforeAttempt("officer.paris", "198.51.100.20")).as("a new address").isEmpty();
    throttle.failed("officer.paris", "198.51.100.20");
    assertThat(throttle.waitBeforeAttempt("officer.paris", "198.51.100.20")).as("one guess per address")
        .contains(Duration.ofSeconds(4)); // the twelfth failure of the account (the typo was the eleventh)
    assertThat(throttle.waitBeforeAttempt("cell", "203.0.113.3")).as("other accounts from that address").isEmpty();
  }

  @Test
  void aSuccessForgivesItsAddress() {
    for (int i = 0; i < 4; i++) {
      throttle.failed("officer.paris", "192.0.2.10");
    }
    throttle.succeeded("officer.paris", "192.0.2.10");
    throttle.failed("officer.paris", "192.0.2.10");
    assertThat(throttle.waitBeforeAttempt("officer.paris", "192.0.2.10")).isEmpty();
  }

  @Test
  void theBasicHeaderNameIsReadWithoutThePassword() {
    assertThat(LoginThrottleFilter.account("b2ZmaWNlci5wYXJpczpzZWNyZXQ6d2l0aDpjb2xvbnM=")).contains("officer.paris");
    assertThat(LoginThrottleFilter.account("not base64!")).isEmpty();
    assertThat(LoginThrottleFilter.account("bm9jb2xvbg==")).isEmpty();
  }
}
