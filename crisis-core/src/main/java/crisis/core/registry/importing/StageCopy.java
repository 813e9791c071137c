package crisis.core.registry.importing;

import crisis.core.common.Json;
import crisis.core.registry.Location;
import crisis.core.registry.RegistrationData;
import crisis.core.registry.Vulnerability;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.postgresql.PGConnection;

/**
 * COPY, the fastest way into PostgreSQL, in its text format: the identifying keys of a batch go into the session's
 * {@code import_stage} table to be matched against the registry; the new rows then go straight into
 * {@code registration}.
 */
final class StageCopy {
  static final String CREATE = """
      CREATE TEMP TABLE IF NOT EXISTS import_stage (
        line BIGINT NOT NULL, consulate_id TEXT NOT NULL, external_id TEXT, national_id TEXT, passport_number TEXT,
        phone TEXT NOT NULL, date_of_birth DATE NOT NULL, family_name_latin TEXT NOT NULL,
        given_name_latin TEXT NOT NULL, content_hash TEXT NOT NULL
      ) ON COMMIT DELETE ROWS
      """;

  private static final String COPY_KEYS = """
      COPY import_stage (line, consulate_id, external_id, national_id, passport_number, phone, date_of_birth,
        family_name_latin, given_name_latin, content_hash) FROM STDIN""";

  private static final String COPY_ROWS = """
      COPY registration (id, external_id, consulate_id, given_name_latin, family_name_latin, given_name_arabic,
        family_name_arabic, date_of_birth, sex, national_id, passport_number, phone, email, preferred_language,
        address, latitude, longitude, location_source, country_of_residence, residence_type, stay_purpose,
        arrival_date, departure_date, vulnerabilities, household, emergency_contact, consent, content_hash,
        version, created_at, created_by, created_via, updated_at, updated_by) FROM STDIN""";

  private StageCopy() {}

  static String keyLine(long line, RegistrationData d, String hash) {
    StringBuilder b = new StringBuilder(160).append(line);
    cell(b, d.consulateId());
    cell(b, d.externalId());
    cell(b, d.nationalId());
    cell(b, d.passportNumber());
    cell(b, d.phone());
    cell(b, d.dateOfBirth().toString());
    cell(b, d.familyNameLatin());
    cell(b, d.givenNameLatin());
    cell(b, hash);
    return b.append('\n').toString();
  }

  /** The registration's columns up to content_hash; the bookkeeping columns are added per batch. */
  static String rowLine(java.util.UUID id, RegistrationData d, String hash) {
    Location l = d.location();
    StringBuilder b = new StringBuilder(640).append(id);
    cell(b, d.externalId());
    cell(b, d.consulateId());
    cell(b, d.givenNameLatin());
    cell(b, d.familyNameLatin());
    cell(b, d.givenNameArabic());
    cell(b, d.familyNameArabic());
    cell(b, d.dateOfBirth().toString());
    cell(b, d.sex().name());
    cell(b, d.nationalId());
    cell(b, d.passportNumber());
    cell(b, d.phone());
    cell(b, d.email());
    cell(b, d.preferredLanguage().code());
    cell(b, d.address());
    cell(b, l == null ? null : Double.toString(l.latitude()));
    cell(b, l == null ? null : Double.toString(l.longitude()));
    cell(b, l == null ? null : l.source().name());
    cell(b, d.countryOfResidence());
    cell(b, d.residenceType().name());
    cell(b, d.stayPurpose() == null ? null : d.stayPurpose().name());
    cell(b, d.arrivalDate() == null ? null : d.arrivalDate().toString());
    cell(b, d.departureDate() == null ? null : d.departureDate().toString());
    StringBuilder arr = new StringBuilder("{");
    for (Vulnerability v : d.vulnerabilities()) {
      if (arr.length() > 1) {
        arr.append(',');
      }
      arr.append(v.name());
    }
    cell(b, arr.append('}').toString());
    cell(b, Json.write(d.household()));
    cell(b, d.emergencyContact() == null ? null : Json.write(d.emergencyContact()));
    cell(b, Json.write(d.consent()));
    cell(b, hash);
    return b.toString();
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
    StringBuilder b = new StringBuilder(rows.size() * 700);
    rows.forEach(c -> b.append(c.rowLine()).append(suffix));
    copy(connection, COPY_ROWS, b);
  }

  private static void copy(Connection connection, String sql, StringBuilder data) throws SQLException, IOException {
    connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, new StringReader(data.toString()));
  }

  /** Appends a tab and the value in COPY text format: \N for null, backslash escapes for the rest. */
  private static void cell(StringBuilder b, String v) {
    b.append('\t');
    if (v == null) {
      b.append("\\N");
      return;
    }
    for (int i = 0; i < v.length(); i++) {
      char ch = v.charAt(i);
      switch (ch) {
        case '\\' -> b.append("\\\\");
        case '\t' -> b.append("\\t");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        default -> b.append(ch);
      }
    }
  }
}
