package crisis.core.citizen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import crisis.core.audit.AuditTrail;
import crisis.core.common.ConflictException;
import crisis.core.common.FieldError;
import crisis.core.common.NotFoundException;
import crisis.core.common.UnauthenticatedException;
import crisis.core.common.ValidationException;
import crisis.core.outreach.SenderPlan;
import crisis.core.outreach.SmsKind;
import crisis.core.outreach.db.Claimed;
import crisis.core.outreach.db.SmsDao;
import crisis.core.registry.PendingRegistrations;
import crisis.core.registry.Registration;
import crisis.core.registry.RegistrationService;
import crisis.core.registry.RegistrationStatus;
import crisis.core.registry.RegistrationValidator;
import crisis.core.testing.ManualClock;
import crisis.core.testing.Samples;
import crisis.core.testing.TestDatabase;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A citizen's link to their own records: opened once with its phone, then a short access to see, end a trip, withdraw. */
@Tag("db")
class CitizenRecordsTest {
  private static final String PHONE = "+33698760001";
  private static final String PAGE = "https://crisis.example.org/citizen/";

  private final ManualClock clock = new ManualClock(Instant.parse("2026-12-07T10:00:00Z"));
  private TestDatabase db;
  private Jdbi jdbi;
  private PhoneProofs proofs;
  private CitizenRecords records;

  @BeforeEach
  void start() {
    db = TestDatabase.create();
    jdbi = db.jdbi();
    Samples.consulates(jdbi);
    proofs = new PhoneProofs(jdbi, SenderPlan.single("+33757000000", 1), clock);
    Declarations declarations = new Declarations(jdbi, proofs, new PendingRegistrations(jdbi,
        new RegistrationValidator(), new AuditTrail(jdbi, clock), clock), clock);
    records = new CitizenRecords(jdbi, declarations, new AuditTrail(jdbi, clock), clock);
    // Salma declared her trip to Paris from her phone (pending).
    PhoneProofs.Sent sent = proofs.send(PHONE, "ar", "203.0.113.9");
    String code = secretIn(claim().body(), "([0-9]{6})");
    declarations.declare(sent.proof(), PHONE, code, DeclarationsTest.student());
  }

  @AfterEach
  void drop() {
    db.drop();
  }

  private String link(String phone, String language) {
    proofs.sendLink(phone, language, "203.0.113.9", PAGE);
    Claimed sms = claim();
    assertThat(sms.kind()).isEqualTo(SmsKind.CODE);
    assertThat(sms.phone()).isEqualTo(phone);
    return secretIn(sms.body(), Pattern.quote(PAGE) + "#access=([0-9a-f-]{36}\\.[A-Za-z0-9_-]{22})$");
  }

  @Test
  void aLinkOpensOnceWithItsPhoneAndGivesAShortAccessToThePhonesRecords() {
    String link = link(PHONE, "fr");
    // Opened without its phone, or with another: nothing, and the link still holds.
    assertRefused(() -> proofs.open(link, "+33698760099"), "link", "was not sent to this phone: ask for a new link");
    PhoneProofs.Opened opened = proofs.open(link, "+33 6 98 76 00 01");
    assertThat(opened.expiresAt()).isEqualTo(clock.instant().plus(PhoneProofs.ACCESS));
    // Single use: the same link again is refused, however it is given.
    assertRefused(() -> proofs.open(link, PHONE), "link", "was already used: ask for a new link");

    PhoneProofs.Access access = proofs.access(opened.access(), PHONE);
    List<Registration> held = records.held(access);
    assertThat(held).singleElement().satisfies(r -> {
      assertThat(r.data().givenNameArabic()).isEqualTo("سلمى");
      assertThat(r.confirmation()).hasToString("PENDING");
    });
    assertThat(count("SELECT count(*) FROM audit_event WHERE action = 'CITIZEN_READ'")).isEqualTo(1);
    // The access is the phone's: with another phone, or a forged secret, it is nobody's.
    assertThatThrownBy(() -> proofs.access(opened.access(), "+33698760099"))
        .isInstanceOf(UnauthenticatedException.class);
    String forged = opened.access().substring(0, 37) + "A".repeat(22);
    assertThatThrownBy(() -> proofs.access(forged, PHONE)).isInstanceOf(UnauthenticatedException.class);
    // The link itself is not an access.
    assertThatThrownBy(() -> proofs.access(link, PHONE)).isInstanceOf(UnauthenticatedException.class);

    clock.advance(PhoneProofs.ACCESS);
    assertThatThrownBy(() -> proofs.access(opened.access(), PHONE)).isInstanceOf(UnauthenticatedException.class);
  }

  @Test
  void aLinkDiesAfterItsMinutesOrItsWrongTriesAndIsNeverACode() {
    String link = link(PHONE, "ar");
    String id = link.substring(0, 36);
    for (int i = 0; i < PhoneProofs.ATTEMPTS; i++) {
      assertRefused(() -> proofs.open(id + "." + "B".repeat(22), PHONE), "link",
          "is not the link sent: copy it whole");
    }
    assertRefused(() -> proofs.open(link, PHONE), "link", "was given wrong too many times: ask for a new link");

    clock.advance(PhoneProofs.WINDOW);   // the phone's codes and links of the hour counted out
    String late = link(PHONE, "en");
    clock.advance(PhoneProofs.LINK_VALID);
    assertRefused(() -> proofs.open(late, PHONE), "link", "has expired: ask for a new link");
    assertRefused(() -> proofs.open("not a link", PHONE), "link", "is not a link sent by SMS: copy it whole");

    // A code's proof opens no link, and a link's proof proves no declaration.
    PhoneProofs.Sent code = proofs.send(PHONE, "fr", "203.0.113.9");
    String digits = secretIn(claim().body(), "([0-9]{6})");
    assertRefused(() -> proofs.open(code.proof() + "." + "C".repeat(22), PHONE), "link",
        "was not sent to this phone: ask for a new link");
    String fresh = link(PHONE, "fr");
    assertRefused(() -> proofs.check(UUID.fromString(fresh.substring(0, 36)), PHONE, digits), "code",
        "was not sent to this phone: ask for a new code");
  }

  @Test
  void theLinkIsInTheLanguageAskedWithTheAddressOnALineOfItsOwn() {
    proofs.sendLink(PHONE, "ar", "203.0.113.9", PAGE);
    String body = claim().body();
    assertThat(body).startsWith("رابط الاطلاع على تسجيلكم القنصلي").contains("\n" + PAGE + "#access=");
  }

  @Test
  void aTravellerEndsHerTripEarlyAndTheStayEndsThen() {
    PhoneProofs.Access access = proofs.access(proofs.open(link(PHONE, "fr"), PHONE).access(), PHONE);
    UUID id = records.held(access).get(0).id();
    assertRefused(() -> records.endTrip(access, id, LocalDate.of(2027, 7, 1)), "departureDate",
        "is after the trip's planned end (2027-06-30): to stay longer, ask the consulate");
    assertRefused(() -> records.endTrip(access, id, LocalDate.of(2026, 8, 31)), "departureDate",
        "is before the trip's arrival (2026-09-01)");
    assertRefused(() -> records.endTrip(access, id, null), "departureDate", "is required (YYYY-MM-DD)");

    Registration ended = records.endTrip(access, id, LocalDate.of(2026, 12, 20));
    assertThat(ended.data().departureDate()).isEqualTo(LocalDate.of(2026, 12, 20));
    assertThat(ended.version()).isEqualTo(2);
    assertThat(ended.confirmation()).hasToString("PENDING");
    assertThat(count("SELECT count(*) FROM registration_change WHERE kind = 'UPDATED' AND via = 'citizen' "
        + "AND changed_fields = ARRAY['departureDate']")).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM audit_event WHERE action = 'END_TRIP'")).isEqualTo(1);
  }

  @Test
  void anotherPhonesRecordIsNotFoundAndAResidenceHasNoTripToEnd() {
    Registration resident = new RegistrationService(jdbi, new RegistrationValidator(), new AuditTrail(jdbi, clock),
        clock).create(Samples.PARIS_OFFICER, Samples.parisian(5));
    PhoneProofs.Access mine = proofs.access(proofs.open(link(PHONE, "fr"), PHONE).access(), PHONE);
    assertThatThrownBy(() -> records.endTrip(mine, resident.id(), LocalDate.of(2026, 12, 20)))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> records.withdraw(mine, resident.id())).isInstanceOf(NotFoundException.class);

    String theirs = resident.data().phone();
    PhoneProofs.Access access = proofs.access(proofs.open(link(theirs, "fr"), theirs).access(), theirs);
    assertThat(records.held(access)).extracting(Registration::id).containsExactly(resident.id());
    assertThatThrownBy(() -> records.endTrip(access, resident.id(), LocalDate.of(2026, 12, 20)))
        .isInstanceOf(ConflictException.class);
  }

  @Test
  void aWithdrawnRecordIsArchivedAtOnceOutOfAlertsAndOutOfTheQueue() {
    PhoneProofs.Opened opened = proofs.open(link(PHONE, "fr"), PHONE);
    PhoneProofs.Access access = proofs.access(opened.access(), PHONE);
    UUID id = records.held(access).get(0).id();
    Registration withdrawn = records.withdraw(access, id);
    assertThat(withdrawn.status()).isEqualTo(RegistrationStatus.ARCHIVED);
    assertThat(records.held(access)).isEmpty();
    assertThat(new PendingRegistrations(jdbi, new RegistrationValidator(), new AuditTrail(jdbi, clock), clock)
        .list(Samples.PARIS_OFFICER, 0, 50).items()).isEmpty();
    assertThat(count("SELECT count(*) FROM registration_change WHERE kind = 'ARCHIVED' AND via = 'citizen' "
        + "AND previous->>'reason' = 'withdrawn by the citizen'")).isEqualTo(1);
    assertThatThrownBy(() -> records.withdraw(access, id)).isInstanceOf(NotFoundException.class);
    // Ended by its holder: the access opens nothing more.
    proofs.close(access);
    assertThatThrownBy(() -> proofs.access(opened.access(), PHONE)).isInstanceOf(UnauthenticatedException.class);
  }

  @Test
  void aFewDaysBeforeHerTripsEndSheIsAskedOnceWhetherSheIsStillThere() {
    claimAll();
    StayReminders reminders = new StayReminders(jdbi, SenderPlan.single("+33757000000", 1), PAGE, clock);
    clock.set(Instant.parse("2027-06-26T08:00:00Z"));   // four days before 30 June: not yet
    assertThat(reminders.sendDue()).isZero();
    clock.set(Instant.parse("2027-06-27T08:00:00Z"));
    assertThat(reminders.sendDue()).isEqualTo(1);
    assertThat(reminders.sendDue()).as("once per trip and end").isZero();
    Claimed sms = claim();
    assertThat(sms.kind()).isEqualTo(SmsKind.STAY);
    assertThat(sms.phone()).isEqualTo(PHONE);
    assertThat(sms.body()).startsWith("ينتهي سفركم المصرح به إلى فرنسا يوم 30").endsWith("\n" + PAGE);
    // Ended earlier from her link, the new end is reminded again when it comes.
    PhoneProofs.Access access = proofs.access(proofs.open(link(PHONE, "fr"), PHONE).access(), PHONE);
    records.endTrip(access, records.held(access).get(0).id(), LocalDate.of(2027, 6, 28));
    assertThat(reminders.sendDue()).isEqualTo(1);
  }

  @Test
  void herCorrectionGoesBackToTheConsulatesQueueAndNeverSaysWhoElseHoldsANumber() {
    PendingRegistrations pending = new PendingRegistrations(jdbi, new RegistrationValidator(),
        new AuditTrail(jdbi, clock), clock);
    UUID id = pending.list(Samples.CRISIS_CELL, 0, 10).items().get(0).registration().id();
    pending.confirm(Samples.PARIS_OFFICER, id);
    // Somebody else is registered, with her own national ID.
    Registration other = new RegistrationService(jdbi, new RegistrationValidator(), new AuditTrail(jdbi, clock),
        clock).create(Samples.PARIS_OFFICER, Samples.parisian(6));
    PhoneProofs.Access access = proofs.access(proofs.open(link(PHONE, "fr"), PHONE).access(), PHONE);
    Declaration s = DeclarationsTest.student();
    Declaration corrected = new Declaration(s.givenNameLatin(), "Bennani El Idrissi", s.givenNameArabic(),
        s.familyNameArabic(), s.dateOfBirth(), s.sex(), other.data().nationalId(), s.passportNumber(), s.email(),
        s.preferredLanguage(), s.address(), s.latitude(), s.longitude(), s.locationSource(), s.countryOfResidence(),
        s.residenceType(), s.stayPurpose(), s.arrivalDate(), s.departureDate(), s.household(), s.vulnerabilities(),
        s.emergencyContact(), s.consents());
    assertThatThrownBy(() -> records.correct(access, id, 7, corrected)).isInstanceOf(ConflictException.class);
    // Another person's national ID, which a confirmed record holds: taken without a word, for the consulate to see.
    Registration after = records.correct(access, id, 1, corrected);
    assertThat(after.version()).isEqualTo(2);
    assertThat(after.data().familyNameLatin()).isEqualTo("Bennani El Idrissi");
    assertThat(after.confirmation()).hasToString("PENDING");
    assertThat(after.data().consent().givenAt()).as("the same purposes: consent as given").isEqualTo(
        Instant.parse("2026-12-07T10:00:00Z"));
    assertThat(pending.list(Samples.PARIS_OFFICER, 0, 10).items()).singleElement().satisfies(p ->
        assertThat(p.possibleDuplicates()).extracting(PendingRegistrations.PossibleDuplicate::id)
            .containsExactly(other.id()));
    assertThat(count("SELECT count(*) FROM registration_change WHERE kind = 'UPDATED' AND via = 'citizen'"))
        .isEqualTo(1);
    // A number alone is not the same person: the next record an officer writes leaves hers pending.
    new RegistrationService(jdbi, new RegistrationValidator(), new AuditTrail(jdbi, clock), clock)
        .create(Samples.PARIS_OFFICER, Samples.parisian(8));
    assertThat(count("SELECT count(*) FROM registration WHERE status = 'ACTIVE' AND confirmation = 'PENDING'"))
        .isEqualTo(1);
    // Given without a point (the page has no map yet), in the same country: her point is kept.
    Declaration noPoint = new Declaration(s.givenNameLatin(), "Bennani El Idrissi", s.givenNameArabic(),
        s.familyNameArabic(), s.dateOfBirth(), s.sex(), other.data().nationalId(), s.passportNumber(), s.email(),
        s.preferredLanguage(), s.address(), null, null, null, s.countryOfResidence(), s.residenceType(),
        s.stayPurpose(), s.arrivalDate(), s.departureDate(), s.household(), s.vulnerabilities(),
        s.emergencyContact(), s.consents());
    assertThat(records.correct(access, id, 2, noPoint).data().location()).isEqualTo(after.data().location());
    // The same again changes nothing, and leaves no trace.
    assertThat(records.correct(access, id, 2, corrected).version()).isEqualTo(2);
    assertThat(count("SELECT count(*) FROM audit_event WHERE action = 'CORRECT'")).isEqualTo(1);
    // A rule broken is named, as in a declaration.
    Declaration broken = new Declaration("", s.familyNameLatin(), null, null, s.dateOfBirth(), s.sex(), null,
        s.passportNumber(), null, s.preferredLanguage(), null, null, null, null, "FR", s.residenceType(),
        s.stayPurpose(), s.arrivalDate(), s.departureDate(), null, null, null, s.consents());
    assertThatThrownBy(() -> records.correct(access, id, 2, broken)).isInstanceOfSatisfying(
        ValidationException.class, e -> assertThat(e.errors()).extracting(FieldError::field)
            .contains("givenNameLatin"));
  }

  private void claimAll() {
    jdbi.useExtension(SmsDao.class, dao -> dao.claim("default", 100, clock.instant().plusSeconds(1),
        clock.instant().plusSeconds(60)));
  }

  private Claimed claim() {
    List<Claimed> rows = jdbi.withExtension(SmsDao.class, dao -> dao.claim("default", 10,
        clock.instant().plusSeconds(1), clock.instant().plusSeconds(60)));
    assertThat(rows).hasSize(1);
    return rows.get(0);
  }

  private static String secretIn(String body, String pattern) {
    Matcher m = Pattern.compile(pattern).matcher(body);
    assertThat(m.find()).as(body).isTrue();
    return m.group(1);
  }

  private static void assertRefused(Runnable r, String field, String reason) {
    assertThatThrownBy(r::run).isInstanceOfSatisfying(ValidationException.class,
        e -> assertThat(e.errors()).containsExactly(new FieldError(field, reason)));
  }

  private long count(String sql) {
    return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
  }
}
