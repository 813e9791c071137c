package crisis.alerts.pipeline;

import java.time.Instant;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;

/** The tally, by crisis id: adds each delta and publishes the full snapshot. */
final class TallyProcessor extends GuardedProcessor<TallyDelta> {
  private static final JsonSerde<Tally> TALLY = JsonSerde.of(Tally.class);
  private KeyValueStore<String, byte[]> tallies;

  TallyProcessor() {
    super(TallyDelta.class, AlertTopology.TALLY);
  }

  @Override
  public void init(ProcessorContext<Object, Object> context) {
    super.init(context);
    tallies = context.getStateStore(AlertTopology.TALLY_STORE);
  }

  @Override
  String check(String key, TallyDelta d) {
    if (d == null || d.crisisId() == null || d.alertedByMessage() == null) {
      return "a tally delta needs the crisis and the counts";
    }
    return d.crisisId().toString().equals(key) ? null : "the crisis id differs from the key";
  }

  @Override
  void handle(String key, TallyDelta d, long timestamp) {
    Tally current = TALLY.read(tallies.get(key));
    Tally next = (current == null ? Tally.empty(d.crisisId()) : current).plus(d, Instant.ofEpochMilli(timestamp));
    tallies.put(key, TALLY.write(next));
    forward(AlertTopology.CRISIS_TALLY, key, next, timestamp);
  }
}
