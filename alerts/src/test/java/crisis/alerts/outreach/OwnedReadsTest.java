package crisis.alerts.outreach;

import static org.assertj.core.api.Assertions.assertThat;

import crisis.core.audit.AuditTrail;
import crisis.core.crisis.Crisis;
import crisis.core.crisis.CrisisStatus;
import crisis.core.crisis.db.CrisisDao;
import crisis.core.outreach.CrisisFacts;
import crisis.core.outreach.OutreachService;
import crisis.core.outreach.OutreachService.AssistanceRequest;
import crisis.core.outreach.SmsKind;
import crisis.core.outreach.db.InboxDao;
import crisis.core.outreach.db.OutreachDao;
import crisis.core.outreach.db.SmsDao;
import crisis.core.registry.Registration;
import crisis.core.registry.RegistrationData;
import crisis.core.registry.RegistrationStatus;
import crisis.core.registry.Vulnerability;
import crisis.core.registry.db.RegistrationDao;
import crisis.core.testing.Samples;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 29 (one owner per table): the outreach's reads that joined the registry's or the crisis's tables in one
 * statement now read the outreach's tables, then ask the owners by id and put the answers together in Java. Each
 * gives what the single statement gave, in the same order, on the same data: the statements as they were are kept
 * here, as the reference.
 */
@Tag("db")
class OwnedReadsTest {
  private static final String SHARED = "+33698760100";

  private static OutreachFixture f;
  private static Crisis active;
  private static Crisis closed;
  private static final Map<String, UUID> KEYS = new LinkedHashMap<>();
  private static final List<Registration> PEOPLE = new ArrayList<>();

  @BeforeAll
  static void start() {
    f = new OutreachFixture();
    active = f.activeCrisis();
    Crisis over = f.activeCrisis();
    // A household sharing a phone, two of them born the same day (then ordered by id), and people on their own,
    // with and without vulnerabilities, with households of 0 to 2.
    LocalDate dob = LocalDate.of(1980, 5, 1);
    PEOPLE.add(person(8001, SHARED, "Omar", "عمر", dob.plusYears(5), EnumSet.noneOf(Vulnerability.class), 0));
    PEOPLE.add(person(8002, SHARED, "Sara", null, dob, EnumSet.of(Vulnerability.ELDERLY), 1));
    PEOPLE.add(person(8003, SHARED, "Amina", "أمينة", dob, EnumSet.noneOf(Vulnerability.class), 2));
    PEOPLE.add(person(8004, SHARED, "Karim", "كريم", dob.minusYears(3), EnumSet.of(Vulnerability.MEDICAL_CONDITION,
        Vulnerability.ELDERLY), 0));
    for (int i = 0; i < 6; i++) {
      PEOPLE.add(person(8010 + i, null, "Nadia", "نادية", dob.plusDays(i % 2),
          i % 3 == 0 ? EnumSet.of(Vulnerability.MEDICAL_CONDITION) : EnumSet.noneOf(Vulnerability.class), i % 3));
    }
    // The alerts of both crises, one SMS per message and phone; then the second crisis closes.
    Instant sent = Instant.now().minus(Duration.ofHours(3));
    for (Crisis c : List.of(active, over)) {
      UUID message = c.messages().get(0).id();
      List<SmsDao.AlertSend> sends = new ArrayList<>();
      List<SmsDao.Recipient> recipients = new ArrayList<>();
      Map<String, UUID> byPhone = new LinkedHashMap<>();
      for (Registration r : PEOPLE) {
        String phone = r.data().phone();
        UUID send = byPhone.computeIfAbsent(phone, p -> {
          UUID id = UUID.randomUUID();
          String key = Outreach.alertKey(message, p);
          sends.add(new SmsDao.AlertSend(id, key, c.id(), message, p, "ar", "world"));
          KEYS.put(key, id);
          return id;
        });
        recipients.add(new SmsDao.Recipient(message, r.id(), c.id(), send, UUID.randomUUID()));
      }
      f.jdbi.useTransaction(h -> {
        SmsDao sms = h.attach(SmsDao.class);
        sms.queueAlerts(sends, sent, sent);
        sms.addRecipients(recipients, sent);
      });
    }
    f.jdbi.useHandle(h -> h.createUpdate("UPDATE sms_send SET state = 'SENT', sent_at = :at").bind("at", sent)
        .execute());
    closed = f.crises.close(Samples.CRISIS_CELL, over.id(), "over");

    // Replies and assistance requests: some at the same moment (then ordered by id), one closed.
    Instant t = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
    for (int i = 0; i < PEOPLE.size(); i++) {
      Registration r = PEOPLE.get(i);
      Crisis c = i % 4 == 3 ? closed : active;
      UUID reply = UUID.randomUUID();
      Instant at = t.plusSeconds(i / 2 * 60L);
      f.jdbi.useTransaction(h -> {
        h.attach(InboxDao.class).keep(reply, "SM" + reply, r.data().phone(), "help " + r.id(), "HELP", c.id(), null,
            new UUID[] {r.id()}, at);
        h.attach(OutreachDao.class).openAssistance(UUID.randomUUID(), c.id(), r.id(), r.data().consulateId(), reply,
            at);
      });
    }
    f.jdbi.useHandle(h -> h.execute("UPDATE assistance_request SET state = 'CLOSED', closed_by = 'x', "
        + "closed_at = now(), outcome = 'done' WHERE registration_id = ?", PEOPLE.get(5).id()));
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  private static Registration person(int n, String phone, String given, String givenArabic, LocalDate dob,
      Set<Vulnerability> vulnerabilities, int household) {
    RegistrationData d = Samples.parisian(n);
    return f.registrations.create(Samples.CRISIS_CELL, new RegistrationData(d.externalId(), given,
        d.familyNameLatin(), givenArabic, givenArabic == null ? null : d.familyNameArabic(), dob, d.sex(), d.nationalId(), d.passportNumber(),
        phone == null ? d.phone() : phone, d.email(), d.preferredLanguage(), d.address(), d.location(),
        d.countryOfResidence(), d.consulateId(), d.residenceType(), d.stayPurpose(), d.arrivalDate(),
        d.departureDate(), d.household().subList(0, household), vulnerabilities, d.emergencyContact(),
        d.consent()));
  }

  @Test
  void householdNamesAreTheSameInTheSameOrder() {
    String[] keys = KEYS.keySet().toArray(String[]::new);
    Map<String, List<String>> before = new TreeMap<>();
    f.jdbi.useHandle(h -> h.createQuery("""
            SELECT s.dedupe_key, r.given_name_latin, r.given_name_arabic FROM sms_send s
            JOIN sms_recipient sr ON sr.send_id = s.id JOIN registration r ON r.id = sr.registration_id
            WHERE s.dedupe_key = ANY(:keys) ORDER BY s.dedupe_key, r.date_of_birth, r.id""")
        .bind("keys", keys)
        .map((rs, ctx) -> List.of(rs.getString(1), rs.getString(2) + "/" + rs.getString(3)))
        .forEach(row -> before.computeIfAbsent(row.get(0), k -> new ArrayList<>()).add(row.get(1))));
    Map<String, List<String>> now = new TreeMap<>();
    f.jdbi.useHandle(h -> Renderer.households(h, List.of(keys)).forEach((key, names) -> now.put(key,
        names.stream().map(n -> n.givenNameLatin() + "/" + n.givenNameArabic()).toList())));
    assertThat(now).isEqualTo(before);
    // Oldest first; Sara and Amina, born the same day, in the order of their ids (the database's, checked above).
    assertThat(now.get(Outreach.alertKey(active.messages().get(0).id(), SHARED))).hasSize(4)
        .startsWith("Karim/كريم").endsWith("Omar/عمر").contains("Sara/null", "Amina/أمينة");
  }

  @Test
  void whomAReplySpeaksForIsTheSame() {
    for (Registration r : PEOPLE) {
      for (Crisis c : List.of(active, closed)) {
        String phone = r.data().phone();
        List<String> before = f.jdbi.withHandle(h -> h.createQuery("""
                SELECT DISTINCT r.id, r.consulate_id, r.preferred_language FROM sms_send s
                JOIN sms_recipient sr ON sr.send_id = s.id JOIN registration r ON r.id = sr.registration_id
                WHERE s.phone = :phone AND s.kind = 'ALERT' AND sr.crisis_id = :crisis ORDER BY r.id""")
            .bind("phone", phone).bind("crisis", c.id())
            .map((rs, ctx) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3)).list());
        List<String> now = f.jdbi.withHandle(h -> h.attach(RegistrationDao.class)
            .contacts(h.attach(InboxDao.class).alertedIdsAt(phone, c.id()).toArray(UUID[]::new)).stream()
            .map(p -> p.id() + " " + p.consulateId() + " " + p.preferredLanguage()).toList());
        assertThat(now).isNotEmpty().isEqualTo(before);
      }
    }
    for (String phone : List.of(SHARED, PEOPLE.get(6).data().phone(), "+33698769999")) {
      List<String> before = f.jdbi.withHandle(h -> h.createQuery("""
              SELECT id, consulate_id, preferred_language FROM registration WHERE phone = :phone
              AND status = 'ACTIVE' ORDER BY id""")
          .bind("phone", phone).map((rs, ctx) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3))
          .list());
      List<String> now = f.jdbi.withHandle(h -> h.attach(RegistrationDao.class)
          .contactsAt(phone, RegistrationStatus.ACTIVE).stream()
          .map(p -> p.id() + " " + p.consulateId() + " " + p.preferredLanguage()).toList());
      assertThat(now).isEqualTo(before);
    }
  }

  /** The escalation as one statement read the crisis's status. */
  private static final String DUE_BEFORE = """
      WITH due AS (
        SELECT s.id, s.crisis_id, s.message_id, s.phone, s.language, s.sender,
               EXISTS (SELECT 1 FROM sms_reply r WHERE r.phone = s.phone AND r.crisis_id = s.crisis_id)
               OR NOT EXISTS (SELECT 1 FROM crisis c WHERE c.id = s.crisis_id AND c.status = 'ACTIVE') AS done
        FROM sms_send s
        WHERE s.kind = 'ALERT' AND s.state = 'SENT' AND s.escalation = :from
      """;

  private static final String NEXT_BEFORE = """
        FOR UPDATE OF s SKIP LOCKED),
      moved AS (
        UPDATE sms_send s SET escalation = CASE WHEN due.done THEN 9 ELSE :to END, escalated_at = :now
        FROM due WHERE s.id = due.id)
      INSERT INTO sms_send (id, dedupe_key, kind, crisis_id, message_id, phone, language, sender,
                            next_attempt_at, created_at)
      SELECT gen_random_uuid(), lower(:kind) || ':' || crisis_id || ':' || phone, :kind, crisis_id, message_id,
             phone, language, sender, :now, :now
      FROM due WHERE NOT done
      ON CONFLICT (dedupe_key) DO NOTHING""";

  private static final String SENT_BEFORE = DUE_BEFORE + """
          AND s.sent_at <= :before
      """ + NEXT_BEFORE;

  private static final String REMINDED_BEFORE = DUE_BEFORE + """
          AND EXISTS (SELECT 1 FROM sms_send r WHERE r.dedupe_key = 'reminder:' || s.crisis_id || ':' || s.phone
            AND r.state IN ('SENT', 'FAILED', 'OPTED_OUT') AND COALESCE(r.sent_at, r.status_at) <= :before)
      """ + NEXT_BEFORE;

  /** What an escalation did: how many it queued, each alert's step, the reminders and calls queued. */
  private record Escalated(int queued, List<String> steps, List<String> followUps) {}

  /** Reminds, settles the reminders, calls; with the statements as they were or as they are. Rolled back. */
  private static List<Escalated> escalate(boolean asBefore) {
    return f.jdbi.withHandle(h -> {
      h.begin();
      try {
        Instant now = Instant.now();
        Instant before = now.minus(Duration.ofHours(1));
        UUID[] activeIds = h.attach(CrisisDao.class).idsWithStatus(CrisisStatus.ACTIVE).toArray(UUID[]::new);
        assertThat(activeIds).contains(active.id()).doesNotContain(closed.id());
        SmsDao sms = h.attach(SmsDao.class);
        List<Escalated> out = new ArrayList<>();
        int reminders = asBefore ? run(h, SENT_BEFORE, 0, 1, SmsKind.REMINDER, before, now)
            : sms.escalateSentBefore(0, 1, SmsKind.REMINDER, before, activeIds, now);
        out.add(state(h, reminders));
        h.createUpdate("UPDATE sms_send SET state = 'SENT', sent_at = :at WHERE kind = 'REMINDER'")
            .bind("at", before.minusSeconds(60)).execute();
        int calls = asBefore ? run(h, REMINDED_BEFORE, 1, 2, SmsKind.CALL, now, now)
            : sms.escalateRemindedBefore(1, 2, SmsKind.CALL, now, activeIds, now);
        out.add(state(h, calls));
        return out;
      } finally {
        h.rollback();
      }
    });
  }

  private static int run(Handle h, String sql, int from, int to, SmsKind kind, Instant before, Instant now) {
    return h.createUpdate(sql).bind("from", from).bind("to", to).bind("kind", kind).bind("before", before)
        .bind("now", now).execute();
  }

  private static Escalated state(Handle h, int queued) {
    return new Escalated(queued,
        h.createQuery("SELECT dedupe_key || ' ' || escalation FROM sms_send WHERE kind = 'ALERT' ORDER BY 1")
            .mapTo(String.class).list(),
        h.createQuery("SELECT dedupe_key FROM sms_send WHERE kind IN ('REMINDER', 'CALL') ORDER BY 1")
            .mapTo(String.class).list());
  }

  @Test
  void theEscalationTakesTheSameRowsWithTheActiveCrisesGiven() {
    List<Escalated> before = escalate(true);
    List<Escalated> now = escalate(false);
    assertThat(now).isEqualTo(before);
    // Something happened either way: the closed crisis's alerts are done with, the silent of the active one reminded.
    assertThat(now.get(0).queued()).isPositive();
    assertThat(now.get(0).steps()).anyMatch(s -> s.endsWith(" 9")).anyMatch(s -> s.endsWith(" 1"));
    assertThat(now.get(1).followUps()).anyMatch(k -> k.startsWith("call:"));
  }

  /** The assistance queue as one statement read it, with the registry's columns. */
  private static List<AssistanceRequest> assistanceBefore(String consulate, UUID crisis, String state,
      boolean urgent, int limit, int offset) {
    return f.jdbi.withHandle(h -> h.createQuery("""
            SELECT a.id, a.crisis_id, a.registration_id, a.consulate_id, r.given_name_latin, r.family_name_latin,
                   r.phone, p.body, a.state, a.created_at, array_to_string(r.vulnerabilities, ',') AS vulnerabilities,
                   jsonb_array_length(r.household) AS household, a.taken_by, a.taken_at, a.closed_by, a.closed_at,
                   a.outcome
            FROM assistance_request a JOIN registration r ON r.id = a.registration_id
            JOIN sms_reply p ON p.id = a.reply_id
            WHERE (CAST(:consulate AS text) IS NULL OR a.consulate_id = :consulate)
              AND (CAST(:crisis AS uuid) IS NULL OR a.crisis_id = :crisis)
              AND (CAST(:state AS text) IS NULL OR a.state = :state)
            ORDER BY CASE WHEN :urgent THEN cardinality(r.vulnerabilities) > 0 END DESC,
                     CASE WHEN :urgent THEN a.created_at END DESC, a.created_at, a.id
            LIMIT :limit OFFSET :offset""")
        .bind("consulate", consulate).bind("crisis", crisis).bind("state", state).bind("urgent", urgent)
        .bind("limit", limit).bind("offset", offset)
        .map((rs, ctx) -> {
          String v = rs.getString("vulnerabilities");
          return new AssistanceRequest(rs.getObject("id", UUID.class), rs.getObject("crisis_id", UUID.class),
              rs.getObject("registration_id", UUID.class), rs.getString("consulate_id"),
              rs.getString("given_name_latin"), rs.getString("family_name_latin"), rs.getString("phone"),
              rs.getString("body"), rs.getString("state"), rs.getTimestamp("created_at").toInstant(),
              v == null || v.isEmpty() ? List.of() : List.of(v.split(",")), rs.getInt("household") + 1,
              rs.getString("taken_by"), instant(rs.getTimestamp("taken_at")), rs.getString("closed_by"),
              instant(rs.getTimestamp("closed_at")), rs.getString("outcome"));
        }).list());
  }

  private static Instant instant(java.sql.Timestamp t) {
    return t == null ? null : t.toInstant();
  }

  @Test
  void theAssistanceQueueIsTheSameInTheSameOrder() {
    CrisisFacts facts = new CrisisFacts() {
      @Override
      public boolean crisisExists(Handle h, UUID crisisId) {
        return h.attach(CrisisDao.class).exists(crisisId);
      }

      @Override
      public Map<String, Long> evacuationsByState(Handle h, UUID crisisId) {
        return Map.of();
      }
    };
    OutreachService outreach = new OutreachService(f.jdbi, new AuditTrail(f.jdbi, f.clock), f.clock, facts);
    int pages = 0;
    for (UUID crisis : new UUID[] {null, active.id(), closed.id()}) {
      for (boolean openOnly : new boolean[] {true, false}) {
        for (boolean urgent : new boolean[] {true, false}) {
          for (int[] page : new int[][] {{0, 200}, {0, 3}, {3, 3}, {6, 3}, {9, 3}}) {
            List<AssistanceRequest> now = outreach.assistance(Samples.CRISIS_CELL, crisis, openOnly, urgent,
                page[0], page[1]).items();
            assertThat(now).as("crisis %s, open only %s, urgent %s, page %s+%s", crisis, openOnly, urgent, page[0],
                page[1]).isEqualTo(assistanceBefore(null, crisis, openOnly ? "OPEN" : null, urgent, page[1],
                page[0]));
            pages += now.isEmpty() ? 0 : 1;
          }
        }
      }
    }
    assertThat(pages).isGreaterThan(20);
    List<AssistanceRequest> all = outreach.assistance(Samples.CRISIS_CELL, null, false, true, 0, 200).items();
    assertThat(all).hasSize(PEOPLE.size());
    assertThat(all.get(0).vulnerabilities()).isNotEmpty();
    assertThat(all.get(all.size() - 1).vulnerabilities()).isEmpty();
    // One request read by id, as taking it returns it.
    AssistanceRequest open = all.stream().filter(a -> a.state().equals("OPEN")).findFirst().orElseThrow();
    AssistanceRequest taken = outreach.take(Samples.CRISIS_CELL, open.id());
    assertThat(taken).isEqualTo(assistanceBefore(null, null, null, false, 200, 0).stream()
        .filter(a -> a.id().equals(open.id())).findFirst().orElseThrow());
    assertThat(taken.takenBy()).isEqualTo("cell");
  }
}
