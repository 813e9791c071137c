package crisis.alerts.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * An alertable person as the join needs them: their point (null when they gave none: they can still be reached as a
 * resident of a country zone) and their country of residence. Inside the topology people travel packed as text lines
 * ({@code id,latitude,longitude,language,country}): the join copies them from its store into batches without
 * parsing, and the alert step reads them without a JSON parser — a crisis over 100,000 people moves 100,000 of them.
 */
public record Person(UUID id, Double latitude, Double longitude, String language, String country) {

  public Person(UUID id, double latitude, double longitude, String language) {
    this(id, (Double) latitude, (Double) longitude, language, null);
  }

  /** One line, without the line break; doubles as Java writes them, so they read back exactly. */
  public String pack() {
    return id + "," + (latitude == null ? "" : latitude) + "," + (longitude == null ? "" : longitude) + ","
        + (language == null ? "" : language) + "," + (country == null ? "" : country);
  }

  /** A packed person; the four fields of before the country are read too (state written by an older release). */
  public static Person unpack(String line) {
    String[] f = line.split(",", -1);
    if (f.length != 4 && f.length != 5) {
      throw new IllegalArgumentException("a packed person has 5 fields, not " + f.length);
    }
    return new Person(UUID.fromString(f[0]), f[1].isEmpty() ? null : Double.valueOf(f[1]),
        f[2].isEmpty() ? null : Double.valueOf(f[2]), f[3].isEmpty() ? null : f[3],
        f.length < 5 || f[4].isEmpty() ? null : f[4]);
  }

  /** People packed one per line. */
  public static List<Person> unpackAll(String lines) {
    List<Person> out = new ArrayList<>();
    int start = 0;
    while (start < lines.length()) {
      int end = lines.indexOf('\n', start);
      if (end < 0) {
        end = lines.length();
      }
      if (end > start) {
        out.add(unpack(lines.substring(start, end)));
      }
      start = end + 1;
    }
    return out;
  }
}
