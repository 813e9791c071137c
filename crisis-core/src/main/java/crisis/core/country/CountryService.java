package crisis.core.country;

import crisis.core.access.Actor;
import crisis.core.access.Role;
import crisis.core.common.NotFoundException;
import crisis.core.common.ValidationException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** Countries and their risk levels; only the crisis cell changes a level, and every change is kept. */
public final class CountryService {
  private final Jdbi jdbi;
  private final Clock clock;

  public CountryService(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.clock = clock;
  }

  public List<Country> list() {
    return jdbi.withExtension(CountryDao.class, CountryDao::list);
  }

  public Country get(String iso2) {
    String code = code(iso2);
    return jdbi.withExtension(CountryDao.class, d -> d.find(code))
        .orElseThrow(() -> new NotFoundException("country " + code));
  }

  public List<RiskChange> history(String iso2) {
    String code = get(iso2).iso2();
    return jdbi.withExtension(CountryDao.class, d -> d.history(code));
  }

  /**
   * Sets a country's risk level.
   *
   * @param level 1 (normal vigilance) to 4 (leave the country)
   */
  public Country setRisk(Actor actor, String iso2, Integer level, String reason) {
    actor.require("sets risk levels", Role.CRISIS_CELL);
    String code = code(iso2);
    if (level == null || level < 1 || level > 4) {
      throw new ValidationException("level", "must be 1, 2, 3 or 4");
    }
    if (reason == null || reason.isBlank() || reason.length() > 1000) {
      throw new ValidationException("reason", "is required, at most 1000 characters");
    }
    Instant now = Instant.now(clock);
    return jdbi.inTransaction(h -> {
      CountryDao dao = h.attach(CountryDao.class);
      Country current = dao.lock(code).orElseThrow(() -> new NotFoundException("country " + code));
      dao.setRisk(code, level, reason.strip(), now, actor.username());
      dao.recordChange(code, current.riskLevel(), level, reason.strip(), actor.username(), now);
      return dao.find(code).orElseThrow();
    });
  }

  private static String code(String raw) {
    String code = CountryCodes.normalise(raw);
    if (code == null) {
      throw new NotFoundException("country " + (raw == null ? "" : raw.replaceAll("[^A-Za-z]", "")));
    }
    return code;
  }
}
