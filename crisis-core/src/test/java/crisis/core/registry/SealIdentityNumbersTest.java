package crisis.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import crisis.core.db.Migrations;
import crisis.core.registry.db.RegistrationDao;
import crisis.core.repatriation.remains.RemainsDao;
import crisis.core.testing.Samples;
import crisis.core.testing.TestDatabase;
import crisis.core.testing.TestKeys;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A database written by the release before 037, identity and document numbers in clear, migrated by this one: refused
 * without the keys, naming why; with them every clear value is sealed, the clear columns go, and everything reads back.
 */
@Tag("db")
class SealIdentityNumbersTest {
  private static final UUID PERSON = UUID.fromString("0191a000-0000-7000-8000-000000000777");
  private static final UUID REMAINS = UUID.fromString("0191a000-0000-7000-8000-000000000778");

  @Test
  void anOlderRegistryInClearIsSealedByTheMigrationWithTheKeysAndRefusedWithout() throws Exception {
    TestDatabase db = TestDatabase.createEmpty();
    try {
      db.migrateUpTo("037-data-keys");
      Jdbi jdbi = TestKeys.install(crisis.core.db.Jdbis.configure(Jdbi.create(db.dataSource())));
      Samples.consulates(jdbi);
      Instant now = Instant.parse("2026-11-30T10:00:00Z");
      jdbi.useHandle(h -> {
        h.createUpdate("""
            INSERT INTO registration (id, consulate_id, given_name_latin, family_name_latin, date_of_birth, sex,
              national_id, passport_number, phone, preferred_language, country_of_residence, residence_type, consent,
              content_hash, created_at, created_by, created_via, updated_at, updated_by, version)
            VALUES (:id, 'fr-paris', 'Fatima', 'El Amrani', DATE '1985-03-14', 'F', 'AB000777', 'P00000777',
              '+33612340777', 'ar', 'FR', 'RESIDENT', '{"purposes": ["CRISIS_CONTACT"], "givenAt": "2024-01-10T09:00:00Z",
              "method": "IN_PERSON"}', 'plain', :now, 'officer', 'api', :now, 'officer', 2)""")
            .bind("id", PERSON).bind("now", now).execute();
        h.createUpdate("""
            INSERT INTO registration_change (registration_id, version, kind, changed_fields, previous, via, changed_by,
              changed_at)
            VALUES (:id, 2, 'UPDATED', '{nationalId}', '{"nationalId": "AB000111"}', 'api', 'officer', :now)""")
            .bind("id", PERSON).bind("now", now).execute();
        h.createUpdate("""
            INSERT INTO remains_case (id, consulate_id, country, deceased_name, date_of_death, place_of_death,
              document_number, family_name, family_phone, family_relation, destination_city, status, created_at,
              created_by, updated_at, updated_by)
            VALUES (:id, 'fr-paris', 'FR', 'Omar Benali', DATE '2026-11-01', 'Paris', 'X00000778', 'Aicha Benali',
              '+212661234567', 'SIBLING', 'Casablanca', 'OPENED', :now, 'officer', :now, 'officer')""")
            .bind("id", REMAINS).bind("now", now).execute();
      });

      assertThatThrownBy(() -> Migrations.migrate(db.dataSource())).as("without the keys")
          .hasStackTraceContaining("hold identity numbers in clear; migrate with the personal data keys set")
          .hasStackTraceContaining("3 registrations or changes");
      Migrations.migrate(db.dataSource(), TestKeys.keys());

      Registration r = jdbi.withExtension(RegistrationDao.class, dao -> dao.find(PERSON)).orElseThrow();
      assertThat(r.data().nationalId()).isEqualTo("AB000777");
      assertThat(r.data().passportNumber()).isEqualTo("P00000777");
      List<RegistrationChange> history = jdbi.withExtension(RegistrationDao.class, dao -> dao.history(PERSON));
      assertThat(history).anySatisfy(c -> assertThat(c.previousJson()).contains("\"nationalId\":\"AB000111\""));
      assertThat(jdbi.withExtension(RemainsDao.class, dao -> dao.find(REMAINS)).orElseThrow().documentNumber())
          .isEqualTo("X00000778");
      // The clear columns are gone, and nothing in the sealed ones reads as the numbers.
      List<String> columns = jdbi.withHandle(h -> h.createQuery("""
          SELECT table_name || '.' || column_name FROM information_schema.columns
          WHERE table_name IN ('registration', 'remains_case', 'evacuation_traveller')
            AND column_name IN ('national_id', 'passport_number', 'document_number')""").mapTo(String.class).list());
      assertThat(columns).isEmpty();
      String stored = jdbi.withHandle(h -> h.createQuery("""
          SELECT (SELECT encode(national_id_sealed, 'escape') || encode(passport_sealed, 'escape') FROM registration)
            || (SELECT string_agg(coalesce(previous::text, ''), ' ') FROM registration_change)""")
          .mapTo(String.class).one());
      assertThat(stored).doesNotContain("AB000777").doesNotContain("P00000777").doesNotContain("AB000111");
      // The plain hash is gone (it would let numbers be tried against it); an unchanged write gives the keyed one.
      String emptied = jdbi.withHandle(h -> h.createQuery("SELECT content_hash FROM registration")
          .mapTo(String.class).one());
      assertThat(emptied).isEmpty();
      jdbi.useTransaction(h -> RegistrationService.applyUpdate(h.attach(RegistrationDao.class),
          crisis.core.testing.Samples.PARIS_OFFICER, r, r.data(), "api", Instant.now()));
      String keyed = jdbi.withHandle(h -> h.createQuery("SELECT content_hash FROM registration")
          .mapTo(String.class).one());
      assertThat(keyed).isEqualTo(ContentHash.of(crisis.core.privacy.FieldCipher.of(jdbi), r.data()));
      // The duplicate rule holds on the blind index the migration wrote.
      byte[] passport = crisis.core.privacy.FieldCipher.of(jdbi).index(
          crisis.core.privacy.FieldCipher.Field.PASSPORT_NUMBER, "P00000777");
      java.util.Optional<crisis.core.registry.db.DuplicateMatch> match = jdbi.withExtension(RegistrationDao.class,
          dao -> dao.findDuplicate(UUID.randomUUID(), null, passport, null, null, null, null));
      assertThat(match).isPresent();
    } finally {
      db.drop();
    }
  }
}
