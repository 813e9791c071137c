package crisis.alerts.pipeline;

import java.util.List;

/**
 * Input of the exact test (topic {@code pipeline-crisis-candidates}, key: crisis id): either the crisis's new state,
 * or people found in cells the crisis covers, to be tested against its exact zones.
 */
public record CrisisCandidates(CrisisEvent state, List<Person> people) {

  public static CrisisCandidates state(CrisisEvent c) {
    return new CrisisCandidates(c, null);
  }

  public static CrisisCandidates people(List<Person> people) {
    return new CrisisCandidates(null, people);
  }
}
