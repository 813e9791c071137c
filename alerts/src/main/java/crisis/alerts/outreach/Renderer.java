package crisis.alerts.outreach;

import crisis.core.crisis.Crisis;
import crisis.core.crisis.CrisisMessage;
import crisis.core.crisis.CrisisStatus;
import crisis.core.crisis.CrisisStore;
import crisis.core.outreach.Phrases;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Handle;

/**
 * Writes the text of an SMS or call when it is first attempted: the crisis message in the person's language (else
 * the first of the crisis's fallback order written), the names of everyone sharing the phone when there are several,
 * a reminder's or a call's own sentences around it. Crises are cached a few seconds (their messages never change
 * once written; their status may).
 */
final class Renderer {
  private static final Duration FRESH = Duration.ofSeconds(5);

  private record Cached(Crisis crisis, Instant at) {}

  private final Map<UUID, Cached> crises = new ConcurrentHashMap<>();
  private final Clock clock;

  Renderer(Clock clock) {
    this.clock = clock;
  }

  /** The text, or empty when the crisis is over (or gone) and nothing more should be sent for it. */
  Optional<String> render(Handle h, Claimed c) {
    if (c.body() != null) {
      return Optional.of(c.body());
    }
    Crisis crisis = crisis(h, c.crisisId());
    if (crisis == null || crisis.status() != CrisisStatus.ACTIVE) {
      return Optional.empty();
    }
    CrisisMessage message = crisis.messages().stream().filter(m -> m.id().equals(c.messageId())).findFirst()
        .orElse(null);
    if (message == null) {
      crises.remove(c.crisisId()); // a message newer than the cached crisis
      crisis = crisis(h, c.crisisId());
      message = crisis.messages().stream().filter(m -> m.id().equals(c.messageId())).findFirst().orElseThrow(
          () -> new IllegalStateException("crisis message " + c.messageId() + " not found"));
    }
    CrisisMessage.Rendering r = message.textFor(c.language(), crisis.fallback());
    String language = r.language();
    List<String> names = household(h, c.messageId(), c.phone(), language);
    String text = names.size() > 1 ? r.text() + "\n" + Phrases.household(language, names) : r.text();
    return Optional.of(switch (c.kind()) {
      case "REMINDER" -> Phrases.get(Phrases.Key.REMINDER, language) + "\n" + text;
      case "CALL" -> Phrases.get(Phrases.Key.CALL_INTRO, language) + " " + r.text() + " "
          + Phrases.get(Phrases.Key.CALL_OUTRO, language);
      default -> text;
    });
  }

  /** The language the text of a claimed row is written in (for a call's voice). */
  String languageOf(Handle h, Claimed c) {
    Crisis crisis = c.crisisId() == null ? null : crisis(h, c.crisisId());
    if (crisis == null) {
      return Phrases.languageOf(c.language());
    }
    return crisis.messages().stream().filter(m -> m.id().equals(c.messageId())).findFirst()
        .map(m -> m.textFor(c.language(), crisis.fallback()).language()).orElse(c.language());
  }

  private Crisis crisis(Handle h, UUID id) {
    Instant now = clock.instant();
    Cached cached = crises.get(id);
    if (cached != null && cached.at().plus(FRESH).isAfter(now)) {
      return cached.crisis();
    }
    Crisis c = CrisisStore.find(h, id, false).orElse(null);
    if (c != null) {
      crises.put(id, new Cached(c, now));
    }
    return c;
  }

  /** Given names of the people the alert SMS of a message to this phone is for, Arabic script for Arabic texts. */
  private static List<String> household(Handle h, UUID messageId, String phone, String language) {
    return h.createQuery("""
            SELECT r.given_name_latin, r.given_name_arabic FROM sms_send s
            JOIN sms_recipient sr ON sr.send_id = s.id JOIN registration r ON r.id = sr.registration_id
            WHERE s.dedupe_key = :key ORDER BY r.date_of_birth, r.id""")
        .bind("key", Outreach.alertKey(messageId, phone))
        .map((rs, ctx) -> "ar".equals(language) && rs.getString(2) != null ? rs.getString(2) : rs.getString(1))
        .list();
  }
}
