package crisis.core.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import crisis.core.privacy.FieldCipher.Field;
import crisis.core.reintegration.ReintegrationNotes;
import crisis.core.repatriation.EvacuationNotes;
import crisis.core.testing.TestDatabase;
import java.time.Instant;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A key rotation takes the free-text notes too (the last review found it untested): after {@code keys rotate}'s
 * passes over the evacuation and reintegration notes, every note is sealed with the new key, the old one can be
 * retired, and each note still opens to what was written, bound to its row.
 */
@Tag("db")
class NotesRotationTest {
  private static final String EVACUATION = "Insuffisance rénale : dialyse trois fois par semaine";
  private static final String NEED = "كوابيس منذ المغادرة، طلب متابعة نفسية";
  private static final String HISTORY = "Orienté vers le centre de santé mentale";
  private static final String CHECK_IN = "Diabète déséquilibré, rendez-vous pris";
  private static final String ASKED = "Consultation en psychiatrie pour l'aîné";
  private static final String ANSWER = "Rendez-vous le 12 au CHU Ibn Rochd";

  @Test
  void everyNoteIsSealedAgainWithTheNewKeyAndTheOldOneCanGo() {
    TestDatabase db = TestDatabase.create();
    try {
      Jdbi jdbi = db.jdbi();
      FieldCipher cipher = FieldCipher.of(jdbi);
      int old = cipher.currentVersion();
      UUID request = UUID.randomUUID();
      UUID need = UUID.randomUUID();
      UUID checkIn = UUID.randomUUID();
      UUID referral = UUID.randomUUID();
      Instant now = Instant.parse("2026-12-01T10:00:00Z");
      jdbi.useTransaction(h -> {
        // The rows alone, sealed as the services seal them: what they point to is not what a rotation reads.
        h.execute("SET LOCAL session_replication_role = replica");
        h.createUpdate("""
            INSERT INTO evacuation_request (id, crisis_id, registration_id, consulate_id, country, source, state,
              phone, language, notes_sealed, requested_at, requested_by, updated_at)
            VALUES (:id, :other, :other, 'fr-paris', 'FR', 'DESK', 'OPEN', '+33612340401', 'fr', :notes, :now,
              'officer', :now)""")
            .bind("id", request).bind("other", UUID.randomUUID())
            .bind("notes", cipher.seal(Field.EVACUATION_NOTES, request, EVACUATION)).bind("now", now).execute();
        h.createUpdate("""
            INSERT INTO reintegration_need (id, case_id, dimension, kind, status, notes_sealed, identified_at,
              status_at)
            VALUES (:id, :case, 'PSYCHOSOCIAL', 'PSYCHOSOCIAL_SUPPORT', 'IDENTIFIED', :notes, :now, :now)""")
            .bind("id", need).bind("case", UUID.randomUUID()).bind("notes", cipher.seal(Field.NEED_NOTES, need, NEED))
            .bind("now", now).execute();
        h.createUpdate("""
            INSERT INTO reintegration_need_history (need_id, at, by, status, note_sealed)
            VALUES (:need, :now, 'caseworker', 'IDENTIFIED', :note)""")
            .bind("need", need).bind("note", cipher.seal(Field.NEED_HISTORY_NOTE, need, HISTORY)).bind("now", now)
            .execute();
        h.createUpdate("""
            INSERT INTO reintegration_checkin (id, case_id, seq, label, due_at, state, notes_sealed)
            VALUES (:id, :case, 1, 'first call', :now, 'DONE', :notes)""")
            .bind("id", checkIn).bind("case", UUID.randomUUID())
            .bind("notes", cipher.seal(Field.CHECK_IN_NOTES, checkIn, CHECK_IN)).bind("now", now).execute();
        h.createUpdate("""
            INSERT INTO reintegration_referral (id, case_id, need_id, partner_id, asked_sealed, personal_data,
              sent_at, sent_by, remind_at, answer_sealed, answered_at)
            VALUES (:id, :case, :need, :partner, :asked, true, :now, 'caseworker', :now, :answer, :now)""")
            .bind("id", referral).bind("case", UUID.randomUUID()).bind("need", need)
            .bind("partner", UUID.randomUUID()).bind("asked", cipher.seal(Field.REFERRAL_ASKED, referral, ASKED))
            .bind("answer", cipher.seal(Field.REFERRAL_ANSWER, referral, ANSWER)).bind("now", now).execute();
      });
      EvacuationNotes evacuation = new EvacuationNotes(jdbi);
      ReintegrationNotes reintegration = new ReintegrationNotes(jdbi);
      assertThat(evacuation.versionsInUse()).containsExactly(old);
      assertThat(reintegration.versionsInUse()).containsExactly(old);

      int next = cipher.rotate();
      assertThat(evacuation.resealAll()).isEqualTo(1);
      assertThat(reintegration.resealAll()).as("need, history, check-in, question and answer").isEqualTo(5);
      assertThat(evacuation.versionsInUse()).containsExactly(next);
      assertThat(reintegration.versionsInUse()).containsExactly(next);
      assertThat(evacuation.resealAll() + reintegration.resealAll()).as("a second pass has nothing to do").isZero();
      cipher.retire(old);

      FieldCipher after = FieldCipher.of(jdbi);
      jdbi.useHandle(h -> {
        assertThat(after.open(Field.EVACUATION_NOTES, request,
            bytes(h, "SELECT notes_sealed FROM evacuation_request"))).isEqualTo(EVACUATION);
        assertThat(after.open(Field.NEED_NOTES, need, bytes(h, "SELECT notes_sealed FROM reintegration_need")))
            .isEqualTo(NEED);
        assertThat(after.open(Field.NEED_HISTORY_NOTE, need,
            bytes(h, "SELECT note_sealed FROM reintegration_need_history"))).isEqualTo(HISTORY);
        assertThat(after.open(Field.CHECK_IN_NOTES, checkIn,
            bytes(h, "SELECT notes_sealed FROM reintegration_checkin"))).isEqualTo(CHECK_IN);
        assertThat(after.open(Field.REFERRAL_ASKED, referral,
            bytes(h, "SELECT asked_sealed FROM reintegration_referral"))).isEqualTo(ASKED);
        assertThat(after.open(Field.REFERRAL_ANSWER, referral,
            bytes(h, "SELECT answer_sealed FROM reintegration_referral"))).isEqualTo(ANSWER);
      });
    } finally {
      db.drop();
    }
  }

  private static byte[] bytes(org.jdbi.v3.core.Handle h, String sql) {
    return h.createQuery(sql).mapTo(byte[].class).one();
  }
}
