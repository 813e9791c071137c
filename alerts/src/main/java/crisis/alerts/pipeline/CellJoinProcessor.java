package crisis.alerts.pipeline;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The join, by coarse H3 cell: keeps who is in the cell (one entry per person) and which active crises cover it (one
 * entry per cell). A crisis arriving sends
 * everyone in the cell to its exact test, in batches; a person arriving is sent to the exact test of every crisis
 * covering the cell.
 */
final class CellJoinProcessor extends GuardedProcessor<CellEvent> {
  static final int BATCH = 500;
  private KeyValueStore<String, byte[]> people;
  private KeyValueStore<String, String> crises;

  CellJoinProcessor() {
    super(CellEvent.class, AlertTopology.CELL_JOIN, true);
  }

  @Override
  public void init(ProcessorContext<Object, Object> context) {
    super.init(context);
    people = context.getStateStore(AlertTopology.CELL_PEOPLE_STORE);
    crises = context.getStateStore(AlertTopology.CELL_CRISES_STORE);
  }

  /**
   * The active crises covering a cell, kept as one value per cell: a person arriving costs one read, not a store
   * iterator (each opens and closes a JMX metric in Kafka Streams, about 0.3 ms).
   */
  private Set<String> crisesOf(String cell) {
    String list = crises.get(cell);
    Set<String> out = new LinkedHashSet<>();
    if (list != null && !list.isEmpty()) {
      out.addAll(Arrays.asList(list.split(",")));
    }
    return out;
  }

  @Override
  String check(String cell, CellEvent e) {
    if (e == null || e.kind() == null) {
      return "a cell event needs a kind";
    }
    return switch (e.kind()) {
      case PERSON -> e.person() == null || e.person().id() == null ? "a person event needs the person" : null;
      case PERSON_GONE -> e.registrationId() == null ? "a person-gone event needs the registration id" : null;
      case CRISIS, CRISIS_GONE -> e.crisisId() == null ? "a crisis event needs the crisis id" : null;
    };
  }

  /** A crisis that could not meet the people of a cell: its tally says so. */
  @Override
  void failed(String cell, CellEvent e, String reason, long timestamp) {
    if (e != null && e.kind() == CellEvent.Kind.CRISIS && e.crisisId() != null) {
      reportToCrisis(e.crisisId(), 0, "joining cell " + cell + " failed: " + reason, timestamp);
    }
  }

  @Override
  void handle(String cell, CellEvent e, long timestamp) {
    switch (e.kind()) {
      case PERSON -> {
        people.put(cell + "|" + e.person().id(), e.person().pack().getBytes(StandardCharsets.UTF_8));
        for (String crisisId : crisesOf(cell)) {
          forward(AlertTopology.CANDIDATES, crisisId, CrisisCandidates.people(List.of(e.person())), timestamp);
        }
      }
      case PERSON_GONE -> people.delete(cell + "|" + e.registrationId());
      case CRISIS -> {
        String crisisId = e.crisisId().toString();
        Set<String> covering = crisesOf(cell);
        if (covering.add(crisisId)) {
          crises.put(cell, String.join(",", covering));
        }
        // People are copied as stored, packed, without being parsed.
        StringBuilder batch = new StringBuilder(BATCH * 64);
        int n = 0;
        try (KeyValueIterator<String, byte[]> it = people.prefixScan(cell + "|", AlertTopology.STRING_SERIALIZER)) {
          while (it.hasNext()) {
            KeyValue<String, byte[]> kv = it.next();
            batch.append(new String(kv.value, StandardCharsets.UTF_8)).append('\n');
            if (++n == BATCH) {
              forward(AlertTopology.CANDIDATES, crisisId, CrisisCandidates.people(batch.toString()), timestamp);
              batch.setLength(0);
              n = 0;
            }
          }
        }
        if (n > 0) {
          forward(AlertTopology.CANDIDATES, crisisId, CrisisCandidates.people(batch.toString()), timestamp);
        }
      }
      case CRISIS_GONE -> {
        Set<String> covering = crisesOf(cell);
        if (covering.remove(e.crisisId().toString())) {
          if (covering.isEmpty()) {
            crises.delete(cell);
          } else {
            crises.put(cell, String.join(",", covering));
          }
        }
      }
      default -> throw new IllegalStateException("unknown kind " + e.kind());
    }
  }
}
