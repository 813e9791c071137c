package crisis.alerts.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A located, alertable person as the join needs them. Inside the topology people travel packed as text lines
 * ({@code id,latitude,longitude,language}): the join copies them from its store into batches without parsing, and
 * the alert step reads them without a JSON parser — a crisis over 100,000 people moves 100,000 of them.
 */
public record Person(UUID id, double latitude, double longitude, String language) {

  /** One line, without the line break; doubles as Java writes them, so they read back exactly. */
  public String pack() {
    return id + "," + latitude + "," + longitude + "," + (language == null ? "" : language);
  }

  public static Person unpack(String line) {
    String[] f = line.split(",", -1);
    if (f.length != 4) {
      throw new IllegalArgumentException("a packed person has 4 fields, not " + f.length);
    }
    return new Person(UUID.fromString(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]),
        f[3].isEmpty() ? null : f[3]);
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
