package crisis.core.citizen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import crisis.core.audit.AuditTrail;
import crisis.core.common.ConflictException;
import crisis.core.common.FieldError;
import crisis.core.common.ValidationException;
import crisis.core.outreach.SenderPlan;
import crisis.core.outreach.db.Claimed;
import crisis.core.outreach.db.SmsDao;
import crisis.core.registry.ConsentPurpose;
import crisis.core.registry.HouseholdMember;
import crisis.core.registry.Language;
import crisis.core.registry.LocationSource;
import crisis.core.registry.PendingRegistrations;
import crisis.core.registry.Registration;
import crisis.core.registry.RegistrationData;
import crisis.core.registry.importing.CsvFormat;
import crisis.core.registry.importing.RegistrationImporter;
import crisis.core.registry.importing.RowOutcome;
import crisis.core.registry.importing.SpooledFile;
import crisis.core.registry.RegistrationService;
import crisis.core.registry.RegistrationValidator;
import crisis.core.registry.Relation;
import crisis.core.registry.ResidenceType;
import crisis.core.registry.Sex;
import crisis.core.registry.StayPurpose;
import crisis.core.registry.Vulnerability;
import crisis.core.testing.ManualClock;
import crisis.core.testing.Samples;
import crisis.core.testing.TestDatabase;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("db")
class DeclarationsTest {
  private static final String PHONE = "+33698760001";

  private final ManualClock clock = new ManualClock(Instant.parse("2026-12-07T10:00:00Z"));
  private TestDatabase db;
  private Jdbi jdbi;
  private PhoneProofs proofs;
  private PendingRegistrations pending;
  private Declarations declarations;

  @BeforeEach
  void start() {
    db = TestDatabase.create();
    jdbi = db.jdbi();
    Samples.consulates(jdbi);
    proofs = new PhoneProofs(jdbi, SenderPlan.single("+33757000000", 1), clock);
    pending = new PendingRegistrations(jdbi, new RegistrationValidator(), new AuditTrail(jdbi, clock), clock);
    declarations = new Declarations(jdbi, proofs, pending, clock);
  }

  @AfterEach
  void drop() {
    db.drop();
  }

  /** A student on a trip to Paris, in Arabic and Latin script, with her younger brother. */
  static Declaration student() {
    return new Declaration("Salma", "Bennani", "سلمى", "بناني", LocalDate.of(2003, 5, 2), Sex.F, null, "ZX1234567",
        null, Language.AR, null, 48.8462, 2.3449, LocationSource.GPS, "FR", ResidenceType.TEMPORARY,
        StayPurpose.STUDY, LocalDate.of(2026, 9, 1), LocalDate.of(2027, 6, 30),
        List.of(new HouseholdMember("Omar Bennani", Relation.SIBLING, LocalDate.of(2010, 1, 9), null)),
        EnumSet.of(Vulnerability.UNACCOMPANIED_MINOR), null,
        EnumSet.of(ConsentPurpose.CRISIS_CONTACT, ConsentPurpose.REPATRIATION));
  }

  private String[] codeSentTo(String phone) {
    PhoneProofs.Sent sent = proofs.send(phone, "ar", "203.0.113.9");
    List<Claimed> sms = jdbi.withExtension(SmsDao.class, dao -> dao.claim("default", 10,
        clock.instant().plusSeconds(1), clock.instant().plusSeconds(60)));
    Matcher m = Pattern.compile("([0-9]{6})").matcher(sms.get(sms.size() - 1).body());
    assertThat(m.find()).isTrue();
    return new String[] {sent.proof().toString(), m.group(1)};
  }

  @Test
  void aDeclarationWithItsCodeIsPendingForTheConsulateUntilAnOfficerConfirmsIt() {
    String[] code = codeSentTo(PHONE);
    declarations.declare(UUID.fromString(code[0]), PHONE, code[1], student());

    List<PendingRegistrations.Pending> queue = pending.list(Samples.PARIS_OFFICER, 0, 50).items();
    assertThat(queue).hasSize(1);
    assertThat(queue.get(0).possibleDuplicates()).isEmpty();
    Registration r = queue.get(0).registration();
    assertThat(r.data().phone()).isEqualTo(PHONE);
    assertThat(r.data().consulateId()).isEqualTo("fr-paris");
    assertThat(r.data().consent().method()).hasToString("ONLINE_FORM");
    assertThat(r.data().consent().givenAt()).isEqualTo(clock.instant());
    assertThat(r.createdBy()).isEqualTo("citizen");
    assertThat(pending.list(Samples.TRIPOLI_OFFICER, 0, 50).items()).isEmpty();
    assertThat(pending.list(Samples.CRISIS_CELL, 0, 50).items()).hasSize(1);

    // The code is spent: the same declaration again is refused by its code.
    assertThatThrownBy(() -> declarations.declare(UUID.fromString(code[0]), PHONE, code[1], student()))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
            .containsExactly(new FieldError("code", "was already used: ask for a new code")));

    assertThatThrownBy(() -> pending.confirm(Samples.TRIPOLI_OFFICER, r.id()))
        .isInstanceOf(crisis.core.common.NotFoundException.class);
    pending.confirm(Samples.PARIS_OFFICER, r.id());
    assertThat(pending.list(Samples.PARIS_OFFICER, 0, 50).items()).isEmpty();
    assertThatThrownBy(() -> pending.confirm(Samples.PARIS_OFFICER, r.id())).isInstanceOf(ConflictException.class);
    assertThat(audit("DECLARE")).isEqualTo(1);
    assertThat(audit("CONFIRM")).isEqualTo(1);
  }

  @Test
  void aRefusedDeclarationLeavesNothingBehindAndItsReasonGoesToTheCitizenInTheirLanguage() {
    String[] code = codeSentTo(PHONE);
    declarations.declare(UUID.fromString(code[0]), PHONE, code[1], student());
    UUID id = pending.list(Samples.PARIS_OFFICER, 0, 50).items().get(0).registration().id();
    AuditTrail audit = new AuditTrail(jdbi, clock);
    DeclarationReview review = new DeclarationReview(jdbi, pending, crisis.core.testing.CoreOwners.purge(jdbi, clock,
        audit), audit, SenderPlan.single("+33757000000", 1), clock);

    assertThatThrownBy(() -> review.refuse(Samples.PARIS_OFFICER, id, "  "))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
            .extracting(FieldError::field).containsExactly("reason"));
    assertThatThrownBy(() -> review.refuse(Samples.PARIS_OFFICER, id, "x".repeat(301)))
        .isInstanceOf(ValidationException.class).hasMessageContaining("at most 300 characters");
    assertThatThrownBy(() -> review.refuse(Samples.TRIPOLI_OFFICER, id, "unreadable passport"))
        .isInstanceOf(crisis.core.common.NotFoundException.class);

    Map<String, Integer> removed = review.refuse(Samples.PARIS_OFFICER, id, "رقم الجواز غير مقروء");
    assertThat(removed).containsEntry("registration", 1);
    assertThat(count("SELECT count(*) FROM registration")).isZero();
    assertThat(count("SELECT count(*) FROM registration_change")).isZero();
    List<Claimed> sms = jdbi.withExtension(SmsDao.class, dao -> dao.claim("default", 10,
        clock.instant().plusSeconds(1), clock.instant().plusSeconds(60)));
    assertThat(sms).singleElement().satisfies(m -> {
      assertThat(m.phone()).isEqualTo(PHONE);
      assertThat(m.body()).startsWith("لم يقبل القنصلية تصريحكم بالتسجيل: رقم الجواز غير مقروء.");
    });
    assertThat(audit("REFUSE_DECLARATION")).isEqualTo(1);
    // Gone: refusing again, or confirming, finds nothing.
    assertThatThrownBy(() -> review.refuse(Samples.PARIS_OFFICER, id, "again"))
        .isInstanceOf(crisis.core.common.NotFoundException.class);
    assertThatThrownBy(() -> pending.confirm(Samples.PARIS_OFFICER, id))
        .isInstanceOf(crisis.core.common.NotFoundException.class);
  }

  @Test
  void aDeclarationKeptOverAnOfficersRecordByAMergeIsConfirmedAndCanNoLongerBeRefused() {
    String[] code = codeSentTo(PHONE);
    declarations.declare(UUID.fromString(code[0]), PHONE, code[1], student());
    Registration declared = pending.list(Samples.PARIS_OFFICER, 0, 50).items().get(0).registration();
    assertThat(declared.confirmation()).hasToString("PENDING");
    RegistrationService registrations = new RegistrationService(jdbi, new RegistrationValidator(),
        new AuditTrail(jdbi, clock), clock);
    Registration old = registrations.create(Samples.PARIS_OFFICER, Samples.parisian(9));
    Registration kept = registrations.merge(Samples.PARIS_OFFICER, declared.id(), old.id());
    assertThat(kept.confirmation()).hasToString("CONFIRMED");
    AuditTrail audit = new AuditTrail(jdbi, clock);
    DeclarationReview review = new DeclarationReview(jdbi, pending, crisis.core.testing.CoreOwners.purge(jdbi, clock,
        audit), audit, SenderPlan.single("+33757000000", 1), clock);
    assertThatThrownBy(() -> review.refuse(Samples.PARIS_OFFICER, declared.id(), "late"))
        .isInstanceOf(ConflictException.class);
    assertThat(count("SELECT count(*) FROM registration")).isEqualTo(2);
  }

  @Test
  void anOfficersOwnRecordIsNeitherConfirmedNorRefusedAsADeclaration() {
    Registration own = new RegistrationService(jdbi, new RegistrationValidator(), new AuditTrail(jdbi, clock), clock)
        .create(Samples.PARIS_OFFICER, Samples.parisian(8));
    AuditTrail audit = new AuditTrail(jdbi, clock);
    DeclarationReview review = new DeclarationReview(jdbi, pending, crisis.core.testing.CoreOwners.purge(jdbi, clock,
        audit), audit, SenderPlan.single("+33757000000", 1), clock);
    assertThatThrownBy(() -> review.refuse(Samples.PARIS_OFFICER, own.id(), "not a declaration"))
        .isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> pending.confirm(Samples.PARIS_OFFICER, own.id())).isInstanceOf(ConflictException.class);
    assertThat(count("SELECT count(*) FROM registration")).isEqualTo(1);
  }

  @Test
  void aDeclarationBreakingRulesIsRefusedWholeAndLeavesTheCodeUsable() {
    String[] code = codeSentTo(PHONE);
    Declaration bad = new Declaration("", "Bennani", null, null, LocalDate.of(2030, 1, 1), null, null, null,
        "not an e-mail", Language.AR, null, 33.5731, -7.5898, LocationSource.GPS, "FR", ResidenceType.TEMPORARY,
        null, null, null, null, Set.of(), null, Set.of());
    assertThatThrownBy(() -> declarations.declare(UUID.fromString(code[0]), PHONE, code[1], bad))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
            .extracting(FieldError::field).contains("givenNameLatin", "dateOfBirth", "sex", "email", "location",
                "consents").doesNotContain("code"));
    assertThat(count("SELECT count(*) FROM registration")).isZero();
    assertThat(count("SELECT count(*) FROM phone_proof WHERE used_at IS NOT NULL OR attempts > 0")).isZero();
    // Corrected, with the same code.
    declarations.declare(UUID.fromString(code[0]), PHONE, code[1], student());
    assertThat(count("SELECT count(*) FROM registration")).isEqualTo(1);
  }

  @Test
  void aWrongCodeWritesNothingAndCounts() {
    String[] code = codeSentTo(PHONE);
    String wrong = code[1].equals("000000") ? "111111" : "000000";
    assertThatThrownBy(() -> declarations.declare(UUID.fromString(code[0]), PHONE, wrong, student()))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
            .containsExactly(new FieldError("code", "is not the code sent")));
    assertThat(count("SELECT count(*) FROM registration")).isZero();
    assertThat(count("SELECT attempts FROM phone_proof")).isEqualTo(1);
  }

  @Test
  void someoneAlreadyRegisteredIsToldTheSameAndNothingNewIsWritten() {
    Registration known = new RegistrationService(jdbi, new RegistrationValidator(), new AuditTrail(jdbi, clock),
        clock).create(Samples.PARIS_OFFICER, Samples.parisian(7));
    // The same person by her national ID, declared again from another phone.
    String phone = "+33698760077";
    Declaration again = new Declaration("Fatima", "El Amrani", null, null, LocalDate.of(1985, 3, 14), Sex.F,
        known.data().nationalId(), null, null, Language.FR, null, null, null, null, "FR", ResidenceType.RESIDENT, null, null, null, null,
        null, null, EnumSet.of(ConsentPurpose.CRISIS_CONTACT));
    String[] code = codeSentTo(phone);
    declarations.declare(UUID.fromString(code[0]), phone, code[1], again);
    assertThat(count("SELECT count(*) FROM registration")).isEqualTo(1);
    assertThat(pending.list(Samples.PARIS_OFFICER, 0, 50).items()).isEmpty();
    assertThat(audit("DECLARED_AGAIN")).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM phone_proof WHERE used_at IS NOT NULL")).isEqualTo(1);
  }

  @Test
  void onePendingDeclarationPerPhoneTheNextIsToldTheSameAndWritesNothing() {
    String[] first = codeSentTo(PHONE);
    declarations.declare(UUID.fromString(first[0]), PHONE, first[1], student());
    String[] second = codeSentTo(PHONE);
    Declaration someoneElse = new Declaration("Nour", "Alaoui", null, null, LocalDate.of(1999, 1, 1), Sex.F, null,
        "ZX7777777", null, Language.FR, null, null, null, null, "FR", ResidenceType.RESIDENT, null, null, null,
        null, null, null, EnumSet.of(ConsentPurpose.CRISIS_CONTACT));
    declarations.declare(UUID.fromString(second[0]), PHONE, second[1], someoneElse);
    assertThat(count("SELECT count(*) FROM registration")).isEqualTo(1);
    assertThat(audit("DECLARED_AGAIN")).isEqualTo(1);
  }

  /** Salma's declaration, made from {@code phone}. */
  private void declareStudentFrom(String phone) {
    String[] code = codeSentTo(phone);
    declarations.declare(UUID.fromString(code[0]), phone, code[1], student());
  }

  private UUID pendingFrom(String phone) {
    return pending.list(Samples.CRISIS_CELL, 0, 50).items().stream().map(PendingRegistrations.Pending::registration)
        .filter(r -> r.data().phone().equals(phone)).findFirst().orElseThrow().id();
  }

  @Test
  void someoneElsesPassportNumberInADeclarationHoldsNothingAgainstThePersonOrTheirConsulate() {
    // Somebody who knows Salma's passport number declares her from their own phone, then Salma declares herself.
    String squatter = "+33698760066";
    declareStudentFrom(squatter);
    declareStudentFrom(PHONE);
    assertThat(count("SELECT count(*) FROM registration WHERE confirmation = 'PENDING'")).isEqualTo(2);
    assertThat(audit("DECLARED_AGAIN")).isZero();
    // Side by side in the queue, each the other's possible duplicate by the passport.
    UUID hers = pendingFrom(PHONE);
    UUID theirs = pendingFrom(squatter);
    assertThat(pending.list(Samples.PARIS_OFFICER, 0, 50).items()).hasSize(2).allSatisfy(p -> assertThat(
        p.possibleDuplicates()).singleElement().satisfies(d -> {
          assertThat(d.id()).isEqualTo(p.registration().id().equals(hers) ? theirs : hers);
          assertThat(d.rule()).isEqualTo("passportNumber");
          assertThat(d.confirmation()).hasToString("PENDING");
        }));

    // Her consulate registers her with that passport: accepted, and both declarations give way to its record.
    RegistrationService registrations = new RegistrationService(jdbi, new RegistrationValidator(),
        new AuditTrail(jdbi, clock), clock);
    Registration official = registrations.create(Samples.PARIS_OFFICER,
        student().toRegistration("fr-paris", "+33698760088", clock.instant()));
    assertThat(official.confirmation()).hasToString("CONFIRMED");
    assertThat(pending.list(Samples.PARIS_OFFICER, 0, 50).items()).isEmpty();
    assertThat(count("SELECT count(*) FROM registration WHERE status = 'MERGED' AND merged_into = '"
        + official.id() + "'")).isEqualTo(2);
    assertThat(audit("SUPERSEDE")).isEqualTo(2);
    assertThat(count("SELECT count(*) FROM registration_change WHERE kind = 'MERGED_FROM' AND registration_id = '"
        + official.id() + "'")).isEqualTo(2);
    assertThatThrownBy(() -> pending.confirm(Samples.PARIS_OFFICER, theirs)).isInstanceOf(ConflictException.class);
  }

  @Test
  void confirmingOneDeclarationOfAPersonRetiresTheOthersIntoIt() {
    declareStudentFrom("+33698760066");
    declareStudentFrom(PHONE);
    UUID hers = pendingFrom(PHONE);
    UUID theirs = pendingFrom("+33698760066");
    pending.confirm(Samples.PARIS_OFFICER, hers);
    assertThat(count("SELECT count(*) FROM registration WHERE status = 'MERGED' AND id = '" + theirs
        + "' AND merged_into = '" + hers + "'")).isEqualTo(1);
    assertThatThrownBy(() -> pending.confirm(Samples.PARIS_OFFICER, theirs)).isInstanceOf(ConflictException.class);
    // Confirmed now, she is somebody the registry holds: a new declaration of her is told the same and writes nothing.
    declareStudentFrom("+33698760055");
    assertThat(count("SELECT count(*) FROM registration WHERE status = 'ACTIVE'")).isEqualTo(1);
    assertThat(audit("DECLARED_AGAIN")).isEqualTo(1);
  }

  @Test
  void aConsulatesImportOfAPersonWhoDeclaredThemselvesSupersedesTheDeclaration() {
    declareStudentFrom(PHONE);
    RegistrationData d = student().toRegistration("fr-paris", PHONE, clock.instant());
    RegistrationData salma = new RegistrationData("PAR-77", d.givenNameLatin(), d.familyNameLatin(),
        d.givenNameArabic(), d.familyNameArabic(), d.dateOfBirth(), d.sex(), d.nationalId(), d.passportNumber(),
        d.phone(), d.email(), d.preferredLanguage(), d.address(), d.location(), d.countryOfResidence(),
        d.consulateId(), d.residenceType(), d.stayPurpose(), d.arrivalDate(), d.departureDate(), d.household(),
        d.vulnerabilities(), d.emergencyContact(), d.consent());
    StringBuilder csv = new StringBuilder(CsvFormat.header()).append('\n');
    CsvFormat.write(salma, csv);
    RegistrationImporter importer = new RegistrationImporter(jdbi, new RegistrationValidator(),
        new AuditTrail(jdbi, clock), clock);
    List<RowOutcome> out = new java.util.ArrayList<>();
    try (SpooledFile f = SpooledFile.spool(new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)),
        1 << 20)) {
      importer.open(Samples.PARIS_OFFICER, f, "consulat.csv").run(out::add);
    }
    assertThat(out).singleElement().extracting(RowOutcome::status).isEqualTo(RowOutcome.Status.CREATED);
    assertThat(count("SELECT count(*) FROM registration WHERE status = 'ACTIVE'")).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM registration r JOIN registration k ON k.id = r.merged_into "
        + "WHERE r.confirmation = 'PENDING' AND r.status = 'MERGED' AND k.external_id = 'PAR-77'")).isEqualTo(1);
    assertThat(pending.list(Samples.PARIS_OFFICER, 0, 50).items()).isEmpty();
  }

  @Test
  void withoutAPointTheTownTheAddressNamesPlacesTheDeclarationSoThatAZoneReachesIt() {
    String[] code = codeSentTo(PHONE);
    Declaration s = student();
    Declaration noPoint = new Declaration(s.givenNameLatin(), s.familyNameLatin(), null, null, s.dateOfBirth(),
        s.sex(), null, s.passportNumber(), null, s.preferredLanguage(), "Cité universitaire, 75014 Paris", null, null,
        null, "FR", ResidenceType.RESIDENT, null, null, null, null, null, null, s.consents());
    declarations.declare(UUID.fromString(code[0]), PHONE, code[1], noPoint);
    Registration r = pending.list(Samples.PARIS_OFFICER, 0, 50).items().get(0).registration();
    assertThat(r.data().location()).isNotNull();
    assertThat(r.data().location().source()).isEqualTo(LocationSource.GEOCODED);
    assertThat(r.data().location().latitude()).isBetween(48.8, 48.9);
    assertThat(r.data().location().longitude()).isBetween(2.2, 2.5);
  }

  @Test
  void aCitizenChoosesTheirPointButNotAsAConsulateWouldAndDeclaresAHouseholdOfTwelveAtMost() {
    String[] code = codeSentTo(PHONE);
    Declaration s = student();
    Declaration estimated = new Declaration(s.givenNameLatin(), s.familyNameLatin(), null, null, s.dateOfBirth(),
        s.sex(), null, s.passportNumber(), null, s.preferredLanguage(), null, s.latitude(), s.longitude(),
        LocationSource.CONSULAR_ESTIMATE, "FR", ResidenceType.RESIDENT, null, null, null,
        java.util.Collections.nCopies(13, new HouseholdMember("Omar Bennani", Relation.SIBLING, null, null)), null,
        null, s.consents());
    assertThatThrownBy(() -> declarations.declare(UUID.fromString(code[0]), PHONE, code[1], estimated))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
            .extracting(FieldError::field).contains("locationSource", "household"));
    assertThat(count("SELECT count(*) FROM registration")).isZero();
  }

  @Test
  void aCountryNoConsulateCoversIsNamed() {
    String[] code = codeSentTo(PHONE);
    Declaration inJapan = new Declaration("Salma", "Bennani", null, null, LocalDate.of(2003, 5, 2), Sex.F, null,
        "ZX1234567", null, Language.FR, null, null, null, null, "JP", ResidenceType.RESIDENT, null, null, null, null,
        null, null, EnumSet.of(ConsentPurpose.CRISIS_CONTACT));
    assertThatThrownBy(() -> declarations.declare(UUID.fromString(code[0]), PHONE, code[1], inJapan))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
            .containsExactly(new FieldError("countryOfResidence", "no consulate covers JP yet")));
  }

  private long audit(String action) {
    return count("SELECT count(*) FROM audit_event WHERE action = '" + action + "'");
  }

  private long count(String sql) {
    return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
  }
}
