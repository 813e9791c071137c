package crisis.core.crisis;

import com.fasterxml.jackson.databind.JsonNode;
import crisis.core.common.FieldError;
import crisis.core.common.Json;
import crisis.core.common.ValidationException;
import crisis.core.geo.CountryBoundaries;
import crisis.core.geo.CountryZone;
import crisis.core.geo.PolygonZone;
import crisis.core.geo.ZoneInputs;
import crisis.core.geo.ZoneParser;
import crisis.core.registry.Language;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.locationtech.jts.io.geojson.GeoJsonWriter;

/**
 * Checks what the crisis cell writes — titles, fallback languages, message texts, zones — and turns it into the
 * values a crisis stores. Each problem names its field; a zone is resolved once (a country to its boundary on the day
 * it is given). Thread-safe.
 */
public final class CrisisInputs {
  public static final int MAX_ZONES = 20;
  public static final int MAX_MESSAGES = 50;
  /** Twilio's limit on a message body. */
  public static final int MAX_TEXT = 1600;
  public static final List<String> DEFAULT_FALLBACK = List.of("ar", "fr", "en");

  private final ZoneParser parser;
  private final CountryBoundaries countries;

  public CrisisInputs(ZoneParser parser, CountryBoundaries countries) {
    this.parser = parser;
    this.countries = countries;
  }

  /** The zones of a crisis: 1 to {@value #MAX_ZONES}, each checked and resolved. */
  public List<CrisisZone> zones(List<ZoneInput> input) {
    if (input == null || input.isEmpty()) {
      throw new ValidationException("zones", "give at least one zone");
    }
    if (input.size() > MAX_ZONES) {
      throw new ValidationException("zones", "at most " + MAX_ZONES + " zones");
    }
    List<CrisisZone> out = new ArrayList<>();
    for (int i = 0; i < input.size(); i++) {
      out.add(zone(input.get(i), "zones[" + i + "]"));
    }
    return out;
  }

  private CrisisZone zone(ZoneInput z, String field) {
    ZoneInputs.requireOne(z, field, "geometry", z == null ? null : z.geometry(), z == null ? null : z.circle(),
        z == null ? null : z.country());
    List<FieldError> errors = new ArrayList<>();
    String label = z.label() == null ? null : text(z.label(), field + ".label", 100, errors);
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    if (z.circle() != null) {
      CrisisZone.Circle c = z.circle();
      ZoneInputs.alertable(ZoneInputs.circle(c.latitude(), c.longitude(), c.radiusKm(), field + ".circle"),
          field + ".circle");
      return new CrisisZone(label, null, c);
    }
    PolygonZone polygon;
    String country = null;
    if (z.country() != null) {
      CountryZone whole = ZoneInputs.country(countries, z.country(), field + ".country");
      polygon = whole.outline();
      country = whole.country();
      label = label == null ? country : label;
    } else {
      polygon = parser.parse(z.geometry(), field + ".geometry", Boolean.TRUE.equals(z.strict()));
    }
    GeoJsonWriter writer = new GeoJsonWriter(12);
    writer.setEncodeCRS(false);
    CrisisZone stored = new CrisisZone(label, Json.read(writer.write(polygon.geometry()), JsonNode.class), null,
        country, polygon.warnings().isEmpty() ? null : polygon.warnings());
    // The zone as the pipeline will read it back from what is stored, covered as it will cover it.
    ZoneInputs.alertable(stored.zone(), field + (country != null ? ".country" : ".geometry"));
    return stored;
  }

  /** Names of zones for the history: their labels, or "circle N" / "zone N". */
  static List<String> labels(List<CrisisZone> zones) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < zones.size(); i++) {
      CrisisZone z = zones.get(i);
      out.add(z.label() != null ? z.label() : z.circle() != null ? "circle " + (i + 1) : "zone " + (i + 1));
    }
    return out;
  }

  /** The fallback order: language codes, each once; the default when not given. */
  static List<String> fallback(List<String> input, List<FieldError> errors) {
    if (input == null) {
      return DEFAULT_FALLBACK;
    }
    if (input.isEmpty() || input.size() > Language.values().length) {
      errors.add(new FieldError("fallback", "give 1 to " + Language.values().length + " language codes"));
      return DEFAULT_FALLBACK;
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < input.size(); i++) {
      String code = language(input.get(i), "fallback[" + i + "]", errors);
      if (code != null && out.contains(code)) {
        errors.add(new FieldError("fallback[" + i + "]", "'" + code + "' is given twice"));
      } else if (code != null) {
        out.add(code);
      }
    }
    return out;
  }

  /** A message's texts by language code; at least one of them in a fallback language. */
  static Map<String, String> texts(Map<String, String> input, String field, List<String> fallback,
      List<FieldError> errors) {
    Map<String, String> out = new TreeMap<>();
    if (input == null || input.isEmpty()) {
      errors.add(new FieldError(field, "give the text in at least one language, e.g. {\"fr\": \"...\"}"));
      return out;
    }
    for (Map.Entry<String, String> e : input.entrySet()) {
      String code = language(e.getKey(), field + "." + e.getKey(), errors);
      String text = text(e.getValue(), field + "." + e.getKey(), MAX_TEXT, errors);
      if (code != null && text != null) {
        out.put(code, text);
      }
    }
    if (!out.isEmpty() && fallback.stream().noneMatch(out::containsKey)) {
      errors.add(new FieldError(field, "needs a text in at least one fallback language " + fallback
          + ", for people whose language is missing"));
    }
    return out;
  }

  private static String language(String code, String field, List<FieldError> errors) {
    try {
      return Language.fromCode(code).code();
    } catch (IllegalArgumentException e) {
      errors.add(new FieldError(field, e.getMessage()));
      return null;
    }
  }

  /** A required text, stripped, at most {@code max} characters, without control characters other than new lines. */
  static String text(String value, String field, int max, List<FieldError> errors) {
    if (value == null || value.isBlank()) {
      errors.add(new FieldError(field, "is required"));
      return null;
    }
    String s = value.strip();
    if (s.length() > max) {
      errors.add(new FieldError(field, "at most " + max + " characters, was " + s.length()));
      return null;
    }
    if (s.chars().anyMatch(ch -> Character.isISOControl(ch) && ch != '\n')) {
      errors.add(new FieldError(field, "must not contain control characters other than new lines"));
      return null;
    }
    return s;
  }
}
