package crisis.alerts.kafka;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.config.TopicConfig;

/**
 * The one list of the system's topics, their keys, partitions and clean-up policy. The application creates the
 * missing ones at start; existing topics are left as they are. Every topic is read by the application, or is one of
 * {@link #OUTPUTS}, written for others to read (TopicsTest checks it against the sources); the SMS state (sends,
 * delivery reports, replies, citizens' status) lives in PostgreSQL.
 */
public final class Topics {
  /** Registrations by registration id; the latest state of each is kept. */
  public static final String REGISTRATIONS = "registrations";
  /** Crisis zones by crisis id; the latest state of each is kept. */
  public static final String CRISIS_ZONES = "crisis-zones";
  /** One alert per citizen per crisis message, keyed by citizen id. */
  public static final String ALERTS = "alerts";
  /**
   * Evacuation requests by request id, the latest state of each kept ({@code repatriation.EvacuationEvent}): requested,
   * assigned, checked in, boarded, arrived. What the reintegration follow-up starts from (issue 14).
   */
  public static final String EVACUATIONS = "evacuations";
  /**
   * Reintegration cases by case id, the latest state of each kept ({@code reintegration.ReintegrationEvent}): opened, needs
   * changed, check-ins answered, closed. Ids, regions and counts only.
   */
  public static final String REINTEGRATION_CASES = "reintegration-cases";
  /** Records that could not be read, with the reason in a header. */
  public static final String DEAD_LETTERS = "dead-letters";
  /** The latest tally of each crisis, a full snapshot per record, keyed by crisis id. */
  public static final String CRISIS_TALLY = "crisis-tally";
  /** Inside the alert pipeline: people and crises meeting by coarse H3 cell, keyed by cell. */
  public static final String PIPELINE_CELLS = "pipeline-cells";
  /** Inside the alert pipeline: crisis states and candidate people for the exact test, keyed by crisis id. */
  public static final String PIPELINE_CRISIS_CANDIDATES = "pipeline-crisis-candidates";
  /** The longest a superseded record waits on a compacted topic before the cleaner may drop it: a day. */
  public static final long MAX_COMPACTION_LAG_MS = 86_400_000L;
  /**
   * How long a record stays on a topic that is not compacted: a week. Set on each at creation rather than left to the
   * broker's default, so that an alert naming a person (by registration id) is gone from the disks a week after it
   * was sent, and the retention purge's promise holds on a cluster configured otherwise (issue 31).
   */
  public static final long RETENTION_MS = 7L * 86_400_000L;
  /** Largest record on the topics that carry zone geometry (a large country's boundary). */
  public static final int MAX_GEOMETRY_RECORD_BYTES = 16 * 1024 * 1024;

  /**
   * The topics the application writes for others and never reads itself: the records it could not process, for the
   * operators (`kafka-console-consumer` and the reason header), and the reintegration cases' states, for the
   * ministry's reporting (ids, regions and counts only).
   */
  public static final Set<String> OUTPUTS = Set.of(DEAD_LETTERS, REINTEGRATION_CASES);

  private static final Set<String> COMPACTED = Set.of(REGISTRATIONS, CRISIS_ZONES, CRISIS_TALLY, EVACUATIONS,
      REINTEGRATION_CASES);
  private static final Set<String> LARGE = Set.of(CRISIS_ZONES, PIPELINE_CRISIS_CANDIDATES);
  private static final List<String> ALL = List.of(REGISTRATIONS, CRISIS_ZONES, ALERTS, DEAD_LETTERS, CRISIS_TALLY,
      PIPELINE_CELLS, PIPELINE_CRISIS_CANDIDATES, EVACUATIONS, REINTEGRATION_CASES);

  private Topics() {}

  /**
   * Creates the topics that do not exist yet.
   *
   * @param partitions partitions of each new topic (the unit of parallelism across application instances)
   * @param replication replication factor (1 for the embedded broker, 3 in production)
   */
  public static void ensure(Admin admin, int partitions, short replication) {
    try {
      Set<String> existing = admin.listTopics().names().get();
      List<NewTopic> missing = new ArrayList<>();
      for (String name : ALL) {
        if (!existing.contains(name)) {
          Map<String, String> configs = new HashMap<>();
          configs.put(TopicConfig.CLEANUP_POLICY_CONFIG,
              COMPACTED.contains(name) ? TopicConfig.CLEANUP_POLICY_COMPACT : TopicConfig.CLEANUP_POLICY_DELETE);
          if (COMPACTED.contains(name)) {
            // A record superseded or deleted (a tombstone of the retention purge) leaves the disks within a day, not
            // whenever the segment happens to roll (issue 31).
            configs.put(TopicConfig.MAX_COMPACTION_LAG_MS_CONFIG, Long.toString(MAX_COMPACTION_LAG_MS));
          } else {
            configs.put(TopicConfig.RETENTION_MS_CONFIG, Long.toString(RETENTION_MS));
          }
          if (LARGE.contains(name)) {
            configs.put(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(MAX_GEOMETRY_RECORD_BYTES));
          }
          missing.add(new NewTopic(name, partitions, replication).configs(configs));
        }
      }
      if (!missing.isEmpty()) {
        create(admin, missing);
        awaitLeaders(admin, missing.stream().map(NewTopic::name).toList());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot create topics: " + e.getCause().getMessage(), e);
    }
  }

  /**
   * Creates the topics; one that exists by now is left as it is: instances of the application starting together each
   * list the topics, find the same ones missing and create them, and all but the first are told TOPIC_ALREADY_EXISTS
   * (issue 30: the second instance of a cluster then refused to start).
   */
  static void create(Admin admin, List<NewTopic> topics) throws InterruptedException, ExecutionException {
    for (var created : admin.createTopics(topics).values().values()) {
      try {
        created.get();
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e;
        }
      }
    }
  }

  /**
   * Waits until every partition of new topics has a leader: a producer writing in the first moments after creation
   * can otherwise be told NOT_LEADER_OR_FOLLOWER and then, idempotent, stall on out-of-order sequence numbers.
   */
  private static void awaitLeaders(Admin admin, List<String> names) throws InterruptedException, ExecutionException {
    long end = System.nanoTime() + 30_000_000_000L;
    while (System.nanoTime() < end) {
      boolean ready = true;
      try {
        for (var d : admin.describeTopics(names).allTopicNames().get().values()) {
          ready &= d.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty());
        }
      } catch (ExecutionException e) {
        ready = false;
      }
      if (ready) {
        return;
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("new topics still have partitions without a leader after 30 s: " + names);
  }

  public static List<String> all() {
    return ALL;
  }

  /**
   * How a person's records leave each topic once the retention purge has deleted them from the database: the
   * compacted topics keyed by something of theirs get a tombstone, the others age out ({@link #RETENTION_MS}).
   */
  public static String forgetting(String topic) {
    return switch (topic) {
      case REGISTRATIONS -> "a tombstone by registration id (the registration's delete writes the outbox), cleaned "
          + "within max.compaction.lag.ms";
      case CRISIS_ZONES, CRISIS_TALLY -> "names no one: zones, counts";
      case EVACUATIONS -> "a tombstone by request id once the request is deleted after its legal period (its delete "
          + "writes the outbox, 044); its people are held until then";
      case REINTEGRATION_CASES -> "a tombstone by case id once the case is deleted after its legal period (its delete "
          + "writes the outbox, 044); ids and counts";
      case ALERTS, DEAD_LETTERS, PIPELINE_CELLS, PIPELINE_CRISIS_CANDIDATES -> "ages out after retention.ms (a week)";
      default -> throw new IllegalArgumentException("a topic nobody classified: " + topic);
    };
  }
}
