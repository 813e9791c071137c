package crisis.alerts.outreach;

import static org.assertj.core.api.Assertions.assertThat;

import crisis.alerts.pipeline.Alert;
import crisis.core.crisis.Crisis;
import crisis.core.crisis.CrisisDraft;
import crisis.core.crisis.ZoneInput;
import crisis.core.registry.Registration;
import crisis.core.testing.Samples;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Anyone who can write to the {@code alerts} topic must not be able to have the system text people: an alert becomes
 * an SMS only for an active crisis, one of that crisis's messages and someone inside its zones; the others are refused, counted and returned
 * for the dead-letter topic, and nothing of them is written.
 */
@Tag("db")
class AlertIngestTest {
  static OutreachFixture f;
  static List<Registration> people;
  AlertIngest ingest;

  @BeforeAll
  static void start() {
    f = new OutreachFixture();
    people = f.people(9100, 3, null);
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  @BeforeEach
  void ingest() {
    f.jdbi.useHandle(h -> h.execute("TRUNCATE sms_recipient, sms_send CASCADE"));
    OutreachSettings settings = OutreachFixture.settings(40, null);
    ingest = new AlertIngest(f.jdbi, null, null, settings.senders(), Duration.ZERO, f.clock);
  }

  @Test
  void aHandWrittenAlertForAClosedCrisisSendsNothing() {
    Crisis c = f.activeCrisis();
    f.crises.close(Samples.CRISIS_CELL, c.id(), "over");
    Map<UUID, String> refused = ingest.store(OutreachFixture.alerts(c, c.messages().get(0), people));
    assertThat(refused).hasSize(3).allSatisfy((id, why) -> assertThat(why).isEqualTo("crisis is CLOSED"));
    assertThat(ingest.refused()).isEqualTo(3);
    assertThat(f.count("SELECT count(*) FROM sms_send")).isZero();
    assertThat(f.count("SELECT count(*) FROM sms_recipient")).isZero();
  }

  @Test
  void aDraftCrisisAndAnUnknownOneSendNothing() {
    Crisis draft = f.crises.create(Samples.CRISIS_CELL, new CrisisDraft("Not yet", "FLOOD", "SEVERE",
        List.of(new ZoneInput("France", null, null, "FR")), null, List.of(OutreachFixture.TEXTS)));
    List<Alert> alerts = new ArrayList<>(OutreachFixture.alerts(draft, draft.messages().get(0), people));
    Alert a = alerts.get(0);
    UUID unknown = UUID.randomUUID();
    alerts.add(new Alert(UUID.randomUUID(), unknown, a.messageId(), 1, a.registrationId(), "fr", a.at()));
    Map<UUID, String> refused = ingest.store(alerts);
    assertThat(refused.values()).containsOnly("crisis is DRAFT", "unknown crisis");
    assertThat(refused).hasSize(4);
    assertThat(f.count("SELECT count(*) FROM sms_send")).isZero();
  }

  @Test
  void aMessageOfAnotherCrisisIsRefusedWhileTheCrisissOwnGoesOut() {
    Crisis a = f.activeCrisis();
    Crisis b = f.activeCrisis();
    List<Alert> alerts = new ArrayList<>(OutreachFixture.alerts(a, a.messages().get(0), people.subList(0, 2)));
    Alert forged = OutreachFixture.alerts(a, b.messages().get(0), people.subList(2, 3)).get(0);
    alerts.add(forged);
    Map<UUID, String> refused = ingest.store(alerts);
    assertThat(refused).containsOnlyKeys(forged.id());
    assertThat(refused.get(forged.id())).isEqualTo("message is not one of this crisis's");
    assertThat(f.count("SELECT count(*) FROM sms_send")).isEqualTo(2);
    assertThat(f.count("SELECT count(*) FROM sms_send WHERE message_id = '" + b.messages().get(0).id() + "'"))
        .isZero();
  }

  /**
   * Issue 28 (3): an alert is checked against the crisis's zones as the database holds them before it becomes an SMS.
   * Before, a forged alert of an active crisis and its real message texted anyone, a resident of Tripoli for a
   * crisis over France included.
   */
  @Test
  void anAlertForSomeoneInNoneOfTheCrisissZonesIsRefused() {
    Crisis france = f.activeCrisis();
    Registration tripolitan = f.registrations.create(Samples.CRISIS_CELL, Samples.tripolitan(9200));
    Registration parisian = people.get(0);
    List<Alert> alerts = OutreachFixture.alerts(france, france.messages().get(0), List.of(parisian, tripolitan));
    Map<UUID, String> refused = ingest.store(alerts);
    assertThat(refused).containsOnlyKeys(alerts.get(1).id());
    assertThat(refused.get(alerts.get(1).id())).isEqualTo("the person is in none of the crisis's zones");
    assertThat(ingest.refused()).isEqualTo(1);
    assertThat(f.count("SELECT count(*) FROM sms_recipient WHERE registration_id = '" + tripolitan.id() + "'"))
        .isZero();
    assertThat(f.count("SELECT count(*) FROM sms_recipient WHERE registration_id = '" + parisian.id() + "'"))
        .isEqualTo(1);
  }
}
