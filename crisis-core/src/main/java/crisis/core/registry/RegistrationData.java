package crisis.core.registry;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

/**
 * Everything a consulate may write about a national: the body of a create or an update, and one row of an
 * import. Check it with {@link RegistrationValidator} before use; nothing here is trusted.
 */
public record RegistrationData(
    String externalId,
    String givenNameLatin,
    String familyNameLatin,
    String givenNameArabic,
    String familyNameArabic,
    LocalDate dateOfBirth,
    Sex sex,
    String nationalId,
    String passportNumber,
    String phone,
    String email,
    Language preferredLanguage,
    String address,
    Location location,
    String countryOfResidence,
    String consulateId,
    ResidenceType residenceType,
    StayPurpose stayPurpose,
    LocalDate arrivalDate,
    LocalDate departureDate,
    List<HouseholdMember> household,
    Set<Vulnerability> vulnerabilities,
    EmergencyContact emergencyContact,
    Consent consent) {

  public RegistrationData withConsulateId(String id) {
    return new RegistrationData(externalId, givenNameLatin, familyNameLatin, givenNameArabic, familyNameArabic,
        dateOfBirth, sex, nationalId, passportNumber, phone, email, preferredLanguage, address, location,
        countryOfResidence, id, residenceType, stayPurpose, arrivalDate, departureDate, household,
        vulnerabilities, emergencyContact, consent);
  }

  /** The same content at another point. */
  public RegistrationData withLocation(Location point) {
    return new RegistrationData(externalId, givenNameLatin, familyNameLatin, givenNameArabic, familyNameArabic,
        dateOfBirth, sex, nationalId, passportNumber, phone, email, preferredLanguage, address, point,
        countryOfResidence, consulateId, residenceType, stayPurpose, arrivalDate, departureDate, household,
        vulnerabilities, emergencyContact, consent);
  }

  /** The same stay ending on another day. */
  public RegistrationData withDepartureDate(LocalDate day) {
    return new RegistrationData(externalId, givenNameLatin, familyNameLatin, givenNameArabic, familyNameArabic,
        dateOfBirth, sex, nationalId, passportNumber, phone, email, preferredLanguage, address, location,
        countryOfResidence, consulateId, residenceType, stayPurpose, arrivalDate, day, household,
        vulnerabilities, emergencyContact, consent);
  }
}
