package crisis.core.crisis;

import crisis.core.access.Actor;
import crisis.core.audit.AuditTrail;
import crisis.core.outreach.SenderPlan;
import crisis.core.registry.ZoneSearch;
import crisis.core.registry.db.RegistrationDao;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * What a crisis would cost before it is sent: who is inside its zones now, by language, what each message costs in
 * SMS segments, and how long the senders need at their rates. Crisis cell only; audited. Thread-safe.
 */
public final class CrisisPreview {
  private final Jdbi jdbi;
  private final CrisisService crises;
  private final ZoneSearch search;
  private final AuditTrail audit;
  private final SenderPlan senders;

  /** @param senders the SMS senders and their rates, for the expected times (null: no estimate) */
  public CrisisPreview(Jdbi jdbi, CrisisService crises, ZoneSearch search, AuditTrail audit, SenderPlan senders) {
    this.jdbi = jdbi;
    this.crises = crises;
    this.search = search;
    this.audit = audit;
    this.senders = senders;
  }

  public Preview preview(Actor actor, UUID id) {
    CrisisService.requireCell(actor);
    Crisis c = crises.get(actor, id);
    return preview(actor, c, c.messages(), "crisis " + id);
  }

  /**
   * What a follow-up message would cost if it were added now, nothing saved: the crisis's reach and the texts as they
   * would be sent (the crisis's fallback languages where a language has no text). The same checks as adding it.
   */
  public Preview previewMessage(Actor actor, UUID id, Map<String, String> texts) {
    CrisisService.requireCell(actor);
    Crisis c = crises.get(actor, id);
    Map<String, String> clean = CrisisService.nextMessageTexts(c, texts);
    CrisisMessage next = new CrisisMessage(null, c.messages().size() + 1, clean, null, actor.username());
    return preview(actor, c, List.of(next), "crisis " + id + ", message " + next.seq() + " before it is sent");
  }

  /**
   * What replacing the crisis's zones would do, nothing saved, refused as the change would be: how many registrations
   * the new zones hold, how many of them are newly inside and how many the current zones hold that the new ones leave
   * out (they get no further message), and what the newcomers cost. In an active crisis the newcomers get every
   * message so far (the fan-out never sends anyone a message twice, so those inside the current zones get nothing
   * again); in a draft nothing is sent before activation, so the preview is that of the whole new reach.
   */
  public ZoneChangePreview previewZones(Actor actor, UUID id, List<ZoneInput> input) {
    CrisisService.requireCell(actor);
    Crisis c = crises.get(actor, id);
    List<CrisisZone> zones = crises.nextZones(c, input);
    Set<UUID> before = inside(actor, c.zones());
    Set<UUID> after = inside(actor, zones);
    Set<UUID> newcomers = new LinkedHashSet<>(after);
    newcomers.removeAll(before);
    Set<UUID> leaving = new LinkedHashSet<>(before);
    leaving.removeAll(after);
    boolean active = c.status() == CrisisStatus.ACTIVE;
    Preview cost = preview(actor, c, active ? newcomers : after, c.messages(), "crisis " + id
        + ", zones as they would be changed (" + after.size() + " inside, " + newcomers.size() + " newly)");
    return new ZoneChangePreview(c.status(), after.size(), newcomers.size(), leaving.size(), cost);
  }

  private Set<UUID> inside(Actor actor, List<CrisisZone> zones) {
    Set<UUID> people = new LinkedHashSet<>();
    for (CrisisZone z : zones) {
      people.addAll(search.ids(actor, z.zone()));
    }
    return people;
  }

  private Preview preview(Actor actor, Crisis c, List<CrisisMessage> messages, String what) {
    return preview(actor, c, inside(actor, c.zones()), messages, what);
  }

  private Preview preview(Actor actor, Crisis c, Set<UUID> people, List<CrisisMessage> messages, String what) {
    long[] unlocated = {0};
    List<RegistrationDao.Reach> reach = jdbi.inTransaction(h -> {
      List<RegistrationDao.Reach> r = h.attach(RegistrationDao.class).reach(people.toArray(UUID[]::new));
      unlocated[0] = h.attach(RegistrationDao.class).countWithoutPoint(people.toArray(UUID[]::new));
      audit.record(h, actor, "CRISIS_PREVIEW", List.of(), what + ": " + people.size() + " registrations");
      return r;
    });
    // Counts by language, and each phone once (people sharing a phone get one SMS, in the language of the first of
    // them), routed to its sender.
    Map<String, long[]> byLanguage = new TreeMap<>();
    Map<String, String> languageByPhone = new HashMap<>();
    for (RegistrationDao.Reach r : reach) {
      long[] n = byLanguage.computeIfAbsent(r.preferredLanguage(), l -> new long[2]);
      n[0]++;
      n[1] += r.people();
      languageByPhone.putIfAbsent(r.phone(), r.preferredLanguage());
    }
    Map<String, Map<String, Long>> phonesBySenderAndLanguage = new HashMap<>();
    if (senders != null) {
      languageByPhone.forEach((phone, language) -> phonesBySenderAndLanguage
          .computeIfAbsent(senders.route(phone).name(), k -> new HashMap<>())
          .merge(language, 1L, Long::sum));
    }
    List<Preview.LanguageCount> languages = byLanguage.entrySet().stream()
        .map(e -> new Preview.LanguageCount(e.getKey(), e.getValue()[0], e.getValue()[1])).toList();
    List<Preview.MessageCost> costs = new ArrayList<>();
    for (CrisisMessage m : messages) {
      costs.add(cost(c, m, languages, phonesBySenderAndLanguage, languageByPhone.size()));
    }
    long registrations = languages.stream().mapToLong(Preview.LanguageCount::registrations).sum();
    long persons = languages.stream().mapToLong(Preview.LanguageCount::people).sum();
    return new Preview(registrations, persons, unlocated[0], languages, costs);
  }

  private Preview.MessageCost cost(Crisis c, CrisisMessage m, List<Preview.LanguageCount> languages,
      Map<String, Map<String, Long>> phonesBySenderAndLanguage, long phones) {
    List<Preview.Cost> perLanguage = new ArrayList<>();
    long total = 0;
    for (Preview.LanguageCount l : languages) {
      CrisisMessage.Rendering r = m.textFor(l.language(), c.fallback());
      SmsSegments.Count count = SmsSegments.of(r.text());
      long segments = count.segments() * l.registrations();
      total += segments;
      perLanguage.add(new Preview.Cost(l.language(), r.language(), count.encoding().name(), count.units(),
          count.segments(), l.registrations(), segments));
    }
    Double seconds = null;
    Map<String, Double> bySender = Map.of();
    String price = null;
    String currency = null;
    if (senders != null) {
      Map<String, Long> segmentsBySender = new HashMap<>();
      phonesBySenderAndLanguage.forEach((sender, phonesByLanguage) -> phonesByLanguage.forEach((language, n) ->
          segmentsBySender.merge(sender, n * SmsSegments.of(m.textFor(language, c.fallback()).text()).segments(),
              Long::sum)));
      SenderPlan.Estimate e = senders.estimate(segmentsBySender);
      seconds = Math.ceil(e.seconds());
      bySender = e.secondsBySender();
      currency = senders.currency();
      if (currency != null) {
        price = senders.cost(segmentsBySender)
            .map(x -> x.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString()).orElse(null);
      }
    }
    return new Preview.MessageCost(m.seq(), perLanguage, total, phones, seconds, bySender, price,
        price == null ? null : currency);
  }
}
