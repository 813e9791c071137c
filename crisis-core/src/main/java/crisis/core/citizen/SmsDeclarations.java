package crisis.core.citizen;

import com.fasterxml.jackson.databind.node.ObjectNode;
import crisis.core.citizen.db.SmsDialogueDao;
import crisis.core.common.Json;
import crisis.core.common.TextFold;
import crisis.core.common.ValidationException;
import crisis.core.consulate.ConsulateDao;
import crisis.core.country.Country;
import crisis.core.country.CountryDao;
import crisis.core.geo.Gazetteer;
import crisis.core.registry.Consent;
import crisis.core.registry.ConsentMethod;
import crisis.core.registry.ConsentPurpose;
import crisis.core.registry.HouseholdMember;
import crisis.core.registry.Language;
import crisis.core.registry.Location;
import crisis.core.registry.LocationSource;
import crisis.core.registry.PendingRegistrations;
import crisis.core.registry.RegistrationData;
import crisis.core.registry.Relation;
import crisis.core.registry.ResidenceType;
import crisis.core.registry.Sex;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;

/**
 * Registering by SMS alone, for those without data (issue 34): {@code INSCRIPTION}, {@code تسجيل} or {@code REGISTER}
 * (or {@code TASJIL}, the Arabic word in Latin letters) to the number starts a dialogue of one question per SMS, in
 * the start word's language: the country, the city, the full name in Latin letters, the birth date, the sex, the
 * people with them, the consent to be contacted in a crisis, and last the passport or national ID number — asked last
 * so that it is never kept here: the declaration is written as it arrives, pending its consulate's confirmation like
 * the page's (consent by {@code PHONE}). An answer that does not fit is asked again; {@code STOP} or a no ends the
 * dialogue and keeps nothing. A dialogue left unanswered for {@link #ABANDONED} is forgotten. The SMS of a dialogue
 * are kept as replies without their text (names, dates, numbers): the caller stores none.
 */
public final class SmsDeclarations {
  /** How long an unanswered dialogue waits before it is forgotten. */
  public static final Duration ABANDONED = Duration.ofDays(1);

  /** The questions, in order (the {@code step} a dialogue is at). */
  public enum Step { COUNTRY, CITY, NAME, BIRTH, SEX, HOUSEHOLD, CONSENT, DOCUMENT }

  /** What to answer an SMS of a dialogue, in its language. */
  public record Reply(String language, String text) {}

  private static final Map<String, String> STARTS = Map.of("INSCRIPTION", "fr", "تسجيل", "ar", "REGISTER", "en",
      "TASJIL", "ar", "TASJEEL", "ar", "TASJIIL", "ar");
  private static final Set<String> YES = Set.of("OUI", "YES", "نعم", "NAAM", "NAM", "OK", "1");
  private static final Set<String> NO = Set.of("NON", "NO", "لا", "LA", "2");
  private static final Pattern DATE = Pattern.compile("(\\d{1,2})[/.\\- ](\\d{1,2})[/.\\- ](\\d{4})");
  private static final Pattern ISO_DATE = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})");
  private static final Pattern CARD = Pattern.compile("[A-Z]{1,2}[0-9]{1,6}");

  private static final Map<String, Map<Step, String>> QUESTIONS = Map.of(
      "fr", Map.of(
          Step.COUNTRY, "Inscription consulaire. Dans quel pays êtes-vous ? (ex. : France)",
          Step.CITY, "Dans quelle ville ?",
          Step.NAME, "Votre prénom et votre nom, en lettres latines, comme sur votre passeport ?",
          Step.BIRTH, "Votre date de naissance ? (JJ/MM/AAAA)",
          Step.SEX, "Femme ou homme ? Répondez F ou H.",
          Step.HOUSEHOLD, "Les personnes avec vous : leurs noms, séparés par des virgules (0 si vous êtes seul).",
          Step.CONSENT, "Acceptez-vous que le consulat vous contacte en cas de crise ? OUI ou NON",
          Step.DOCUMENT, "Dernière question : le numéro de votre passeport ou de votre carte nationale ?"),
      "ar", Map.of(
          Step.COUNTRY, "التسجيل القنصلي. في أي بلد أنتم؟ (مثلا: فرنسا)",
          Step.CITY, "في أي مدينة؟",
          Step.NAME, "اسمكم الشخصي والعائلي بالحروف اللاتينية، كما في جواز السفر؟",
          Step.BIRTH, "تاريخ ازديادكم؟ (يوم/شهر/سنة)",
          Step.SEX, "امرأة أم رجل؟ أجيبوا بـ F أو M.",
          Step.HOUSEHOLD, "الأشخاص الذين معكم: أسماؤهم مفصولة بفواصل (0 إذا كنتم بمفردكم).",
          Step.CONSENT, "هل توافقون على أن تتصل بكم القنصلية عند وقوع أزمة؟ نعم أو لا",
          Step.DOCUMENT, "السؤال الأخير: رقم جواز سفركم أو بطاقتكم الوطنية؟"),
      "en", Map.of(
          Step.COUNTRY, "Consular registration. Which country are you in? (e.g. France)",
          Step.CITY, "Which city?",
          Step.NAME, "Your given name and family name, in Latin letters, as in your passport?",
          Step.BIRTH, "Your date of birth? (DD/MM/YYYY)",
          Step.SEX, "Woman or man? Answer F or M.",
          Step.HOUSEHOLD, "The people with you: their names, separated by commas (0 if you are alone).",
          Step.CONSENT, "Do you agree that the consulate contacts you in a crisis? YES or NO",
          Step.DOCUMENT, "Last question: your passport or national ID card number?"));
  private static final Map<String, String> AGAIN = Map.of("fr", "Réponse non comprise. ", "ar", "لم نفهم الجواب. ",
      "en", "Answer not understood. ");
  private static final Map<String, String> DONE = Map.of(
      "fr", "Merci. Votre inscription est reçue ; le consulat va la confirmer. En cas de crise, vous serez prévenu par "
          + "SMS dès maintenant.",
      "ar", "شكرا. توصلنا بتسجيلكم، وستؤكده القنصلية. ستتوصلون منذ الآن برسالة قصيرة عند وقوع أزمة.",
      "en", "Thank you. Your registration is received; the consulate will confirm it. You will be alerted by SMS in a "
          + "crisis from now on.");
  private static final Map<String, String> ENDED = Map.of(
      "fr", "Inscription arrêtée : rien n'a été gardé. Envoyez INSCRIPTION pour recommencer.",
      "ar", "توقف التسجيل ولم يُحفظ أي شيء. أرسلوا تسجيل للبدء من جديد.",
      "en", "Registration stopped: nothing was kept. Send REGISTER to start again.");
  private static final Map<String, String> REFUSED = Map.of(
      "fr", "L'inscription n'a pas pu être faite (%s). Inscrivez-vous sur la page du consulat, ou appelez-le.",
      "ar", "تعذر التسجيل (%s). سجلوا في صفحة القنصلية أو اتصلوا بها.",
      "en", "The registration could not be made (%s). Register on the consulate's page, or call it.");

  private final PendingRegistrations pending;
  private final java.util.function.Supplier<Gazetteer> gazetteer;

  /** @param gazetteer the city names, asked for only when a declaration is written (it takes seconds to load) */
  public SmsDeclarations(PendingRegistrations pending, java.util.function.Supplier<Gazetteer> gazetteer) {
    this.pending = pending;
    this.gazetteer = gazetteer;
  }

  /** Whether an SMS starts a registration: one of the start words alone. */
  public static boolean starts(String body) {
    return STARTS.containsKey(TextFold.fold(body));
  }

  /**
   * Takes an SMS from {@code phone} in the caller's transaction, if it belongs to a registration: a start word, or an
   * answer while the phone's dialogue is open. The reply to send; empty when the SMS is none of this.
   */
  public Optional<Reply> receive(Handle h, String phone, String body, Instant now) {
    SmsDialogueDao dao = h.attach(SmsDialogueDao.class);
    String folded = TextFold.fold(body);
    String startLanguage = STARTS.get(folded);
    if (startLanguage != null) {
      dao.start(phone, startLanguage, Step.COUNTRY, now);
      return Optional.of(new Reply(startLanguage, QUESTIONS.get(startLanguage).get(Step.COUNTRY)));
    }
    Optional<SmsDialogueDao.Dialogue> open = dao.lock(phone, now.minus(ABANDONED));
    if (open.isEmpty()) {
      return Optional.empty();
    }
    SmsDialogueDao.Dialogue d = open.get();
    String language = d.language();
    Step step = d.step();
    if ("STOP".equals(folded)) {
      // Ended, and the STOP itself is the inbox's to carry out (the phone opted out, its acknowledgement).
      dao.end(phone);
      return Optional.empty();
    }
    if (step == Step.CONSENT && NO.contains(folded)) {
      dao.end(phone);
      return Optional.of(new Reply(language, ENDED.get(language)));
    }
    ObjectNode answers = (ObjectNode) Json.read(d.answers(), com.fasterxml.jackson.databind.JsonNode.class);
    String answer = body == null ? "" : body.strip();
    boolean taken = switch (step) {
      case COUNTRY -> country(h, folded).map(iso -> answers.put("country", iso)).isPresent();
      case CITY -> city(answer, answers);
      case NAME -> name(answer, answers);
      case BIRTH -> birth(answer).map(day -> answers.put("birth", day.toString())).isPresent();
      case SEX -> sex(folded).map(s -> answers.put("sex", s.name())).isPresent();
      case HOUSEHOLD -> household(answer, answers);
      case CONSENT -> YES.contains(folded);
      case DOCUMENT -> true;
    };
    if (!taken) {
      return Optional.of(new Reply(language, AGAIN.get(language) + QUESTIONS.get(language).get(step)));
    }
    if (step != Step.DOCUMENT) {
      Step next = Step.values()[step.ordinal() + 1];
      dao.advance(phone, next, Json.write(answers), now);
      return Optional.of(new Reply(language, QUESTIONS.get(language).get(next)));
    }
    return Optional.of(declare(h, phone, language, answers, answer.toUpperCase(Locale.ROOT).replace(" ", ""), now));
  }

  /** The declaration the answers make with the document number, written pending; the dialogue ends either way. */
  private Reply declare(Handle h, String phone, String language, ObjectNode a, String document, Instant now) {
    String country = a.get("country").asText();
    String consulate = h.attach(ConsulateDao.class).firstFor(country).orElse(null);
    Gazetteer.Match place = gazetteer.get().locate(country, a.get("city").asText());
    Location point = place.found()
        ? new Location(place.place().latitude(), place.place().longitude(), LocationSource.GEOCODED) : null;
    List<HouseholdMember> members = new ArrayList<>();
    a.withArray("household").forEach(n -> members.add(new HouseholdMember(n.asText(), Relation.OTHER, null, null)));
    Language preferred = Language.valueOf(language.toUpperCase(Locale.ROOT));
    Consent consent = new Consent(java.util.EnumSet.of(ConsentPurpose.CRISIS_CONTACT), now, ConsentMethod.PHONE);
    // A national ID card's number is one or two letters and up to six digits (the kingdom's CIN); any other, a
    // passport's.
    boolean card = CARD.matcher(document).matches();
    RegistrationData checked;
    try {
      checked = pending.check(data(a, phone, preferred, country, consulate, point, members, consent,
          card ? document : null, card ? null : document));
    } catch (ValidationException e) {
      if (e.errors().stream().allMatch(f -> f.field().equals(card ? "nationalId" : "passportNumber"))) {
        return new Reply(language, AGAIN.get(language) + QUESTIONS.get(language).get(Step.DOCUMENT));
      }
      h.attach(SmsDialogueDao.class).end(phone);
      return new Reply(language, String.format(Locale.ROOT, REFUSED.get(language),
          String.join(", ", e.errors().stream().map(f -> f.field()).distinct().toList())));
    }
    h.attach(SmsDialogueDao.class).end(phone);
    pending.declare(h, checked);
    return new Reply(language, DONE.get(language));
  }

  private static RegistrationData data(ObjectNode a, String phone, Language preferred, String country,
      String consulate, Location point, List<HouseholdMember> members, Consent consent, String nationalId,
      String passport) {
    return new RegistrationData(null, a.get("given").asText(), a.get("family").asText(), null, null,
        LocalDate.parse(a.get("birth").asText()), Sex.valueOf(a.get("sex").asText()), nationalId, passport, phone,
        null, preferred, a.get("city").asText(), point, country, consulate, ResidenceType.RESIDENT, null, null, null,
        members, java.util.EnumSet.noneOf(crisis.core.registry.Vulnerability.class), null, consent);
  }

  /** A country a consulate covers, by its code or its name in Arabic, French or English. */
  private static Optional<String> country(Handle h, String folded) {
    for (Country c : h.attach(CountryDao.class).list()) {
      if (folded.equals(c.iso2()) || folded.equals(TextFold.fold(c.nameFr())) || folded.equals(TextFold.fold(
          c.nameEn())) || folded.equals(TextFold.fold(c.nameAr()))) {
        return h.attach(ConsulateDao.class).firstFor(c.iso2()).map(x -> c.iso2());
      }
    }
    return Optional.empty();
  }

  private static boolean city(String answer, ObjectNode answers) {
    if (answer.isEmpty() || answer.length() > 100) {
      return false;
    }
    answers.put("city", answer);
    return true;
  }

  /** A full name in Latin letters: the first word the given name, the rest the family name. */
  private static boolean name(String answer, ObjectNode answers) {
    String[] words = answer.strip().split("\\s+");
    if (words.length < 2 || answer.length() > 200 || !answer.matches("[\\p{IsLatin}' .-]+")) {
      return false;
    }
    answers.put("given", words[0]);
    answers.put("family", String.join(" ", java.util.Arrays.copyOfRange(words, 1, words.length)));
    return true;
  }

  /** A birth date, day first (or ISO), in Western or Arabic-Indic digits. */
  static Optional<LocalDate> birth(String answer) {
    String digits = westernDigits(answer.strip());
    try {
      Matcher iso = ISO_DATE.matcher(digits);
      if (iso.matches()) {
        return Optional.of(LocalDate.parse(digits));
      }
      Matcher m = DATE.matcher(digits);
      if (m.matches()) {
        return Optional.of(LocalDate.of(Integer.parseInt(m.group(3)), Integer.parseInt(m.group(2)),
            Integer.parseInt(m.group(1))));
      }
    } catch (java.time.DateTimeException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  private static Optional<Sex> sex(String folded) {
    return switch (folded) {
      case "F", "FEMME", "WOMAN", "امراة", "انثى" -> Optional.of(Sex.F);
      case "M", "H", "HOMME", "MAN", "رجل", "ذكر" -> Optional.of(Sex.M);
      default -> Optional.empty();
    };
  }

  /** "0" (alone), or the names of the people with them, separated by commas (12 at most). */
  private static boolean household(String answer, ObjectNode answers) {
    var list = answers.putArray("household");
    if (westernDigits(answer).equals("0")) {
      return true;
    }
    String[] names = answer.split("[,،;\\n]");
    if (names.length > Declarations.HOUSEHOLD_MAX) {
      return false;
    }
    for (String n : names) {
      String name = n.strip();
      if (name.isEmpty() || name.matches("\\d+") || name.length() > 200) {
        return false;
      }
      list.add(name);
    }
    return true;
  }

  private static String westernDigits(String s) {
    StringBuilder b = new StringBuilder(s.length());
    s.codePoints().forEach(c -> b.appendCodePoint(c >= 0x0660 && c <= 0x0669 ? '0' + (c - 0x0660)
        : c >= 0x06F0 && c <= 0x06F9 ? '0' + (c - 0x06F0) : c));
    return b.toString();
  }
}
