package crisis.core.registry.importing;

import crisis.core.registry.importing.CsvFormat.Column;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The names consulates give the registration columns in their own files, in French, Arabic and English, beside the
 * format's own names: "Nom", "Prénom", "Date de naissance", "N° passeport", "CIN", "Téléphone", "الاسم العائلي",
 * "رقم جواز السفر"… A header is matched without case, accents, Arabic vowel marks or punctuation ("N° de
 * passeport" and "numero de passeport" are the same). A name means one column only: a header that could be two
 * (such as "Nom" alone, which is the family name in French files) is given the one French administrative files mean.
 * Thread-safe (no state).
 */
final class HeaderNames {
  private HeaderNames() {}

  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern NOT_LETTERS = Pattern.compile("[^\\p{L}\\p{N}]+");

  private static final Map<String, Column> BY_NAME = new HashMap<>();

  private static void names(Column c, String... names) {
    for (String n : names) {
      Column before = BY_NAME.put(normalized(n), c);
      if (before != null && before != c) {
        throw new IllegalStateException("'" + n + "' names both " + before + " and " + c);
      }
    }
  }

  static {
    for (Column c : Column.values()) {
      names(c, c.header);
    }
    names(Column.EXTERNAL_ID, "référence", "réf", "numéro de dossier", "n° dossier", "n° de dossier", "dossier",
        "identifiant", "reference", "file number", "رقم الملف");
    names(Column.GIVEN_NAME_LATIN, "prénom", "prénoms", "prénom latin", "first name", "given name", "forename");
    names(Column.FAMILY_NAME_LATIN, "nom", "nom de famille", "nom latin", "last name", "surname", "family name");
    names(Column.GIVEN_NAME_ARABIC, "prénom en arabe", "prénom arabe", "الاسم الشخصي", "الاسم");
    names(Column.FAMILY_NAME_ARABIC, "nom en arabe", "nom arabe", "الاسم العائلي", "النسب", "اللقب");
    names(Column.DATE_OF_BIRTH, "date de naissance", "date naissance", "né le", "née le", "né(e) le",
        "birth date", "date of birth", "dob", "تاريخ الازدياد", "تاريخ الميلاد");
    names(Column.SEX, "sexe", "genre", "gender", "الجنس");
    names(Column.NATIONAL_ID, "cin", "n° cin", "numéro cin", "cnie", "n° cnie", "numéro cnie", "carte nationale",
        "carte d'identité nationale", "national id number", "رقم البطاقة الوطنية", "البطاقة الوطنية");
    names(Column.PASSPORT_NUMBER, "passeport", "n° passeport", "n° de passeport", "numéro de passeport",
        "numéro passeport", "passport", "passport no", "passport number", "رقم جواز السفر", "جواز السفر");
    names(Column.PHONE, "téléphone", "tél", "tel", "portable", "mobile", "gsm", "numéro de téléphone",
        "n° de téléphone", "n° téléphone", "phone number", "الهاتف", "رقم الهاتف");
    names(Column.EMAIL, "e-mail", "mail", "courriel", "adresse e-mail", "adresse électronique",
        "البريد الإلكتروني");
    names(Column.PREFERRED_LANGUAGE, "langue", "langue préférée", "language", "اللغة");
    names(Column.ADDRESS, "adresse", "adresse postale", "العنوان");
    names(Column.LATITUDE, "lat");
    names(Column.LONGITUDE, "lon", "lng", "long");
    names(Column.LOCATION_SOURCE, "source de la localisation");
    names(Column.COUNTRY_OF_RESIDENCE, "pays de résidence", "pays", "country", "country of residence",
        "بلد الإقامة");
    names(Column.CONSULATE_ID, "consulat", "consulate", "القنصلية");
    names(Column.RESIDENCE_TYPE, "type de résidence", "résidence", "نوع الإقامة");
    names(Column.STAY_PURPOSE, "motif du séjour", "motif", "سبب الإقامة");
    names(Column.ARRIVAL_DATE, "date d'arrivée", "arrivée", "تاريخ الوصول");
    names(Column.DEPARTURE_DATE, "date de départ", "départ", "تاريخ المغادرة");
    names(Column.VULNERABILITIES, "vulnérabilités", "vulnérabilité");
    names(Column.HOUSEHOLD, "foyer", "ménage", "famille", "الأسرة");
    names(Column.EMERGENCY_CONTACT_NAME, "contact d'urgence", "personne à prévenir");
    names(Column.EMERGENCY_CONTACT_PHONE, "téléphone d'urgence", "téléphone de la personne à prévenir");
    names(Column.EMERGENCY_CONTACT_RELATION, "lien de parenté", "lien avec la personne à prévenir");
    names(Column.CONSENT_PURPOSES, "consentement", "finalités du consentement");
    names(Column.CONSENT_GIVEN_AT, "date du consentement", "consentement le");
    names(Column.CONSENT_METHOD, "mode de consentement", "méthode de consentement");
  }

  /** A full name in one column: given name first (or not said), family name first, or in Arabic script. */
  enum FullName { GIVEN_FIRST, FAMILY_FIRST, ARABIC }

  private static final Map<String, FullName> FULL_NAMES = new HashMap<>();

  static {
    for (String n : List.of("nom complet", "prénom et nom", "prénoms et nom", "prénom nom", "full name", "name",
        "first name and last name", "nom complet latin")) {
      FULL_NAMES.put(normalized(n), FullName.GIVEN_FIRST);
    }
    for (String n : List.of("nom et prénom", "nom et prénoms", "noms et prénoms", "nom prénom", "nom prénoms",
        "nom & prénom", "nom, prénom", "surname and first name", "last name, first name")) {
      FULL_NAMES.put(normalized(n), FullName.FAMILY_FIRST);
    }
    for (String n : List.of("الاسم الكامل", "الاسم و النسب", "الاسم الشخصي و العائلي", "nom complet en arabe",
        "nom en arabe complet")) {
      FULL_NAMES.put(normalized(n), FullName.ARABIC);
    }
    for (String n : FULL_NAMES.keySet()) {
      if (BY_NAME.containsKey(n)) {
        throw new IllegalStateException("'" + n + "' names both a full name and " + BY_NAME.get(n));
      }
    }
  }

  /** The kind of full name a header names, or null. */
  static FullName fullName(String header) {
    return FULL_NAMES.get(normalized(header));
  }

  /** The column a header names, or null. */
  static Column column(String header) {
    return BY_NAME.get(normalized(header));
  }

  /**
   * A header as it is matched: a byte order mark dropped, accents and Arabic vowel marks and hamza taken off (so
   * "أ" is "ا"), tatweel dropped, lower case, every run of other characters than letters and digits one space.
   */
  static String normalized(String header) {
    String s = MARKS.matcher(Normalizer.normalize(strippedMark(header), Normalizer.Form.NFD)).replaceAll("")
        .replace("\u0640", "");
    return NOT_LETTERS.matcher(s.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
  }

  /** A header without the byte order mark a first cell may keep. */
  static String strippedMark(String header) {
    return header.startsWith("\uFEFF") ? header.substring(1) : header;
  }

  /** Every name known for a column, as the format writes it first: for the documentation and tests. */
  static List<String> known() {
    return BY_NAME.keySet().stream().sorted().toList();
  }
}
