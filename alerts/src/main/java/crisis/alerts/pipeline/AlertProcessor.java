package crisis.alerts.pipeline;

import crisis.core.crisis.CrisisZone;
import crisis.core.crisis.PipelineProblem;
import crisis.core.geo.Zone;
import crisis.core.privacy.PositionSeal;
import crisis.core.privacy.SealedValueException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alerts themselves, by crisis id. Keeps each crisis's latest state; tests every candidate point against its
 * zones exactly (a point on the edge is inside); emits an alert for each message not yet sent to that person (one
 * entry per crisis and person holds the messages sent, so replays, moves and zone changes never alert twice); and
 * keeps the crisis's tally, published at a steady pace. Candidates of a closed or unknown crisis are dropped. A state
 * is always seen before the candidates it caused: both come through this topic and the state is written first.
 * Everything of one crisis is in one task, so the check and the write of "sent" need no coordination.
 */
final class AlertProcessor extends GuardedProcessor<CrisisCandidates> {
  private static final Logger LOG = LoggerFactory.getLogger(AlertProcessor.class);
  private static final JsonSerde<CrisisEvent> CRISIS = JsonSerde.of(CrisisEvent.class);
  private static final JsonSerde<Tally> TALLY = JsonSerde.of(Tally.class);
  private final Duration tallyInterval;
  private final PositionSeal positions;
  private long unopened;
  /**
   * The crises of this task as read from their store, parsed once: a batch of candidates must not re-read and
   * re-parse a country's geometry. Kept equal to the store, which only this processor writes.
   */
  private final Map<String, Loaded> loaded = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Loaded> eldest) {
      return size() > 64;
    }
  };
  /** Crises whose tally changed since it was last published (all of them after a restart). */
  private final Set<String> changed = new LinkedHashSet<>();
  private KeyValueStore<String, byte[]> crises;
  private KeyValueStore<String, String> sent;
  private KeyValueStore<String, byte[]> tallies;

  /** A crisis's state with its zones ready to test points. */
  private record Loaded(CrisisEvent crisis, List<Zone> zones) {
    static Loaded of(CrisisEvent crisis) {
      List<Zone> z = new ArrayList<>();
      for (CrisisZone cz : crisis.zones()) {
        z.add(cz.zone());
      }
      return new Loaded(crisis, z);
    }
  }

  AlertProcessor(Duration tallyInterval, PositionSeal positions) {
    super(CrisisCandidates.class, AlertTopology.ALERT, true);
    this.tallyInterval = tallyInterval;
    this.positions = positions;
  }

  @Override
  public void init(ProcessorContext<Object, Object> context) {
    super.init(context);
    loaded.clear();
    crises = context.getStateStore(AlertTopology.CRISES_STORE);
    sent = context.getStateStore(AlertTopology.SENT_STORE);
    tallies = context.getStateStore(AlertTopology.TALLY_STORE);
    try (KeyValueIterator<String, byte[]> it = tallies.all()) {
      it.forEachRemaining(kv -> changed.add(kv.key));
    }
    context.schedule(tallyInterval, PunctuationType.WALL_CLOCK_TIME, this::publishTallies);
  }

  @Override
  String check(String key, CrisisCandidates c) {
    if (c == null || c.parts() != 1) {
      return "a candidate record holds exactly one of a crisis state, people or a problem";
    }
    if (c.state() != null && (c.state().id() == null || !c.state().id().toString().equals(key))) {
      return "the crisis id is missing or differs from the key";
    }
    return null;
  }

  @Override
  void handle(String key, CrisisCandidates c, long timestamp) {
    if (c.problem() != null) {
      // A problem of an unknown version (a later step's) is the version this step knows.
      PipelineProblem p = c.problem();
      int version = p.crisisVersion() == 0 ? storedVersion(key) : p.crisisVersion();
      setProblem(key, new PipelineProblem(p.reason(), version, p.at()), timestamp);
      return;
    }
    if (c.state() != null) {
      keepNewer(key, c.state(), timestamp);
      return;
    }
    Loaded current = load(key);
    if (current == null || !current.crisis().active() || current.crisis().messages().isEmpty()) {
      return;
    }
    CrisisEvent crisis = current.crisis();
    List<Zone> exact = current.zones();
    long affected = 0;
    Map<String, Long> alerted = new TreeMap<>();
    for (Person p : Person.unpackAll(c.people())) {
      double[] point = open(p);
      Double latitude = point == null ? null : point[0];
      Double longitude = point == null ? null : point[1];
      if (exact.stream().noneMatch(z -> z.reaches(latitude, longitude, p.country()))) {
        continue;
      }
      String registrationId = p.id().toString();
      String sentKey = key + "|" + registrationId;
      String before = sent.get(sentKey);
      Set<String> seqs = new LinkedHashSet<>();
      if (before != null && !before.isEmpty()) {
        seqs.addAll(Arrays.asList(before.split(",")));
      }
      boolean any = false;
      for (CrisisEvent.MessageRef m : crisis.messages()) {
        if (seqs.add(Integer.toString(m.seq()))) {
          any = true;
          forward(AlertTopology.ALERTS, registrationId, new Alert(Alert.idOf(m.id(), p.id()), crisis.id(), m.id(),
              m.seq(), p.id(), p.language(), Instant.ofEpochMilli(timestamp)), timestamp);
          alerted.merge(m.id().toString(), 1L, Long::sum);
        }
      }
      if (any) {
        FaultPoint.ALERT_FORWARDED.reached();
        sent.put(sentKey, String.join(",", seqs));
        affected += before == null ? 1 : 0;
      }
    }
    if (affected > 0 || !alerted.isEmpty()) {
      Tally t = TALLY.read(tallies.get(key));
      tallies.put(key, TALLY.write((t == null ? Tally.empty(crisis.id()) : t)
          .plus(affected, alerted, Instant.ofEpochMilli(timestamp))));
      changed.add(key);
    }
  }

  /**
   * Keeps a crisis state newer than the one stored. Compared by version alone: a stored state whose zones cannot be
   * read must not stop the next one.
   */
  private void keepNewer(String key, CrisisEvent state, long timestamp) {
    if (state.version() > storedVersion(key)) {
      crises.put(key, CRISIS.write(state));
      loaded.remove(key);
      // A newer version went through the steps before this one: an older version's problem is behind it.
      Tally t = TALLY.read(tallies.get(key));
      if (t != null && t.problem() != null && t.problem().crisisVersion() < state.version()) {
        setProblem(key, null, timestamp);
      }
    }
  }

  /** People of a crisis that could not be tested: its tally says so. */
  @Override
  void failed(String key, CrisisCandidates value, String reason, long timestamp) {
    if (crisisIdOf(key) != null) {
      setProblem(key, new PipelineProblem(AlertTopology.ALERT + ": " + reason, storedVersion(key),
          Instant.ofEpochMilli(timestamp)), timestamp);
    }
  }

  /** The version of the crisis as stored here (its zones not parsed: they may be what failed); 0 when unknown. */
  private int storedVersion(String key) {
    CrisisEvent stored = CRISIS.read(crises.get(key));
    return stored == null ? 0 : stored.version();
  }

  /** Records a problem of the crisis in its tally (null: none any more), published with the next tallies. */
  private void setProblem(String key, PipelineProblem p, long timestamp) {
    Tally t = TALLY.read(tallies.get(key));
    if (t == null && p == null) {
      return;
    }
    tallies.put(key, TALLY.write((t == null ? Tally.empty(java.util.UUID.fromString(key)) : t)
        .withProblem(p, Instant.ofEpochMilli(timestamp))));
    changed.add(key);
  }

  /** The crisis from the cache, else from the store; null when unknown. */
  private Loaded load(String key) {
    Loaded l = loaded.get(key);
    if (l == null) {
      CrisisEvent e = CRISIS.read(crises.get(key));
      if (e != null) {
        l = Loaded.of(e);
        loaded.put(key, l);
      }
    }
    return l;
  }

  private void publishTallies(long now) {
    for (String key : changed) {
      Tally t = TALLY.read(tallies.get(key));
      if (t != null) {
        forward(AlertTopology.CRISIS_TALLY, key, t, now);
      }
    }
    changed.clear();
  }

  /**
   * The person's point, opened for the exact test alone; null without one. A point that does not open (sealed with
   * another index key, or changed on the way) is left out and the person is tested as unlocated — reached still as a
   * resident of a country zone — and counted in the log, never named.
   */
  private double[] open(Person p) {
    if (p.position() == null) {
      return null;
    }
    try {
      return positions.open(p.id(), p.position());
    } catch (SealedValueException e) {
      unopened++;
      if (Long.bitCount(unopened) == 1) {
        LOG.warn("{} sealed positions did not open (another index key?): those people are tested as unlocated",
            unopened);
      }
      return null;
    }
  }
}
