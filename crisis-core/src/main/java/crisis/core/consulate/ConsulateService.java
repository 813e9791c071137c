package crisis.core.consulate;

import crisis.core.access.Actor;
import crisis.core.access.Role;
import crisis.core.common.ConflictException;
import crisis.core.common.FieldError;
import crisis.core.common.NotFoundException;
import crisis.core.common.PhoneNumbers;
import crisis.core.common.ValidationException;
import crisis.core.country.CountryCodes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;

/** Consulates and their jurisdictions; administrators create and change them. */
public final class ConsulateService {
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{1,63}");
  private final Jdbi jdbi;

  public ConsulateService(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  public List<Consulate> list() {
    return jdbi.withExtension(ConsulateDao.class, ConsulateDao::list);
  }

  public Consulate get(String id) {
    return jdbi.withExtension(ConsulateDao.class, d -> d.find(id))
        .orElseThrow(() -> new NotFoundException("consulate " + id));
  }

  public Consulate create(Actor actor, Consulate input) {
    requireAdmin(actor);
    Consulate c = validate(input);
    return jdbi.inTransaction(h -> {
      ConsulateDao dao = h.attach(ConsulateDao.class);
      if (dao.find(c.id()).isPresent()) {
        throw new ConflictException("id", "a consulate '" + c.id() + "' exists already");
      }
      dao.insert(c);
      return dao.find(c.id()).orElseThrow();
    });
  }

  public Consulate update(Actor actor, String id, Consulate input) {
    requireAdmin(actor);
    Consulate c = validate(new Consulate(id, input.name(), input.city(), input.country(), input.phone(),
        input.email(), input.jurisdiction()));
    return jdbi.inTransaction(h -> {
      ConsulateDao dao = h.attach(ConsulateDao.class);
      if (dao.update(c) == 0) {
        throw new NotFoundException("consulate " + id);
      }
      return dao.find(id).orElseThrow();
    });
  }

  private static void requireAdmin(Actor actor) {
    actor.require("manages consulates", Role.ADMIN);
  }

  static Consulate validate(Consulate c) {
    List<FieldError> errors = new ArrayList<>();
    if (c == null) {
      throw new ValidationException("body", "is required");
    }
    String id = c.id() == null ? null : c.id().strip().toLowerCase(Locale.ROOT);
    if (id == null || !ID.matcher(id).matches()) {
      errors.add(new FieldError("id", "must be 2 to 64 lower-case letters, digits and dashes, e.g. fr-paris"));
    }
    String name = required("name", c.name(), 200, errors);
    String city = required("city", c.city(), 100, errors);
    String country = CountryCodes.normalise(c.country());
    if (country == null) {
      errors.add(new FieldError("country", "must be an ISO 3166-1 alpha-2 country code"));
    }
    String phone = null;
    if (c.phone() != null && !c.phone().isBlank()) {
      PhoneNumbers.Result p = PhoneNumbers.any(c.phone());
      if (p.ok()) {
        phone = p.e164();
      } else {
        errors.add(new FieldError("phone", p.error()));
      }
    }
    String email = c.email() == null || c.email().isBlank() ? null : c.email().strip();
    if (email != null && (email.length() > 254 || !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+"))) {
      errors.add(new FieldError("email", "is not an e-mail address"));
    }
    TreeSet<String> jurisdiction = new TreeSet<>();
    if (c.jurisdiction() == null || c.jurisdiction().isEmpty()) {
      errors.add(new FieldError("jurisdiction", "must list at least one country"));
    } else {
      for (int i = 0; i < c.jurisdiction().size(); i++) {
        String j = CountryCodes.normalise(c.jurisdiction().get(i));
        if (j == null) {
          errors.add(new FieldError("jurisdiction[" + i + "]", "is not an ISO 3166-1 alpha-2 country code"));
        } else {
          jurisdiction.add(j);
        }
      }
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    return new Consulate(id, name, city, country, phone, email, List.copyOf(jurisdiction));
  }

  private static String required(String field, String v, int max, List<FieldError> errors) {
    if (v == null || v.isBlank()) {
      errors.add(new FieldError(field, "is required"));
      return null;
    }
    String s = v.strip();
    if (s.length() > max || s.chars().anyMatch(Character::isISOControl)) {
      errors.add(new FieldError(field, "must be at most " + max + " printable characters"));
      return null;
    }
    return s;
  }
}
