package crisis.api;

import static org.assertj.core.api.Assertions.assertThat;

import crisis.alerts.support.Leases;
import crisis.core.testing.Poll;
import crisis.core.testing.TestDatabase;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A clock of the API (gate closing, check-ins, cell counts) runs once per deployment: its step runs only while this
 * instance holds the lease of its name, and takes over when the holder's session ends.
 */
class LoopManagerTest {
  static final TestDatabase DB = TestDatabase.create();

  @AfterAll
  static void drop() {
    DB.drop();
  }

  @Test
  void theStepRunsOnlyWhereTheLeaseIsHeldAndTakesOverWhenItsHolderDies() throws Exception {
    AtomicInteger steps = new AtomicInteger();
    try (Handle other = DB.jdbi().open();
        Leases leases = new Leases(() -> DriverManager.getConnection(DB.url()), Duration.ofMillis(100)).start()) {
      // Another instance holds the clock's lease.
      assertThat(other.createQuery("SELECT pg_try_advisory_lock(:c, hashtext('gate-clock'))")
          .bind("c", Leases.CLASS_ID).mapTo(Boolean.class).one()).isTrue();
      Leases.Lease witness = leases.want("witness");
      LoopManager loop = new LoopManager("gate-clock", Duration.ofMillis(50), () -> {
        steps.incrementAndGet();
        return false;
      }, leases);
      loop.start();
      try {
        Poll.until(Duration.ofSeconds(10), witness::held, "this instance's lease session working");
        Thread.sleep(300); // three rounds of the leases, six periods of the clock, with the lease elsewhere
        assertThat(steps.get()).as("steps run while another instance held the lease").isZero();
        assertThat(leases.holding()).containsEntry("gate-clock", false).containsEntry("witness", true);

        other.close(); // the other instance dies: its session, and its lease, end
        Poll.until(Duration.ofSeconds(10), () -> steps.get() >= 3, "the step run here once the lease was taken");
        assertThat(leases.holding()).containsEntry("gate-clock", true);
      } finally {
        loop.stop();
      }
      assertThat(leases.holding()).as("the lease given back when the loop stops").doesNotContainKey("gate-clock");
    }
  }
}
