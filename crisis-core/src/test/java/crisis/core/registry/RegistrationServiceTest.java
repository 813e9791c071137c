package crisis.core.registry;

import static crisis.core.testing.Samples.ADMIN;
import static crisis.core.testing.Samples.CASEWORKER;
import static crisis.core.testing.Samples.CRISIS_CELL;
import static crisis.core.testing.Samples.PARIS_OFFICER;
import static crisis.core.testing.Samples.TRIPOLI_OFFICER;
import static crisis.core.testing.Samples.parisian;
import static crisis.core.testing.Samples.tripolitan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import crisis.core.access.ForbiddenException;
import crisis.core.audit.AuditEvent;
import crisis.core.audit.AuditTrail;
import crisis.core.common.ConflictException;
import crisis.core.common.NotFoundException;
import crisis.core.common.Page;
import crisis.core.common.ValidationException;
import crisis.core.testing.Samples;
import crisis.core.testing.TestDatabase;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("db")
class RegistrationServiceTest {
  private static TestDatabase db;
  private static Jdbi jdbi;
  private static RegistrationService service;
  private static AuditTrail audit;

  @BeforeAll
  static void start() {
    db = TestDatabase.create();
    jdbi = db.jdbi();
    Samples.consulates(jdbi);
    audit = new AuditTrail(jdbi, Clock.systemUTC());
    service = new RegistrationService(jdbi, new RegistrationValidator(), audit, Clock.systemUTC());
  }

  @AfterAll
  static void stop() {
    db.drop();
  }

  @Test
  void aPointLocatedFromTheAddressFollowsTheAddress() {
    Registration r = service.create(PARIS_OFFICER,
        Samples.withAddress(Samples.withoutLocation(parisian(700)), "2 La Canebière, 13001 Marseille"));
    assertThat(r.data().location()).isEqualTo(new Location(43.29695, 5.38107, LocationSource.GEOCODED));
    // Moved house, edited without a point: located at the new address.
    Registration moved = service.update(PARIS_OFFICER, r.id(), r.version(),
        Samples.withAddress(Samples.withoutLocation(r.data()), "5 place Bellecour, 69002 Lyon"));
    assertThat(moved.data().location()).isEqualTo(new Location(45.74906, 4.84789, LocationSource.GEOCODED));
    // A point given is kept, whatever the address says.
    Registration gps = service.update(PARIS_OFFICER, r.id(), moved.version(),
        Samples.at(Samples.withAddress(moved.data(), "Paris"), 48.86, 2.35));
    assertThat(gps.data().location()).isEqualTo(new Location(48.86, 2.35, LocationSource.GPS));
    // An address naming no town of the country leaves the record without a point, never one abroad.
    Registration abroad = service.update(PARIS_OFFICER, r.id(), gps.version(),
        Samples.withAddress(Samples.withoutLocation(gps.data()), "Via Roma 1, Milano"));
    assertThat(abroad.data().location()).isNull();
  }

  @Test
  void createsAndReadsBackEveryField() {
    Registration created = service.create(PARIS_OFFICER, parisian(1));
    Registration read = service.get(PARIS_OFFICER, created.id());
    assertThat(read.data()).isEqualTo(created.data());
    assertThat(read.data().givenNameArabic()).isEqualTo("فاطمة");
    assertThat(read.data().household()).hasSize(2);
    assertThat(read.version()).isEqualTo(1);
    assertThat(read.status()).isEqualTo(RegistrationStatus.ACTIVE);
  }

  @Test
  void officersSeeOnlyTheirJurisdiction() {
    Registration libyan = service.create(TRIPOLI_OFFICER, tripolitan(2));
    assertThatThrownBy(() -> service.get(PARIS_OFFICER, libyan.id())).isInstanceOf(NotFoundException.class);
    assertThat(service.get(CRISIS_CELL, libyan.id()).id()).isEqualTo(libyan.id());
    Page<Registration> page = service.list(PARIS_OFFICER, new RegistrationFilter(null, null, null, null, "ACTIVE"),
        0, 500);
    assertThat(page.items()).extracting(r -> r.data().countryOfResidence()).containsOnly("FR");
    assertThatThrownBy(() -> service.archive(PARIS_OFFICER, libyan.id(), "moved"))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void officersCannotRegisterOutsideTheirJurisdictionOrForAnotherConsulate() {
    assertThatThrownBy(() -> service.create(PARIS_OFFICER, tripolitan(3).withConsulateId(null)))
        .isInstanceOf(ValidationException.class).hasMessageContaining("countryOfResidence");
    assertThatThrownBy(() -> service.create(PARIS_OFFICER, parisian(4).withConsulateId("ly-tripoli")))
        .isInstanceOf(ValidationException.class).hasMessageContaining("consulateId");
    Registration r = service.create(PARIS_OFFICER, parisian(5).withConsulateId(null));
    assertThat(r.data().consulateId()).isEqualTo("fr-paris");
  }

  @Test
  void anOfficerEditingARecordOfAnotherConsulateOfItsCountryLeavesItThere() {
    jdbi.useExtension(crisis.core.consulate.ConsulateDao.class, dao -> {
      if (dao.find("fr-marseille").isEmpty()) {
        dao.insert(new crisis.core.consulate.Consulate("fr-marseille", "Consulate General in Marseille", "Marseille",
            "FR", null, null, List.of()));
      }
    });
    Registration r = service.create(Samples.CRISIS_CELL, parisian(4040).withConsulateId("fr-marseille"));
    RegistrationData edit = Samples.withPhone(r.data(), "+33698700001").withConsulateId(null);
    Registration edited = service.update(PARIS_OFFICER, r.id(), r.version(), edit);
    assertThat(edited.data().phone()).isEqualTo("+33698700001");
    assertThat(edited.data().consulateId()).isEqualTo("fr-marseille");
    // Naming the record's own consulate is fine too; naming a third one is not.
    Registration again = service.update(PARIS_OFFICER, r.id(), edited.version(),
        Samples.withPhone(edited.data(), "+33698700002"));
    assertThat(again.data().consulateId()).isEqualTo("fr-marseille");
    assertThatThrownBy(() -> service.update(PARIS_OFFICER, r.id(), again.version(),
        again.data().withConsulateId("ly-tripoli"))).isInstanceOf(ValidationException.class)
        .hasMessageContaining("consulateId");
  }

  @Test
  void aDuplicateOutsideTheOfficersJurisdictionIsToldWithoutItsIdAndAudited() {
    Registration libyan = service.create(CRISIS_CELL, tripolitan(4100));
    RegistrationData p = parisian(4100);
    RegistrationData same = new RegistrationData(p.externalId(), p.givenNameLatin(), p.familyNameLatin(),
        p.givenNameArabic(), p.familyNameArabic(), p.dateOfBirth(), p.sex(), libyan.data().nationalId(),
        p.passportNumber(), p.phone(), p.email(), p.preferredLanguage(), p.address(), p.location(),
        p.countryOfResidence(), p.consulateId(), p.residenceType(), p.stayPurpose(), p.arrivalDate(),
        p.departureDate(), p.household(), p.vulnerabilities(), p.emergencyContact(), p.consent());
    assertThatThrownBy(() -> service.create(PARIS_OFFICER, same))
        .isInstanceOfSatisfying(DuplicateRegistrationException.class, e -> {
          assertThat(e.existingId()).isNull();
          assertThat(e.rule()).isEqualTo("nationalId");
          assertThat(e.getMessage()).doesNotContain(libyan.id().toString());
        });
    long hidden = jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM audit_event WHERE actor = 'officer.paris' "
        + "AND action = 'DUPLICATE_HIDDEN' AND registration_ids = ARRAY[CAST(:id AS uuid)]")
        .bind("id", libyan.id()).mapTo(Long.class).one());
    assertThat(hidden).isEqualTo(1);
    // The crisis cell sees everyone: it is told which record it is.
    assertThatThrownBy(() -> service.create(CRISIS_CELL, same))
        .isInstanceOfSatisfying(DuplicateRegistrationException.class,
            e -> assertThat(e.existingId()).isEqualTo(libyan.id()));
  }

  @Test
  void adminAndCaseworkerReadNoPersonalData() {
    Registration r = service.create(CRISIS_CELL, parisian(6));
    assertThatThrownBy(() -> service.get(ADMIN, r.id())).isInstanceOf(ForbiddenException.class);
    assertThatThrownBy(() -> service.get(CASEWORKER, r.id())).isInstanceOf(ForbiddenException.class);
    assertThatThrownBy(() -> service.create(ADMIN, parisian(7))).isInstanceOf(ForbiddenException.class);
  }

  @Test
  void reportsDuplicatesByEachRuleInsteadOfWritingThem() {
    Registration first = service.create(PARIS_OFFICER, parisian(10));
    RegistrationData d = parisian(11);
    RegistrationData sameNationalId = new RegistrationData(d.externalId(), "Other", "Person", null, null,
        d.dateOfBirth(), d.sex(), parisian(10).nationalId(), null, d.phone(), null, d.preferredLanguage(), null,
        null, "FR", "fr-paris", d.residenceType(), null, null, null, null, null, null, d.consent());
    assertThatThrownBy(() -> service.create(PARIS_OFFICER, sameNationalId))
        .isInstanceOfSatisfying(DuplicateRegistrationException.class, e -> {
          assertThat(e.existingId()).isEqualTo(first.id());
          assertThat(e.rule()).isEqualTo("nationalId");
        });
    RegistrationData samePerson = new RegistrationData("PAR-X", "FATIMA", "el amrani", null, null,
        parisian(10).dateOfBirth(), d.sex(), "ZZ999999", null, parisian(10).phone(), null, d.preferredLanguage(),
        null, null, "FR", "fr-paris", d.residenceType(), null, null, null, null, null, null, d.consent());
    assertThatThrownBy(() -> service.create(PARIS_OFFICER, samePerson))
        .isInstanceOfSatisfying(DuplicateRegistrationException.class,
            e -> assertThat(e.rule()).isEqualTo("phone+name+dateOfBirth"));
    RegistrationData sameExternalId = parisian(12);
    sameExternalId = new RegistrationData(parisian(10).externalId(), sameExternalId.givenNameLatin(),
        "Other", null, null, sameExternalId.dateOfBirth(), sameExternalId.sex(), sameExternalId.nationalId(), null,
        sameExternalId.phone(), null, sameExternalId.preferredLanguage(), null, null, "FR", "fr-paris",
        sameExternalId.residenceType(), null, null, null, null, null, null, sameExternalId.consent());
    RegistrationData finalSame = sameExternalId;
    assertThatThrownBy(() -> service.create(PARIS_OFFICER, finalSame))
        .isInstanceOfSatisfying(DuplicateRegistrationException.class,
            e -> assertThat(e.rule()).isEqualTo("externalId"));
  }

  @Test
  void updatesWithOptimisticVersionsAndKeepsTheHistory() {
    Registration r = service.create(PARIS_OFFICER, parisian(20));
    RegistrationData moved = Samples.withPhone(parisian(20), "+33698765432");
    Registration v2 = service.update(PARIS_OFFICER, r.id(), 1, moved);
    assertThat(v2.version()).isEqualTo(2);
    assertThat(service.get(PARIS_OFFICER, r.id()).data().phone()).isEqualTo("+33698765432");
    assertThatThrownBy(() -> service.update(PARIS_OFFICER, r.id(), 1, parisian(20)))
        .isInstanceOf(ConflictException.class).hasMessageContaining("version 2");
    Registration same = service.update(PARIS_OFFICER, r.id(), 2, moved);
    assertThat(same.version()).isEqualTo(2);
    List<RegistrationChange> history = service.history(PARIS_OFFICER, r.id());
    assertThat(history).extracting(RegistrationChange::kind).containsExactly("CREATED", "UPDATED");
    assertThat(history.get(1).changedFields()).containsExactly("phone");
    assertThat(history.get(1).previousJson()).contains(parisian(20).phone());
    assertThat(history.get(1).changedBy()).isEqualTo("officer.paris");
  }

  @Test
  void archivedRecordsCannotChangeAndFreeTheirIdentifiers() {
    Registration r = service.create(PARIS_OFFICER, parisian(30));
    Registration archived = service.archive(PARIS_OFFICER, r.id(), "left the country");
    assertThat(archived.status()).isEqualTo(RegistrationStatus.ARCHIVED);
    assertThatThrownBy(() -> service.update(PARIS_OFFICER, r.id(), archived.version(), parisian(30)))
        .isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> service.archive(PARIS_OFFICER, r.id(), " "))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void mergeKeepsBothHistories() {
    Registration keep = service.create(PARIS_OFFICER, parisian(40));
    Registration dup = service.create(PARIS_OFFICER, parisian(41));
    service.update(PARIS_OFFICER, dup.id(), 1, Samples.withPhone(parisian(41), "+33611112222"));
    service.merge(PARIS_OFFICER, keep.id(), dup.id());
    Registration merged = service.get(PARIS_OFFICER, dup.id());
    assertThat(merged.status()).isEqualTo(RegistrationStatus.MERGED);
    assertThat(merged.mergedInto()).isEqualTo(keep.id());
    List<RegistrationChange> history = service.history(PARIS_OFFICER, keep.id());
    assertThat(history).extracting(RegistrationChange::registrationId).contains(keep.id(), dup.id());
    assertThat(history).extracting(RegistrationChange::kind)
        .containsExactlyInAnyOrder("CREATED", "CREATED", "UPDATED", "MERGED_INTO", "MERGED_FROM");
    assertThatThrownBy(() -> service.merge(PARIS_OFFICER, keep.id(), keep.id()))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> service.merge(PARIS_OFFICER, keep.id(), dup.id()))
        .isInstanceOf(ConflictException.class);
  }

  @Test
  void filtersAndPagesLists() {
    for (int i = 50; i < 55; i++) {
      service.create(PARIS_OFFICER, parisian(i));
    }
    Page<Registration> p = service.list(CRISIS_CELL,
        new RegistrationFilter("FR", "fr-paris", "RESIDENT", "MEDICAL_CONDITION", "ACTIVE"), 1, 2);
    assertThat(p.items()).hasSize(2);
    assertThat(p.total()).isGreaterThanOrEqualTo(5);
    assertThat(service.list(CRISIS_CELL, new RegistrationFilter("LY", null, "RESIDENT", null, "ACTIVE"), 0, 10)
        .total()).isZero();
    assertThatThrownBy(() -> service.list(CRISIS_CELL, new RegistrationFilter(null, null, null, null, "ACTIVE"),
        0, 501)).isInstanceOf(ValidationException.class);
  }

  @Test
  void findsByPartOfANameInEitherScriptOrByAWholeNumberWithinTheJurisdiction() {
    Registration fatima = service.create(PARIS_OFFICER, parisian(81));
    service.create(TRIPOLI_OFFICER, tripolitan(82));
    java.util.function.Function<String, List<UUID>> find = q -> service.list(PARIS_OFFICER,
        new RegistrationFilter(null, null, null, null, "ACTIVE", q), 0, 200).items().stream()
        .map(Registration::id).toList();
    assertThat(find.apply("el amr")).contains(fatima.id());
    assertThat(find.apply("FATIMA EL")).contains(fatima.id());
    assertThat(find.apply("العمراني")).contains(fatima.id());
    assertThat(find.apply(parisian(81).phone())).containsExactly(fatima.id());
    assertThat(find.apply(parisian(81).nationalId().toLowerCase(java.util.Locale.ROOT))).containsExactly(fatima.id());
    // Part of a number is not enough, and LIKE's own characters are taken literally.
    assertThat(find.apply(parisian(81).phone().substring(0, 8))).isEmpty();
    assertThat(find.apply("%")).isEmpty();
    assertThat(find.apply("_atima")).isEmpty();
    // Another jurisdiction's national stays out of an officer's search.
    assertThat(find.apply("benali")).isEmpty();
    assertThat(service.list(CRISIS_CELL, new RegistrationFilter(null, null, null, null, "ACTIVE", "benali"), 0, 200)
        .items()).isNotEmpty();
  }

  @Test
  void auditsReadsAndWritesWithActorAndAddress() {
    Registration r = service.create(PARIS_OFFICER, parisian(60));
    service.get(CRISIS_CELL, r.id());
    List<AuditEvent> events = audit.find(ADMIN, r.id(), service.importRunsOf(ADMIN, r.id()),
        null, null, null, 100, 0);
    assertThat(events).extracting(AuditEvent::action).containsExactly("READ", "CREATE");
    assertThat(events).extracting(AuditEvent::actor).containsExactly("cell", "officer.paris");
    assertThat(events.get(0).remoteAddress()).isEqualTo("127.0.0.1");
    assertThatThrownBy(() -> audit.find(CRISIS_CELL, r.id(), List.of(), null, null, null, 10, 0))
        .isInstanceOf(ForbiddenException.class);
  }

  @Test
  void unknownIdsAreNotFound() {
    assertThatThrownBy(() -> service.get(CRISIS_CELL, UUID.randomUUID())).isInstanceOf(NotFoundException.class);
  }
}
