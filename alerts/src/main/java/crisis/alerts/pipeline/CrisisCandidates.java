package crisis.alerts.pipeline;

import crisis.core.crisis.PipelineProblem;
import java.util.List;

/**
 * Input of the alert step (topic {@code pipeline-crisis-candidates}, key: crisis id): exactly one of the crisis's new
 * state, people found in cells the crisis covers (packed, one per line, see {@link Person#pack}), to be tested
 * against its exact zones, or a problem an earlier step had with the crisis (recorded in its tally).
 */
public record CrisisCandidates(CrisisEvent state, String people, PipelineProblem problem) {

  public static CrisisCandidates state(CrisisEvent c) {
    return new CrisisCandidates(c, null, null);
  }

  public static CrisisCandidates people(String packed) {
    return new CrisisCandidates(null, packed, null);
  }

  public static CrisisCandidates problem(PipelineProblem p) {
    return new CrisisCandidates(null, null, p);
  }

  /** How many of the three are given: exactly one in a valid record. */
  int parts() {
    return (state == null ? 0 : 1) + (people == null ? 0 : 1) + (problem == null ? 0 : 1);
  }

  public static CrisisCandidates people(List<Person> people) {
    StringBuilder b = new StringBuilder();
    people.forEach(p -> b.append(p.pack()).append('\n'));
    return people(b.toString());
  }
}
