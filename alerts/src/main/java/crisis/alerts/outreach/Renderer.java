package crisis.alerts.outreach;

import crisis.core.crisis.Crisis;
import crisis.core.crisis.CrisisMessage;
import crisis.core.crisis.CrisisStatus;
import crisis.core.crisis.db.CrisisDao;
import crisis.core.outreach.Phrases;
import crisis.core.outreach.db.Claimed;
import crisis.core.outreach.db.SmsDao;
import crisis.core.registry.db.RegistrationDao;
import crisis.core.registry.db.RegistrationDao.GivenNames;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Handle;

/**
 * Writes the text of SMS and calls when they are first attempted: the crisis message in the person's language (else
 * the first of the crisis's fallback order written), the names of everyone sharing the phone when there are several,
 * a reminder's or a call's own sentences around it. A claimed batch is rendered with one query for all the
 * households in it (and one for their names). Crises are cached a few seconds (their messages never change once written; their status may).
 */
final class Renderer {
  private static final Duration FRESH = Duration.ofSeconds(5);

  /** A text ready to send, and the language it is written in (a call's voice). */
  record Text(String body, String language) {}

  private record Cached(Crisis crisis, Instant at) {}

  private final Map<UUID, Cached> crises = new ConcurrentHashMap<>();
  private final Clock clock;

  Renderer(Clock clock) {
    this.clock = clock;
  }

  /**
   * The text of each claimed row, by row id; a row is missing when its crisis is over (or gone) and nothing more
   * should be sent for it. Rows whose text was written at an earlier attempt keep it.
   */
  Map<UUID, Text> render(Handle h, List<Claimed> rows) {
    Map<String, List<GivenNames>> households = households(h, rows.stream()
        .filter(c -> c.body() == null && c.messageId() != null)
        .map(c -> Outreach.alertKey(c.messageId(), c.phone())).distinct().toList());
    Map<UUID, Text> texts = new HashMap<>();
    for (Claimed c : rows) {
      Crisis crisis = c.crisisId() == null ? null : crisis(h, c.crisisId(), c.messageId());
      CrisisMessage message = crisis == null || c.messageId() == null ? null : crisis.messages().stream()
          .filter(m -> m.id().equals(c.messageId())).findFirst().orElse(null);
      CrisisMessage.Rendering r = message == null ? null : message.textFor(c.language(), crisis.fallback());
      if (c.body() != null) {
        texts.put(c.id(), new Text(c.body(), r == null ? Phrases.languageOf(c.language()) : r.language()));
        continue;
      }
      if (crisis == null || crisis.status() != CrisisStatus.ACTIVE) {
        continue;
      }
      if (r == null) {
        throw new IllegalStateException("crisis message " + c.messageId() + " not found");
      }
      String language = r.language();
      List<String> names = households.getOrDefault(Outreach.alertKey(c.messageId(), c.phone()), List.of()).stream()
          .map(n -> "ar".equals(language) && n.givenNameArabic() != null ? n.givenNameArabic() : n.givenNameLatin())
          .toList();
      String text = names.size() > 1 ? r.text() + "\n" + Phrases.household(language, names) : r.text();
      texts.put(c.id(), new Text(switch (c.kind()) {
        case REMINDER -> Phrases.get(Phrases.Key.REMINDER, language) + "\n" + text;
        case CALL -> Phrases.get(Phrases.Key.CALL_INTRO, language) + " " + r.text() + " "
            + Phrases.get(Phrases.Key.CALL_OUTRO, language);
        default -> text;
      }, language));
    }
    return texts;
  }

  /** The crisis, fresh enough, and holding {@code messageId} when one is given (a newer message reloads it). */
  private Crisis crisis(Handle h, UUID id, UUID messageId) {
    Instant now = clock.instant();
    Cached cached = crises.get(id);
    if (cached != null && cached.at().plus(FRESH).isAfter(now) && (messageId == null
        || cached.crisis().messages().stream().anyMatch(m -> m.id().equals(messageId)))) {
      return cached.crisis();
    }
    Crisis c = h.attach(CrisisDao.class).find(id).orElse(null);
    if (c != null) {
      crises.put(id, new Cached(c, now));
    }
    return c;
  }

  /**
   * Given names of the people each alert SMS (by key) is for, oldest first (by date of birth, then id): who from
   * the SMS's recipients, their names from the registry, in the registry's order.
   */
  static Map<String, List<GivenNames>> households(Handle h, List<String> keys) {
    Map<String, List<GivenNames>> out = new HashMap<>();
    if (keys.isEmpty()) {
      return out;
    }
    Map<UUID, List<String>> keysOf = new LinkedHashMap<>();
    h.attach(SmsDao.class).recipientsByKey(keys.toArray(String[]::new))
        .forEach(r -> keysOf.computeIfAbsent(r.registrationId(), id -> new ArrayList<>()).add(r.key()));
    if (!keysOf.isEmpty()) {
      for (GivenNames n : h.attach(RegistrationDao.class).givenNames(keysOf.keySet().toArray(UUID[]::new))) {
        keysOf.get(n.id()).forEach(key -> out.computeIfAbsent(key, k -> new ArrayList<>()).add(n));
      }
    }
    return out;
  }
}
