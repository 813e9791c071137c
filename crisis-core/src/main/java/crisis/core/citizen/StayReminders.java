package crisis.core.citizen;

import crisis.core.country.Country;
import crisis.core.country.CountryDao;
import crisis.core.crisis.SmsSegments;
import crisis.core.outreach.SenderPlan;
import crisis.core.outreach.SmsKind;
import crisis.core.outreach.db.OutreachDao;
import crisis.core.registry.db.RegistrationDao;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;

/**
 * A few days before a trip's planned end, its traveller is asked by SMS whether they are still there (issue 34): the
 * end date ends the stay (the retention purge forgets it after its days), so one who stays longer says so, and one
 * who left earlier ends it. Once per trip and end date (the SMS's dedupe key), in the traveller's language, in the
 * codes' lane (kind {@code STAY}: after every other due SMS, so a crisis's alerts leave first); the page
 * named in it gives them a link to their own record. Run once per deployment, on the instance holding its lease.
 */
public final class StayReminders {
  /** How many days before its end a trip is reminded. */
  public static final int DAYS_BEFORE = 3;
  private static final int BATCH = 1000;

  private static final Map<String, String> TEXTS = Map.of(
      "ar", "ينتهي سفركم المصرح به إلى %s يوم %s. إذا بقيتم هناك مدة أطول، أخبروا القنصلية؛ ولإنهائه أو الاطلاع على "
          + "تسجيلكم:\n%s",
      "fr", "Votre séjour déclaré en %s se termine le %s. Si vous y restez plus longtemps, dites-le au consulat ; pour "
          + "le finir ou voir votre inscription :\n%s",
      "en", "Your declared stay in %s ends on %s. If you stay longer, tell the consulate; to end it or see your "
          + "registration:\n%s");

  private final Jdbi jdbi;
  private final SenderPlan senders;
  private final String pageUrl;
  private final Clock clock;

  public StayReminders(Jdbi jdbi, SenderPlan senders, String pageUrl, Clock clock) {
    this.jdbi = jdbi;
    this.senders = senders;
    this.pageUrl = pageUrl;
    this.clock = clock;
  }

  /**
   * Queues the reminders due today, a page of trips per transaction; how many were new (0 when every trip ending soon
   * was reminded already).
   */
  public int sendDue() {
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    Map<String, Country> countries = jdbi.withExtension(CountryDao.class, CountryDao::list).stream()
        .collect(Collectors.toMap(Country::iso2, Function.identity()));
    int queued = 0;
    LocalDate afterDate = today.minusDays(1);
    UUID afterId = new UUID(0, 0);
    while (true) {
      LocalDate fromDate = afterDate;
      UUID fromId = afterId;
      List<RegistrationDao.StayEnding> page = jdbi.withExtension(RegistrationDao.class,
          d -> d.staysEnding(today, today.plusDays(DAYS_BEFORE), fromDate, fromId, BATCH));
      if (page.isEmpty()) {
        return queued;
      }
      queued += queue(page, countries);
      RegistrationDao.StayEnding last = page.get(page.size() - 1);
      afterDate = last.departureDate();
      afterId = last.id();
    }
  }

  private int queue(List<RegistrationDao.StayEnding> ending, Map<String, Country> countries) {
    return jdbi.inTransaction(h -> {
      List<OutreachDao.Text> texts = ending.stream().map(s -> {
        String language = language(s.preferredLanguage());
        String text = text(language, countries.get(s.countryOfResidence()), s.countryOfResidence(),
            s.departureDate(), pageUrl);
        return new OutreachDao.Text(UUID.randomUUID(), "stay-end:" + s.id() + ":" + s.departureDate(),
            SmsKind.STAY, null, s.phone(), language, senders.route(s.phone()).name(), text,
            SmsSegments.of(text).segments(), clock.instant());
      }).toList();
      return texts.isEmpty() ? 0 : java.util.Arrays.stream(h.attach(OutreachDao.class).queueTexts(texts)).sum();
    });
  }

  static String text(String language, Country country, String iso2, LocalDate day, String pageUrl) {
    String name = country == null ? iso2 : switch (language) {
      case "ar" -> country.nameAr();
      case "en" -> country.nameEn();
      default -> country.nameFr();
    };
    Locale locale = "ar".equals(language) ? Locale.forLanguageTag("ar-MA") : Locale.forLanguageTag(language);
    String date = day.format(DateTimeFormatter.ofPattern("d MMMM yyyy", locale));
    return String.format(Locale.ROOT, TEXTS.get(language), name, date, pageUrl);
  }

  private static String language(String preferred) {
    String l = preferred == null ? "fr" : preferred.toLowerCase(Locale.ROOT);
    return TEXTS.containsKey(l) ? l : "fr";
  }
}
