package crisis.core.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import crisis.core.db.Migrations;
import crisis.core.testing.TestDatabase;
import crisis.core.testing.TestKeys;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Notes written in clear by the release before 040, migrated by this one: refused without the keys, naming why; with
 * them every note is sealed (bound to its row, a history note to its need), the clear columns go, and each opens.
 */
@Tag("db")
class SealNotesTest {
  private static final UUID REQUEST = UUID.fromString("0191a000-0000-7000-8000-000000000401");
  private static final UUID NEED = UUID.fromString("0191a000-0000-7000-8000-000000000402");
  private static final UUID CHECK_IN = UUID.fromString("0191a000-0000-7000-8000-000000000403");
  private static final UUID REFERRAL = UUID.fromString("0191a000-0000-7000-8000-000000000404");

  @Test
  void notesInClearAreSealedByTheMigrationWithTheKeysAndRefusedWithout() throws Exception {
    TestDatabase db = TestDatabase.createEmpty();
    try {
      db.migrateUpTo("040-seal-notes");
      Jdbi jdbi = TestKeys.install(crisis.core.db.Jdbis.configure(Jdbi.create(db.dataSource())));
      Instant now = Instant.parse("2026-12-01T10:00:00Z");
      jdbi.useTransaction(h -> {
        // The rows alone: what they point to is not what this step reads (and the step writes a referral twice, its
        // question then its answer, which checks its keys again).
        h.execute("SET LOCAL session_replication_role = replica");
        h.execute("""
            ALTER TABLE reintegration_referral DROP CONSTRAINT reintegration_referral_case_id_fkey,
              DROP CONSTRAINT reintegration_referral_need_id_fkey, DROP CONSTRAINT reintegration_referral_partner_id_fkey""");
        h.createUpdate("""
            INSERT INTO evacuation_request (id, crisis_id, registration_id, consulate_id, country, source, state,
              phone, language, notes, requested_at, requested_by, updated_at)
            VALUES (:id, :other, :other, 'fr-paris', 'FR', 'DESK', 'OPEN', '+33612340401', 'fr',
              'Insuffisance rénale : dialyse trois fois par semaine', :now, 'officer', :now)""")
            .bind("id", REQUEST).bind("other", UUID.randomUUID()).bind("now", now).execute();
        h.createUpdate("""
            INSERT INTO reintegration_need (id, case_id, dimension, kind, status, notes, identified_at, status_at)
            VALUES (:id, :case, 'PSYCHOSOCIAL', 'PSYCHOSOCIAL_SUPPORT', 'IDENTIFIED',
              'Cauchemars depuis le départ, suivi demandé', :now, :now)""")
            .bind("id", NEED).bind("case", UUID.randomUUID()).bind("now", now).execute();
        h.createUpdate("""
            INSERT INTO reintegration_need_history (need_id, at, by, status, note)
            VALUES (:need, :now, 'caseworker', 'IDENTIFIED', 'Orienté vers le centre de santé mentale')""")
            .bind("need", NEED).bind("now", now).execute();
        h.createUpdate("""
            INSERT INTO reintegration_checkin (id, case_id, seq, label, due_at, state, notes)
            VALUES (:id, :case, 1, 'first call', :now, 'DONE', 'Diabète déséquilibré, rendez-vous pris')""")
            .bind("id", CHECK_IN).bind("case", UUID.randomUUID()).bind("now", now).execute();
        h.createUpdate("""
            INSERT INTO reintegration_referral (id, case_id, need_id, partner_id, asked, personal_data, sent_at,
              sent_by, remind_at, answer, answered_at)
            VALUES (:id, :case, :need, :partner, 'Consultation en psychiatrie pour l''aîné', true, :now, 'caseworker',
              :now, 'Rendez-vous le 12 au CHU Ibn Rochd', :now)""")
            .bind("id", REFERRAL).bind("case", UUID.randomUUID()).bind("need", NEED).bind("partner", UUID.randomUUID())
            .bind("now", now).execute();
      });

      assertThatThrownBy(() -> Migrations.migrate(db.dataSource())).as("without the keys")
          .hasStackTraceContaining("6 notes are in clear; migrate with the personal data keys set");
      Migrations.migrate(db.dataSource(), TestKeys.keys());

      FieldCipher cipher = FieldCipher.of(jdbi);
      byte[][] sealed = jdbi.withHandle(h -> new byte[][] {
          h.createQuery("SELECT notes_sealed FROM evacuation_request").mapTo(byte[].class).one(),
          h.createQuery("SELECT notes_sealed FROM reintegration_need").mapTo(byte[].class).one(),
          h.createQuery("SELECT note_sealed FROM reintegration_need_history").mapTo(byte[].class).one(),
          h.createQuery("SELECT notes_sealed FROM reintegration_checkin").mapTo(byte[].class).one(),
          h.createQuery("SELECT asked_sealed FROM reintegration_referral").mapTo(byte[].class).one(),
          h.createQuery("SELECT answer_sealed FROM reintegration_referral").mapTo(byte[].class).one()});
      assertThat(cipher.open(FieldCipher.Field.EVACUATION_NOTES, REQUEST, sealed[0]))
          .isEqualTo("Insuffisance rénale : dialyse trois fois par semaine");
      assertThat(cipher.open(FieldCipher.Field.NEED_NOTES, NEED, sealed[1]))
          .isEqualTo("Cauchemars depuis le départ, suivi demandé");
      assertThat(cipher.open(FieldCipher.Field.NEED_HISTORY_NOTE, NEED, sealed[2]))
          .isEqualTo("Orienté vers le centre de santé mentale");
      assertThat(cipher.open(FieldCipher.Field.CHECK_IN_NOTES, CHECK_IN, sealed[3]))
          .isEqualTo("Diabète déséquilibré, rendez-vous pris");
      assertThat(cipher.open(FieldCipher.Field.REFERRAL_ASKED, REFERRAL, sealed[4]))
          .isEqualTo("Consultation en psychiatrie pour l'aîné");
      assertThat(cipher.open(FieldCipher.Field.REFERRAL_ANSWER, REFERRAL, sealed[5]))
          .isEqualTo("Rendez-vous le 12 au CHU Ibn Rochd");
      // Bound to their rows: a note moved to another row does not open there.
      assertThatThrownBy(() -> cipher.open(FieldCipher.Field.NEED_NOTES, CHECK_IN, sealed[1]))
          .isInstanceOf(SealedValueException.class);
      List<String> columns = jdbi.withHandle(h -> h.createQuery("""
          SELECT table_name || '.' || column_name FROM information_schema.columns
          WHERE table_name IN ('evacuation_request', 'reintegration_need', 'reintegration_need_history',
            'reintegration_checkin', 'reintegration_referral')
            AND column_name IN ('notes', 'note', 'asked', 'answer')""").mapTo(String.class).list());
      // A check-in's answer is the digit the returnee sent back, not text.
      assertThat(columns).containsExactly("reintegration_checkin.answer");
    } finally {
      db.drop();
    }
  }
}
