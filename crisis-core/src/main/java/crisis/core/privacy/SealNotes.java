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

  /** One clear column, its sealed one, and the id the value is bound to. */
  private record Column(String table, String clear, String sealed, String boundTo, String key, FieldCipher.Field field) {
    String count() {
      return "SELECT count(*) FROM " + table + " WHERE " + clear + " IS NOT NULL";
    }

    String select() {
      return "SELECT " + key + ", " + boundTo + ", " + clear + " FROM " + table + " WHERE " + clear
          + " IS NOT NULL LIMIT ?";
    }

    String update() {
      return "UPDATE " + table + " SET " + sealed + " = ?, " + clear + " = NULL WHERE " + key + " = ?";
    }
  }

  private static final List<Column> COLUMNS = List.of(
      new Column("evacuation_request", "notes", "notes_sealed", "id", "id", FieldCipher.Field.EVACUATION_NOTES),
      new Column("reintegration_need", "notes", "notes_sealed", "id", "id", FieldCipher.Field.NEED_NOTES),
      new Column("reintegration_need_history", "note", "note_sealed", "need_id", "id",
          FieldCipher.Field.NEED_HISTORY_NOTE),
      new Column("reintegration_checkin", "notes", "notes_sealed", "id", "id", FieldCipher.Field.CHECK_IN_NOTES));

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
