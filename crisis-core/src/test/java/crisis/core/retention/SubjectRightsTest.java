package crisis.core.retention;

import crisis.core.privacy.PersonalData;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import crisis.core.audit.AuditTrail;
import crisis.core.common.ConflictException;
import crisis.core.common.NotFoundException;
import crisis.core.common.ValidationException;
import crisis.core.crisis.Crisis;
import crisis.core.crisis.CrisisDraft;
import crisis.core.crisis.CrisisInputs;
import crisis.core.crisis.CrisisService;
import crisis.core.crisis.ZoneInput;
import crisis.core.geo.CountryBoundaries;
import crisis.core.geo.ZoneParser;
import crisis.core.registry.Consent;
import crisis.core.registry.ConsentMethod;
import crisis.core.registry.ConsentPurpose;
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
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A person's copy and erasure (issue 31): the copy holds everything every owner keeps on them, sealed values opened,
 * consents and their history, SMS both ways, who read them; as a PDF in French and Arabic; erasure refused with its
 * reason under a hold and complete once it ends; another jurisdiction's person is not found; a request without a
 * proper reference is refused before anything is read.
 */
@Tag("db")
class SubjectRightsTest {
  private TestDatabase db;
  private Jdbi jdbi;
  private ManualClock clock;
  private RegistrationService registrations;
  private CrisisService crises;
  private SubjectRights rights;
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
    rights = new SubjectRights(jdbi, purge, audit, clock);
  }

  @AfterEach
  void stop() {
    db.drop();
  }

  /** A Parisian who withdrew consent to repatriation, alerted in a crisis, who answered, and whom an officer read. */
  private Registration person(Crisis c) {
    Registration r = registrations.create(Samples.CRISIS_CELL, Samples.parisian(31));
    RegistrationData d = r.data();
    RegistrationData withdrawn = new RegistrationData(d.externalId(), d.givenNameLatin(), d.familyNameLatin(),
        d.givenNameArabic(), d.familyNameArabic(), d.dateOfBirth(), d.sex(), d.nationalId(), d.passportNumber(),
        d.phone(), d.email(), d.preferredLanguage(), d.address(), d.location(), d.countryOfResidence(),
        d.consulateId(), d.residenceType(), d.stayPurpose(), d.arrivalDate(), d.departureDate(), d.household(),
        d.vulnerabilities(), d.emergencyContact(), new Consent(EnumSet.of(ConsentPurpose.CRISIS_CONTACT),
            Instant.parse("2026-11-30T15:00:00Z"), ConsentMethod.IN_PERSON));
    r = registrations.update(Samples.PARIS_OFFICER, r.id(), r.version(), withdrawn);
    OutreachRows.alertedAndAnswered(jdbi, c, r, "Évitez la place de la République.", clock.instant());
    registrations.get(Samples.PARIS_OFFICER, r.id());
    return r;
  }

  private String one(String sql) {
    return jdbi.withHandle(h -> h.createQuery(sql).mapTo(String.class).one());
  }

  private Crisis crisis() {
    Crisis c = crises.create(Samples.CRISIS_CELL, new CrisisDraft("Riots", "CIVIL_UNREST", "SEVERE",
        List.of(new ZoneInput("France", null, null, "FR")), null, List.of(Map.of("fr", "Restez chez vous."))));
    return crises.activate(Samples.CRISIS_CELL, c.id());
  }

  @Test
  @SuppressWarnings("unchecked")
  void theCopyHoldsEverythingEveryOwnerKeepsOpenedWithConsentsSmsAndReaders() throws Exception {
    Registration r = person(crisis());
    SubjectRights.Copy copy = rights.copy(Samples.PARIS_OFFICER, r.id(), "DPO-2026/0042");

    for (PersonalData o : purge.owners()) {
      assertThat(copy.tables()).as("the copy has every table %s claims", o.getClass().getSimpleName())
          .containsKeys(o.tables().keySet().toArray(String[]::new));
    }
    Map<String, Object> registration = copy.tables().get("registration").get(0);
    Map<String, Object> data = (Map<String, Object>) registration.get("data");
    assertThat(data.get("nationalId")).as("the identity number opened").isEqualTo("AB000031");
    assertThat((Map<String, Object>) data.get("consent")).containsEntry("method", "IN_PERSON");
    assertThat(copy.tables().get("registration_change"))
        .anySatisfy(c -> assertThat((List<String>) c.get("changedFields")).contains("consent"));
    assertThat(copy.tables().get("sms_send")).singleElement()
        .satisfies(s -> assertThat(s).containsEntry("body", "Évitez la place de la République."));
    assertThat(copy.tables().get("sms_reply")).singleElement()
        .satisfies(s -> assertThat(s).containsEntry("keyword", "SAFE"));
    assertThat(copy.tables().get("citizen_status")).hasSize(1);
    assertThat(copy.tables().get("audit_event"))
        .anySatisfy(a -> assertThat(a).containsEntry("actor", "officer.paris").containsEntry("action", "READ"));
    assertThat(one("SELECT detail FROM audit_event WHERE action = 'SUBJECT_COPY'")).isEqualTo("request DPO-2026/0042");

    byte[] fr = CopyPdf.render(copy, "fr");
    try (var doc = Loader.loadPDF(fr)) {
      assertThat(new PDFTextStripper().getText(doc)).contains("Copie des données personnelles", "AB000031",
          "Évitez la place de la République.", "officer.paris", "Numéro de CNIE", "Données › Prénom (latin)");
    }
    byte[] ar = CopyPdf.render(copy, "ar");
    try (var doc = Loader.loadPDF(ar)) {
      assertThat(doc.getNumberOfPages()).isPositive();
      String text = new PDFTextStripper().getText(doc);
      assertThat(text).contains("AB000031");
      assertThat(text.codePoints().filter(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.ARABIC)
          .count()).as("Arabic letters drawn (a font without them leaves the labels blank)").isGreaterThan(100);
    }
    assertThatThrownBy(() -> CopyPdf.render(copy, "en")).isInstanceOf(ValidationException.class);
    assertThat(CopyPdf.label("data.consent", 1)).isEqualTo("البيانات › الموافقة");
    assertThat(CopyPdf.label("error_code", 0)).as("a field without a label shows as stored").isEqualTo("error_code");
  }

  @Test
  void anotherJurisdictionsPersonIsNotFoundAndAReferenceMustBeAFileNumber() {
    Registration r = person(crisis());
    assertThatThrownBy(() -> rights.copy(Samples.TRIPOLI_OFFICER, r.id(), "REQ-1"))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> rights.erase(Samples.TRIPOLI_OFFICER, r.id(), "REQ-1"))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> rights.copy(Samples.PARIS_OFFICER, r.id(), "Fatima El Amrani"))
        .isInstanceOf(ValidationException.class).hasMessageContaining("request");
    assertThatThrownBy(() -> rights.copy(Samples.PARIS_OFFICER, r.id(), " "))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> rights.copy(Samples.CASEWORKER, r.id(), "REQ-1")).isNotInstanceOf(
        NotFoundException.class);
    assertThat(one("SELECT count(*) FROM audit_event WHERE action IN ('SUBJECT_COPY', 'SUBJECT_ERASURE')"))
        .isEqualTo("0");
  }

  @Test
  void erasureIsRefusedWithItsReasonUnderAHoldAndLeavesNothingOnceItEnds() {
    Crisis c = crisis();
    Registration r = person(c);
    assertThatThrownBy(() -> rights.erase(Samples.PARIS_OFFICER, r.id(), "REQ-7"))
        .isInstanceOf(ConflictException.class).hasMessageContaining("open crisis");
    assertThat(one("SELECT count(*) FROM registration")).as("nothing half-written").isEqualTo("1");

    crises.close(Samples.CRISIS_CELL, c.id(), "calm");
    Map<String, Integer> removed = rights.erase(Samples.PARIS_OFFICER, r.id(), "REQ-7");
    assertThat(removed).containsEntry("registration", 1).containsEntry("sms_send", 1);
    assertThat(PersonTraces.of(jdbi, r.id(), r.data().phone(), Set.of("audit_event", "outbox"))).isEmpty();
    assertThatThrownBy(() -> rights.copy(Samples.PARIS_OFFICER, r.id(), "REQ-8"))
        .isInstanceOf(NotFoundException.class);
  }

  /**
   * An evacuation request for the person, written by another officer while the erasure runs: the erasure waits for
   * it and then refuses with its hold. Without the register's lock the hold was read before that request committed,
   * and the registration's deletion then failed on its foreign key (a 500, the batch of a purge lost).
   */
  @Test
  void aHoldCommittedWhileTheErasureRunsRefusesIt() throws Exception {
    Crisis over = crisis();
    crises.close(Samples.CRISIS_CELL, over.id(), "calm");
    Registration r = registrations.create(Samples.CRISIS_CELL, Samples.parisian(51));
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newSingleThreadExecutor();
    try (org.jdbi.v3.core.Handle officer = jdbi.open()) {
      officer.begin();
      officer.createUpdate("""
          INSERT INTO evacuation_request (id, crisis_id, registration_id, consulate_id, country, source, state, phone,
            language, requested_at, requested_by, updated_at)
          VALUES (:id, :crisis, :registration, 'fr-paris', 'FR', 'DESK', 'OPEN', :phone, 'fr', now(), 'officer',
            now())""").bind("id", java.util.UUID.randomUUID()).bind("crisis", over.id())
          .bind("registration", r.id()).bind("phone", r.data().phone()).execute();
      var erasure = pool.submit(() -> rights.erase(Samples.PARIS_OFFICER, r.id(), "REQ-9"));
      // A positive signal: the erasure's transaction waits on a lock, then the officer's request commits.
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (!one("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = "
          + "current_database()").equals("1")) {
        assertThat(System.nanoTime()).as("the erasure waiting on a lock").isLessThan(deadline);
        assertThat(erasure.isDone()).as("the erasure finished without waiting for the officer").isFalse();
        Thread.sleep(20);
      }
      officer.commit();
      assertThatThrownBy(erasure::get).hasCauseInstanceOf(ConflictException.class)
          .hasMessageContaining("evacuation record");
    } finally {
      pool.shutdownNow();
    }
    assertThat(one("SELECT count(*) FROM registration WHERE id = '" + r.id() + "'")).isEqualTo("1");
  }
}
