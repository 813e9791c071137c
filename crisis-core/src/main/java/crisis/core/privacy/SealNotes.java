package crisis.core.privacy;

import crisis.core.common.ErrorFacts;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import liquibase.change.custom.CustomTaskChange;
import liquibase.database.Database;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.CustomChangeException;
import liquibase.exception.ValidationErrors;
import liquibase.resource.ResourceAccessor;

/**
 * Migration step between {@code 040} and {@code 041} (frozen with the migrations, like {@code SealIdentityNumbers}):
 * seals the free-text notes written in clear by an earlier release, with the cipher the migrating process was given
 * ({@link FieldCipher#ofMigration}), emptying the clear column as it goes. A database with no notes needs no key.
 */
public class SealNotes implements CustomTaskChange {
  private static final int BATCH = 2000;

  /** One clear column: how many values it holds, a page of them (key, bound id, value), and how one is sealed. */
  private record Column(FieldCipher.Field field, String count, String select, String update) {}

  private static final List<Column> COLUMNS = List.of(
      new Column(FieldCipher.Field.EVACUATION_NOTES,
          "SELECT count(*) FROM evacuation_request WHERE notes IS NOT NULL",
          "SELECT id, id, notes FROM evacuation_request WHERE notes IS NOT NULL LIMIT ?",
          "UPDATE evacuation_request SET notes_sealed = ?, notes = NULL WHERE id = ?"),
      new Column(FieldCipher.Field.NEED_NOTES,
          "SELECT count(*) FROM reintegration_need WHERE notes IS NOT NULL",
          "SELECT id, id, notes FROM reintegration_need WHERE notes IS NOT NULL LIMIT ?",
          "UPDATE reintegration_need SET notes_sealed = ?, notes = NULL WHERE id = ?"),
      new Column(FieldCipher.Field.NEED_HISTORY_NOTE,
          "SELECT count(*) FROM reintegration_need_history WHERE note IS NOT NULL",
          "SELECT id, need_id, note FROM reintegration_need_history WHERE note IS NOT NULL LIMIT ?",
          "UPDATE reintegration_need_history SET note_sealed = ?, note = NULL WHERE id = ?"),
      new Column(FieldCipher.Field.CHECK_IN_NOTES,
          "SELECT count(*) FROM reintegration_checkin WHERE notes IS NOT NULL",
          "SELECT id, id, notes FROM reintegration_checkin WHERE notes IS NOT NULL LIMIT ?",
          "UPDATE reintegration_checkin SET notes_sealed = ?, notes = NULL WHERE id = ?"),
      new Column(FieldCipher.Field.REFERRAL_ASKED,
          "SELECT count(*) FROM reintegration_referral WHERE asked IS NOT NULL",
          "SELECT id, id, asked FROM reintegration_referral WHERE asked IS NOT NULL LIMIT ?",
          "UPDATE reintegration_referral SET asked_sealed = ?, asked = NULL WHERE id = ?"),
      new Column(FieldCipher.Field.REFERRAL_ANSWER,
          "SELECT count(*) FROM reintegration_referral WHERE answer IS NOT NULL",
          "SELECT id, id, answer FROM reintegration_referral WHERE answer IS NOT NULL LIMIT ?",
          "UPDATE reintegration_referral SET answer_sealed = ?, answer = NULL WHERE id = ?"));

  @Override
  public void execute(Database database) throws CustomChangeException {
    Connection c = ((JdbcConnection) database.getConnection()).getUnderlyingConnection();
    try {
      long clear = 0;
      for (Column col : COLUMNS) {
        try (PreparedStatement s = c.prepareStatement(col.count()); ResultSet rs = s.executeQuery()) {
          rs.next();
          clear += rs.getLong(1);
        }
      }
      if (clear == 0) {
        return;
      }
      long found = clear;
      FieldCipher cipher = FieldCipher.ofMigration().orElseThrow(() -> new CustomChangeException(found
          + " notes are in clear; migrate with the personal data keys set (personalData in the configuration: "
          + "db migrate, or migrateOnStart)"));
      for (Column col : COLUMNS) {
        seal(c, cipher, col);
      }
    } catch (CustomChangeException e) {
      throw e;
    } catch (Exception e) {
      // Not the message: it may quote a value, and Liquibase prints the whole chain.
      throw new CustomChangeException("sealing the notes failed: " + ErrorFacts.describe(e), ErrorFacts.redacted(e));
    }
  }

  private static void seal(Connection c, FieldCipher cipher, Column col) throws Exception {
    try (PreparedStatement s = c.prepareStatement(col.select()); PreparedStatement u = c.prepareStatement(col.update())) {
      while (true) {
        s.setInt(1, BATCH);
        List<Object[]> rows = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            rows.add(new Object[] {rs.getObject(1), rs.getObject(2, UUID.class), rs.getString(3)});
          }
        }
        if (rows.isEmpty()) {
          return;
        }
        for (Object[] r : rows) {
          u.setBytes(1, cipher.seal(col.field(), (UUID) r[1], (String) r[2]));
          u.setObject(2, r[0]);
          u.addBatch();
        }
        u.executeBatch();
      }
    }
  }

  @Override
  public String getConfirmationMessage() {
    return "free-text notes sealed";
  }

  @Override
  public void setUp() {}

  @Override
  public void setFileOpener(ResourceAccessor accessor) {}

  @Override
  public ValidationErrors validate(Database database) {
    return new ValidationErrors();
  }
}
