package crisis.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The packages of the three product modules depend on one another one way only, and the modules are layered
 * crisis-api → alerts → crisis-core with the core free of Kafka and of the web stack (docs/architecture.md). Read from
 * the compiled classes of the three modules (what the compiler kept, imports or not): every class a class file names
 * in its constant pool, its descriptors and its generic signatures.
 *
 * <p>Two views of the packages, both without cycles: capabilities ({@code crisis.core.registry} with its
 * {@code db} and {@code importing}; in alerts and the API, each package), and single packages, a {@code db} package
 * counted with the package whose records it maps (a DAO returns them, the services use the DAO).
 */
@Tag("fast")
class ArchitectureCyclesTest {
  /** The root package of each module, in the same order. */
  private static final List<String> ROOTS = List.of("crisis.core", "crisis.alerts", "crisis.api");

  /** What the core may not use: Kafka, Jersey (and JAX-RS), Jetty (and servlets), Dropwizard. */
  private static final List<String> NOT_IN_THE_CORE = List.of("org.apache.kafka", "org.glassfish.jersey",
      "jakarta.ws.rs", "org.eclipse.jetty", "jakarta.servlet", "io.dropwizard");

  /** Every class of the three modules, by name, with the classes it names (any library's too). */
  private static Map<String, Set<String>> uses;

  @BeforeAll
  static void readTheClasses() {
    uses = new TreeMap<>();
    CompiledClasses.product().forEach(c -> uses.put(c.name(), c.uses()));
    // The reader reads: hundreds of classes, and a dependency everyone knows is there.
    assertThat(uses).hasSizeGreaterThan(300);
    assertThat(packageGraph(UnaryOperator.identity()).get("crisis.core.registry")).containsKey("crisis.core.geo");
  }

  @Test
  void noCycleBetweenCapabilities() {
    assertThat(cycles(packageGraph(ArchitectureCyclesTest::capability)))
        .as("cycles between capabilities (a package with its sub-packages)").isEmpty();
  }

  @Test
  void noCycleBetweenPackages() {
    assertThat(cycles(packageGraph(ArchitectureCyclesTest::withItsDb)))
        .as("cycles between packages (a db package counted with its owner)").isEmpty();
  }

  @Test
  void modulesUseOnlyTheModulesBelowThem() {
    List<String> upward = new ArrayList<>();
    uses.forEach((from, named) -> named.stream()
        .filter(to -> uses.containsKey(to) && layer(packageOf(to)) > layer(packageOf(from)))
        .forEach(to -> upward.add(from + " -> " + to)));
    assertThat(upward).as("crisis-core uses nothing of alerts or the API, alerts nothing of the API").isEmpty();
  }

  @Test
  void theCoreUsesNoKafkaJerseyJettyOrDropwizard() {
    List<String> found = new ArrayList<>();
    uses.forEach((from, named) -> {
      if (layer(packageOf(from)) == 0) {
        named.stream().filter(to -> NOT_IN_THE_CORE.stream().anyMatch(p -> to.startsWith(p + ".")))
            .forEach(to -> found.add(from + " -> " + to));
      }
    });
    assertThat(found).as("crisis-core using " + NOT_IN_THE_CORE).isEmpty();
  }

  /**
   * Alerts uses the core's public API only: public types; of the persistence only the DAOs and the records
   * they return, never a row mapper; nothing of the database's set-up but {@code Jdbis} (the one configuration of a
   * Jdbi), nothing of the demo generator.
   */
  @Test
  void alertsUseOnlyTheCoresPublicApi() {
    List<String> found = new ArrayList<>();
    uses.forEach((from, named) -> {
      if (layer(packageOf(from)) == 1) {
        named.stream().filter(to -> to.startsWith("crisis.core.") && uses.containsKey(to))
            .filter(to -> !publicApiOfTheCore(to)).forEach(to -> found.add(from + " -> " + to));
      }
    });
    assertThat(found).as("alerts reaching into the core's internals").isEmpty();
  }

  static boolean publicApiOfTheCore(String className) {
    String pkg = packageOf(className);
    if (pkg.equals("crisis.core.db")) {
      return className.equals("crisis.core.db.Jdbis");
    }
    if (pkg.startsWith("crisis.core.demo") || pkg.startsWith("crisis.core.testing")) {
      return false;
    }
    Class<?> type;
    try {
      type = Class.forName(className, false, ArchitectureCyclesTest.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
    for (Class<?> t = type; t != null; t = t.getEnclosingClass()) {
      if (!java.lang.reflect.Modifier.isPublic(t.getModifiers())) {
        return false;
      }
    }
    return !org.jdbi.v3.core.mapper.RowMapper.class.isAssignableFrom(type);
  }

  @Test
  void theCoresPublicApiIsToldFromItsInternals() {
    assertThat(publicApiOfTheCore("crisis.core.db.Jdbis")).isTrue();
    assertThat(publicApiOfTheCore("crisis.core.registry.db.RegistrationDao")).isTrue();
    assertThat(publicApiOfTheCore("crisis.core.crisis.Crisis")).isTrue();
    assertThat(publicApiOfTheCore("crisis.core.db.Migrations")).isFalse();
    assertThat(publicApiOfTheCore("crisis.core.db.EmbeddedDatabase")).isFalse();
    assertThat(publicApiOfTheCore("crisis.core.places.PlaceDao$Mapper")).isFalse();
    assertThat(publicApiOfTheCore("crisis.core.reintegration.Arrivals")).as("package-private").isFalse();
  }

  /** {@code crisis.core.registry.db} → {@code crisis.core.registry}; a module's root package stays itself. */
  static String capability(String pkg) {
    for (String root : ROOTS) {
      if (pkg.startsWith(root + ".")) {
        int end = pkg.indexOf('.', root.length() + 1);
        return end < 0 ? pkg : pkg.substring(0, end);
      }
    }
    return pkg;
  }

  /**
   * {@code crisis.core.crisis.db} → {@code crisis.core.crisis}; any other package stays itself, {@code crisis.core.db}
   * too (the migrations and the embedded database, no capability's DAOs).
   */
  static String withItsDb(String pkg) {
    String owner = pkg.endsWith(".db") ? pkg.substring(0, pkg.length() - ".db".length()) : null;
    return owner == null || ROOTS.contains(owner) ? pkg : owner;
  }

  /** 0 for crisis-core, 1 for alerts, 2 for the API. */
  private static int layer(String pkg) {
    for (int i = ROOTS.size() - 1; i >= 0; i--) {
      if (pkg.equals(ROOTS.get(i)) || pkg.startsWith(ROOTS.get(i) + ".")) {
        return i;
      }
    }
    throw new IllegalArgumentException("not a package of the three modules: " + pkg);
  }

  private static String packageOf(String className) {
    int dot = className.lastIndexOf('.');
    return dot < 0 ? "" : className.substring(0, dot);
  }

  /**
   * The dependencies between the modules' packages grouped by {@code unit}: from a unit to another, one class that
   * uses one of the other's (the first by name), to say where an edge comes from.
   */
  private static Map<String, Map<String, String>> packageGraph(UnaryOperator<String> unit) {
    Map<String, Map<String, String>> graph = new TreeMap<>();
    uses.forEach((from, named) -> {
      String a = unit.apply(packageOf(from));
      for (String to : named) {
        String b = uses.containsKey(to) ? unit.apply(packageOf(to)) : null;
        if (b != null && !a.equals(b)) {
          graph.computeIfAbsent(a, k -> new TreeMap<>()).putIfAbsent(b, from + " uses " + to);
        }
      }
    });
    return graph;
  }

  /**
   * Each group of units that reach one another (a strongly connected component of more than one), told as its
   * members, one shortest cycle through the first of them, and a use behind each step of that cycle.
   */
  static List<String> cycles(Map<String, Map<String, String>> graph) {
    List<String> out = new ArrayList<>();
    for (Set<String> component : new Components(graph).ofMoreThanOne()) {
      String start = component.iterator().next();
      List<String> cycle = shortestCycle(graph, component, start);
      StringBuilder s = new StringBuilder(String.join(" -> ", cycle)).append("   (packages ").append(component)
          .append(")");
      for (int i = 0; i + 1 < cycle.size(); i++) {
        s.append("\n      ").append(graph.get(cycle.get(i)).get(cycle.get(i + 1)));
      }
      out.add(s.toString());
    }
    return out;
  }

  private static List<String> shortestCycle(Map<String, Map<String, String>> graph, Set<String> within,
      String start) {
    Map<String, String> cameFrom = new HashMap<>();
    ArrayDeque<String> queue = new ArrayDeque<>(List.of(start));
    while (!queue.isEmpty()) {
      String at = queue.poll();
      for (String next : graph.getOrDefault(at, Map.of()).keySet()) {
        if (next.equals(start)) {
          return pathFrom(start, at, cameFrom);
        }
        if (within.contains(next) && !cameFrom.containsKey(next) && !next.equals(start)) {
          cameFrom.put(next, at);
          queue.add(next);
        }
      }
    }
    throw new IllegalStateException("no cycle through " + start + " within " + within);
  }

  /** {@code start}, the steps that led to {@code last}, {@code last}, and {@code start} again. */
  private static List<String> pathFrom(String start, String last, Map<String, String> cameFrom) {
    List<String> path = new ArrayList<>(List.of(start, start));
    for (String p = last; !p.equals(start); p = cameFrom.get(p)) {
      path.add(1, p);
    }
    return path;
  }

  /** Tarjan's strongly connected components, over the units in name order. */
  private static final class Components {
    private final Map<String, Map<String, String>> graph;
    private final Map<String, Integer> index = new HashMap<>();
    private final Map<String, Integer> low = new HashMap<>();
    private final ArrayDeque<String> stack = new ArrayDeque<>();
    private final Set<String> onStack = new HashSet<>();
    private final List<Set<String>> found = new ArrayList<>();

    Components(Map<String, Map<String, String>> graph) {
      this.graph = graph;
    }

    List<Set<String>> ofMoreThanOne() {
      Set<String> nodes = new TreeSet<>(graph.keySet());
      graph.values().forEach(m -> nodes.addAll(m.keySet()));
      nodes.forEach(n -> {
        if (!index.containsKey(n)) {
          visit(n);
        }
      });
      return found.stream().filter(c -> c.size() > 1).toList();
    }

    private void visit(String v) {
      index.put(v, index.size());
      low.put(v, index.get(v));
      stack.push(v);
      onStack.add(v);
      for (String w : graph.getOrDefault(v, Map.of()).keySet()) {
        if (!index.containsKey(w)) {
          visit(w);
          low.put(v, Math.min(low.get(v), low.get(w)));
        } else if (onStack.contains(w)) {
          low.put(v, Math.min(low.get(v), index.get(w)));
        }
      }
      if (low.get(v).equals(index.get(v))) {
        Set<String> component = new TreeSet<>();
        String w;
        do {
          w = stack.pop();
          onStack.remove(w);
          component.add(w);
        } while (!w.equals(v));
        found.add(component);
      }
    }
  }
}
