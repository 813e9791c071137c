package crisis.benchmarks;

import crisis.api.config.CrisisConfiguration;
import crisis.api.config.DataSources;
import crisis.api.services.Services;
import crisis.core.access.Actor;
import crisis.core.crisis.Crisis;
import crisis.core.crisis.CrisisDraft;
import crisis.core.crisis.ZoneInput;
import crisis.core.demo.DemoCsv;
import crisis.core.places.Place;
import crisis.core.places.PlaceKind;
import crisis.core.places.PlaceService;
import crisis.core.repatriation.EvacuationPlanning;
import crisis.core.repatriation.EvacuationOrder;
import crisis.core.repatriation.Repatriation;
import crisis.core.repatriation.TransportLeg;
import crisis.core.repatriation.TransportLegs;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code benchmark-evacuation-db CONFIG --rows N --legs L}: the evacuation as the API runs it, on a fresh database on
 * the configured server. Imports N generated nationals, declares a crisis over France, orders everyone there to leave
 * (a request per household), plans L flights of 200 seats from one assembly point, and plans again with nothing
 * changed. Prints the time of each step: ranking, seats, boarding codes, the SMS notices and every write included.
 */
public final class BenchmarkEvacuationDbCommand extends ConfiguredCommand<CrisisConfiguration> {
  public BenchmarkEvacuationDbCommand() {
    super("benchmark-evacuation-db", "orders and plans an evacuation of generated nationals through the database");
  }

  @Override
  public void configure(Subparser subparser) {
    super.configure(subparser);
    subparser.addArgument("--rows").type(Long.class).setDefault(60_000L).help("nationals to generate");
    subparser.addArgument("--legs").type(Integer.class).setDefault(100).help("flights of 200 seats");
  }

  @Override
  protected void run(Bootstrap<CrisisConfiguration> bootstrap, Namespace ns, CrisisConfiguration config)
      throws Exception {
    Path csv = Files.createTempFile("bench-evacuation-", ".csv");
    Actor cell = Actor.cli("benchmark");
    try (ScratchDatabase scratch = new ScratchDatabase(DataSources.server(config),
        "crisis_evacuation_", false)) {
      DemoCsv.write(csv, ns.getLong("rows"), 20261202L, LocalDate.now());
      Services services = Services.build(scratch.jdbi, Clock.systemUTC());
      services.importer().importFile(cell, csv, o -> { });
      Repatriation rep = services.repatriation();
      Crisis c = services.crises().create(cell, new CrisisDraft("Benchmark", "FLOOD", "SEVERE",
          List.of(new ZoneInput("France", null, null, "FR")), null, List.of(Map.of("fr", "Répondez 3 pour partir."))));
      services.crises().activate(cell, c.id());

      long t0 = System.nanoTime();
      EvacuationOrder.Ordered ordered = rep.evacuationOrder().orderEvacuation(cell, c.id());
      double order = (System.nanoTime() - t0) / 1e9;
      Place airport = services.places().create(cell, new PlaceService.PlaceInput(PlaceKind.ASSEMBLY_POINT,
          "Roissy-Charles de Gaulle", 49.0097, 2.5479, "FR", null));
      for (int i = 0; i < ns.getInt("legs"); i++) {
        rep.legs().create(cell, c.id(), new TransportLegs.LegInput(TransportLeg.Kind.FLIGHT, "RAM", "AT " + (1000 + i),
            200, 2, 4, Instant.now().plus(Duration.ofHours(6 + i)), 180, "Europe/Paris", "Casablanca",
            List.of(new TransportLegs.PointInput(airport.id(), 0, null, null))));
      }
      t0 = System.nanoTime();
      EvacuationPlanning.Result plan = rep.planning().plan(cell, c.id());
      double first = (System.nanoTime() - t0) / 1e9;
      t0 = System.nanoTime();
      EvacuationPlanning.Result again = rep.planning().plan(cell, c.id());
      double second = (System.nanoTime() - t0) / 1e9;
      System.out.printf("order: %d households (%d people) in France requested in %.1f s (the zone search included)%n",
          ordered.opened(), ordered.people(), order);
      System.out.printf("plan: %d households (%d people) seated, %d waiting, %d SMS notices queued, in %.1f s%n",
          plan.householdsSeated(), plan.peopleSeated(), plan.householdsWaiting(), plan.notified(), first);
      System.out.printf("plan again, nothing changed: %d moved, %d notified, in %.1f s%n", again.moved().size(),
          again.notified(), second);
    } finally {
      Files.deleteIfExists(csv);
    }
  }
}
