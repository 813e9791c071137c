package crisis.core.registry.importing;

import crisis.core.common.Json;
import crisis.core.registry.Location;
import crisis.core.registry.RegistrationData;
import crisis.core.registry.Vulnerability;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.postgresql.PGConnection;

/** Writes candidates into the session's {@code import_stage} table with COPY, the fastest way into PostgreSQL. */
final class StageCopy {
  static final String CREATE = """
      CREATE TEMP TABLE IF NOT EXISTS import_stage (
        line BIGINT NOT NULL, id UUID NOT NULL, external_id TEXT, consulate_id TEXT NOT NULL,
        given_name_latin TEXT NOT NULL, family_name_latin TEXT NOT NULL, given_name_arabic TEXT,
        family_name_arabic TEXT, date_of_birth DATE NOT NULL, sex CHAR(1) NOT NULL, national_id TEXT,
        passport_number TEXT, phone TEXT NOT NULL, email TEXT, preferred_language TEXT NOT NULL, address TEXT,
        latitude DOUBLE PRECISION, longitude DOUBLE PRECISION, location_source TEXT,
        country_of_residence CHAR(2) NOT NULL, residence_type TEXT NOT NULL, stay_purpose TEXT, arrival_date DATE,
        departure_date DATE, vulnerabilities TEXT[] NOT NULL, household JSONB NOT NULL, emergency_contact JSONB,
        consent JSONB NOT NULL, content_hash TEXT NOT NULL
      ) ON COMMIT DELETE ROWS
      """;

  /** The registration columns the stage fills, in stage order (after line). */
  static final String COLUMNS = """
      id, external_id, consulate_id, given_name_latin, family_name_latin, given_name_arabic, family_name_arabic,
      date_of_birth, sex, national_id, passport_number, phone, email, preferred_language, address, latitude,
      longitude, location_source, country_of_residence, residence_type, stay_purpose, arrival_date, departure_date,
      vulnerabilities, household, emergency_contact, consent, content_hash""";

  private StageCopy() {}

  static void copy(Connection connection, List<Candidate> rows) throws SQLException, IOException {
    StringBuilder b = new StringBuilder(rows.size() * 600);
    for (Candidate c : rows) {
      RegistrationData d = c.data();
      Location l = d.location();
      b.append(c.line()).append('\t').append(c.id());
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
      cell(b, c.contentHash());
      b.append('\n');
    }
    connection.unwrap(PGConnection.class).getCopyAPI()
        .copyIn("COPY import_stage (line, " + COLUMNS + ") FROM STDIN", new StringReader(b.toString()));
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
