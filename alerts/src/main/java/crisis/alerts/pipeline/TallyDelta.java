package crisis.alerts.pipeline;

import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** Counts to add to a crisis's tally (topic {@code pipeline-tally-deltas}, key: crisis id). */
public record TallyDelta(UUID crisisId, long affected, Map<String, Long> alertedByMessage) {

  public TallyDelta plus(long moreAffected, String messageId) {
    Map<String, Long> m = new TreeMap<>(alertedByMessage);
    if (messageId != null) {
      m.merge(messageId, 1L, Long::sum);
    }
    return new TallyDelta(crisisId, affected + moreAffected, m);
  }
}
