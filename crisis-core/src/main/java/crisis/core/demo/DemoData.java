package crisis.core.demo;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import crisis.core.consulate.Consulate;
import crisis.core.registry.Consent;
import crisis.core.registry.ConsentMethod;
import crisis.core.registry.ConsentPurpose;
import crisis.core.registry.EmergencyContact;
import crisis.core.registry.HouseholdMember;
import crisis.core.registry.Language;
import crisis.core.registry.Location;
import crisis.core.registry.LocationSource;
import crisis.core.registry.RegistrationData;
import crisis.core.registry.Relation;
import crisis.core.registry.ResidenceType;
import crisis.core.registry.Sex;
import crisis.core.registry.StayPurpose;
import crisis.core.registry.Vulnerability;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Realistic, deterministic demo nationals: where the diaspora lives (Europe, the Gulf, North America) and in at-risk
 * countries, with households, languages, temporary stays and vulnerabilities at plausible rates. The same seed
 * always gives the same people. Not thread-safe: one generator per thread.
 *
 * <p>Its size is data: most of its lines are the table of cities and the lists of names that make the demo and the
 * benchmarks look like the real diaspora; the logic is a few short methods.
 */
public final class DemoData {

  /** A city where nationals live: centre, spread in km, relative weight, and the usual languages. */
  record City(String name, String country, String consulate, double lat, double lon, double spreadKm, int weight,
      Language[] languages) {}

  private static final Language[] EU_FR = {Language.AR, Language.AR, Language.FR, Language.FR, Language.ZGH};
  private static final Language[] EU_ES = {Language.AR, Language.AR, Language.ES, Language.FR, Language.ZGH};
  private static final Language[] EU_OTHER = {Language.AR, Language.AR, Language.FR, Language.EN, Language.ZGH};
  private static final Language[] GULF = {Language.AR, Language.AR, Language.AR, Language.EN, Language.FR};
  private static final Language[] NORTH_AMERICA = {Language.FR, Language.EN, Language.AR, Language.AR};
  private static final Language[] ARABIC = {Language.AR, Language.AR, Language.AR, Language.FR};

  static final List<City> CITIES = List.of(
      new City("Paris", "FR", "fr-paris", 48.8566, 2.3522, 14, 160, EU_FR),
      new City("Marseille", "FR", "fr-marseille", 43.2965, 5.3698, 8, 50, EU_FR),
      new City("Lyon", "FR", "fr-lyon", 45.7640, 4.8357, 8, 40, EU_FR),
      new City("Montpellier", "FR", "fr-marseille", 43.6108, 3.8767, 6, 25, EU_FR),
      new City("Toulouse", "FR", "fr-lyon", 43.6047, 1.4442, 7, 20, EU_FR),
      new City("Madrid", "ES", "es-madrid", 40.4168, -3.7038, 12, 60, EU_ES),
      new City("Barcelona", "ES", "es-barcelona", 41.3874, 2.1686, 10, 55, EU_ES),
      new City("Murcia", "ES", "es-madrid", 37.9922, -1.1307, 8, 25, EU_ES),
      new City("Milano", "IT", "it-milano", 45.4642, 9.1900, 10, 40, EU_OTHER),
      new City("Torino", "IT", "it-milano", 45.0703, 7.6869, 7, 25, EU_OTHER),
      new City("Bologna", "IT", "it-milano", 44.4949, 11.3426, 6, 15, EU_OTHER),
      new City("Bruxelles", "BE", "be-bruxelles", 50.8503, 4.3517, 7, 45, EU_FR),
      new City("Antwerpen", "BE", "be-bruxelles", 51.2194, 4.4025, 6, 20, EU_OTHER),
      new City("Amsterdam", "NL", "nl-amsterdam", 52.3676, 4.9041, 7, 30, EU_OTHER),
      new City("Rotterdam", "NL", "nl-amsterdam", 51.9244, 4.4777, 6, 25, EU_OTHER),
      new City("Utrecht", "NL", "nl-amsterdam", 52.0907, 5.1214, 5, 15, EU_OTHER),
      new City("Düsseldorf", "DE", "de-duesseldorf", 51.2277, 6.7735, 8, 25, EU_OTHER),
      new City("Frankfurt", "DE", "de-duesseldorf", 50.1109, 8.6821, 8, 20, EU_OTHER),
      new City("Berlin", "DE", "de-berlin", 52.5200, 13.4050, 10, 10, EU_OTHER),
      new City("Dubai", "AE", "ae-dubai", 25.2048, 55.2708, 12, 35, GULF),
      new City("Abu Dhabi", "AE", "ae-dubai", 24.4539, 54.3773, 10, 15, GULF),
      new City("Riyadh", "SA", "sa-riyadh", 24.7136, 46.6753, 15, 20, GULF),
      new City("Jeddah", "SA", "sa-jeddah", 21.4858, 39.1925, 10, 15, GULF),
      new City("Makkah", "SA", "sa-jeddah", 21.4225, 39.8262, 3, 15, ARABIC),
      new City("Doha", "QA", "qa-doha", 25.2854, 51.5310, 10, 20, GULF),
      new City("Montréal", "CA", "ca-montreal", 45.5019, -73.5674, 12, 30, NORTH_AMERICA),
      new City("Toronto", "CA", "ca-montreal", 43.6532, -79.3832, 14, 10, NORTH_AMERICA),
      new City("New York", "US", "us-newyork", 40.7128, -74.0060, 15, 20, NORTH_AMERICA),
      new City("Washington", "US", "us-newyork", 38.9072, -77.0369, 10, 8, NORTH_AMERICA),
      new City("Tripoli", "LY", "ly-tripoli", 32.8872, 13.1913, 10, 12, ARABIC),
      new City("Benghazi", "LY", "ly-tripoli", 32.1167, 20.0667, 8, 6, ARABIC),
      new City("Khartoum", "SD", "sd-khartoum", 15.5007, 32.5599, 10, 5, ARABIC),
      new City("Beirut", "LB", "lb-beirut", 33.8938, 35.5018, 6, 6, ARABIC),
      new City("Kyiv", "UA", "ua-kyiv", 50.4501, 30.5234, 10, 5, NORTH_AMERICA),
      new City("Kharkiv", "UA", "ua-kyiv", 49.9935, 36.2304, 8, 3, NORTH_AMERICA));

  /** The consulates of the demo and their jurisdictions. */
  public static List<Consulate> consulates() {
    return List.of(
        new Consulate("fr-paris", "Consulate General in Paris", "Paris", "FR", null, null, List.of("FR", "MC")),
        new Consulate("fr-marseille", "Consulate General in Marseille", "Marseille", "FR", null, null, List.of("FR")),
        new Consulate("fr-lyon", "Consulate General in Lyon", "Lyon", "FR", null, null, List.of("FR")),
        new Consulate("es-madrid", "Consulate General in Madrid", "Madrid", "ES", null, null, List.of("ES", "AD")),
        new Consulate("es-barcelona", "Consulate General in Barcelona", "Barcelona", "ES", null, null, List.of("ES")),
        new Consulate("it-milano", "Consulate General in Milan", "Milano", "IT", null, null,
            List.of("IT", "MT", "SM", "VA")),
        new Consulate("be-bruxelles", "Consulate General in Brussels", "Bruxelles", "BE", null, null,
            List.of("BE", "LU")),
        new Consulate("nl-amsterdam", "Consulate General in Amsterdam", "Amsterdam", "NL", null, null, List.of("NL")),
        new Consulate("de-duesseldorf", "Consulate General in Düsseldorf", "Düsseldorf", "DE", null, null,
            List.of("DE", "AT")),
        new Consulate("de-berlin", "Consular section in Berlin", "Berlin", "DE", null, null, List.of("DE", "PL")),
        new Consulate("ae-dubai", "Consulate General in Dubai", "Dubai", "AE", null, null, List.of("AE", "OM")),
        new Consulate("sa-riyadh", "Consular section in Riyadh", "Riyadh", "SA", null, null,
            List.of("SA", "BH", "KW")),
        new Consulate("sa-jeddah", "Consulate General in Jeddah", "Jeddah", "SA", null, null, List.of("SA")),
        new Consulate("qa-doha", "Consular section in Doha", "Doha", "QA", null, null, List.of("QA")),
        new Consulate("ca-montreal", "Consulate General in Montréal", "Montréal", "CA", null, null, List.of("CA")),
        new Consulate("us-newyork", "Consulate General in New York", "New York", "US", null, null, List.of("US")),
        new Consulate("ly-tripoli", "Consular section in Tripoli", "Tripoli", "LY", null, null, List.of("LY")),
        new Consulate("sd-khartoum", "Consular section in Khartoum", "Khartoum", "SD", null, null, List.of("SD")),
        new Consulate("lb-beirut", "Consular section in Beirut", "Beirut", "LB", null, null, List.of("LB", "SY")),
        new Consulate("ua-kyiv", "Consular section in Kyiv", "Kyiv", "UA", null, null, List.of("UA", "MD")));
  }

  /** Given names, Latin and Arabic script side by side. */
  private static final String[][] MALE = {{"Mohamed", "محمد"}, {"Ahmed", "أحمد"}, {"Youssef", "يوسف"},
      {"Omar", "عمر"}, {"Karim", "كريم"}, {"Hamza", "حمزة"}, {"Mehdi", "مهدي"}, {"Rachid", "رشيد"},
      {"Said", "سعيد"}, {"Amine", "أمين"}, {"Hassan", "حسن"}, {"Abdellah", "عبد الله"}, {"Khalid", "خالد"},
      {"Anas", "أنس"}, {"Ilyas", "إلياس"}, {"Driss", "إدريس"}, {"Mustapha", "مصطفى"}, {"Nabil", "نبيل"}};
  private static final String[][] FEMALE = {{"Fatima", "فاطمة"}, {"Khadija", "خديجة"}, {"Aicha", "عائشة"},
      {"Meryem", "مريم"}, {"Salma", "سلمى"}, {"Imane", "إيمان"}, {"Nadia", "نادية"}, {"Zineb", "زينب"},
      {"Hanane", "حنان"}, {"Samira", "سميرة"}, {"Yasmine", "ياسمين"}, {"Houda", "هدى"}, {"Latifa", "لطيفة"},
      {"Soukaina", "سكينة"}, {"Naima", "نعيمة"}, {"Asmae", "أسماء"}, {"Karima", "كريمة"}, {"Loubna", "لبنى"}};
  private static final String[][] FAMILY = {{"El Amrani", "العمراني"}, {"Benali", "بنعلي"},
      {"El Idrissi", "الإدريسي"}, {"Alaoui", "العلوي"}, {"Bennani", "بناني"}, {"Tazi", "التازي"},
      {"Berrada", "برادة"}, {"Chraibi", "الشرايبي"}, {"El Fassi", "الفاسي"}, {"Ouazzani", "الوزاني"},
      {"Lahlou", "لحلو"}, {"Saidi", "السعيدي"}, {"Haddad", "حداد"}, {"Ziani", "الزياني"}, {"Kettani", "الكتاني"},
      {"Benjelloun", "بنجلون"}, {"El Mansouri", "المنصوري"}, {"Naciri", "الناصري"}, {"Sebti", "السبتي"},
      {"Bouazza", "بوعزة"}, {"Amghar", "أمغار"}, {"Ait Ouahmane", "آيت وحمان"}, {"Oulhaj", "ولحاج"},
      {"Boukhris", "بوخريس"}};
  private static final String[] STREETS = {"rue", "avenue", "calle", "via", "straat", "Straße", "street"};

  private final Random random;
  private final List<City> weighted = new ArrayList<>();
  private final Map<String, PhoneTemplate> phones = new HashMap<>();
  private final LocalDate today;
  private long sequence;

  public DemoData(long seed, LocalDate today) {
    this(seed, today, 1);
  }

  /**
   * Demo nationals numbered from {@code firstNumber} on (their external ids, identity and phone numbers derive from
   * it): a second set that shares no number with a first one numbered from 1, without generating the first.
   */
  public DemoData(long seed, LocalDate today, long firstNumber) {
    this.sequence = firstNumber - 1;
    this.random = new Random(seed);
    this.today = today;
    for (City c : CITIES) {
      for (int i = 0; i < c.weight(); i++) {
        weighted.add(c);
      }
    }
  }

  /** An endless stream of distinct nationals. */
  public Iterator<RegistrationData> registrations() {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return true;
      }

      @Override
      public RegistrationData next() {
        return person(weighted.get(random.nextInt(weighted.size())));
      }
    };
  }

  RegistrationData person(City city) {
    long n = ++sequence;
    Sex sex = random.nextBoolean() ? Sex.M : Sex.F;
    String[] given = pick(sex == Sex.M ? MALE : FEMALE);
    String[] family = pick(FAMILY);
    int age = age();
    LocalDate dob = today.minusYears(age).minusDays(random.nextInt(365));
    boolean pilgrim = city.name().equals("Makkah") && random.nextInt(10) < 9;
    ResidenceType type = pilgrim || random.nextInt(100) < 8 ? ResidenceType.TEMPORARY : ResidenceType.RESIDENT;
    StayPurpose purpose = null;
    LocalDate arrival = null;
    LocalDate departure = null;
    if (type == ResidenceType.TEMPORARY) {
      purpose = pilgrim ? StayPurpose.PILGRIMAGE
          : age < 30 ? StayPurpose.STUDY : random.nextBoolean() ? StayPurpose.TOURISM : StayPurpose.WORK;
      arrival = today.minusDays(random.nextInt(pilgrim ? 20 : 200));
      // Stays still running: one that ended more than the retention period ago would be purged at the first start.
      departure = pilgrim ? arrival.plusDays(21 + random.nextInt(10))
          : today.plusDays(1 + random.nextInt(purpose == StayPurpose.STUDY ? 700 : 60));
    }
    double[] point = scatter(city);
    LocationSource source = switch (random.nextInt(10)) {
      case 0, 1, 2 -> LocationSource.GPS;
      case 3, 4, 5, 6, 7 -> LocationSource.GEOCODED;
      default -> LocationSource.CONSULAR_ESTIMATE;
    };
    List<HouseholdMember> household = household(family[0], age, city.country());
    Set<Vulnerability> v = vulnerabilities(age, sex, household);
    boolean hasNationalId = age >= 16 || random.nextBoolean();
    String nationalId = hasNationalId ? String.format("%c%c%07d", 'A' + (int) (n % 26), 'A' + (int) (n / 26 % 26), n) : null;
    String passport = !hasNationalId || random.nextInt(3) > 0 ? String.format("P%c%08d", 'A' + (int) (n % 26), n) : null;
    Language lang = city.languages()[random.nextInt(city.languages().length)];
    String phoneCountry = random.nextInt(100) < 85 ? city.country() : "MA";
    EmergencyContact contact = random.nextInt(10) < 7
        ? new EmergencyContact(pick(random.nextBoolean() ? MALE : FEMALE)[0] + " " + family[0], phone("MA", n + 7_000_000),
            random.nextBoolean() ? Relation.PARENT : Relation.SIBLING)
        : null;
    Instant consentAt = today.minusDays(random.nextInt(3 * 365)).atStartOfDay(ZoneOffset.UTC).toInstant();
    Set<ConsentPurpose> purposes = random.nextInt(10) < 8
        ? EnumSet.of(ConsentPurpose.CRISIS_CONTACT, ConsentPurpose.REPATRIATION)
        : EnumSet.allOf(ConsentPurpose.class);
    return new RegistrationData(
        city.consulate().toUpperCase().replace("-", "") + "-" + n, given[0], family[0], given[1], family[1], dob, sex,
        nationalId, passport, phone(phoneCountry, n),
        random.nextInt(10) < 4 ? (given[0] + "." + family[0]).toLowerCase().replace(' ', '-') + n + "@example.org" : null,
        lang, (1 + random.nextInt(200)) + " " + STREETS[random.nextInt(STREETS.length)] + " " + family[0] + ", "
            + city.name(),
        new Location(point[0], point[1], source), city.country(), city.consulate(), type, purpose, arrival, departure,
        household, v, contact,
        new Consent(purposes, consentAt, ConsentMethod.values()[random.nextInt(ConsentMethod.values().length)]));
  }

  /** A person's vulnerabilities, drawn as often as the population has them at that age. */
  private Set<Vulnerability> vulnerabilities(int age, Sex sex, List<HouseholdMember> household) {
    Set<Vulnerability> v = EnumSet.noneOf(Vulnerability.class);
    if (age >= 70 && random.nextInt(10) < 8) {
      v.add(Vulnerability.ELDERLY);
    }
    if (random.nextInt(100) < 6) {
      v.add(Vulnerability.MEDICAL_CONDITION);
    }
    if (random.nextInt(100) < (age >= 70 ? 12 : 2)) {
      v.add(Vulnerability.REDUCED_MOBILITY);
    }
    if (sex == Sex.F && age >= 18 && age <= 44 && random.nextInt(100) < 4) {
      v.add(Vulnerability.PREGNANCY);
    }
    if (age < 18 && household.isEmpty()) {
      v.add(Vulnerability.UNACCOMPANIED_MINOR);
    }
    return v;
  }

  private int age() {
    int r = random.nextInt(100);
    if (r < 8) {
      return 16 + random.nextInt(3);
    }
    if (r < 70) {
      return 19 + random.nextInt(35);
    }
    if (r < 90) {
      return 54 + random.nextInt(16);
    }
    return 70 + random.nextInt(25);
  }

  private List<HouseholdMember> household(String family, int age, String country) {
    if (age < 18 || random.nextInt(100) >= 45) {
      return List.of();
    }
    List<HouseholdMember> members = new ArrayList<>();
    members.add(new HouseholdMember(pick(random.nextBoolean() ? MALE : FEMALE)[0] + " " + family, Relation.SPOUSE,
        today.minusYears(age - 3 + random.nextInt(7)).minusDays(random.nextInt(365)),
        random.nextInt(10) < 8 ? null : country));
    int children = age < 25 ? 0 : random.nextInt(Math.min(5, 1 + (age - 22) / 5));
    for (int i = 0; i < children; i++) {
      int childAge = Math.max(0, Math.min(age - 20, 1 + random.nextInt(20)));
      members.add(new HouseholdMember(pick(random.nextBoolean() ? MALE : FEMALE)[0] + " " + family, Relation.CHILD,
          today.minusYears(childAge).minusDays(random.nextInt(365)), null));
    }
    return members;
  }

  private double[] scatter(City c) {
    // At most twice the spread (three standard deviations): a coastal city's tail would otherwise put a few people
    // out at sea beyond the coastal band (16 in a million off Dubai, Abu Dhabi, Doha and Barcelona), refused on import.
    double km = Math.min(Math.abs(random.nextGaussian()) * c.spreadKm() / 1.5, 2 * c.spreadKm());
    double bearing = random.nextDouble() * 2 * Math.PI;
    double dLat = km * Math.cos(bearing) / 111.2;
    double dLon = km * Math.sin(bearing) / (111.2 * Math.cos(Math.toRadians(c.lat())));
    return new double[] {round(c.lat() + dLat), round(c.lon() + dLon)};
  }

  private static double round(double d) {
    return Math.round(d * 1e6) / 1e6;
  }

  private String[] pick(String[][] names) {
    return names[random.nextInt(names.length)];
  }

  /** A valid mobile number of the country, different for each {@code n}. */
  private String phone(String country, long n) {
    return phones.computeIfAbsent(country, PhoneTemplate::new).number(n);
  }

  /** Builds numbers from the country's example mobile number by replacing its last digits. */
  private static final class PhoneTemplate {
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private final int countryCode;
    private final String prefix;
    private final int free;

    PhoneTemplate(String region) {
      PhoneNumber example = UTIL.getExampleNumberForType(region, PhoneNumberType.MOBILE);
      String nsn = UTIL.getNationalSignificantNumber(example);
      this.countryCode = example.getCountryCode();
      this.free = Math.min(7, nsn.length() - 2);
      this.prefix = nsn.substring(0, nsn.length() - free);
    }

    String number(long n) {
      long mod = (long) Math.pow(10, free);
      for (int attempt = 0; attempt < 50; attempt++) {
        String digits = String.format("%0" + free + "d", Math.floorMod(n * 7919 + attempt * 104729L, mod));
        try {
          PhoneNumber p = UTIL.parse("+" + countryCode + prefix + digits, null);
          PhoneNumberType t = UTIL.getNumberType(p);
          if (UTIL.isValidNumber(p) && (t == PhoneNumberType.MOBILE || t == PhoneNumberType.FIXED_LINE_OR_MOBILE)) {
            return UTIL.format(p, PhoneNumberFormat.E164);
          }
        } catch (com.google.i18n.phonenumbers.NumberParseException e) {
          // try the next candidate
        }
      }
      throw new IllegalStateException("no valid mobile number pattern found for +" + countryCode);
    }
  }
}
