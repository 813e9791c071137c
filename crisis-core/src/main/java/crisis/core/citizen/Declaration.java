package crisis.core.citizen;

import crisis.core.registry.Consent;
import crisis.core.registry.ConsentMethod;
import crisis.core.registry.ConsentPurpose;
import crisis.core.registry.EmergencyContact;
import crisis.core.registry.HouseholdMember;
import crisis.core.registry.Language;
import crisis.core.registry.Location;
import crisis.core.registry.LocationSource;
import crisis.core.registry.RegistrationData;
import crisis.core.registry.ResidenceType;
import crisis.core.registry.Sex;
import crisis.core.registry.StayPurpose;
import crisis.core.registry.Vulnerability;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * What a citizen declares of themselves (issue 34): a residence or a trip, their household, how to reach them and
 * what they consent to; the phone is the one they proved, the consulate the one whose jurisdiction has the country.
 * Checked by the registry's rules as an officer's record is ({@code PendingRegistrations.check}).
 *
 * @param latitude with {@code longitude}, a point the citizen chose (on the map: {@code GPS} when the device gave it,
 *     {@code GEOCODED} when it is a town chosen by name, as {@code locationSource} says)
 */
public record Declaration(
    String givenNameLatin,
    String familyNameLatin,
    String givenNameArabic,
    String familyNameArabic,
    LocalDate dateOfBirth,
    Sex sex,
    String nationalId,
    String passportNumber,
    String email,
    Language preferredLanguage,
    String address,
    Double latitude,
    Double longitude,
    LocationSource locationSource,
    String countryOfResidence,
    ResidenceType residenceType,
    StayPurpose stayPurpose,
    LocalDate arrivalDate,
    LocalDate departureDate,
    List<HouseholdMember> household,
    Set<Vulnerability> vulnerabilities,
    EmergencyContact emergencyContact,
    Set<ConsentPurpose> consents) {

  /** As a registration's content, for {@code consulateId}, reached on {@code phone}, consenting online at {@code now}. */
  RegistrationData toRegistration(String consulateId, String phone, Instant now) {
    Location location = latitude == null && longitude == null ? null
        : new Location(latitude, longitude, locationSource == null ? LocationSource.GPS : locationSource);
    return new RegistrationData(null, givenNameLatin, familyNameLatin, givenNameArabic, familyNameArabic,
        dateOfBirth, sex, nationalId, passportNumber, phone, email, preferredLanguage, address, location,
        countryOfResidence, consulateId, residenceType, stayPurpose, arrivalDate, departureDate,
        household == null ? List.of() : household, vulnerabilities == null ? Set.of() : vulnerabilities,
        emergencyContact, new Consent(consents == null ? Set.of() : consents, now, ConsentMethod.ONLINE_FORM));
  }
}
