package crisis.core.registry;

import static crisis.core.testing.Samples.PARIS_OFFICER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import crisis.core.audit.AuditTrail;
import crisis.core.common.Json;
import crisis.core.privacy.FieldCipher;
import crisis.core.testing.Samples;
import crisis.core.testing.TestDatabase;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A key rotation while officers keep writing and reading (issue 31): every read during it gives the value last
 * written, every value ends sealed with the new key, and the old key can then go.
 */
@Tag("db")
class KeyRotationUnderLoadTest {
  private static final int PEOPLE = 200;

  @Test
  void valuesStayReadableThroughARotationAndAllEndUnderTheNewKey() throws Exception {
    TestDatabase db = TestDatabase.create();
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      Jdbi jdbi = db.jdbi();
      Samples.consulates(jdbi);
      RegistrationService service = new RegistrationService(jdbi, new RegistrationValidator(),
          new AuditTrail(jdbi, Clock.systemUTC()), Clock.systemUTC());
      List<UUID> ids = new ArrayList<>();
      Map<UUID, String> passports = new ConcurrentHashMap<>();
      for (int i = 0; i < PEOPLE; i++) {
        Registration r = service.create(PARIS_OFFICER, Samples.parisian(5_000 + i));
        ids.add(r.id());
        passports.put(r.id(), "");
      }
      FieldCipher cipher = FieldCipher.of(jdbi);
      IdentitySealing sealing = new IdentitySealing(jdbi);
      int old = cipher.currentVersion();

      AtomicBoolean stop = new AtomicBoolean();
      AtomicLong reads = new AtomicLong();
      AtomicLong writes = new AtomicLong();
      // One officer renews passports (each registration's own value, so the last one written is known), another
      // reads them back; both until the rotation is over.
      Future<?> writer = pool.submit(() -> {
        for (int n = 0; !stop.get(); n++) {
          UUID id = ids.get(n % PEOPLE);
          Registration r = service.get(PARIS_OFFICER, id);
          String passport = String.format("R%08d", n);
          ObjectNode d = Json.MAPPER.valueToTree(r.data());
          d.put("passportNumber", passport);
          service.update(PARIS_OFFICER, id, r.version(), Json.MAPPER.convertValue(d, RegistrationData.class));
          passports.put(id, passport);
          writes.incrementAndGet();
        }
        return null;
      });
      Future<?> reader = pool.submit(() -> {
        for (int n = 0; !stop.get(); n++) {
          UUID id = ids.get((n * 7) % PEOPLE);
          String before = passports.get(id);
          Registration r = service.get(PARIS_OFFICER, id);
          assertThat(r.data().nationalId()).isEqualTo(String.format("AB%06d", 5_000 + ids.indexOf(id)));
          if (!before.isEmpty()) {
            assertThat(r.data().passportNumber()).as("a passport read back").startsWith("R");
          }
          reads.incrementAndGet();
        }
        return null;
      });
      while (writes.get() < 50) {
        Thread.sleep(10);
      }
      int next = cipher.rotate();
      long resealed = sealing.resealAll();
      long during = writes.get();
      while (writes.get() < during + 50) {
        Thread.sleep(10);
      }
      stop.set(true);
      writer.get();
      reader.get();
      // The writers of this instance sealed with the new key as soon as it was made; what a row changed under the
      // pass left is taken by a second one.
      sealing.resealAll();
      System.out.printf("key rotation under load: %d reads and %d writes during it, %d rows sealed again%n",
          reads.get(), writes.get(), resealed);
      assertThat(reads.get()).isGreaterThan(100);
      assertThat(sealing.versionsInUse()).containsExactly(next);
      cipher.retire(old);
      for (UUID id : ids) {
        Registration r = service.get(PARIS_OFFICER, id);
        String expected = passports.get(id);
        assertThat(r.data().passportNumber()).isEqualTo(expected.isEmpty() ? null : expected);
      }
    } finally {
      pool.shutdownNow();
      db.drop();
    }
  }
}
