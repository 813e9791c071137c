package crisis.alerts.pipeline;

import java.util.List;

/**
 * Input of the alert step (topic {@code pipeline-crisis-candidates}, key: crisis id): either the crisis's new state,
 * or people found in cells the crisis covers (packed, one per line, see {@link Person#pack}), to be tested against
 * its exact zones.
 */
public record CrisisCandidates(CrisisEvent state, String people) {

  public static CrisisCandidates state(CrisisEvent c) {
    return new CrisisCandidates(c, null);
  }

  public static CrisisCandidates people(String packed) {
    return new CrisisCandidates(null, packed);
  }

  public static CrisisCandidates people(List<Person> people) {
    StringBuilder b = new StringBuilder();
    people.forEach(p -> b.append(p.pack()).append('\n'));
    return people(b.toString());
  }
}
