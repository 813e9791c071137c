package crisis.benchmarks;

import crisis.api.CrisisApplication;
import crisis.api.config.CrisisConfiguration;
import io.dropwizard.core.setup.Bootstrap;

/**
 * The application with the benchmark commands of {@code BENCHMARKS.md} added; the release jar carries none of them.
 * Run as {@code java -jar benchmarks/target/benchmarks.jar COMMAND CONFIG ...}.
 */
public final class BenchmarkApplication extends CrisisApplication {
  public static void main(String[] args) throws Exception {
    new BenchmarkApplication().run(args);
  }

  @Override
  public void initialize(Bootstrap<CrisisConfiguration> bootstrap) {
    super.initialize(bootstrap);
    bootstrap.addCommand(new BenchmarkImportCommand());
    bootstrap.addCommand(new BenchmarkGeoCommand());
    bootstrap.addCommand(new BenchmarkAlertsCommand());
    bootstrap.addCommand(new BenchmarkSmsCommand());
    bootstrap.addCommand(new BenchmarkEvacuationCommand());
    bootstrap.addCommand(new BenchmarkEvacuationDbCommand());
    bootstrap.addCommand(new BenchmarkReintegrationCommand());
    bootstrap.addCommand(new BenchmarkLoadCommand());
    bootstrap.addCommand(new BenchmarkCitizenCommand());
  }
}
