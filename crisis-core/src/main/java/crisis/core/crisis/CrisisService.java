package crisis.core.crisis;

import crisis.core.access.Actor;
import crisis.core.access.ForbiddenException;
import crisis.core.access.Role;
import crisis.core.audit.AuditTrail;
import crisis.core.common.ConflictException;
import crisis.core.common.FieldError;
import crisis.core.common.Ids;
import crisis.core.common.Json;
import crisis.core.common.MalformedInputException;
import crisis.core.common.NotFoundException;
import crisis.core.common.Page;
import crisis.core.common.ValidationException;
import crisis.core.country.CountryCodes;
import crisis.core.geo.CountryBoundaries;
import crisis.core.geo.PolygonZone;
import crisis.core.geo.ZoneInputs;
import crisis.core.geo.ZoneParser;
import crisis.core.registry.Language;
import crisis.core.registry.ZoneSearch;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.locationtech.jts.io.geojson.GeoJsonWriter;

/**
 * Declares and runs crises: draft, activate, add instructions, change zones, close, with every change recorded and
 * published through the outbox in the same transaction. Only the crisis cell writes; consular officers read.
 * Thread-safe.
 */
public final class CrisisService {
  public static final int MAX_ZONES = 20;
  public static final int MAX_MESSAGES = 50;
  /** Twilio's limit on a message body. */
  public static final int MAX_TEXT = 1600;
  public static final int MAX_PAGE = 200;
  public static final List<String> DEFAULT_FALLBACK = List.of("ar", "fr", "en");

  private final Jdbi jdbi;
  private final ZoneParser parser;
  private final CountryBoundaries countries;
  private final ZoneSearch search;
  private final AuditTrail audit;
  private final Clock clock;
  private final crisis.core.outreach.SenderPlan senders;

  public CrisisService(Jdbi jdbi, ZoneParser parser, CountryBoundaries countries, ZoneSearch search,
      AuditTrail audit, Clock clock) {
    this(jdbi, parser, countries, search, audit, clock, null);
  }

  /** @param senders the SMS senders and their rates, for the preview's expected times (null: no estimate) */
  public CrisisService(Jdbi jdbi, ZoneParser parser, CountryBoundaries countries, ZoneSearch search,
      AuditTrail audit, Clock clock, crisis.core.outreach.SenderPlan senders) {
    this.senders = senders;
    this.jdbi = jdbi;
    this.parser = parser;
    this.countries = countries;
    this.search = search;
    this.audit = audit;
    this.clock = clock;
  }

  public Crisis create(Actor actor, CrisisDraft draft) {
    requireCell(actor);
    if (draft == null) {
      throw new ValidationException("body", "is required");
    }
    List<FieldError> errors = new ArrayList<>();
    String title = text(draft.title(), "title", 200, errors);
    CrisisType type = constant(draft.type(), "type", CrisisType.class, errors);
    Severity severity = constant(draft.severity(), "severity", Severity.class, errors);
    List<String> fallback = fallback(draft.fallback(), errors);
    List<Map<String, String>> texts = draft.messages() == null ? List.of() : draft.messages();
    if (texts.size() > MAX_MESSAGES) {
      errors.add(new FieldError("messages", "at most " + MAX_MESSAGES));
    }
    List<Map<String, String>> cleanTexts = new ArrayList<>();
    for (int i = 0; i < texts.size() && i < MAX_MESSAGES; i++) {
      cleanTexts.add(texts(texts.get(i), "messages[" + i + "]", fallback, errors));
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    List<CrisisZone> zones = zones(draft.zones());
    Instant now = Instant.now(clock);
    UUID id = Ids.newId();
    List<CrisisMessage> messages = new ArrayList<>();
    for (Map<String, String> t : cleanTexts) {
      messages.add(new CrisisMessage(Ids.newId(), messages.size() + 1, t, now, actor.username()));
    }
    Crisis c = new Crisis(id, title, type, severity, CrisisStatus.DRAFT, zones, fallback, messages, 1, now,
        actor.username(), null, null, null, null, now);
    return jdbi.inTransaction(h -> {
      CrisisStore.insert(h, c);
      messages.forEach(m -> CrisisStore.insertMessage(h, id, m));
      CrisisStore.recordChange(h, id, 1, "DECLARED", Map.of("title", title, "zones", labels(zones),
          "messages", messages.size()), now, actor.username());
      Outbox.record(h, Outbox.CRISIS, id);
      return c;
    });
  }

  public Crisis get(Actor actor, UUID id) {
    requireReader(actor);
    return jdbi.inTransaction(h -> CrisisStore.find(h, id, false).orElseThrow(() -> notFound(id)));
  }

  public Page<Crisis> list(Actor actor, String status, int offset, int limit) {
    requireReader(actor);
    if (limit < 1 || limit > MAX_PAGE) {
      throw new ValidationException("limit", "must be between 1 and " + MAX_PAGE);
    }
    if (offset < 0) {
      throw new ValidationException("offset", "must not be negative");
    }
    List<FieldError> errors = new ArrayList<>();
    CrisisStatus s = status == null || status.isBlank() ? null : constant(status, "status", CrisisStatus.class,
        errors);
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    return jdbi.inTransaction(h -> new Page<>(CrisisStore.list(h, s, limit, offset), CrisisStore.count(h, s),
        offset, limit));
  }

  /** Starts alerting: everyone in the zones gets every message of the crisis, once. */
  public Crisis activate(Actor actor, UUID id) {
    return change(actor, id, "ACTIVATED", (h, c, now) -> {
      if (c.status() != CrisisStatus.DRAFT) {
        throw new ConflictException("status", "only a draft can be activated; this crisis is " + c.status());
      }
      if (c.messages().isEmpty()) {
        throw new ConflictException("messages", "add at least one message before activating: activation sends it");
      }
      return new Change(new Crisis(c.id(), c.title(), c.type(), c.severity(), CrisisStatus.ACTIVE, c.zones(),
          c.fallback(), c.messages(), c.version() + 1, c.createdAt(), c.createdBy(), now, actor.username(), null,
          null, now), Map.of("messages", c.messages().size()));
    });
  }

  /** A new instruction; in an active crisis it goes to everyone in the zones at once. */
  public Crisis addMessage(Actor actor, UUID id, Map<String, String> texts) {
    return change(actor, id, "MESSAGE_ADDED", (h, c, now) -> {
      requireOpen(c);
      if (c.messages().size() >= MAX_MESSAGES) {
        throw new ConflictException("messages", "a crisis has at most " + MAX_MESSAGES + " messages");
      }
      List<FieldError> errors = new ArrayList<>();
      Map<String, String> clean = texts(texts, "texts", c.fallback(), errors);
      if (!errors.isEmpty()) {
        throw new ValidationException(errors);
      }
      CrisisMessage m = new CrisisMessage(Ids.newId(), c.messages().size() + 1, clean, now, actor.username());
      CrisisStore.insertMessage(h, c.id(), m);
      List<CrisisMessage> all = new ArrayList<>(c.messages());
      all.add(m);
      return new Change(copy(c, c.zones(), all, now), Map.of("seq", m.seq(), "languages", clean.keySet()));
    });
  }

  /**
   * Replaces the zones. People newly inside get every message so far; people already alerted are not alerted again;
   * people now outside get no further message.
   */
  public Crisis replaceZones(Actor actor, UUID id, List<ZoneInput> input) {
    List<CrisisZone> zones = zones(input);
    return change(actor, id, "ZONES_CHANGED", (h, c, now) -> {
      requireOpen(c);
      return new Change(copy(c, zones, c.messages(), now), Map.of("from", labels(c.zones()), "to", labels(zones)));
    });
  }

  /** Stops alerting: nobody is alerted for this crisis any more. */
  public Crisis close(Actor actor, UUID id, String reason) {
    if (reason != null && reason.length() > 500) {
      throw new ValidationException("reason", "at most 500 characters");
    }
    return change(actor, id, "CLOSED", (h, c, now) -> {
      if (c.status() == CrisisStatus.CLOSED) {
        throw new ConflictException("status", "the crisis is already closed");
      }
      Map<String, Object> detail = new LinkedHashMap<>();
      detail.put("was", c.status().name());
      if (reason != null && !reason.isBlank()) {
        detail.put("reason", reason.strip());
      }
      return new Change(new Crisis(c.id(), c.title(), c.type(), c.severity(), CrisisStatus.CLOSED, c.zones(),
          c.fallback(), c.messages(), c.version() + 1, c.createdAt(), c.createdBy(), c.activatedAt(),
          c.activatedBy(), now, actor.username(), now), detail);
    });
  }

  public List<CrisisChange> history(Actor actor, UUID id) {
    requireReader(actor);
    return jdbi.inTransaction(h -> {
      CrisisStore.find(h, id, false).orElseThrow(() -> notFound(id));
      return CrisisStore.history(h, id);
    });
  }

  /** What the pipeline has done for the crisis; zeros until it has reported. */
  public CrisisTally status(Actor actor, UUID id) {
    requireReader(actor);
    return jdbi.inTransaction(h -> {
      Crisis c = CrisisStore.find(h, id, false).orElseThrow(() -> notFound(id));
      return CrisisStore.tally(h, id, c.status())
          .orElse(new CrisisTally(id, c.status(), 0, 0, Map.of(), 0, c.updatedAt()));
    });
  }

  /** Who is inside the zones now, by language, and what each message costs in SMS segments. */
  public Preview preview(Actor actor, UUID id) {
    requireCell(actor);
    Crisis c = get(actor, id);
    Set<UUID> people = new LinkedHashSet<>();
    for (CrisisZone z : c.zones()) {
      people.addAll(search.ids(actor, z.zone()));
    }
    // One read of the people inside: counts by language, and each phone once (people sharing a phone get one SMS,
    // in the language of the first of them), routed to its sender.
    Map<String, long[]> byLanguage = new TreeMap<>();
    Map<String, String> languageByPhone = new java.util.HashMap<>();
    jdbi.useTransaction(h -> {
      h.createQuery("SELECT phone, preferred_language, 1 + jsonb_array_length(household) FROM registration "
              + "WHERE id = ANY(:ids) ORDER BY id")
          .bind("ids", people.toArray(UUID[]::new))
          .map((rs, ctx) -> {
            long[] n = byLanguage.computeIfAbsent(rs.getString(2), l -> new long[2]);
            n[0]++;
            n[1] += rs.getLong(3);
            languageByPhone.putIfAbsent(rs.getString(1), rs.getString(2));
            return null;
          })
          .list();
      audit.record(h, actor, "CRISIS_PREVIEW", List.of(), "crisis " + id + ": " + people.size() + " registrations");
    });
    Map<String, Map<String, Long>> phonesBySenderAndLanguage = new java.util.HashMap<>();
    if (senders != null) {
      languageByPhone.forEach((phone, language) -> phonesBySenderAndLanguage
          .computeIfAbsent(senders.route(phone).name(), k -> new java.util.HashMap<>())
          .merge(language, 1L, Long::sum));
    }
    List<Preview.LanguageCount> languages = byLanguage.entrySet().stream()
        .map(e -> new Preview.LanguageCount(e.getKey(), e.getValue()[0], e.getValue()[1])).toList();
    List<Preview.MessageCost> costs = new ArrayList<>();
    for (CrisisMessage m : c.messages()) {
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
      if (senders != null) {
        Map<String, Long> segmentsBySender = new java.util.HashMap<>();
        phonesBySenderAndLanguage.forEach((sender, phonesByLanguage) -> phonesByLanguage.forEach((language, n) ->
            segmentsBySender.merge(sender, n * SmsSegments.of(m.textFor(language, c.fallback()).text()).segments(),
                Long::sum)));
        crisis.core.outreach.SenderPlan.Estimate e = senders.estimate(segmentsBySender);
        seconds = Math.ceil(e.seconds());
        bySender = e.secondsBySender();
      }
      costs.add(new Preview.MessageCost(m.seq(), perLanguage, total, languageByPhone.size(), seconds, bySender));
    }
    long registrations = languages.stream().mapToLong(Preview.LanguageCount::registrations).sum();
    long persons = languages.stream().mapToLong(Preview.LanguageCount::people).sum();
    return new Preview(registrations, persons, languages, costs);
  }

  private record Change(Crisis next, Object detail) {}

  @FunctionalInterface
  private interface Mutation {
    Change apply(Handle h, Crisis current, Instant now);
  }

  private Crisis change(Actor actor, UUID id, String action, Mutation mutation) {
    requireCell(actor);
    return jdbi.inTransaction(h -> {
      Crisis current = CrisisStore.find(h, id, true).orElseThrow(() -> notFound(id));
      Instant now = Instant.now(clock);
      Change change = mutation.apply(h, current, now);
      CrisisStore.update(h, change.next());
      CrisisStore.recordChange(h, id, change.next().version(), action, change.detail(), now, actor.username());
      Outbox.record(h, Outbox.CRISIS, id);
      return change.next();
    });
  }

  private static Crisis copy(Crisis c, List<CrisisZone> zones, List<CrisisMessage> messages, Instant now) {
    return new Crisis(c.id(), c.title(), c.type(), c.severity(), c.status(), zones, c.fallback(), messages,
        c.version() + 1, c.createdAt(), c.createdBy(), c.activatedAt(), c.activatedBy(), c.closedAt(), c.closedBy(),
        now);
  }

  private List<CrisisZone> zones(List<ZoneInput> input) {
    if (input == null || input.isEmpty()) {
      throw new ValidationException("zones", "give at least one zone");
    }
    if (input.size() > MAX_ZONES) {
      throw new ValidationException("zones", "at most " + MAX_ZONES + " zones");
    }
    List<CrisisZone> out = new ArrayList<>();
    for (int i = 0; i < input.size(); i++) {
      out.add(zone(input.get(i), "zones[" + i + "]"));
    }
    return out;
  }

  private CrisisZone zone(ZoneInput z, String field) {
    if (z == null) {
      throw new MalformedInputException(field, "must be an object");
    }
    int given = (z.geometry() == null ? 0 : 1) + (z.circle() == null ? 0 : 1) + (z.country() == null ? 0 : 1);
    if (given != 1) {
      throw new MalformedInputException(field, "give exactly one of 'geometry' (GeoJSON), 'circle' or 'country'");
    }
    List<FieldError> errors = new ArrayList<>();
    String label = z.label() == null ? null : text(z.label(), field + ".label", 100, errors);
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    if (z.circle() != null) {
      CrisisZone.Circle c = z.circle();
      ZoneInputs.circle(c.latitude(), c.longitude(), c.radiusKm(), field + ".circle");
      return new CrisisZone(label, null, c);
    }
    PolygonZone polygon;
    if (z.country() != null) {
      polygon = ZoneInputs.country(countries, z.country(), field + ".country");
      label = label == null ? CountryCodes.normalise(z.country()) : label;
    } else {
      polygon = parser.parse(z.geometry(), field + ".geometry");
    }
    GeoJsonWriter writer = new GeoJsonWriter(12);
    writer.setEncodeCRS(false);
    return new CrisisZone(label, Json.read(writer.write(polygon.geometry()),
        com.fasterxml.jackson.databind.JsonNode.class), null);
  }

  private static List<String> labels(List<CrisisZone> zones) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < zones.size(); i++) {
      CrisisZone z = zones.get(i);
      out.add(z.label() != null ? z.label() : z.circle() != null ? "circle " + (i + 1) : "zone " + (i + 1));
    }
    return out;
  }

  private static List<String> fallback(List<String> input, List<FieldError> errors) {
    if (input == null) {
      return DEFAULT_FALLBACK;
    }
    if (input.isEmpty() || input.size() > Language.values().length) {
      errors.add(new FieldError("fallback", "give 1 to " + Language.values().length + " language codes"));
      return DEFAULT_FALLBACK;
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < input.size(); i++) {
      String code = language(input.get(i), "fallback[" + i + "]", errors);
      if (code != null && out.contains(code)) {
        errors.add(new FieldError("fallback[" + i + "]", "'" + code + "' is given twice"));
      } else if (code != null) {
        out.add(code);
      }
    }
    return out;
  }

  private static Map<String, String> texts(Map<String, String> input, String field, List<String> fallback,
      List<FieldError> errors) {
    Map<String, String> out = new TreeMap<>();
    if (input == null || input.isEmpty()) {
      errors.add(new FieldError(field, "give the text in at least one language, e.g. {\"fr\": \"...\"}"));
      return out;
    }
    for (Map.Entry<String, String> e : input.entrySet()) {
      String code = language(e.getKey(), field + "." + e.getKey(), errors);
      String text = text(e.getValue(), field + "." + e.getKey(), MAX_TEXT, errors);
      if (code != null && text != null) {
        out.put(code, text);
      }
    }
    if (!out.isEmpty() && fallback.stream().noneMatch(out::containsKey)) {
      errors.add(new FieldError(field, "needs a text in at least one fallback language " + fallback
          + ", for people whose language is missing"));
    }
    return out;
  }

  private static String language(String code, String field, List<FieldError> errors) {
    try {
      return Language.fromCode(code).code();
    } catch (IllegalArgumentException e) {
      errors.add(new FieldError(field, e.getMessage()));
      return null;
    }
  }

  /** A required text, stripped, at most {@code max} characters, without control characters other than new lines. */
  private static String text(String value, String field, int max, List<FieldError> errors) {
    if (value == null || value.isBlank()) {
      errors.add(new FieldError(field, "is required"));
      return null;
    }
    String s = value.strip();
    if (s.length() > max) {
      errors.add(new FieldError(field, "at most " + max + " characters, was " + s.length()));
      return null;
    }
    if (s.chars().anyMatch(ch -> Character.isISOControl(ch) && ch != '\n')) {
      errors.add(new FieldError(field, "must not contain control characters other than new lines"));
      return null;
    }
    return s;
  }

  private static <E extends Enum<E>> E constant(String value, String field, Class<E> type, List<FieldError> errors) {
    if (value == null || value.isBlank()) {
      errors.add(new FieldError(field, "is required; one of " + names(type)));
      return null;
    }
    String name = value.strip().toUpperCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
    try {
      return Enum.valueOf(type, name);
    } catch (IllegalArgumentException e) {
      errors.add(new FieldError(field, "unknown value '" + value + "'; one of " + names(type)));
      return null;
    }
  }

  private static String names(Class<? extends Enum<?>> type) {
    return String.join(", ", java.util.Arrays.stream(type.getEnumConstants()).map(Enum::name).toList());
  }

  private static void requireOpen(Crisis c) {
    if (c.status() == CrisisStatus.CLOSED) {
      throw new ConflictException("status", "the crisis is closed");
    }
  }

  private static NotFoundException notFound(UUID id) {
    return new NotFoundException("crisis " + id);
  }

  static void requireCell(Actor actor) {
    if (actor.role() != Role.CRISIS_CELL) {
      throw new ForbiddenException("only the crisis cell declares and runs crises");
    }
  }

  static void requireReader(Actor actor) {
    if (actor.role() != Role.CRISIS_CELL && actor.role() != Role.CONSULAR_OFFICER) {
      throw new ForbiddenException("only the crisis cell and consular officers read crises");
    }
  }
}
