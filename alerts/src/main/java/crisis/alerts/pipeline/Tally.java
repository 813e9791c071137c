package crisis.alerts.pipeline;

import crisis.core.crisis.PipelineProblem;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The running tally of a crisis (topic {@code crisis-tally}, compacted, key: crisis id): a full snapshot each time,
 * with a revision that only grows, so a reader keeps the newest and ignores replays. {@code problem}: why the
 * pipeline could not process the crisis (null when it could), shown on the crisis page and by the health check.
 */
public record Tally(UUID crisisId, long affected, long alerted, Map<String, Long> alertedByMessage, long revision,
    Instant updatedAt, PipelineProblem problem) {

  public static Tally empty(UUID crisisId) {
    return new Tally(crisisId, 0, 0, Map.of(), 0, Instant.EPOCH, null);
  }

  /** This tally with more people found inside and more alerts per message id. */
  public Tally plus(long moreAffected, Map<String, Long> moreAlerted, Instant at) {
    Map<String, Long> m = new TreeMap<>(alertedByMessage);
    long more = 0;
    for (Map.Entry<String, Long> e : moreAlerted.entrySet()) {
      m.merge(e.getKey(), e.getValue(), Long::sum);
      more += e.getValue();
    }
    return new Tally(crisisId, affected + moreAffected, alerted + more, m, revision + 1, at, problem);
  }

  /** This tally with a problem reported (null: solved), as a new revision. */
  public Tally withProblem(PipelineProblem p, Instant at) {
    return new Tally(crisisId, affected, alerted, alertedByMessage, revision + 1, at, p);
  }
}
