package crisis.core.retention;

import static org.assertj.core.api.Assertions.assertThat;

import crisis.core.audit.AuditTrail;
import crisis.core.crisis.Crisis;
import crisis.core.crisis.CrisisDraft;
import crisis.core.crisis.CrisisInputs;
import crisis.core.crisis.CrisisService;
import crisis.core.crisis.ZoneInput;
import crisis.core.geo.CountryBoundaries;
import crisis.core.geo.ZoneParser;
import crisis.core.registry.Registration;
import crisis.core.registry.RegistrationData;
import crisis.core.registry.RegistrationService;
import crisis.core.registry.RegistrationValidator;
import crisis.core.testing.CoreOwners;
import crisis.core.testing.ManualClock;
import crisis.core.testing.OutreachRows;
import crisis.core.testing.PersonTraces;
import crisis.core.testing.Samples;
import crisis.core.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The retention purge on a manual clock (issue 31): each category purged the day after its period and not the day
 * before, holds keeping people, a second run doing nothing, the counts audited without a name or an id, and nothing
 * left of a purged person in any column of the catalogue that can name them.
 */
@Tag("db")
class RetentionPurgeTest {
  /** A temporary stay's end: 30 days later it is past its period (1 February 2027 is the first day purged). */
  private static final LocalDate STAY_END = LocalDate.of(2027, 1, 1);
  private TestDatabase db;
  private Jdbi jdbi;
  private ManualClock clock;
  private RegistrationService registrations;
  private CrisisService crises;
  private RetentionPurge purge;

  @BeforeEach
  void start() {
    db = TestDatabase.create();
    jdbi = db.jdbi();
    Samples.consulates(jdbi);
    clock = new ManualClock(Instant.parse("2026-12-01T10:00:00Z"));
    AuditTrail audit = new AuditTrail(jdbi, clock);
    registrations = new RegistrationService(jdbi, new RegistrationValidator(), audit, clock);
    crises = new CrisisService(jdbi, new CrisisInputs(new ZoneParser(10_000), new CountryBoundaries()), clock);
    purge = CoreOwners.purge(jdbi, clock, audit);
  }

  @AfterEach
  void stop() {
    db.drop();
  }

  private Registration register(RegistrationData d) {
    return registrations.create(Samples.CRISIS_CELL, d);
  }

  /** A national on a temporary stay in Libya that ends on {@link #STAY_END}, with a phone of their own. */
  private RegistrationData visitor(int n) {
    RegistrationData t = Samples.tripolitan(n);
    return new RegistrationData(t.externalId(), t.givenNameLatin(), t.familyNameLatin(), t.givenNameArabic(),
        t.familyNameArabic(), t.dateOfBirth(), t.sex(), t.nationalId(), t.passportNumber(), t.phone(), t.email(),
        t.preferredLanguage(), t.address(), t.location(), t.countryOfResidence(), t.consulateId(), t.residenceType(),
        t.stayPurpose(), LocalDate.of(2026, 11, 1), STAY_END, t.household(), t.vulnerabilities(),
        t.emergencyContact(), t.consent());
  }

  private Crisis crisis(String title) {
    Crisis c = crises.create(Samples.CRISIS_CELL, new CrisisDraft(title, "CIVIL_UNREST", "SEVERE",
        List.of(new ZoneInput("Libya", null, null, "LY")), null, List.of(Map.of("ar", "ابقوا في منازلكم"))));
    return crises.activate(Samples.CRISIS_CELL, c.id());
  }

  private UUID alertedAndAnswered(Crisis c, Registration r, String body) {
    return OutreachRows.alertedAndAnswered(jdbi, c, r, body, clock.instant());
  }

  private long count(String sql, Object... args) {
    return jdbi.withHandle(h -> {
      var q = h.createQuery(sql);
      for (int i = 0; i < args.length; i++) {
        q.bind(i, args[i]);
      }
      return q.mapTo(Long.class).one();
    });
  }

  private void at(String instant) {
    clock.set(Instant.parse(instant));
  }

  @Test
  void aStayIsPurgedTheDayAfterItsPeriodNotTheDayBeforeUnlessHeldAndOnceOnly() {
    Crisis over = crisis("Unrest in the west");
    Registration gone = register(visitor(1));
    Registration heldByCrisis = register(visitor(2));
    Registration evacuated = register(visitor(3));
    Registration resident = register(Samples.parisian(4));
    alertedAndAnswered(over, gone, "تعليمات: ابقوا في منازلكم");
    crises.close(Samples.CRISIS_CELL, over.id(), "calm again");
    Crisis open = crisis("Unrest in the east");
    alertedAndAnswered(open, heldByCrisis, "تعليمات: ابقوا في منازلكم");
    jdbi.useHandle(h -> h.createUpdate("""
        INSERT INTO evacuation_request (id, crisis_id, registration_id, consulate_id, country, source, state, phone,
          language, requested_at, requested_by, updated_at)
        VALUES (:id, :crisis, :registration, 'ly-tripoli', 'LY', 'DESK', 'ARRIVED', :phone, 'ar', :now, 'officer',
          :now)""").bind("id", UUID.randomUUID()).bind("crisis", over.id()).bind("registration", evacuated.id())
        .bind("phone", evacuated.data().phone()).bind("now", clock.instant()).execute());
    long cellsBefore = count("SELECT coalesce(sum(n), 0) FROM registration_cell_total");

    at("2027-01-31T23:59:00Z"); // the 30th day after the stay: still kept
    RetentionPurge.Result early = purge.run();
    assertThat(early.nothing()).as("the day before").isTrue();
    assertThat(count("SELECT count(*) FROM registration")).isEqualTo(4);

    at("2027-02-01T00:01:00Z");
    RetentionPurge.Result first = purge.run();
    assertThat(first.removed("registration")).isEqualTo(1);
    assertThat(first.removed("sms_recipient")).isEqualTo(1);
    assertThat(first.removed("citizen_status")).isEqualTo(1);
    assertThat(first.removed("sms_reply")).isEqualTo(1);
    assertThat(first.removed("sms_send")).isEqualTo(1);
    assertThat(first.held()).containsExactlyInAnyOrderEntriesOf(Map.of("open crisis", 1, "evacuation record", 1));
    assertThat(count("SELECT count(*) FROM registration WHERE id = ANY(?)",
        (Object) new UUID[] {heldByCrisis.id(), evacuated.id(), resident.id()})).isEqualTo(3);
    assertNothingNames(gone);
    // The counts by cell lost the one person; the topic gets a tombstone (the relay reads the outbox).
    assertThat(count("SELECT coalesce(sum(n), 0) FROM registration_cell_total")).isEqualTo(cellsBefore - 1);
    assertThat(count("SELECT count(*) FROM outbox WHERE aggregate = 'registration' AND aggregate_id = ?", gone.id()))
        .isPositive();

    // The audit record: counts by table and holds by reason, no id, no name, no phone.
    List<String> details = jdbi.withHandle(h -> h.createQuery(
        "SELECT detail FROM audit_event WHERE action = 'RETENTION' AND registration_ids = '{}'")
        .mapTo(String.class).list());
    assertThat(details).hasSize(1);
    assertThat(details.get(0)).contains("purged 1", "registration 1", "sms_send 1", "open crisis 1",
        "evacuation record 1").doesNotContain(gone.id().toString(), "Omar", "Benali", gone.data().phone());

    // Again: nothing more, and no second audit record.
    RetentionPurge.Result second = purge.run();
    assertThat(second.nothing()).isTrue();
    assertThat(count("SELECT count(*) FROM audit_event WHERE action = 'RETENTION'")).isEqualTo(1);

    // Once the crisis is over, the one it held goes at the next run.
    crises.close(Samples.CRISIS_CELL, open.id(), "calm again");
    RetentionPurge.Result third = purge.run();
    assertThat(third.removed("registration")).isEqualTo(1);
    assertNothingNames(heldByCrisis);
  }

  @Test
  void anArchivedRegistrationGoesEighteenMonthsLaterAndAPhoneAKeptHouseholdSharesStays() {
    Registration resident = register(Samples.parisian(10));
    Registration sameHome = register(Samples.withPhone(Samples.tripolitan(11), resident.data().phone()));
    Crisis c = crisis("Unrest");
    UUID sharedSend = alertedAndAnswered(c, sameHome, "Restez chez vous");
    crises.close(Samples.CRISIS_CELL, c.id(), "calm");
    at("2027-01-10T10:00:00Z");
    registrations.archive(Samples.CRISIS_CELL, sameHome.id(), "returned to Morocco");

    at("2028-07-10T09:59:00Z"); // 18 months to the minute, less one
    RetentionPurge.Result early = purge.run();
    assertThat(early.removed("registration")).isZero();
    assertThat(early.removed("sms_send.body")).as("the texts' own period, long over").isEqualTo(1);
    long history = count("SELECT count(*) FROM registration_change WHERE registration_id = ?", sameHome.id());
    assertThat(history).as("its archiving at least").isPositive();
    at("2028-07-10T10:01:00Z");
    RetentionPurge.Result r = purge.run();
    assertThat(r.removed("registration")).isEqualTo(1);
    assertThat(r.removed("registration_change")).isEqualTo(history);
    // The phone is still the resident's: what was sent to it stays (its text cleared after its days), unlinked.
    assertThat(count("SELECT count(*) FROM sms_send WHERE id = ?", sharedSend)).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM sms_recipient WHERE registration_id = ?", sameHome.id())).isZero();
    assertThat(count("SELECT count(*) FROM sms_reply WHERE ? = ANY(registration_ids)", sameHome.id())).isZero();
    assertThat(count("SELECT count(*) FROM registration WHERE id = ?", resident.id())).isEqualTo(1);
  }

  @Test
  void smsTextsAreClearedAfterTheirDaysButAHelpStillOpenKeepsItsWords() {
    Registration resident = register(Samples.parisian(20));
    Crisis c = crisis("Floods");
    UUID send = alertedAndAnswered(c, resident, "Évitez les berges");
    at("2027-03-01T09:00:00Z"); // 90 days after 1 December, less an hour
    assertThat(purge.run().nothing()).isTrue();
    at("2027-03-01T10:01:00Z");
    RetentionPurge.Result r = purge.run();
    assertThat(r.removed("sms_send.body")).isEqualTo(1);
    assertThat(r.removed("sms_reply.body")).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM sms_send WHERE id = ? AND body IS NULL", send)).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM sms_reply WHERE body IS NOT NULL")).isZero();
    assertThat(count("SELECT count(*) FROM registration")).as("the person stays: only texts expire").isEqualTo(1);
    assertThat(purge.run().nothing()).isTrue();
  }

  /**
   * No column of the catalogue that can name a person holds this one's id or phone. The audit trail's ids
   * (append-only, its own retention) and the outbox's tombstone are left out.
   */
  private void assertNothingNames(Registration r) {
    assertThat(PersonTraces.of(jdbi, r.id(), r.data().phone(), java.util.Set.of("audit_event", "outbox")))
        .as("columns still naming a purged person").isEmpty();
  }
}
