package crisis.core.geo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The base map's place names: the towns of 100,000 inhabitants or more and every capital (GeoNames' cities500,
 * CC BY 4.0, chosen at build time by {@code crisis-core/src/build/PlaceNames.java}), each with its Arabic name where
 * GeoNames' names settle it. For a view of the map, the places worth naming at its zoom: capitals and the largest
 * towns first, none written over another. Public data, no personal data. Loaded on first use; thread-safe.
 */
public final class PlaceLabels {
  private static final String RESOURCE = "/crisis/core/geo/places/labels.tsv";
  /** The most names a view gets. */
  public static final int MAX = 80;
  /** Half the room a name takes on screen, in pixels: two names closer than this would be written over each other. */
  static final int HALF_WIDTH = 45;
  static final int HALF_HEIGHT = 12;

  /**
   * A place's name: {@code name} as GeoNames writes it (Latin letters), {@code nameAr} its Arabic name or null,
   * its centre, country (ISO alpha-2), population, and whether it is its country's capital.
   */
  public record Label(String name, String nameAr, double latitude, double longitude, String country, long population,
      boolean capital) {}

  private static final class Shared {
    static final PlaceLabels INSTANCE = load();
  }

  private final List<Label> byImportance;

  PlaceLabels(List<Label> labels) {
    this.byImportance = labels.stream().sorted(Comparator.comparing((Label l) -> !l.capital())
        .thenComparing(Label::population, Comparator.reverseOrder())).toList();
  }

  /** One loaded copy for the whole process. */
  public static PlaceLabels shared() {
    return Shared.INSTANCE;
  }

  /** How many places the base map can name. */
  public int size() {
    return byImportance.size();
  }

  /** The fewest inhabitants a town needs to be named at a zoom, capitals aside (from 3 on). */
  static long minPopulation(int zoom) {
    return zoom < 3 ? 5_000_000 : zoom == 3 ? 2_000_000 : zoom == 4 ? 1_000_000 : zoom == 5 ? 300_000 : 0;
  }

  /**
   * The names to write on a view: inside the box (west greater than east crosses the antimeridian), at most
   * {@link #MAX}, capitals then the most populous, each kept only where it would not be written over one kept before.
   */
  public List<Label> inView(double west, double south, double east, double north, int zoom) {
    double scale = 256 * Math.pow(2, zoom);
    List<Label> kept = new ArrayList<>();
    List<double[]> at = new ArrayList<>();
    for (Label l : byImportance) {
      if (kept.size() == MAX) {
        break;
      }
      boolean named = (l.capital() && zoom >= 3) || l.population() >= minPopulation(zoom);
      if (!named || l.latitude() < south || l.latitude() > north || !withinLongitudes(l.longitude(), west, east)) {
        continue;
      }
      double x = (l.longitude() + 180) / 360 * scale;
      double sin = Math.sin(Math.toRadians(l.latitude()));
      double y = (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * scale;
      boolean over = false;
      for (double[] p : at) {
        double dx = Math.abs(p[0] - x);
        dx = Math.min(dx, scale - dx);
        if (dx < 2 * HALF_WIDTH && Math.abs(p[1] - y) < 2 * HALF_HEIGHT) {
          over = true;
          break;
        }
      }
      if (!over) {
        kept.add(l);
        at.add(new double[] {x, y});
      }
    }
    return kept;
  }

  private static boolean withinLongitudes(double lon, double west, double east) {
    return west <= east ? lon >= west && lon <= east : lon >= west || lon <= east;
  }

  private static PlaceLabels load() {
    List<Label> labels = new ArrayList<>();
    try (InputStream in = PlaceLabels.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing: the build fetches it (fetch-boundaries.sh)");
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        String[] f = line.split("\t", -1);
        if (f.length < 7) {
          continue;
        }
        labels.add(new Label(f[0], f[1].isEmpty() ? null : f[1], Double.parseDouble(f[2]), Double.parseDouble(f[3]),
            f[4], Long.parseLong(f[5]), "1".equals(f[6])));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new PlaceLabels(labels);
  }
}
