package crisis.alerts.outreach;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The sender's schedule, on a made-up clock: never faster than the rate, segments counted. */
@Tag("fast")
class PaceTest {
  static final long MS = 1_000_000L;

  @Test
  void slotsAreOneSegmentApartAtTheRate() {
    Pace pace = new Pace(100, 0);
    long last = -1;
    for (int i = 0; i < 1000; i++) {
      long at = pace.reserve(Math.max(0, last), 1);
      if (last >= 0) {
        assertThat(at - last).isEqualTo(10 * MS);
      }
      last = at;
    }
    // 1,000 SMS at 100/s: the last leaves 9.99 s after the first.
    assertThat(last).isEqualTo(9_990 * MS);
  }

  @Test
  void aLongSmsTakesOneSlotPerSegment() {
    Pace pace = new Pace(10, 0);
    assertThat(pace.reserve(0, 3)).isZero();
    assertThat(pace.reserve(0, 1)).isEqualTo(300 * MS);
    assertThat(pace.reserve(0, 1)).isEqualTo(400 * MS);
  }

  @Test
  void aSenderBehindRestartsFromNowWithoutBurst() {
    Pace pace = new Pace(100, 0);
    pace.reserve(0, 1);
    // Woken 500 ms late: the missed slots are gone, the next one is now and the one after a slot later.
    assertThat(pace.reserve(510 * MS, 1)).isEqualTo(510 * MS);
    assertThat(pace.reserve(510 * MS, 1)).isEqualTo(520 * MS);
    // Idle for a minute: the schedule starts again from now, one slot at a time.
    assertThat(pace.reserve(60_000 * MS, 1)).isEqualTo(60_000 * MS);
    assertThat(pace.reserve(60_000 * MS, 1)).isEqualTo(60_010 * MS);
    // Over any stretch, slots never come closer than the rate allows on average: 200 slots from t span 1.99 s.
    long first = pace.reserve(60_000 * MS, 1);
    long at = first;
    for (int i = 0; i < 199; i++) {
      at = pace.reserve(60_000 * MS, 1);
    }
    assertThat(at - first).isEqualTo(1_990 * MS);
  }
}
