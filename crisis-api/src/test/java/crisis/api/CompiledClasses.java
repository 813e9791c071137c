package crisis.api;

import crisis.alerts.AlertPipeline;
import crisis.core.db.Jdbis;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The compiled classes of the three product modules, as the architecture tests read them: each class file's
 * constant pool (JVM specification, 4.4), where string literals, text blocks, the recipes of string concatenations,
 * annotation values, the classes a class names and the methods it calls all end up. Java 17 has no class-file API;
 * this is the one reader ({@link SqlLivesInDaosTest}, {@link TableOwnersTest}, {@link ArchitectureCyclesTest}).
 */
final class CompiledClasses {
  /** A class marking each product module, lowest first: crisis-core, alerts, crisis-api. */
  static final List<Class<?>> MODULES = List.of(Jdbis.class, AlertPipeline.class, CrisisApplication.class);

  private static final Pattern TYPE_IN_DESCRIPTOR = Pattern.compile("L([\\w/$]+)[;<]");

  private static List<CompiledClass> product;

  private CompiledClasses() {}

  /**
   * A class file as read here: its binary name, every text of its constant pool, the methods it calls (as
   * {@code owner.name}, the owner in internal form) and the classes it names (in a reference or in a descriptor or
   * signature, never in a string constant of the code).
   */
  record CompiledClass(String name, List<String> texts, Set<String> calls, Set<String> uses) {
    String packageName() {
      return name.substring(0, name.lastIndexOf('.'));
    }

    /** The top-level class this one is nested in, or itself. */
    String outer() {
      return name.contains("$") ? name.substring(0, name.indexOf('$')) : name;
    }
  }

  /** Every class of the three product modules (read once). */
  static synchronized List<CompiledClass> product() {
    if (product == null) {
      List<CompiledClass> all = new ArrayList<>();
      for (Class<?> module : MODULES) {
        all.addAll(beside(module));
      }
      product = List.copyOf(all);
    }
    return product;
  }

  /** The classes compiled with {@code module}: its {@code target/classes}, or its jar in a reactor build. */
  static List<CompiledClass> beside(Class<?> module) {
    try {
      Path location = Path.of(module.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (Files.isDirectory(location)) {
        return under(location);
      }
      try (FileSystem jar = FileSystems.newFileSystem(location)) {
        return under(jar.getPath("/"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<CompiledClass> under(Path root) throws IOException {
    List<CompiledClass> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : files.filter(f -> f.toString().endsWith(".class") && !f.endsWith("module-info.class")).toList()) {
        out.add(read(Files.readAllBytes(p)));
      }
    }
    return out;
  }

  /** Reads a class file's constant pool and the name of the class it defines. */
  static CompiledClass read(byte[] classFile) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
    if (in.readInt() != 0xCAFEBABE) {
      throw new IOException("not a class file");
    }
    in.readUnsignedShort();
    in.readUnsignedShort();
    int count = in.readUnsignedShort();
    String[] utf8 = new String[count];
    int[] first = new int[count];
    int[] second = new int[count];
    int[] tags = new int[count];
    for (int i = 1; i < count; i++) {
      int tag = in.readUnsignedByte();
      tags[i] = tag;
      switch (tag) {
        case 1 -> utf8[i] = in.readUTF();
        case 7, 8, 16, 19, 20 -> first[i] = in.readUnsignedShort();
        case 9, 10, 11, 12, 17, 18 -> {
          first[i] = in.readUnsignedShort();
          second[i] = in.readUnsignedShort();
        }
        case 3, 4 -> in.readInt();
        case 5, 6 -> {
          in.readLong();
          i++;
        }
        case 15 -> {
          in.readUnsignedByte();
          in.readUnsignedShort();
        }
        default -> throw new IOException("unknown constant pool tag " + tag);
      }
    }
    in.readUnsignedShort();
    String self = utf8[first[in.readUnsignedShort()]].replace('/', '.');
    Set<Integer> stringConstants = new HashSet<>();
    for (int i = 1; i < count; i++) {
      if (tags[i] == 8) {
        stringConstants.add(first[i]);
      }
    }
    List<String> texts = new ArrayList<>();
    Set<String> calls = new LinkedHashSet<>();
    Set<String> uses = new TreeSet<>();
    for (int i = 1; i < count; i++) {
      if (tags[i] == 1) {
        texts.add(utf8[i]);
        if (!stringConstants.contains(i)) {
          Matcher m = TYPE_IN_DESCRIPTOR.matcher(utf8[i]);
          while (m.find()) {
            uses.add(m.group(1).replace('/', '.'));
          }
        }
      } else if (tags[i] == 7 && !utf8[first[i]].startsWith("[")) {
        uses.add(utf8[first[i]].replace('/', '.'));
      } else if (tags[i] == 10 || tags[i] == 11) {
        calls.add(utf8[first[first[i]]] + "." + utf8[first[second[i]]]);
      }
    }
    uses.remove(self);
    return new CompiledClass(self, texts, calls, uses);
  }
}
