package crisis.alerts.outreach;

import crisis.alerts.pipeline.Alert;
import crisis.standin.LocalTwilio;
import crisis.alerts.sms.TwilioGateway;
import crisis.core.audit.AuditTrail;
import crisis.core.crisis.Crisis;
import crisis.core.crisis.CrisisDraft;
import crisis.core.crisis.CrisisMessage;
import crisis.core.crisis.CrisisInputs;
import crisis.core.crisis.CrisisService;
import crisis.core.crisis.ZoneInput;
import crisis.core.geo.CountryBoundaries;
import crisis.core.geo.ZoneParser;
import crisis.core.outreach.Sender;
import crisis.core.outreach.SenderPlan;
import crisis.core.registry.Registration;
import crisis.core.registry.RegistrationData;
import crisis.core.registry.RegistrationService;
import crisis.core.registry.RegistrationValidator;
import crisis.core.registry.ZoneSearch;
import crisis.core.testing.Samples;
import crisis.core.testing.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;

/** A database with the Paris consulate, people in Paris, and an active crisis over France with one message. */
final class OutreachFixture implements AutoCloseable {
  static final Map<String, String> TEXTS = Map.of(
      "ar", "ابقوا في منازلكم. أجيبوا 1 إذا كنتم في أمان، 2 إذا احتجتم إلى مساعدة.",
      "fr", "Restez chez vous. Répondez 1 si vous êtes en sécurité, 2 si vous avez besoin d'aide.",
      "en", "Stay at home. Reply 1 if you are safe, 2 if you need help.");

  static final String[] NAMES = {"Amina", "Karim", "Sara", "Nadia", "Omar", "Leila", "Yanis"};

  final TestDatabase db = TestDatabase.create();
  final Jdbi jdbi = db.jdbi();
  final Clock clock = Clock.systemUTC();
  final RegistrationService registrations;
  final CrisisService crises;

  OutreachFixture() {
    Samples.consulates(jdbi);
    AuditTrail audit = new AuditTrail(jdbi, clock);
    registrations = new RegistrationService(jdbi, new RegistrationValidator(), audit, clock);
    crises = new CrisisService(jdbi, new CrisisInputs(new ZoneParser(10_000), new CountryBoundaries()), clock);
  }

  Crisis activeCrisis() {
    Crisis c = crises.create(Samples.CRISIS_CELL, new CrisisDraft("Floods", "FLOOD", "SEVERE",
        List.of(new ZoneInput("France", null, null, "FR")), null, List.of(TEXTS)));
    return crises.activate(Samples.CRISIS_CELL, c.id());
  }

  /** People of Paris numbered from {@code first}, each with their own phone unless given one. */
  List<Registration> people(int first, int count, String sharedPhone) {
    List<Registration> out = new ArrayList<>();
    for (int i = first; i < first + count; i++) {
      RegistrationData d = Samples.parisian(i);
      if (sharedPhone != null) {
        d = Samples.withPhone(d, sharedPhone);
        d = new RegistrationData(d.externalId(), NAMES[i % NAMES.length], d.familyNameLatin(), null, null, d.dateOfBirth()
            .plusDays(i), d.sex(), d.nationalId(), d.passportNumber(), d.phone(), d.email(), d.preferredLanguage(),
            d.address(), d.location(), d.countryOfResidence(), d.consulateId(), d.residenceType(), d.stayPurpose(),
            d.arrivalDate(), d.departureDate(), d.household(), d.vulnerabilities(), d.emergencyContact(),
            d.consent());
      }
      out.add(registrations.create(Samples.CRISIS_CELL, d));
    }
    return out;
  }

  static List<Alert> alerts(Crisis c, CrisisMessage m, List<Registration> people) {
    return people.stream().map(r -> new Alert(Alert.idOf(m.id(), r.id()), c.id(), m.id(), m.seq(), r.id(),
        r.data().preferredLanguage().code(), Instant.now())).toList();
  }

  static OutreachSettings settings(double rate, String voiceFrom) {
    return new OutreachSettings(new SenderPlan(List.of(new Sender("world", "+15005550006", Set.of("*"),
            Sender.Kind.INTERNATIONAL, rate, voiceFrom))),
        null, 8, Duration.ZERO, Duration.ofSeconds(2), Duration.ofMillis(300), 12, Duration.ofMillis(50),
        Duration.ofMillis(400), Duration.ofHours(1), Duration.ofHours(1), Duration.ofSeconds(1));
  }

  /** The real Twilio SDK pointed at the local stand-in. */
  static TwilioGateway gateway(LocalTwilio twilio, Duration timeout) {
    return new TwilioGateway("AC00000000000000000000000000000000", "test-token", twilio.base(), timeout);
  }

  long count(String sql) {
    return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
  }

  @Override
  public void close() {
    db.drop();
  }
}
