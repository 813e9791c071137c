package crisis.core.registry.importing;

import crisis.core.registry.ConsentMethod;
import crisis.core.registry.ConsentPurpose;
import crisis.core.registry.Language;
import crisis.core.registry.LocationSource;
import crisis.core.registry.Relation;
import crisis.core.registry.ResidenceType;
import crisis.core.registry.Sex;
import crisis.core.registry.StayPurpose;
import crisis.core.registry.Vulnerability;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Values as consulates' own files write them, read when the format's own form is not there: a date as French and
 * Arabic administrations write it (day, month, year), a sex written out in French, English or Arabic, a phone as a
 * national number of the country of residence. Each is read
 * only where it cannot mean two things (a date is always day first: {@code 03/04/1985} is the 3rd of April, as in
 * every French and Moroccan register; never a month-first American date). The importer says on the row how each such
 * value was read. Thread-safe (no state).
 */
final class WrittenValues {
  private WrittenValues() {}

  /** Day, month, year of four digits, separated by {@code /}, {@code -} or {@code .}: 14/03/1985, 1-3-1985. */
  private static final Pattern DAY_MONTH_YEAR = Pattern.compile("(\\d{1,2})([/.-])(\\d{1,2})\\2(\\d{4})");

  private static final Map<String, Sex> SEX = Map.ofEntries(
      Map.entry("feminin", Sex.F), Map.entry("femme", Sex.F), Map.entry("female", Sex.F), Map.entry("woman", Sex.F),
      Map.entry("masculin", Sex.M), Map.entry("homme", Sex.M), Map.entry("h", Sex.M), Map.entry("male", Sex.M),
      Map.entry("man", Sex.M), Map.entry("\u0630\u0643\u0631", Sex.M), Map.entry("\u0627\u0646\u062b\u0649", Sex.F),
      Map.entry("non precise", Sex.X), Map.entry("non renseigne", Sex.X));

  /** A date written day first, or null when the text is not one (a 31st of February is not one). */
  static LocalDate dayMonthYear(String text) {
    Matcher m = DAY_MONTH_YEAR.matcher(text.strip());
    if (!m.matches()) {
      return null;
    }
    try {
      return LocalDate.of(Integer.parseInt(m.group(4)), Integer.parseInt(m.group(3)), Integer.parseInt(m.group(1)));
    } catch (DateTimeException e) {
      return null;
    }
  }

  private static final com.google.i18n.phonenumbers.PhoneNumberUtil PHONES =
      com.google.i18n.phonenumbers.PhoneNumberUtil.getInstance();

  /**
   * A phone written as a national number of a country ({@code 06 12 34 56 78} in France, or {@code 612345678}, as
   * Excel keeps a number typed with its first 0) in international form, or null when it is not a valid number there.
   */
  static String nationalPhone(String text, String country) {
    String digits = text.strip();
    if (digits.length() > 32) {
      return null;
    }
    try {
      com.google.i18n.phonenumbers.Phonenumber.PhoneNumber n = PHONES.parse(digits, country);
      return PHONES.isValidNumberForRegion(n, country)
          ? PHONES.format(n, com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat.E164) : null;
    } catch (com.google.i18n.phonenumbers.NumberParseException e) {
      return null;
    }
  }

  /** The words consulates write for the format's codes, by the code's type: a word as {@link #plain} writes it. */
  private static final Map<Class<?>, Map<String, Enum<?>>> WORDS = new HashMap<>();

  private static void words(Enum<?> code, String... words) {
    Map<String, Enum<?>> byWord = WORDS.computeIfAbsent(code.getDeclaringClass(), k -> new HashMap<>());
    for (String w : words) {
      Enum<?> before = byWord.put(HeaderNames.normalized(w), code);
      if (before != null && before != code) {
        throw new IllegalStateException("'" + w + "' means both " + before + " and " + code);
      }
    }
  }

  static {
    words(ResidenceType.RESIDENT, "résident", "résidente", "resident", "résidence permanente", "permanent",
        "immatriculé", "immatriculée", "مقيم", "مقيمة", "إقامة دائمة");
    words(ResidenceType.TEMPORARY, "temporaire", "de passage", "séjour temporaire", "non résident",
        "non résidente", "temporary", "visitor", "visiteur", "زائر", "زائرة", "مؤقت", "مؤقتة", "إقامة مؤقتة");
    words(StayPurpose.STUDY, "études", "étude", "étudiant", "étudiante", "study", "student", "دراسة");
    words(StayPurpose.TOURISM, "tourisme", "touriste", "tourism", "tourist", "سياحة");
    words(StayPurpose.PILGRIMAGE, "pèlerinage", "hajj", "omra", "umrah", "pilgrimage", "حج", "عمرة");
    words(StayPurpose.WORK, "travail", "emploi", "professionnel", "work", "عمل");
    words(StayPurpose.FAMILY_VISIT, "visite familiale", "visite à la famille", "family visit", "زيارة عائلية");
    words(StayPurpose.MEDICAL, "soins", "médical", "raisons médicales", "medical", "علاج");
    words(StayPurpose.OTHER, "autre", "other", "أخرى");
    words(ConsentMethod.IN_PERSON, "en personne", "au guichet", "sur place", "in person", "حضوريا");
    words(ConsentMethod.PAPER_FORM, "formulaire papier", "papier", "paper form", "استمارة ورقية");
    words(ConsentMethod.ONLINE_FORM, "en ligne", "formulaire en ligne", "online", "online form",
        "عبر الإنترنت");
    words(ConsentMethod.PHONE, "téléphone", "par téléphone", "phone", "هاتفيا");
    words(ConsentPurpose.CRISIS_CONTACT, "contact en cas de crise", "crise", "alerte", "crisis contact");
    words(ConsentPurpose.REPATRIATION, "rapatriement", "repatriation", "العودة إلى الوطن");
    words(ConsentPurpose.REINTEGRATION_FOLLOW_UP, "réintégration", "suivi de réintégration", "réinsertion",
        "reintegration");
    words(ConsentPurpose.SHARING_WITH_HOME_SERVICES, "partage avec les services", "partage");
    words(Relation.SPOUSE, "conjoint", "conjointe", "époux", "épouse", "mari", "spouse", "husband", "wife",
        "زوج", "زوجة");
    words(Relation.CHILD, "enfant", "fils", "fille", "child", "son", "daughter", "ابن", "ابنة", "بنت");
    words(Relation.PARENT, "père", "mère", "parent", "father", "mother", "أب", "أم");
    words(Relation.SIBLING, "frère", "sœur", "soeur", "brother", "sister", "أخ", "أخت");
    words(Relation.GRANDPARENT, "grand-père", "grand-mère", "grand-parent", "grandfather", "grandmother",
        "جد", "جدة");
    words(Relation.GRANDCHILD, "petit-fils", "petite-fille", "petit-enfant", "grandson", "granddaughter",
        "حفيد", "حفيدة");
    words(Relation.OTHER, "autre", "other", "أخرى");
    words(LocationSource.GEOCODED, "géocodé", "adresse", "geocoded");
    words(LocationSource.CONSULAR_ESTIMATE, "estimation consulaire", "estimation");
    words(Vulnerability.MEDICAL_CONDITION, "maladie", "malade", "maladie chronique", "problème de santé", "مرض");
    words(Vulnerability.REDUCED_MOBILITY, "mobilité réduite", "handicap", "fauteuil roulant", "إعاقة");
    words(Vulnerability.PREGNANCY, "enceinte", "grossesse", "pregnant", "حامل");
    words(Vulnerability.ELDERLY, "personne âgée", "âgé", "âgée", "elderly", "مسن", "مسنة");
    words(Vulnerability.UNACCOMPANIED_MINOR, "mineur non accompagné", "mineure non accompagnée",
        "unaccompanied minor", "قاصر غير مصحوب");
    words(Language.AR, "arabe", "arabic", "العربية", "عربية", "darija", "الدارجة");
    words(Language.FR, "français", "french", "الفرنسية");
    words(Language.EN, "anglais", "english", "الإنجليزية");
    words(Language.ES, "espagnol", "spanish", "الإسبانية");
    words(Language.ZGH, "amazighe", "tamazight", "berbère", "الأمازيغية");
  }

  /** A code of the format written as a word ("Résident", "En personne", "فرنسية"), or null. */
  static <E extends Enum<E>> E word(Class<E> type, String text) {
    Map<String, Enum<?>> byWord = WORDS.get(type);
    Enum<?> e = byWord == null ? null : byWord.get(HeaderNames.normalized(text));
    return e == null ? null : type.cast(e);
  }

  /**
   * A full name written in one cell, split into the given and the family name, or null when it cannot be (one word).
   * The rule, in this order: a comma separates the family name, before it, from the given names ("EL AMRANI,
   * Fatima"); else the words written in capitals are the family name, as French registers write it ("Fatima EL
   * AMRANI", "EL AMRANI Fatima"), when some words are not; else the order the header gives ({@code familyFirst} for
   * "Nom et prénom"): the first word, or the last, with the particles before it ("El", "Ben", "Aït", "Ould"…) is
   * the family name. An Arabic name is written given name first; its given name is one word, or two when the first
   * is عبد or أبو ("عبد الله").
   *
   * @return {given, family}
   */
  static String[] fullName(String text, boolean familyFirst) {
    String s = text.strip().replaceAll("\\s+", " ");
    int comma = s.indexOf(',');
    if (comma >= 0) {
      String family = s.substring(0, comma).strip();
      String given = s.substring(comma + 1).strip();
      return family.isEmpty() || given.isEmpty() ? null : new String[] {given, family};
    }
    String[] words = s.split(" ");
    if (words.length < 2) {
      return null;
    }
    if (s.chars().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.ARABIC)) {
      int given = words.length > 2 && ARABIC_COMPOUND.contains(words[0]) ? 2 : 1;
      return new String[] {String.join(" ", List.of(words).subList(0, given)),
          String.join(" ", List.of(words).subList(given, words.length))};
    }
    List<String> capitals = new ArrayList<>();
    List<String> others = new ArrayList<>();
    for (String w : words) {
      (capitals(w) ? capitals : others).add(w);
    }
    if (!capitals.isEmpty() && !others.isEmpty()) {
      return new String[] {String.join(" ", others), String.join(" ", capitals)};
    }
    if (familyFirst) {
      int end = 1;
      while (end < words.length - 1 && PARTICLES.contains(HeaderNames.normalized(words[end - 1]))) {
        end++;
      }
      return new String[] {String.join(" ", List.of(words).subList(end, words.length)),
          String.join(" ", List.of(words).subList(0, end))};
    }
    int start = words.length - 1;
    while (start > 1 && PARTICLES.contains(HeaderNames.normalized(words[start - 1]))) {
      start--;
    }
    return new String[] {String.join(" ", List.of(words).subList(0, start)),
        String.join(" ", List.of(words).subList(start, words.length))};
  }

  /** Words that begin a family name of more than one word: "El Amrani", "Ben Salah", "Aït Ali", "Ould Ahmed". */
  private static final Set<String> PARTICLES = Set.of("el", "al", "ben", "bin", "ibn", "ait", "ou", "ould", "abou",
      "abu", "bou", "de", "du", "des", "da", "van", "von", "le", "la");
  private static final Set<String> ARABIC_COMPOUND = Set.of("عبد", "أبو", "ابو");

  /** A word of two letters or more, all in capitals ("EL", "AMRANI", "N'DIAYE"). */
  private static boolean capitals(String word) {
    long letters = word.chars().filter(Character::isLetter).count();
    return letters >= 2 && word.chars().filter(Character::isLetter).allMatch(Character::isUpperCase);
  }

  /** A sex written out ("Féminin", "Homme", "أنثى"), or null. */
  static Sex sex(String text) {
    String plain = Normalizer.normalize(text.strip(), Normalizer.Form.NFD).replaceAll("\\p{M}+", "")
        .toLowerCase(Locale.ROOT);
    return SEX.get(plain);
  }
}
