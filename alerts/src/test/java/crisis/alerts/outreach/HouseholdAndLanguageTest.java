package crisis.alerts.outreach;

import static org.assertj.core.api.Assertions.assertThat;

import crisis.alerts.pipeline.Alert;
import crisis.core.crisis.Crisis;
import crisis.core.crisis.CrisisDraft;
import crisis.core.crisis.ZoneInput;
import crisis.core.registry.Language;
import crisis.core.registry.Registration;
import crisis.core.registry.RegistrationData;
import crisis.core.testing.ManualClock;
import crisis.core.testing.Poll;
import crisis.core.testing.Samples;
import crisis.standin.LocalTwilio;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The household window on a clock the test moves: an alert SMS waits for the alerts of the others sharing its phone,
 * and leaves once with every name; and the language an SMS is written in when the crisis has no text in the
 * person's own (the first of the crisis's fallback order that is written).
 */
class HouseholdAndLanguageTest {
  static final Duration WINDOW = Duration.ofMinutes(2);
  static OutreachFixture f;
  static LocalTwilio twilio;

  @BeforeAll
  static void start() throws Exception {
    f = new OutreachFixture();
    twilio = new LocalTwilio();
  }

  @AfterAll
  static void stop() {
    twilio.close();
    f.close();
  }

  private static OutreachSettings settings() {
    OutreachSettings s = OutreachFixture.settings(50, null);
    return new OutreachSettings(s.senders(), s.statusCallbackUrl(), s.workers(), WINDOW, s.inFlightTimeout(),
        s.lookupDelay(), s.maxAttempts(), s.retryBase(), s.retryMax(), s.reminderAfter(), s.callAfter(),
        s.escalationEvery());
  }

  private static Alert alert(Crisis c, Registration r, Instant at) {
    var m = c.messages().get(0);
    return new Alert(Alert.idOf(m.id(), r.id()), c.id(), m.id(), m.seq(), r.id(),
        r.data().preferredLanguage().code(), at);
  }

  @Test
  void anAlertSmsWaitsForTheHouseholdThenLeavesOnceNamingEveryone() throws Exception {
    ManualClock clock = new ManualClock(Instant.now());
    Crisis crisis = f.activeCrisis();
    List<Registration> family = f.people(300, 2, "+33698765499");
    OutreachSettings settings = settings();
    AlertIngest ingest = new AlertIngest(f.jdbi, null, null, settings.senders(), WINDOW, clock);
    Dispatcher dispatcher = new Dispatcher(f.jdbi, OutreachFixture.gateway(twilio, Duration.ofSeconds(5)), settings,
        new DeliveryReports(f.jdbi, clock), clock);
    dispatcher.start();
    try {
      ingest.store(List.of(alert(crisis, family.get(0), clock.instant())));
      clock.advance(WINDOW.dividedBy(2));
      ingest.store(List.of(alert(crisis, family.get(1), clock.instant())));
      long rounds = dispatcher.rounds();
      Poll.until(Duration.ofSeconds(30), () -> dispatcher.rounds() >= rounds + 2, "two claim rounds inside the window");
      assertThat(twilio.createdFor("+33698765499")).as("nothing before the window ends").isEmpty();

      clock.advance(WINDOW.dividedBy(2));
      Poll.until(Duration.ofSeconds(30), () -> !twilio.createdFor("+33698765499").isEmpty(), "the household's SMS");
      String body = twilio.createdFor("+33698765499").get(0).body();
      assertThat(body).contains(family.get(0).data().givenNameLatin(), family.get(1).data().givenNameLatin());
      long after = dispatcher.rounds();
      Poll.until(Duration.ofSeconds(30), () -> dispatcher.rounds() >= after + 2, "two more rounds");
      assertThat(twilio.createdFor("+33698765499")).hasSize(1);
    } finally {
      dispatcher.close();
    }
  }

  @Test
  void withoutATextInTheirLanguagePeopleGetTheFirstOfTheFallbackOrder() throws Exception {
    // Texts in Arabic and French only; English and Spanish speakers.
    Map<String, String> texts = Map.of("ar", OutreachFixture.TEXTS.get("ar"), "fr", OutreachFixture.TEXTS.get("fr"));
    Crisis frenchFirst = f.crises.activate(Samples.CRISIS_CELL, f.crises.create(Samples.CRISIS_CELL,
        new CrisisDraft("Storm", "STORM", "SEVERE", List.of(new ZoneInput("France", null, null, "FR")),
            List.of("es", "fr", "ar"), List.of(texts))).id());
    Crisis byDefault = f.crises.activate(Samples.CRISIS_CELL, f.crises.create(Samples.CRISIS_CELL,
        new CrisisDraft("Heat", "HEAT", "WARNING", List.of(new ZoneInput("France", null, null, "FR")), null,
            List.of(texts))).id());
    Registration english = f.registrations.create(Samples.CRISIS_CELL, speaking(Samples.parisian(310), Language.EN,
        "+33698765410"));
    Registration arabic = f.registrations.create(Samples.CRISIS_CELL, speaking(Samples.parisian(311), Language.AR,
        "+33698765411"));
    ManualClock clock = new ManualClock(Instant.now());
    OutreachSettings settings = OutreachFixture.settings(50, null);
    AlertIngest ingest = new AlertIngest(f.jdbi, null, null, settings.senders(), Duration.ZERO, clock);
    ingest.store(List.of(alert(frenchFirst, english, clock.instant()), alert(byDefault, english, clock.instant()),
        alert(frenchFirst, arabic, clock.instant())));
    Dispatcher dispatcher = new Dispatcher(f.jdbi, OutreachFixture.gateway(twilio, Duration.ofSeconds(5)), settings,
        new DeliveryReports(f.jdbi, clock), clock);
    dispatcher.start();
    try {
      Poll.until(Duration.ofSeconds(30), () -> twilio.createdFor("+33698765410").size() == 2
          && twilio.createdFor("+33698765411").size() == 1, "three SMS");
    } finally {
      dispatcher.close();
    }
    // Spanish is asked for first but not written: French, the next. The default order (ar, fr, en): Arabic.
    assertThat(twilio.createdFor("+33698765410")).extracting(LocalTwilio.Created::body)
        .containsExactlyInAnyOrder(OutreachFixture.TEXTS.get("fr"), OutreachFixture.TEXTS.get("ar"));
    assertThat(twilio.createdFor("+33698765411").get(0).body()).as("their own language when written")
        .isEqualTo(OutreachFixture.TEXTS.get("ar"));
  }

  private static RegistrationData speaking(RegistrationData d, Language language, String phone) {
    return new RegistrationData(d.externalId(), d.givenNameLatin(), d.familyNameLatin(), d.givenNameArabic(),
        d.familyNameArabic(), d.dateOfBirth(), d.sex(), d.nationalId(), d.passportNumber(), phone, d.email(),
        language, d.address(), d.location(), d.countryOfResidence(), d.consulateId(), d.residenceType(),
        d.stayPurpose(), d.arrivalDate(), d.departureDate(), d.household(), d.vulnerabilities(),
        d.emergencyContact(), d.consent());
  }
}
