package crisis.core.replies;

import static org.assertj.core.api.Assertions.assertThat;

import crisis.core.audit.AuditTrail;
import crisis.core.crisis.Crisis;
import crisis.core.crisis.CrisisDraft;
import crisis.core.crisis.CrisisInputs;
import crisis.core.crisis.CrisisService;
import crisis.core.crisis.ZoneInput;
import crisis.core.geo.CountryBoundaries;
import crisis.core.geo.ZoneParser;
import crisis.core.outreach.Keyword;
import crisis.core.outreach.Phrases;
import crisis.core.registry.Registration;
import crisis.core.registry.RegistrationService;
import crisis.core.registry.RegistrationValidator;
import crisis.core.testing.Samples;
import crisis.core.testing.TestDatabase;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What a citizen's SMS does, in the core, without the SMS side (issue 29: the rule lived in the alerts module's
 * inbox and was tested only through HTTP and Kafka).
 */
@Tag("db")
class RepliesTest {
  private static TestDatabase db;
  private static Jdbi jdbi;
  private static Crisis crisis;
  private static List<Registration> household;

  @BeforeAll
  static void start() {
    db = TestDatabase.create();
    jdbi = db.jdbi();
    Samples.consulates(jdbi);
    Clock clock = Clock.systemUTC();
    RegistrationService registrations = new RegistrationService(jdbi, new RegistrationValidator(),
        new AuditTrail(jdbi, clock), clock);
    CrisisService crises = new CrisisService(jdbi, new CrisisInputs(new ZoneParser(10_000),
        new CountryBoundaries()), clock);
    Crisis draft = crises.create(Samples.CRISIS_CELL, new CrisisDraft("Floods", "FLOOD", "SEVERE",
        List.of(new ZoneInput("France", null, null, "FR")), null, List.of(Map.of("fr", "Restez chez vous."))));
    crisis = crises.activate(Samples.CRISIS_CELL, draft.id());
    household = List.of(registrations.create(Samples.CRISIS_CELL, Samples.parisian(7001)),
        registrations.create(Samples.CRISIS_CELL, Samples.parisian(7002)));
  }

  @AfterAll
  static void stop() {
    db.drop();
  }

  /** A reply as the inbox stores it (the SMS side's row, which statuses and requests point to), then recorded. */
  private static Replies.Outcome reply(Keyword keyword, String latestLanguage, List<Registration> people) {
    UUID id = UUID.randomUUID();
    return jdbi.inTransaction(h -> {
      h.createUpdate("INSERT INTO sms_reply (id, sid, phone, body, keyword, crisis_id, received_at) "
          + "VALUES (:id, :sid, '+33612340000', :body, :keyword, :crisis, now())").bind("id", id)
          .bind("sid", "SM" + id).bind("body", keyword.name()).bind("keyword", keyword.name())
          .bind("crisis", crisis.id()).execute();
      return Replies.record(h, id, "+33612340000", keyword, crisis.id(), latestLanguage, people.stream()
          .map(r -> new Replies.Speaker(r.id(), r.data().consulateId(), r.data().preferredLanguage().code()))
          .toList(), Instant.now());
    });
  }

  private static long count(String sql) {
    return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
  }

  @Test
  void helpSetsEveryonesStatusOpensTheirAssistanceAndIsAcknowledgedInTheLatestMessagesLanguage() {
    // The household registered in Arabic; the alert they answer went out in French.
    Replies.Outcome o = reply(Keyword.HELP, "fr", household);
    assertThat(o.ackLanguage()).isEqualTo("fr");
    assertThat(o.ackText()).isEqualTo(Phrases.get(Phrases.Key.ACK_HELP, "fr"));
    assertThat(o.optOut()).isFalse();
    assertThat(count("SELECT count(*) FROM citizen_status WHERE crisis_id = '" + crisis.id()
        + "' AND status = 'NEEDS_HELP'")).isEqualTo(2);
    assertThat(count("SELECT count(*) FROM assistance_request WHERE crisis_id = '" + crisis.id() + "'"))
        .isEqualTo(2);
  }

  @Test
  void leaveOpensTheHouseholdsRequestOnceAndStayCancelsIt() {
    reply(Keyword.LEAVE, null, household);
    reply(Keyword.LEAVE, null, household);
    assertThat(count("SELECT count(*) FROM evacuation_request WHERE crisis_id = '" + crisis.id()
        + "' AND state = 'OPEN'")).isEqualTo(1);
    Replies.Outcome stay = reply(Keyword.STAY, null, household);
    assertThat(stay.ackLanguage()).as("without a latest message: the first person's").isEqualTo(
        Phrases.languageOf(household.get(0).data().preferredLanguage().code()));
    assertThat(count("SELECT count(*) FROM evacuation_request WHERE crisis_id = '" + crisis.id()
        + "' AND state = 'CANCELLED'")).isEqualTo(1);
  }

  @Test
  void stopStopsThePhoneWithoutAnAnswerAndNobodyToSpeakForGetsNone() {
    Replies.Outcome stop = reply(Keyword.STOP, "fr", household);
    assertThat(stop.optOut()).isTrue();
    assertThat(stop.ackText()).isNull();
    Replies.Outcome nobody = reply(Keyword.SAFE, "fr", List.of());
    assertThat(nobody.ackText()).isNull();
  }
}
