package crisis.core.repatriation;

import crisis.core.access.Actor;
import crisis.core.common.FieldError;
import crisis.core.common.Ids;
import crisis.core.common.NotFoundException;
import crisis.core.common.PersonNames;
import crisis.core.common.SafeText;
import crisis.core.country.CountryCodes;
import crisis.core.registry.Registration;
import crisis.core.registry.RegistrationStatus;
import crisis.core.registry.Sex;
import crisis.core.registry.db.RegistrationDao;
import crisis.core.repatriation.Traveller.DocumentType;
import crisis.core.repatriation.Traveller.LaissezPasser;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * The checks of a traveller as an officer gives them, when a request is opened ({@link RequestOpening}) or a traveller
 * added ({@link RequestChanges}): a registration the officer may see, or a person's details; every refusal names its
 * field.
 */
public final class TravellerInputs {
  private TravellerInputs() {}

  /** A person travelling with the household who is not (or not only) the registration that asked. */
  public record TravellerInput(UUID registrationId, String fullName, Sex sex, LocalDate dateOfBirth,
      String nationality, DocumentType documentType, String documentNumber, Set<SpecialNeed> needs) {}

  /** An active registration the actor may see (its country of residence and its consulate), else 404. */
  static Registration visibleRegistration(Handle h, Actor actor, UUID id) {
    return h.attach(RegistrationDao.class).find(id)
        .filter(r -> r.status() == RegistrationStatus.ACTIVE && actor.sees(r.data().countryOfResidence())
            && actor.seesConsulate(r.data().consulateId()))
        .orElseThrow(() -> new NotFoundException("registration " + id));
  }

  /** The traveller given, or null with what is wrong added to {@code errors} (fields under {@code prefix}). */
  static Traveller traveller(Handle h, Actor actor, TravellerInput in, String prefix, List<FieldError> errors,
      Clock clock) {
    String p = prefix.isEmpty() ? "" : prefix + ".";
    if (in == null) {
      errors.add(new FieldError(prefix, "is required"));
      return null;
    }
    Set<SpecialNeed> needs = needs(in.needs(), p + "needs", errors);
    if (in.registrationId() != null) {
      try {
        Registration r = visibleRegistration(h, actor, in.registrationId());
        return Households.principal(r, needs);
      } catch (NotFoundException e) {
        errors.add(new FieldError(p + "registrationId", "no active registration you may see has this id"));
        return null;
      }
    }
    String name = in.fullName();
    if (name == null || name.isBlank() || name.length() > 200 || !SafeText.isPrintable(name)) {
      errors.add(new FieldError(p + "fullName", "is required, at most 200 printable characters"));
    } else if (PersonNames.problem(name) != null) {
      errors.add(new FieldError(p + "fullName", PersonNames.problem(name)));
    }
    if (in.dateOfBirth() != null && in.dateOfBirth().isAfter(LocalDate.now(clock))) {
      errors.add(new FieldError(p + "dateOfBirth", "is in the future"));
    }
    String nationality = CountryCodes.normalise(in.nationality());
    if (nationality == null) {
      errors.add(new FieldError(p + "nationality", "must be an ISO 3166-1 alpha-2 country code"));
    }
    DocumentType type = in.documentType() == null ? DocumentType.NONE : in.documentType();
    String number = in.documentNumber() == null || in.documentNumber().isBlank() ? null : in.documentNumber().strip();
    if (type != DocumentType.NONE && (number == null || number.length() > 40 || !SafeText.isPrintable(number))) {
      errors.add(new FieldError(p + "documentNumber", "is required with a document, at most 40 printable characters"));
    }
    if (type == DocumentType.NONE && number != null) {
      errors.add(new FieldError(p + "documentNumber", "is given without a documentType"));
    }
    if (!errors.isEmpty()) {
      return null;
    }
    return new Traveller(Ids.newId(), null, name.strip(), null, in.sex(), in.dateOfBirth(), nationality, type, number,
        needs, type == DocumentType.NONE ? LaissezPasser.REQUIRED : LaissezPasser.NOT_NEEDED);
  }

  /** A set of needs as sent (null: none); an unreadable element is refused naming the field. */
  static Set<SpecialNeed> needs(Set<SpecialNeed> in, String field, List<FieldError> errors) {
    if (in == null) {
      return Set.of();
    }
    if (in.stream().anyMatch(java.util.Objects::isNull)) {
      errors.add(new FieldError(field, "each need is one of " + java.util.Arrays.toString(SpecialNeed.values())));
      return Set.of();
    }
    return in;
  }
}
