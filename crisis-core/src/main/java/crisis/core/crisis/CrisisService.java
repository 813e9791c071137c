package crisis.core.crisis;

import crisis.core.access.Actor;
import crisis.core.access.Role;
import crisis.core.common.ConflictException;
import crisis.core.common.Enums;
import crisis.core.common.FieldError;
import crisis.core.common.Ids;
import crisis.core.common.NotFoundException;
import crisis.core.common.Page;
import crisis.core.common.PageRequest;
import crisis.core.common.ValidationException;
import crisis.core.crisis.db.CrisisDao;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Declares and runs crises: draft, activate, add instructions, change zones, close, with every change recorded and
 * published through the outbox in the same transaction. Only the crisis cell writes; consular officers read.
 * Thread-safe.
 */
public final class CrisisService {
  public static final int MAX_PAGE = 200;

  private final Jdbi jdbi;
  private final CrisisInputs inputs;
  private final Clock clock;

  public CrisisService(Jdbi jdbi, CrisisInputs inputs, Clock clock) {
    this.jdbi = jdbi;
    this.inputs = inputs;
    this.clock = clock;
  }

  public Crisis create(Actor actor, CrisisDraft draft) {
    requireCell(actor);
    if (draft == null) {
      throw new ValidationException("body", "is required");
    }
    List<FieldError> errors = new ArrayList<>();
    String title = CrisisInputs.text(draft.title(), "title", 200, errors);
    CrisisType type = Enums.required(CrisisType.class, draft.type(), "type", errors);
    Severity severity = Enums.required(Severity.class, draft.severity(), "severity", errors);
    List<String> fallback = CrisisInputs.fallback(draft.fallback(), errors);
    List<Map<String, String>> texts = draft.messages() == null ? List.of() : draft.messages();
    if (texts.size() > CrisisInputs.MAX_MESSAGES) {
      errors.add(new FieldError("messages", "at most " + CrisisInputs.MAX_MESSAGES));
    }
    List<Map<String, String>> cleanTexts = new ArrayList<>();
    for (int i = 0; i < texts.size() && i < CrisisInputs.MAX_MESSAGES; i++) {
      cleanTexts.add(CrisisInputs.texts(texts.get(i), "messages[" + i + "]", fallback, errors));
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    List<CrisisZone> zones = inputs.zones(draft.zones());
    Instant now = Instant.now(clock);
    List<CrisisMessage> messages = new ArrayList<>();
    for (Map<String, String> t : cleanTexts) {
      messages.add(new CrisisMessage(Ids.newId(), messages.size() + 1, t, now, actor.username()));
    }
    Crisis c = Crisis.draft(Ids.newId(), title, type, severity, zones, fallback, messages, now, actor.username());
    return jdbi.inTransaction(h -> {
      CrisisDao dao = h.attach(CrisisDao.class);
      dao.insert(c);
      dao.recordChange(c.id(), 1, "DECLARED", Map.of("title", title, "zones", CrisisInputs.labels(zones),
          "messages", messages.size()), now, actor.username());
      return c;
    });
  }

  public Crisis get(Actor actor, UUID id) {
    requireReader(actor);
    return jdbi.withExtension(CrisisDao.class, dao -> dao.find(id).orElseThrow(() -> notFound(id)));
  }

  public Page<Crisis> list(Actor actor, String status, int offset, int limit) {
    requireReader(actor);
    PageRequest page = PageRequest.of(offset, limit, MAX_PAGE);
    CrisisStatus s = Enums.optional(CrisisStatus.class, status, "status");
    return jdbi.inTransaction(h -> {
      CrisisDao dao = h.attach(CrisisDao.class);
      return page.page(dao.list(s, page.limit(), page.offset()), dao.count(s));
    });
  }

  /** Every active crisis by id and title, newest first: what a list across the active crises names them by. */
  public List<CrisisTitle> activeTitles(Actor actor) {
    requireReader(actor);
    return jdbi.withExtension(CrisisDao.class, dao -> dao.titles(CrisisStatus.ACTIVE));
  }

  /** Starts alerting: everyone in the zones gets every message of the crisis, once. */
  public Crisis activate(Actor actor, UUID id) {
    return change(actor, id, "ACTIVATED", (dao, c, now) -> {
      if (c.status() != CrisisStatus.DRAFT) {
        throw new ConflictException("status", "only a draft can be activated; this crisis is " + c.status());
      }
      if (c.messages().isEmpty()) {
        throw new ConflictException("messages", "add at least one message before activating: activation sends it");
      }
      return new Change(c.activate(now, actor.username()), Map.of("messages", c.messages().size()));
    });
  }

  /** A new instruction; in an active crisis it goes to everyone in the zones at once. */
  public Crisis addMessage(Actor actor, UUID id, Map<String, String> texts) {
    return change(actor, id, "MESSAGE_ADDED", (dao, c, now) -> {
      Map<String, String> clean = nextMessageTexts(c, texts);
      CrisisMessage m = new CrisisMessage(Ids.newId(), c.messages().size() + 1, clean, now, actor.username());
      dao.insertMessage(c.id(), m);
      return new Change(c.addMessage(m, now), Map.of("seq", m.seq(), "languages", clean.keySet()));
    });
  }

  /**
   * Replaces the zones. People newly inside get every message so far; people already alerted are not alerted again;
   * people now outside get no further message.
   */
  public Crisis replaceZones(Actor actor, UUID id, List<ZoneInput> input) {
    List<CrisisZone> zones = inputs.zones(input);
    return change(actor, id, "ZONES_CHANGED", (dao, c, now) -> {
      requireOpen(c);
      return new Change(c.replaceZones(zones, now), Map.of("from", CrisisInputs.labels(c.zones()),
          "to", CrisisInputs.labels(zones)));
    });
  }

  /** Stops alerting: nobody is alerted for this crisis any more. */
  public Crisis close(Actor actor, UUID id, String reason) {
    if (reason != null && reason.length() > 500) {
      throw new ValidationException("reason", "at most 500 characters");
    }
    return change(actor, id, "CLOSED", (dao, c, now) -> {
      if (c.status() == CrisisStatus.CLOSED) {
        throw new ConflictException("status", "the crisis is already closed");
      }
      Map<String, Object> detail = new LinkedHashMap<>();
      detail.put("was", c.status().name());
      if (reason != null && !reason.isBlank()) {
        detail.put("reason", reason.strip());
      }
      return new Change(c.close(now, actor.username()), detail);
    });
  }

  public List<CrisisChange> history(Actor actor, UUID id) {
    requireReader(actor);
    return jdbi.withExtension(CrisisDao.class, dao -> {
      dao.find(id).orElseThrow(() -> notFound(id));
      return dao.history(id);
    });
  }

  /** What the pipeline has done for the crisis; zeros until it has reported. */
  public CrisisTally status(Actor actor, UUID id) {
    requireReader(actor);
    return jdbi.withExtension(CrisisDao.class, dao -> {
      Crisis c = dao.find(id).orElseThrow(() -> notFound(id));
      return dao.tally(id, c.status()).orElse(new CrisisTally(id, c.status(), 0, 0, Map.of(), 0, c.updatedAt()));
    });
  }

  private record Change(Crisis next, Object detail) {}

  @FunctionalInterface
  private interface Mutation {
    Change apply(CrisisDao dao, Crisis current, Instant now);
  }

  /** The crises active now, read in {@code h}'s transaction (the retention purge holds the people they concern). */
  public static java.util.Set<UUID> active(Handle h) {
    return java.util.Set.copyOf(h.attach(CrisisDao.class).idsWithStatus(CrisisStatus.ACTIVE));
  }

  /**
   * Locks the crisis, applies the change and records it in the history, in one transaction; the crisis table's
   * trigger writes its outbox row (036-crisis-outbox-trigger.sql).
   */
  private Crisis change(Actor actor, UUID id, String action, Mutation mutation) {
    requireCell(actor);
    return jdbi.inTransaction((Handle h) -> {
      CrisisDao dao = h.attach(CrisisDao.class);
      Crisis current = dao.lock(id).orElseThrow(() -> notFound(id));
      Instant now = Instant.now(clock);
      Change change = mutation.apply(dao, current, now);
      dao.update(change.next());
      dao.recordChange(id, change.next().version(), action, change.detail(), now, actor.username());
      return change.next();
    });
  }

  /**
   * The texts of a crisis's next message, checked as adding it checks them (and as its preview does): the crisis
   * open, room for one more message, each text valid with one in a fallback language.
   */
  static Map<String, String> nextMessageTexts(Crisis c, Map<String, String> texts) {
    requireOpen(c);
    if (c.messages().size() >= CrisisInputs.MAX_MESSAGES) {
      throw new ConflictException("messages", "a crisis has at most " + CrisisInputs.MAX_MESSAGES + " messages");
    }
    List<FieldError> errors = new ArrayList<>();
    Map<String, String> clean = CrisisInputs.texts(texts, "texts", c.fallback(), errors);
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    return clean;
  }

  /**
   * The zones a change would give a crisis, checked as {@link #replaceZones} checks them (the crisis open, each zone
   * valid); nothing saved. For the preview of a zone change.
   */
  List<CrisisZone> nextZones(Crisis c, List<ZoneInput> input) {
    requireOpen(c);
    return inputs.zones(input);
  }

  private static void requireOpen(Crisis c) {
    if (c.status() == CrisisStatus.CLOSED) {
      throw new ConflictException("status", "the crisis is closed");
    }
  }

  static NotFoundException notFound(UUID id) {
    return new NotFoundException("crisis " + id);
  }

  public static void requireCell(Actor actor) {
    actor.require("declares and runs crises", Role.CRISIS_CELL);
  }

  static void requireReader(Actor actor) {
    actor.require("read crises", Role.CRISIS_CELL, Role.CONSULAR_OFFICER);
  }
}
