package crisis.api.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import crisis.api.config.CrisisConfiguration;
import crisis.api.services.Services;
import crisis.core.access.Actor;
import crisis.core.registry.importing.ImportSummary;
import crisis.core.registry.importing.RowOutcome;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.db.ManagedDataSource;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code import-registrations CONFIG FILE}: imports a registration CSV as the command-line operator, prints every
 * duplicate and rejected row, then the totals.
 */
public class ImportCommand extends ConfiguredCommand<CrisisConfiguration> {

  public ImportCommand() {
    super("import-registrations", "Import registrations from a CSV file (see docs/csv-format.md)");
  }

  @Override
  public void configure(Subparser subparser) {
    super.configure(subparser);
    subparser.addArgument("csv").metavar("FILE").help("the UTF-8 CSV file to import");
  }

  @Override
  protected void run(Bootstrap<CrisisConfiguration> bootstrap, Namespace namespace, CrisisConfiguration config)
      throws Exception {
    Path csv = Path.of(namespace.getString("csv"));
    ObjectMapper json = bootstrap.getObjectMapper();
    PrintStream out = System.out;
    ManagedDataSource ds = Cli.dataSource(config, bootstrap.getMetricRegistry());
    try {
      Services services = Cli.services(config, ds);
      ImportSummary s = services.importer().importFile(Actor.cli(System.getProperty("user.name")), csv, o -> {
        if (o.status() == RowOutcome.Status.REJECTED || o.status() == RowOutcome.Status.DUPLICATE) {
          try {
            out.println(json.writeValueAsString(o));
          } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
          }
        }
      });
      out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(s));
    } finally {
      ds.stop();
    }
  }
}
