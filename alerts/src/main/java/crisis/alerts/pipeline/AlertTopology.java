package crisis.alerts.pipeline;

import crisis.alerts.kafka.Topics;
import crisis.core.geo.Coverage;
import crisis.core.privacy.PositionSeal;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The alert pipeline as one Kafka Streams {@link Topology}:
 *
 * <pre>
 * registrations ── locate (by person) ──┐
 *                                       ├─▶ pipeline-cells ── cell join (by coarse H3 cell) ──┐
 * crisis-zones ─── zone cells (by crisis)┘          └────────── crisis states ───────────────┴─▶
 * pipeline-crisis-candidates ── alert (by crisis: exact test, once per message, tally) ─▶ alerts, crisis-tally
 * </pre>
 *
 * Every processor reads raw bytes and sends what it cannot read or process to {@code dead-letters}. Run it with
 * {@code processing.guarantee=exactly_once_v2}: the stores, the outputs and the consumed offsets commit together.
 */
public final class AlertTopology {
  /** The H3 resolution people and zones meet at: {@link Coverage#JOIN_RESOLUTION}. */
  public static final int JOIN_RESOLUTION = Coverage.JOIN_RESOLUTION;

  /** The second resolution people are filed under, for a zone's coarse cells: {@link Coverage#WIDE_JOIN_RESOLUTION}. */
  public static final int WIDE_JOIN_RESOLUTION = Coverage.WIDE_JOIN_RESOLUTION;

  /** The join cell where a country's residents and its country-wide crises meet (H3 cells are hex: no clash). */
  static String countryCell(String iso2) {
    return "country:" + iso2;
  }

  static final String LOCATE = "locate";
  static final String ZONE_CELLS = "zone-cells";
  static final String CELL_JOIN = "cell-join";
  static final String ALERT = "alert";

  static final String CELLS = "cells";
  static final String CANDIDATES = "crisis-candidates";
  static final String ALERTS = "alerts";
  static final String CRISIS_TALLY = "crisis-tally";
  static final String DEAD_LETTERS = "dead-letters";

  static final String LOCATED_STORE = "located";
  static final String CRISIS_VERSION_STORE = "crisis-versions";
  static final String CRISIS_CELLS_STORE = "crisis-cells";
  static final String CELL_PEOPLE_STORE = "cell-people";
  static final String CELL_CRISES_STORE = "cell-crises";
  static final String CRISES_STORE = "crises";
  static final String SENT_STORE = "sent";
  static final String TALLY_STORE = "tallies";

  static final StringSerializer STRING_SERIALIZER = new StringSerializer();

  private AlertTopology() {}

  /**
   * @param tallyInterval how often gathered counts leave for the tally (wall-clock time)
   * @param versions the database's versions, which no record read may be ahead of
   * @param positions opens the people's sealed points for the exact test (the only step that reads them)
   */
  public static Topology build(Duration tallyInterval, Versions versions, PositionSeal positions) {
    Topology t = new Topology();
    ByteArrayDeserializer bytes = new ByteArrayDeserializer();

    t.addSource("registrations-in", bytes, bytes, Topics.REGISTRATIONS);
    processor(t, LOCATE, () -> new LocateProcessor(versions), "registrations-in");
    t.addStateStore(store(LOCATED_STORE, Serdes.String()), LOCATE);
    sink(t, LOCATE, CELLS, Topics.PIPELINE_CELLS, CellEvent.class);

    t.addSource("crisis-zones-in", bytes, bytes, Topics.CRISIS_ZONES);
    processor(t, ZONE_CELLS, () -> new ZoneCellsProcessor(versions), "crisis-zones-in");
    t.addStateStore(store(CRISIS_VERSION_STORE, Serdes.String()), ZONE_CELLS);
    t.addStateStore(store(CRISIS_CELLS_STORE, Serdes.String()), ZONE_CELLS);
    sink(t, ZONE_CELLS, CANDIDATES, Topics.PIPELINE_CRISIS_CANDIDATES, CrisisCandidates.class);
    sink(t, ZONE_CELLS, CELLS, Topics.PIPELINE_CELLS, CellEvent.class);

    t.addSource("cells-in", bytes, bytes, Topics.PIPELINE_CELLS);
    processor(t, CELL_JOIN, CellJoinProcessor::new, "cells-in");
    t.addStateStore(store(CELL_PEOPLE_STORE, Serdes.ByteArray()), CELL_JOIN);
    t.addStateStore(store(CELL_CRISES_STORE, Serdes.String()), CELL_JOIN);
    sink(t, CELL_JOIN, CANDIDATES, Topics.PIPELINE_CRISIS_CANDIDATES, CrisisCandidates.class);

    t.addSource("crisis-candidates-in", bytes, bytes, Topics.PIPELINE_CRISIS_CANDIDATES);
    processor(t, ALERT, () -> new AlertProcessor(tallyInterval, positions), "crisis-candidates-in");
    t.addStateStore(store(CRISES_STORE, Serdes.ByteArray())
        .withLoggingEnabled(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
            Integer.toString(Topics.MAX_GEOMETRY_RECORD_BYTES))), ALERT);
    t.addStateStore(store(SENT_STORE, Serdes.String()), ALERT);
    t.addStateStore(store(TALLY_STORE, Serdes.ByteArray()), ALERT);
    sink(t, ALERT, ALERTS, Topics.ALERTS, Alert.class);
    sink(t, ALERT, CRISIS_TALLY, Topics.CRISIS_TALLY, Tally.class);
    return t;
  }

  static String sink(String processor, String output) {
    return processor + "->" + output;
  }

  private static void processor(Topology t, String name, ProcessorSupplier<byte[], byte[], Object, Object> supplier,
      String source) {
    t.addProcessor(name, supplier, source);
    t.addSink(sink(name, DEAD_LETTERS), Topics.DEAD_LETTERS, new ByteArraySerializer(), new ByteArraySerializer(),
        name);
  }

  private static <T> void sink(Topology t, String processor, String output, String topic, Class<T> type) {
    t.addSink(sink(processor, output), topic, STRING_SERIALIZER, JsonSerde.of(type).serializer(), processor);
  }

  /** A RocksDB store with a changelog and no cache: every write goes to the changelog in the same transaction. */
  private static <V> StoreBuilder<org.apache.kafka.streams.state.KeyValueStore<String, V>> store(String name,
      Serde<V> values) {
    return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), values)
        .withCachingDisabled();
  }
}
