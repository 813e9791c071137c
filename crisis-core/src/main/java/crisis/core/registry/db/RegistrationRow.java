package crisis.core.registry.db;

import com.fasterxml.jackson.core.type.TypeReference;
import crisis.core.common.Json;
import crisis.core.privacy.FieldCipher;
import crisis.core.privacy.FieldCipher.Field;
import crisis.core.registry.Consent;
import crisis.core.registry.EmergencyContact;
import crisis.core.registry.HouseholdMember;
import crisis.core.registry.Language;
import crisis.core.registry.Location;
import crisis.core.registry.LocationSource;
import crisis.core.registry.Registration;
import crisis.core.registry.RegistrationData;
import crisis.core.registry.RegistrationStatus;
import crisis.core.registry.ResidenceType;
import crisis.core.registry.Sex;
import crisis.core.registry.StayPurpose;
import crisis.core.registry.Vulnerability;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * A registration as its table row holds it: flat columns, codes as text, nested parts as JSON, identity numbers
 * sealed with a blind index beside each ({@link FieldCipher}).
 */
public record RegistrationRow(
    UUID id, String externalId, String consulateId, String status, UUID mergedInto,
    String givenNameLatin, String familyNameLatin, String givenNameArabic, String familyNameArabic,
    LocalDate dateOfBirth, String sex, byte[] nationalIdSealed, byte[] nationalIdIndex, byte[] passportSealed,
    byte[] passportIndex, String phone, String email,
    String preferredLanguage, String address, Double latitude, Double longitude, String locationSource,
    String countryOfResidence, String residenceType, String stayPurpose, LocalDate arrivalDate,
    LocalDate departureDate, String[] vulnerabilities, String household, String emergencyContact, String consent,
    String contentHash, Long h3Cell, int version, Instant createdAt, String createdBy, String createdVia, Instant updatedAt,
    String updatedBy, String confirmation) {

  private static final TypeReference<List<HouseholdMember>> HOUSEHOLD = new TypeReference<>() {};

  public static RegistrationRow of(Registration r, String contentHash, String via, FieldCipher cipher) {
    RegistrationData d = r.data();
    Location l = d.location();
    return new RegistrationRow(r.id(), d.externalId(), d.consulateId(), r.status().name(), r.mergedInto(),
        d.givenNameLatin(), d.familyNameLatin(), d.givenNameArabic(), d.familyNameArabic(), d.dateOfBirth(),
        d.sex().name(), cipher.seal(Field.NATIONAL_ID, r.id(), d.nationalId()),
        cipher.index(Field.NATIONAL_ID, d.nationalId()), cipher.seal(Field.PASSPORT_NUMBER, r.id(), d.passportNumber()),
        cipher.index(Field.PASSPORT_NUMBER, d.passportNumber()), d.phone(), d.email(), d.preferredLanguage().code(),
        d.address(), l == null ? null : l.latitude(), l == null ? null : l.longitude(),
        l == null ? null : l.source().name(), d.countryOfResidence(), d.residenceType().name(),
        d.stayPurpose() == null ? null : d.stayPurpose().name(), d.arrivalDate(), d.departureDate(),
        d.vulnerabilities().stream().map(Enum::name).toArray(String[]::new), Json.write(d.household()),
        d.emergencyContact() == null ? null : Json.write(d.emergencyContact()), Json.write(d.consent()),
        contentHash, l == null ? null : l.h3Cell(), r.version(), r.createdAt(), r.createdBy(), via, r.updatedAt(), r.updatedBy(),
        r.confirmation().name());
  }

  /** Maps a full {@code registration} row to the domain record. */
  public static class Mapper implements RowMapper<Registration> {
    @Override
    public Registration map(ResultSet rs, StatementContext ctx) throws SQLException {
      Location location = null;
      double lat = rs.getDouble("latitude");
      if (!rs.wasNull()) {
        location = new Location(lat, rs.getDouble("longitude"), LocationSource.valueOf(rs.getString("location_source")));
      }
      String[] v = (String[]) rs.getArray("vulnerabilities").getArray();
      Set<Vulnerability> vulnerabilities = EnumSet.noneOf(Vulnerability.class);
      for (String s : v) {
        vulnerabilities.add(Vulnerability.valueOf(s));
      }
      String stay = rs.getString("stay_purpose");
      UUID id = rs.getObject("id", UUID.class);
      FieldCipher cipher = FieldCipher.of(ctx.getConfig());
      String contact = rs.getString("emergency_contact");
      RegistrationData data = new RegistrationData(
          rs.getString("external_id"), rs.getString("given_name_latin"), rs.getString("family_name_latin"),
          rs.getString("given_name_arabic"), rs.getString("family_name_arabic"), date(rs, "date_of_birth"),
          Sex.valueOf(rs.getString("sex")), cipher.open(Field.NATIONAL_ID, id, rs.getBytes("national_id_sealed")),
          cipher.open(Field.PASSPORT_NUMBER, id, rs.getBytes("passport_sealed")),
          rs.getString("phone"), rs.getString("email"), Language.fromCode(rs.getString("preferred_language")),
          rs.getString("address"), location, rs.getString("country_of_residence"), rs.getString("consulate_id"),
          ResidenceType.valueOf(rs.getString("residence_type")), stay == null ? null : StayPurpose.valueOf(stay),
          date(rs, "arrival_date"), date(rs, "departure_date"), Json.read(rs.getString("household"), HOUSEHOLD),
          vulnerabilities, contact == null ? null : Json.read(contact, EmergencyContact.class),
          Json.read(rs.getString("consent"), Consent.class));
      return new Registration(id, data,
          RegistrationStatus.valueOf(rs.getString("status")), rs.getObject("merged_into", UUID.class),
          rs.getInt("version"), rs.getTimestamp("created_at").toInstant(), rs.getString("created_by"),
          rs.getTimestamp("updated_at").toInstant(), rs.getString("updated_by"),
          crisis.core.registry.Confirmation.valueOf(rs.getString("confirmation")));
    }

    private static LocalDate date(ResultSet rs, String column) throws SQLException {
      return rs.getObject(column, LocalDate.class);
    }
  }
}
