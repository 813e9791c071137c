package crisis.core.citizen;

import crisis.core.common.FieldError;
import crisis.core.common.ValidationException;
import crisis.core.consulate.ConsulateDao;
import crisis.core.country.CountryCodes;
import crisis.core.geo.Gazetteer;
import crisis.core.registry.Location;
import crisis.core.registry.LocationSource;
import crisis.core.registry.PendingRegistrations;
import crisis.core.registry.RegistrationData;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * A citizen's declaration of themselves (issue 34), given with the code that proved their phone: checked whole
 * first (every field's problem named, nothing spent), then the code (a wrong one counts), then, in one transaction,
 * the proof spent and the registration written pending for the consulate of the country's jurisdiction. A person the
 * registry already holds gets the same answer and writes nothing new: nobody learns through it who is registered.
 */
public final class Declarations {
  /** The most people a citizen declares with them (an officer may register more). */
  public static final int HOUSEHOLD_MAX = 12;

  private final Jdbi jdbi;
  private final PhoneProofs proofs;
  private final PendingRegistrations pending;
  private final Clock clock;

  private final java.util.function.Supplier<Gazetteer> gazetteer;

  public Declarations(Jdbi jdbi, PhoneProofs proofs, PendingRegistrations pending, Clock clock) {
    this(jdbi, proofs, pending, clock, Gazetteer::shared);
  }

  /** @param gazetteer the towns, asked for when a declaration gives an address but no point (loaded once) */
  public Declarations(Jdbi jdbi, PhoneProofs proofs, PendingRegistrations pending, Clock clock,
      java.util.function.Supplier<Gazetteer> gazetteer) {
    this.jdbi = jdbi;
    this.proofs = proofs;
    this.pending = pending;
    this.clock = clock;
    this.gazetteer = gazetteer;
  }

  /**
   * Takes a declaration.
   *
   * @throws ValidationException naming each field that breaks a rule ({@code code} for the proof), nothing written
   */
  public void declare(UUID proof, String phone, String code, Declaration declaration) {
    String e164 = PhoneProofs.phone(phone);
    RegistrationData checked = check(declaration, e164);
    PhoneProofs.Proven proven = proofs.check(proof, phone, code);
    jdbi.useTransaction(h -> {
      proofs.spend(h, proven);
      pending.declare(h, checked);
    });
  }

  /**
   * Takes a declaration from a phone's holder through the access a link opened (another trip, or another person of
   * the phone): the same checks and the same pending registration as with a code, the access proving the phone.
   *
   * @throws ValidationException naming each field that breaks a rule, nothing written
   */
  public void declare(PhoneProofs.Access access, Declaration declaration) {
    RegistrationData checked = check(declaration, access.phone());
    jdbi.useTransaction(h -> {
      proofs.lockPhone(h, access.phone());
      pending.declare(h, checked);
    });
  }

  /**
   * A declaration as the registration it makes for {@code e164}, checked whole by the registry's rules and the
   * citizen's own (a point they chose, a household of {@value #HOUSEHOLD_MAX} at most); nothing written.
   *
   * @throws ValidationException naming each field that breaks a rule, as the declaration names them
   */
  RegistrationData check(Declaration declaration, String e164) {
    if (declaration == null) {
      throw new ValidationException("declaration", "is required");
    }
    String country = CountryCodes.normalise(declaration.countryOfResidence());
    String consulate = country == null ? null
        : jdbi.withExtension(ConsulateDao.class, dao -> dao.firstFor(country)).orElse(null);
    List<FieldError> errors = new ArrayList<>();
    RegistrationData checked = null;
    RegistrationData declared = declaration.toRegistration(consulate, e164, clock.instant());
    if (declared.location() == null && country != null && declared.address() != null) {
      // No point chosen: the town the address names, if the gazetteer knows it in that country (a crisis's zone
      // reaches people by their point).
      Gazetteer.Match town = gazetteer.get().locate(country, declared.address());
      if (town.found()) {
        declared = declared.withLocation(new Location(town.place().latitude(), town.place().longitude(),
            LocationSource.GEOCODED));
      }
    }
    try {
      checked = pending.check(declared);
    } catch (ValidationException e) {
      errors.addAll(e.errors());
    }
    if (country != null && consulate == null) {
      // The consulate is not the citizen's to give: its absence is said of the country.
      errors.removeIf(e -> e.field().equals("consulateId"));
      if (errors.stream().noneMatch(e -> e.field().equals("countryOfResidence"))) {
        errors.add(new FieldError("countryOfResidence", "no consulate covers " + country + " yet"));
      }
    }
    if (declaration.locationSource() == LocationSource.CONSULAR_ESTIMATE) {
      errors.add(new FieldError("locationSource", "must be GPS or GEOCODED (a point the citizen chose)"));
    }
    if (declaration.household() != null && declaration.household().size() > HOUSEHOLD_MAX) {
      errors.add(new FieldError("household", "must be at most " + HOUSEHOLD_MAX + " people: the consulate "
          + "registers a larger household with you"));
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(errors.stream().map(Declarations::asDeclared).toList());
    }
    return checked;
  }

  /** The registry's field names, as the declaration says them (its consulate and consent are not the citizen's). */
  private static FieldError asDeclared(FieldError e) {
    return switch (e.field()) {
      case "consent.purposes" -> new FieldError("consents", e.reason());
      case "location.latitude" -> new FieldError("latitude", e.reason());
      case "location.longitude" -> new FieldError("longitude", e.reason());
      case "location.source" -> new FieldError("locationSource", e.reason());
      default -> e;
    };
  }
}
