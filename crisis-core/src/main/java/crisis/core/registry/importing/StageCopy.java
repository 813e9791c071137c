package crisis.core.registry.importing;

import crisis.core.registry.RegistrationData;
import crisis.core.registry.db.CopyFormat;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * COPY, the fastest way into PostgreSQL, in its text format: the identifying keys of a batch go into the session's
 * {@code import_stage} table ({@code ImportStageDao} creates it and matches it against the registry); the new rows
 * then go straight into {@code registration}.
 */
final class StageCopy {
  private static final String COPY_KEYS = """
      COPY import_stage (line, consulate_id, external_id, national_id_index, passport_index, phone, date_of_birth,
        family_name_latin, given_name_latin, content_hash) FROM STDIN""";

  private static final String COPY_ROWS = "COPY registration (id, " + CopyFormat.ROW_COLUMNS
      + ", content_hash, h3_cell, version, created_at, created_by, created_via, updated_at, updated_by) FROM STDIN";

  private static final int CHUNK = 64 * 1024;

  private StageCopy() {}

  /** The identifying keys of a row, identity numbers by their blind indexes only. */
  static String keyLine(Candidate c) {
    RegistrationData d = c.data();
    StringBuilder b = new StringBuilder(200).append(c.line());
    cell(b, d.consulateId());
    cell(b, d.externalId());
    CopyFormat.bytes(b, c.nationalIdIndex());
    CopyFormat.bytes(b, c.passportIndex());
    cell(b, d.phone());
    cell(b, d.dateOfBirth().toString());
    cell(b, d.familyNameLatin());
    cell(b, d.givenNameLatin());
    cell(b, c.contentHash());
    return b.append('\n').toString();
  }

  static void copyKeys(Connection connection, List<Candidate> rows) throws SQLException, IOException {
    StringBuilder b = new StringBuilder(rows.size() * 160);
    rows.forEach(c -> b.append(c.keyLine()));
    copy(connection, COPY_KEYS, b);
  }

  /** Inserts new registrations, version 1, created and updated now by {@code by} through {@code via}. */
  static void copyRows(Connection connection, List<Candidate> rows, Instant now, String by, String via)
      throws SQLException, IOException {
    StringBuilder suffix = new StringBuilder("\t1");
    cell(suffix, now.toString());
    cell(suffix, by);
    cell(suffix, via);
    cell(suffix, now.toString());
    cell(suffix, by);
    suffix.append('\n');
    byte[] tail = suffix.toString().getBytes(StandardCharsets.UTF_8);
    CopyIn in = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY_ROWS);
    try {
      // Rows go out in chunks of about 64 KB: one COPY message per row costs the server more than the bytes do.
      byte[] chunk = new byte[CHUNK];
      int used = 0;
      for (Candidate c : rows) {
        byte[] line = c.rowLine();
        if (used + line.length + tail.length > CHUNK) {
          in.writeToCopy(chunk, 0, used);
          used = 0;
        }
        if (line.length + tail.length > CHUNK) {
          in.writeToCopy(line, 0, line.length);
          in.writeToCopy(tail, 0, tail.length);
          continue;
        }
        System.arraycopy(line, 0, chunk, used, line.length);
        used += line.length;
        System.arraycopy(tail, 0, chunk, used, tail.length);
        used += tail.length;
      }
      if (used > 0) {
        in.writeToCopy(chunk, 0, used);
      }
      in.endCopy();
    } finally {
      if (in.isActive()) {
        in.cancelCopy();
      }
    }
  }

  private static void copy(Connection connection, String sql, StringBuilder data) throws SQLException, IOException {
    connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, new StringReader(data.toString()));
  }

  private static void cell(StringBuilder b, String v) {
    CopyFormat.cell(b, v);
  }
}
