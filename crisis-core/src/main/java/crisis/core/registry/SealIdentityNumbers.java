package crisis.core.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import crisis.core.common.ErrorFacts;
import crisis.core.common.Json;
import crisis.core.privacy.FieldCipher;
import crisis.core.registry.db.SealedPrevious;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import liquibase.change.custom.CustomTaskChange;
import liquibase.database.Database;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.CustomChangeException;
import liquibase.exception.ValidationErrors;
import liquibase.resource.ResourceAccessor;

/**
 * Migration step between {@code 037} and {@code 038} (frozen with the migrations, like {@code H3Backfill}): seals the
 * identity numbers a registry written by an earlier release holds in clear, those its change rows kept as previous
 * values, and the document numbers repatriation copied (travellers, remains cases), with the cipher the migrating
 * process was given ({@link FieldCipher#ofMigration}), emptying the clear columns as it goes. A registry with none
 * needs no key. A sealed row's content hash (plain SHA-256 then, which would let anyone who reads the other columns try
 * numbers against it) is emptied: it matches nothing, and the row's next write or unchanged import gives it the keyed
 * one ({@code RegistrationService.applyUpdate}).
 */
public class SealIdentityNumbers implements CustomTaskChange {
  private static final int BATCH = 2000;

  @Override
  public void execute(Database database) throws CustomChangeException {
    Connection c = ((JdbcConnection) database.getConnection()).getUnderlyingConnection();
    try {
      long clear = count(c, """
          SELECT count(*) FROM registration WHERE (national_id IS NOT NULL AND national_id_sealed IS NULL)
            OR (passport_number IS NOT NULL AND passport_sealed IS NULL)""")
          + count(c, "SELECT count(*) FROM registration_change WHERE jsonb_exists_any(previous, "
              + "array['nationalId', 'passportNumber'])")
          + count(c, "SELECT count(*) FROM evacuation_traveller WHERE document_number IS NOT NULL")
          + count(c, "SELECT count(*) FROM remains_case WHERE document_number IS NOT NULL");
      if (clear == 0) {
        return;
      }
      FieldCipher cipher = FieldCipher.ofMigration().orElseThrow(() -> new CustomChangeException(clear
          + " registrations or changes hold identity numbers in clear; migrate with the personal data keys set "
          + "(personalData in the configuration: db migrate, or migrateOnStart)"));
      sealRegistrations(c, cipher);
      sealChanges(c, cipher);
      sealDocuments(c, cipher, "SELECT id, document_number FROM evacuation_traveller WHERE document_number IS NOT "
          + "NULL AND document_sealed IS NULL LIMIT ?", "UPDATE evacuation_traveller SET document_sealed = ?, document_number = NULL "
          + "WHERE id = ?");
      sealDocuments(c, cipher, "SELECT id, document_number FROM remains_case WHERE document_number IS NOT NULL AND "
          + "document_sealed IS NULL LIMIT ?", "UPDATE remains_case SET document_sealed = ?, document_number = NULL WHERE id = ?");
    } catch (CustomChangeException e) {
      throw e;
    } catch (Exception e) {
      // Not the message: it may quote a value, and Liquibase prints the whole chain.
      throw new CustomChangeException("sealing the identity numbers failed: " + ErrorFacts.describe(e),
          ErrorFacts.redacted(e));
    }
  }

  private static void sealRegistrations(Connection c, FieldCipher cipher) throws Exception {
    try (PreparedStatement select = c.prepareStatement("""
             SELECT id, national_id, passport_number FROM registration
             WHERE (national_id IS NOT NULL AND national_id_sealed IS NULL)
               OR (passport_number IS NOT NULL AND passport_sealed IS NULL)
             LIMIT ?""");
         PreparedStatement update = c.prepareStatement("""
             UPDATE registration SET national_id_sealed = ?, national_id_index = ?, passport_sealed = ?,
               passport_index = ?, national_id = NULL, passport_number = NULL, content_hash = '' WHERE id = ?""")) {
      while (true) {
        select.setInt(1, BATCH);
        List<Object[]> rows = new ArrayList<>();
        try (ResultSet rs = select.executeQuery()) {
          while (rs.next()) {
            rows.add(new Object[] {rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3)});
          }
        }
        if (rows.isEmpty()) {
          return;
        }
        for (Object[] r : rows) {
          UUID id = (UUID) r[0];
          String national = (String) r[1];
          String passport = (String) r[2];
          update.setBytes(1, cipher.seal(FieldCipher.Field.NATIONAL_ID, id, national));
          update.setBytes(2, cipher.index(FieldCipher.Field.NATIONAL_ID, national));
          update.setBytes(3, cipher.seal(FieldCipher.Field.PASSPORT_NUMBER, id, passport));
          update.setBytes(4, cipher.index(FieldCipher.Field.PASSPORT_NUMBER, passport));
          update.setObject(5, id);
          update.addBatch();
        }
        update.executeBatch();
      }
    }
  }

  /** The document numbers repatriation copied: a traveller's, a deceased person's. */
  private static void sealDocuments(Connection c, FieldCipher cipher, String select, String update) throws Exception {
    try (PreparedStatement s = c.prepareStatement(select); PreparedStatement u = c.prepareStatement(update)) {
      while (true) {
        s.setInt(1, BATCH);
        List<Object[]> rows = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            rows.add(new Object[] {rs.getObject(1, UUID.class), rs.getString(2)});
          }
        }
        if (rows.isEmpty()) {
          return;
        }
        for (Object[] r : rows) {
          u.setBytes(1, cipher.seal(FieldCipher.Field.DOCUMENT_NUMBER, (UUID) r[0], (String) r[1]));
          u.setObject(2, r[0]);
          u.addBatch();
        }
        u.executeBatch();
      }
    }
  }

  private static void sealChanges(Connection c, FieldCipher cipher) throws Exception {
    try (PreparedStatement select = c.prepareStatement("""
             SELECT id, registration_id, previous FROM registration_change
             WHERE id > ? AND jsonb_exists_any(previous, array['nationalId', 'passportNumber'])
             ORDER BY id LIMIT ?""");
         PreparedStatement update = c.prepareStatement(
             "UPDATE registration_change SET previous = CAST(? AS jsonb) WHERE id = ?")) {
      long after = 0;
      while (true) {
        select.setLong(1, after);
        select.setInt(2, BATCH);
        List<Object[]> rows = new ArrayList<>();
        try (ResultSet rs = select.executeQuery()) {
          while (rs.next()) {
            rows.add(new Object[] {rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3)});
          }
        }
        if (rows.isEmpty()) {
          return;
        }
        after = (long) rows.get(rows.size() - 1)[0];
        for (Object[] r : rows) {
          ObjectNode node = (ObjectNode) Json.read((String) r[2], JsonNode.class);
          Map<String, JsonNode> previous = new LinkedHashMap<>();
          node.properties().forEach(e -> previous.put(e.getKey(), e.getValue()));
          update.setString(1, Json.write(SealedPrevious.seal(cipher, (UUID) r[1], previous)));
          update.setLong(2, (long) r[0]);
          update.addBatch();
        }
        update.executeBatch();
      }
    }
  }

  private static long count(Connection c, String sql) throws Exception {
    try (PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Override
  public String getConfirmationMessage() {
    return "identity numbers sealed";
  }

  @Override
  public void setUp() {
    // nothing to prepare
  }

  @Override
  public void setFileOpener(ResourceAccessor resourceAccessor) {
    // reads no file
  }

  @Override
  public ValidationErrors validate(Database database) {
    return new ValidationErrors();
  }
}
