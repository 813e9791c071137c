package crisis.api.cli;

import crisis.core.demo.DemoCsv;
import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import java.nio.file.Path;
import java.time.LocalDate;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/** {@code demo-csv --rows N --out FILE [--seed S]}: writes generated nationals in the import CSV format. */
public class DemoCsvCommand extends Command {

  public DemoCsvCommand() {
    super("demo-csv", "Write generated demo nationals as a registration CSV");
  }

  @Override
  public void configure(Subparser subparser) {
    subparser.addArgument("--rows").type(Long.class).setDefault(10_000L).help("how many nationals (default 10000)");
    subparser.addArgument("--seed").type(Long.class).setDefault(20261129L).help("the same seed, the same people");
    subparser.addArgument("--out").required(true).help("the CSV file to write");
  }

  @Override
  public void run(Bootstrap<?> bootstrap, Namespace namespace) throws Exception {
    long rows = namespace.getLong("rows");
    if (rows < 0 || rows > 10_000_000) {
      throw new IllegalArgumentException("--rows must be between 0 and 10000000");
    }
    Path out = Path.of(namespace.getString("out"));
    DemoCsv.write(out, rows, namespace.getLong("seed"), LocalDate.now());
    System.out.println("wrote " + rows + " nationals to " + out);
  }
}
