package crisis.core.demo;

import static org.assertj.core.api.Assertions.assertThat;

import crisis.core.geo.CountryBoundaries;
import crisis.core.registry.RegistrationData;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The demo's nationals are registrable: each generated point lies in its country, within the coastal band. */
@Tag("slow")
class DemoDataTest {
  @Test
  void everyGeneratedPointIsInItsCountry() {
    // The benchmarks' seed: without the cap on the spread, points beyond the band off Dubai and Abu Dhabi.
    Iterator<RegistrationData> people = new DemoData(20261129L, LocalDate.of(2026, 12, 4)).registrations();
    List<String> refused = new ArrayList<>();
    for (int i = 0; i < 250_000; i++) {
      RegistrationData d = people.next();
      if (d.location() != null && !CountryBoundaries.shared().plausiblyIn(d.countryOfResidence(),
          d.location().latitude(), d.location().longitude())) {
        refused.add(d.countryOfResidence() + " " + d.location().latitude() + "," + d.location().longitude());
      }
    }
    assertThat(refused).isEmpty();
  }
}
