package crisis.core.registry;

import static crisis.core.testing.Samples.parisian;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import crisis.core.common.FieldError;
import crisis.core.common.ValidationException;
import crisis.core.testing.Samples;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class RegistrationValidatorTest {
  private final RegistrationValidator validator =
      new RegistrationValidator(Clock.fixed(Instant.parse("2026-11-29T10:00:00Z"), ZoneOffset.UTC));

  @Test
  void acceptsAndNormalisesAValidRegistration() {
    RegistrationData in = with(d -> new RegistrationData(" PAR-1 ", " Fatima ", "El  Amrani", d.givenNameArabic(),
        d.familyNameArabic(), d.dateOfBirth(), d.sex(), "ab 123-456", "p1234567", "0033 6 12 34 56 78",
        "Fatima@Example.org", d.preferredLanguage(), d.address(), d.location(), "fr", "FR-PARIS", d.residenceType(),
        null, null, null, d.household(), d.vulnerabilities(), d.emergencyContact(), d.consent()));
    RegistrationData out = validator.validate(in);
    assertThat(out.externalId()).isEqualTo("PAR-1");
    assertThat(out.givenNameLatin()).isEqualTo("Fatima");
    assertThat(out.familyNameLatin()).isEqualTo("El Amrani");
    assertThat(out.nationalId()).isEqualTo("AB123456");
    assertThat(out.passportNumber()).isEqualTo("P1234567");
    assertThat(out.phone()).isEqualTo("+33612345678");
    assertThat(out.email()).isEqualTo("fatima@example.org");
    assertThat(out.countryOfResidence()).isEqualTo("FR");
    assertThat(out.consulateId()).isEqualTo("fr-paris");
  }

  @Test
  void refusesALandlineForSmsButAcceptsOneForTheEmergencyContact() {
    assertThat(errors(d -> Samples.withPhone(d, "+33142345678")))
        .extracting(FieldError::field, FieldError::reason)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("phone",
            "must be a mobile number able to receive SMS (this one is fixed line)"));
    assertThat(errors(d -> d)).isEmpty(); // the sample's emergency contact is a Moroccan landline
  }

  @Test
  void refusesPhonesWithoutCountryCodeOrInvalid() {
    assertThat(errors(d -> Samples.withPhone(d, "0612345678"))).extracting(FieldError::field).containsExactly("phone");
    assertThat(errors(d -> Samples.withPhone(d, "+33 1"))).extracting(FieldError::field).containsExactly("phone");
    assertThat(errors(d -> Samples.withPhone(d, "not a phone"))).extracting(FieldError::field).containsExactly("phone");
  }

  @Test
  void acceptsAPhoneOfAnotherCountryThanTheResidence() {
    assertThat(errors(d -> Samples.withPhone(d, "+212612345678"))).isEmpty();
  }

  @Test
  void refusesCoordinatesOutOfRangeAndHalfLocations() {
    assertThat(errors(d -> withLocation(d, new Location(91.0, 2.0, LocationSource.GPS))))
        .extracting(FieldError::field).containsExactly("location.latitude");
    assertThat(errors(d -> withLocation(d, new Location(45.0, -180.5, LocationSource.GPS))))
        .extracting(FieldError::field).containsExactly("location.longitude");
    assertThat(errors(d -> withLocation(d, new Location(45.0, null, null))))
        .extracting(FieldError::field).containsExactly("location.longitude", "location.source");
    assertThat(errors(d -> withLocation(d, new Location(Double.NaN, 1.0, LocationSource.GPS))))
        .extracting(FieldError::field).containsExactly("location.latitude");
    assertThat(errors(d -> withLocation(d, null))).isEmpty();
  }

  @Test
  void refusesUnknownCountryCodes() {
    assertThat(errors(d -> withCountry(d, "XX"))).extracting(FieldError::reason)
        .containsExactly("'XX' is not an ISO 3166-1 alpha-2 country code");
    assertThat(errors(d -> withCountry(d, "FRA"))).extracting(FieldError::field).containsExactly("countryOfResidence");
  }

  @Test
  void requiresANationalIdOrAPassport() {
    RegistrationData none = with(d -> new RegistrationData(d.externalId(), d.givenNameLatin(), d.familyNameLatin(),
        d.givenNameArabic(), d.familyNameArabic(), d.dateOfBirth(), d.sex(), null, " ", d.phone(), d.email(),
        d.preferredLanguage(), d.address(), d.location(), d.countryOfResidence(), d.consulateId(), d.residenceType(),
        null, null, null, d.household(), d.vulnerabilities(), d.emergencyContact(), d.consent()));
    assertThat(check(none)).extracting(FieldError::field).containsExactly("nationalId");
  }

  @Test
  void checksNamesAreInTheirScript() {
    assertThat(check(withNames(parisian(1), "فاطمة", "El Amrani", "فاطمة", "العمراني")))
        .extracting(FieldError::field).containsExactly("givenNameLatin");
    assertThat(check(withNames(parisian(1), "Fatima", "El Amrani", "Fatima", "العمراني")))
        .extracting(FieldError::field).containsExactly("givenNameArabic");
    assertThat(check(withNames(parisian(1), "Zoé-Anaïs", "O'Connor", "عبد الله", "آيت وحمان"))).isEmpty();
    assertThat(check(withNames(parisian(1), "Robert'); DROP TABLE registration;--", "X", null, null)))
        .extracting(FieldError::field).containsExactly("givenNameLatin");
  }

  @Test
  void collapsesRunsOfSpacesInNames() {
    RegistrationData d = validator.validate(withNames(parisian(1), "Anne \u00A0 Marie", "El   Amrani", "عبد  الله", null));
    assertThat(d.givenNameLatin()).isEqualTo("Anne Marie");
    assertThat(d.familyNameLatin()).isEqualTo("El Amrani");
    assertThat(d.givenNameArabic()).isEqualTo("عبد الله");
    assertThat(validator.validate(parisian(1)).familyNameLatin()).isEqualTo("El Amrani");
  }

  @Test
  void refusesControlCharactersAndBrokenUnicode() {
    assertThat(check(withNames(parisian(1), "Fat\u0000ima", "El Amrani", null, null)))
        .extracting(FieldError::reason).containsExactly("contains a control character (U+0000) at position 4");
    assertThat(check(withNames(parisian(1), "Fatima\uD800", "El Amrani", null, null)))
        .extracting(FieldError::field).containsExactly("givenNameLatin");
    assertThat(check(withNames(parisian(1), "F".repeat(101), "El Amrani", null, null)))
        .extracting(FieldError::reason).containsExactly("is longer than 100 characters");
  }

  @Test
  void temporaryStaysNeedOrderedDates() {
    RegistrationData d = parisian(1);
    RegistrationData stay = new RegistrationData(d.externalId(), d.givenNameLatin(), d.familyNameLatin(),
        d.givenNameArabic(), d.familyNameArabic(), d.dateOfBirth(), d.sex(), d.nationalId(), null, d.phone(), null,
        d.preferredLanguage(), null, null, "FR", "fr-paris", ResidenceType.TEMPORARY, StayPurpose.PILGRIMAGE,
        LocalDate.of(2026, 6, 10), LocalDate.of(2026, 6, 1), null, null, null, d.consent());
    assertThat(check(stay)).extracting(FieldError::field).containsExactly("departureDate");
  }

  @Test
  void checksDatesOfBirthAndConsent() {
    RegistrationData d = parisian(1);
    RegistrationData future = new RegistrationData(null, "A", "B", null, null, LocalDate.of(2027, 1, 1), Sex.F,
        "AB1234", null, d.phone(), null, Language.FR, null, null, "FR", "fr-paris", ResidenceType.RESIDENT, null,
        null, null, null, null, null, null);
    assertThat(check(future)).extracting(FieldError::field).containsExactly("dateOfBirth", "consent");
  }

  @Test
  void reportsEveryProblemAtOnceWithTheHouseholdPath() {
    RegistrationData d = parisian(1);
    RegistrationData bad = new RegistrationData(null, "", null, null, null, null, null, "AB1234", null, "",
        "not-an-email", null, null, null, "FR", "fr-paris", null, null, null, null,
        List.of(new HouseholdMember(" ", Relation.CHILD, null, "ZZ")), null, null, d.consent());
    assertThat(check(bad)).extracting(FieldError::field).containsExactly("givenNameLatin", "familyNameLatin",
        "dateOfBirth", "sex", "phone", "email", "preferredLanguage", "residenceType", "household[0].fullName",
        "household[0].nationality");
    assertThatThrownBy(() -> validator.validate(bad)).isInstanceOf(ValidationException.class)
        .hasMessageContaining("household[0].nationality");
  }

  private List<FieldError> errors(UnaryOperator<RegistrationData> change) {
    return check(with(change));
  }

  private List<FieldError> check(RegistrationData d) {
    List<FieldError> errors = new ArrayList<>();
    validator.check(d, errors);
    return errors;
  }

  private static RegistrationData with(UnaryOperator<RegistrationData> change) {
    return change.apply(parisian(1));
  }

  static RegistrationData withLocation(RegistrationData d, Location l) {
    return new RegistrationData(d.externalId(), d.givenNameLatin(), d.familyNameLatin(), d.givenNameArabic(),
        d.familyNameArabic(), d.dateOfBirth(), d.sex(), d.nationalId(), d.passportNumber(), d.phone(), d.email(),
        d.preferredLanguage(), d.address(), l, d.countryOfResidence(), d.consulateId(), d.residenceType(),
        d.stayPurpose(), d.arrivalDate(), d.departureDate(), d.household(), d.vulnerabilities(),
        d.emergencyContact(), d.consent());
  }

  static RegistrationData withCountry(RegistrationData d, String country) {
    return new RegistrationData(d.externalId(), d.givenNameLatin(), d.familyNameLatin(), d.givenNameArabic(),
        d.familyNameArabic(), d.dateOfBirth(), d.sex(), d.nationalId(), d.passportNumber(), d.phone(), d.email(),
        d.preferredLanguage(), d.address(), d.location(), country, d.consulateId(), d.residenceType(),
        d.stayPurpose(), d.arrivalDate(), d.departureDate(), d.household(), d.vulnerabilities(),
        d.emergencyContact(), d.consent());
  }

  static RegistrationData withNames(RegistrationData d, String given, String family, String givenAr,
      String familyAr) {
    return new RegistrationData(d.externalId(), given, family, givenAr, familyAr, d.dateOfBirth(), d.sex(),
        d.nationalId(), d.passportNumber(), d.phone(), d.email(), d.preferredLanguage(), d.address(), d.location(),
        d.countryOfResidence(), d.consulateId(), d.residenceType(), d.stayPurpose(), d.arrivalDate(),
        d.departureDate(), d.household(), d.vulnerabilities(), d.emergencyContact(), d.consent());
  }
}
