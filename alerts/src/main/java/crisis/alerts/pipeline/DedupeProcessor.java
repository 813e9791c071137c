package crisis.alerts.pipeline;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The guarantee, by registration id: an alert is emitted for a (message, person) pair the first time only, whatever
 * replays, moves or zone changes bring it back. Counts for the tally gather per crisis in a store and leave at a
 * steady pace, so the tally is not one record per alert.
 */
final class DedupeProcessor extends GuardedProcessor<PersonCandidate> {
  private static final JsonSerde<TallyDelta> DELTA = JsonSerde.of(TallyDelta.class);
  private final Duration tallyInterval;
  private KeyValueStore<String, String> sent;
  private KeyValueStore<String, byte[]> pending;

  DedupeProcessor(Duration tallyInterval) {
    super(PersonCandidate.class, AlertTopology.DEDUPE);
    this.tallyInterval = tallyInterval;
  }

  @Override
  public void init(ProcessorContext<Object, Object> context) {
    super.init(context);
    sent = context.getStateStore(AlertTopology.SENT_STORE);
    pending = context.getStateStore(AlertTopology.PENDING_TALLY_STORE);
    context.schedule(tallyInterval, PunctuationType.WALL_CLOCK_TIME, this::flushTally);
  }

  @Override
  String check(String key, PersonCandidate c) {
    if (c == null || c.registrationId() == null || c.crisisId() == null || c.messages() == null) {
      return "a person candidate needs the registration, the crisis and the messages";
    }
    return c.registrationId().toString().equals(key) ? null : "the registration id differs from the key";
  }

  @Override
  void handle(String key, PersonCandidate c, long timestamp) {
    String crisisId = c.crisisId().toString();
    TallyDelta delta = null;
    String affectedKey = key + "|c|" + crisisId;
    if (sent.get(affectedKey) == null) {
      sent.put(affectedKey, "");
      delta = delta(crisisId).plus(1, null);
    }
    for (CrisisEvent.MessageRef m : c.messages()) {
      String sentKey = key + "|m|" + m.id();
      if (sent.get(sentKey) != null) {
        continue;
      }
      sent.put(sentKey, "");
      forward(AlertTopology.ALERTS, key, new Alert(Alert.idOf(m.id(), c.registrationId()), c.crisisId(),
          m.id(), m.seq(), c.registrationId(), c.language(), Instant.ofEpochMilli(timestamp)), timestamp);
      delta = (delta == null ? delta(crisisId) : delta).plus(0, m.id().toString());
    }
    if (delta != null) {
      pending.put(crisisId, DELTA.write(delta));
    }
  }

  private TallyDelta delta(String crisisId) {
    TallyDelta d = DELTA.read(pending.get(crisisId));
    return d != null ? d : new TallyDelta(java.util.UUID.fromString(crisisId), 0, Map.of());
  }

  private void flushTally(long now) {
    List<KeyValue<String, byte[]>> all = new ArrayList<>();
    try (KeyValueIterator<String, byte[]> it = pending.all()) {
      it.forEachRemaining(all::add);
    }
    for (KeyValue<String, byte[]> kv : all) {
      forward(AlertTopology.TALLY_DELTAS, kv.key, DELTA.read(kv.value), now);
      pending.delete(kv.key);
    }
  }
}
