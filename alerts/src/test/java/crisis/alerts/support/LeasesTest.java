package crisis.alerts.support;

import static org.assertj.core.api.Assertions.assertThat;

import crisis.core.testing.Poll;
import crisis.core.testing.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A singleton job runs on one instance of several, and moves to another when its owner's session ends. */
@Tag("db")
class LeasesTest {
  static TestDatabase db;

  @BeforeAll
  static void create() {
    db = TestDatabase.create();
  }

  @AfterAll
  static void drop() {
    db.drop();
  }

  @Test
  void aSingletonJobRunsOnOneInstanceAndMovesWhenItsOwnerDies() throws Exception {
    List<Leases> all = new ArrayList<>();
    List<AtomicInteger> runs = new ArrayList<>();
    List<Loop> loops = new ArrayList<>();
    try {
      for (int n = 0; n < 3; n++) {
        Leases leases = new Leases(() -> db.dataSource().getConnection());
        Leases.Lease lease = leases.want("gate-clock");
        AtomicInteger count = new AtomicInteger();
        loops.add(Loop.start("job-" + n, Duration.ofMillis(50), () -> {
          if (lease.held()) {
            count.incrementAndGet();
          }
          return false;
        }));
        leases.start();
        all.add(leases);
        runs.add(count);
      }
      Poll.until(Duration.ofSeconds(10), () -> runs.stream().anyMatch(c -> c.get() > 20), "the job ran");
      Thread.sleep(1_000);
      assertThat(runs.stream().filter(c -> c.get() > 0).count()).as("instances that ran the job").isEqualTo(1);
      int owner = 0;
      while (runs.get(owner).get() == 0) {
        owner++;
      }
      int pid = all.get(owner).pid();
      runs.forEach(c -> c.set(0));
      long killedAt = System.nanoTime();
      db.jdbi().useHandle(h -> h.createQuery("SELECT pg_terminate_backend(:pid)").bind("pid", pid)
          .mapTo(Boolean.class).one());
      int dead = owner;
      Poll.until(Duration.ofSeconds(15), () -> {
        for (int n = 0; n < runs.size(); n++) {
          if (n != dead && runs.get(n).get() > 0) {
            return true;
          }
        }
        return false;
      }, "another instance runs the job");
      assertThat((System.nanoTime() - killedAt) / 1e9).as("seconds to take over").isLessThan(15);
      Thread.sleep(500);
      runs.forEach(c -> c.set(0));
      Thread.sleep(1_000);
      assertThat(runs.stream().filter(c -> c.get() > 0).count()).as("instances that ran the job since").isEqualTo(1);
    } finally {
      loops.forEach(Loop::close);
      all.forEach(Leases::close);
    }
  }
}
