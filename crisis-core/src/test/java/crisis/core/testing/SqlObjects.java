package crisis.core.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.extension.ExtensionFactory;
import org.jdbi.v3.core.extension.ExtensionMetadata;
import org.jdbi.v3.core.extension.Extensions;
import org.jdbi.v3.sqlobject.SqlObjectFactory;

/**
 * A module's SQL objects (its interfaces named {@code …Dao}, found among its compiled classes), and how a handle reads
 * them.
 */
public final class SqlObjects {
  private SqlObjects() {}

  /** The names, sorted, of the DAO interfaces compiled beside {@code anyClassOfTheModule}. */
  public static List<String> declaredBeside(Class<?> anyClassOfTheModule) {
    try {
      Path classes = Path.of(anyClassOfTheModule.getProtectionDomain().getCodeSource().getLocation().toURI());
      try (Stream<Path> files = Files.walk(classes)) {
        return files.map(p -> classes.relativize(p).toString())
            .filter(n -> n.endsWith("Dao.class"))
            .map(n -> n.substring(0, n.length() - ".class".length()).replace('/', '.'))
            .filter(SqlObjects::isInterface)
            .sorted()
            .toList();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * What a handle reads when a SQL object is attached to it (a handle's configuration is a copy of the Jdbi's): the
   * same instance on every handle when the Jdbi was prepared, a new one each time when not.
   */
  public static ExtensionMetadata readOnAHandle(Jdbi jdbi, Class<?> type) {
    Extensions extensions = jdbi.getConfig().createCopy().get(Extensions.class);
    ExtensionFactory factory = extensions.findFactory(SqlObjectFactory.class).orElseThrow();
    return extensions.findMetadata(type, factory);
  }

  private static boolean isInterface(String name) {
    try {
      return Class.forName(name).isInterface();
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }
}
