package crisis.core.repatriation;

import static crisis.core.testing.Samples.CRISIS_CELL;
import static crisis.core.testing.Samples.PARIS_OFFICER;
import static crisis.core.testing.Samples.TRIPOLI_OFFICER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import crisis.core.access.ForbiddenException;
import crisis.core.common.Page;
import crisis.core.common.ValidationException;
import crisis.core.crisis.Crisis;
import crisis.core.crisis.CrisisDraft;
import crisis.core.crisis.CrisisZone;
import crisis.core.crisis.ZoneInput;
import crisis.core.registry.Registration;
import crisis.core.registry.Sex;
import crisis.core.repatriation.EvacuationRequest.State;
import crisis.core.repatriation.db.EvacuationDao;
import crisis.core.testing.Samples;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The officer's evacuation queue on a real PostgreSQL: one order across the active crises (waiting states first, then
 * the households with a special need, then the newest), only what the actor sees, paged.
 */
@Tag("db")
class EvacuationQueueTest {
  private RepatriationFixture f;
  private Crisis storm;
  /** The requests opened, by a name; each one minute newer than the one opened before. */
  private final Map<String, EvacuationRequest> byName = new java.util.HashMap<>();
  private EvacuationRequest tripoli;

  @BeforeEach
  void start() {
    f = new RepatriationFixture();
    storm = crisis("Storm over Paris");
    Crisis over = crisis("Heat wave, over");

    // Opened oldest first, a minute apart. m's traveller with a need was removed: m has none left.
    EvacuationRequest m = open("m", f.crisis, Set.of());
    EvacuationRequest withOxygen = f.rep.requestChanges().addTraveller(PARIS_OFFICER, f.crisis.id(), m.id(), m.version(),
        new TravellerInputs.TravellerInput(null, "Nadia Haddad", Sex.F, LocalDate.of(1950, 1, 1), "FR",
            Traveller.DocumentType.PASSPORT, "FR1234567", Set.of(SpecialNeed.OXYGEN)));
    f.rep.requestChanges().removeTraveller(PARIS_OFFICER, f.crisis.id(), m.id(), withOxygen.version(),
        withOxygen.travellers().get(1).id());
    open("a", f.crisis, Set.of());
    open("b", f.crisis, Set.of(SpecialNeed.OXYGEN));
    open("c", f.crisis, Set.of());
    state(open("d", f.crisis, Set.of()), State.NO_SHOW);
    state(open("e", f.crisis, Set.of(SpecialNeed.WHEELCHAIR)), State.ASSIGNED);
    state(open("g", f.crisis, Set.of()), State.CHECKED_IN);
    state(open("h", f.crisis, Set.of()), State.BOARDED);
    state(open("i", f.crisis, Set.of()), State.ARRIVED);
    cancel(open("j", f.crisis, Set.of(SpecialNeed.PREGNANCY)));
    cancel(open("k", f.crisis, Set.of()));
    open("x", storm, Set.of());
    // Another consulate's household, and a request of a crisis closed since: neither in the Paris officer's queue.
    f.clock.advance(Duration.ofMinutes(1));
    Registration benali = f.registrations.create(TRIPOLI_OFFICER, Samples.tripolitan(500));
    tripoli = f.rep.requestOpening().open(TRIPOLI_OFFICER, storm.id(),
        new RequestOpening.RequestInput(benali.id(), null, Set.of(), null, null));
    open("closed", over, Set.of(SpecialNeed.STRETCHER));
    f.crises.close(CRISIS_CELL, over.id(), "over");
  }

  private Crisis crisis(String title) {
    Crisis c = f.crises.create(CRISIS_CELL, new CrisisDraft(title, "STORM", "SEVERE",
        List.of(new ZoneInput("Paris", null, new CrisisZone.Circle(48.8566, 2.3522, 20.0), null)), null,
        List.of(Map.of("fr", "Restez chez vous."))));
    return f.crises.activate(CRISIS_CELL, c.id());
  }

  private EvacuationRequest open(String name, Crisis crisis, Set<SpecialNeed> needs) {
    f.clock.advance(Duration.ofMinutes(1));
    EvacuationRequest r = f.rep.requestOpening().open(PARIS_OFFICER, crisis.id(),
        new RequestOpening.RequestInput(f.alone(48.86, 2.35).id(), null, needs, null, null));
    byName.put(name, r);
    return r;
  }

  /** Puts a request in a state as the plan or the gate would have (the queue's order is what is tested here). */
  private void state(EvacuationRequest r, State s) {
    f.jdbi.useExtension(EvacuationDao.class, d -> d.setState(new UUID[] {r.id()}, s.name(), f.clock.instant()));
  }

  private void cancel(EvacuationRequest r) {
    f.rep.requestChanges().cancel(PARIS_OFFICER, f.crisis.id(), r.id(), "staying with family");
  }

  private List<String> names(Page<EvacuationQueue.Item> page) {
    List<String> out = new ArrayList<>();
    for (EvacuationQueue.Item item : page.items()) {
      byName.forEach((name, r) -> {
        if (r.id().equals(item.request().id())) {
          out.add(name);
        }
      });
      if (item.request().id().equals(tripoli.id())) {
        out.add("tripoli");
      }
    }
    return out;
  }

  @Test
  void waitingFirstThenSpecialNeedsThenNewestAcrossTheActiveCrises() {
    Page<EvacuationQueue.Item> queue = f.rep.queue().list(PARIS_OFFICER, 0, 50);
    // OPEN (b has a need; then x, c, a, m newest first: m's needy traveller was removed), NO_SHOW, ASSIGNED,
    // CHECKED_IN, BOARDED, ARRIVED, CANCELLED (j had a need when it was cancelled).
    assertThat(names(queue)).containsExactly("b", "x", "c", "a", "m", "d", "e", "g", "h", "i", "j", "k");
    assertThat(queue.total()).isEqualTo(12);
    assertThat(queue.items()).extracting(i -> i.request().state()).containsExactly(State.OPEN, State.OPEN,
        State.OPEN, State.OPEN, State.OPEN, State.NO_SHOW, State.ASSIGNED, State.CHECKED_IN, State.BOARDED,
        State.ARRIVED, State.CANCELLED, State.CANCELLED);
    // Each item is the request as the crisis's list gives it, with its crisis's title.
    EvacuationQueue.Item x = queue.items().get(1);
    assertThat(x.crisisTitle()).isEqualTo("Storm over Paris");
    assertThat(queue.items().get(0).crisisTitle()).isEqualTo("Floods in Paris");
    assertThat(x.request()).isEqualTo(f.rep.requests().list(PARIS_OFFICER, storm.id(), null).get(0));
    assertThat(queue.items().get(0).request().travellers()).extracting(Traveller::needs)
        .containsExactly(EnumSet.of(SpecialNeed.OXYGEN));
    assertThat(queue.items().get(10).request().travellers()).isNotEmpty();
  }

  @Test
  void eachSeesItsOwnConsulatesAndTheCellEveryOne() {
    assertThat(names(f.rep.queue().list(TRIPOLI_OFFICER, 0, 50))).containsExactly("tripoli");
    Page<EvacuationQueue.Item> all = f.rep.queue().list(CRISIS_CELL, 0, 50);
    assertThat(all.total()).isEqualTo(13);
    // The Tripoli household, opened last, is the newest of the waiting households without a need.
    assertThat(names(all)).startsWith("b", "tripoli", "x", "c");
    assertThat(queueReads()).isZero();
    f.rep.queue().list(PARIS_OFFICER, 0, 1);
    assertThat(queueReads()).isOne();
  }

  /** The reads of the queue by the Paris officer in the audit trail. */
  private long queueReads() {
    return f.jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM audit_event WHERE actor = 'officer.paris' "
        + "AND action = 'READ_EVACUATION_REQUESTS' AND detail = 'queue of the active crises'").mapTo(Long.class)
        .one());
  }

  @Test
  void pagesFollowTheOrderAndAreChecked() {
    Page<EvacuationQueue.Item> page = f.rep.queue().list(PARIS_OFFICER, 2, 3);
    assertThat(names(page)).containsExactly("c", "a", "m");
    assertThat(page.total()).isEqualTo(12);
    assertThat(page.offset()).isEqualTo(2);
    assertThat(page.limit()).isEqualTo(3);
    assertThatThrownBy(() -> f.rep.queue().list(PARIS_OFFICER, -1, 3)).isInstanceOf(ValidationException.class)
        .hasMessageContaining("offset");
    assertThatThrownBy(() -> f.rep.queue().list(PARIS_OFFICER, 0, EvacuationQueue.MAX_PAGE + 1))
        .isInstanceOf(ValidationException.class).hasMessageContaining("limit");
    assertThatThrownBy(() -> f.rep.queue().list(Samples.CASEWORKER, 0, 10)).isInstanceOf(ForbiddenException.class);
  }

  @Test
  void theOrderNamesEveryStateOnce() {
    assertThat(EvacuationQueue.STATE_ORDER).doesNotHaveDuplicates()
        .containsExactlyInAnyOrder(State.values());
  }
}
