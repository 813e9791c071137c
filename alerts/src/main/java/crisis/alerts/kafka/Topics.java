package crisis.alerts.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * The one list of the system's topics, their keys, partitions and clean-up policy. The application creates the
 * missing ones at start; existing topics are left as they are.
 */
public final class Topics {
  /** Registrations by registration id; the latest state of each is kept. */
  public static final String REGISTRATIONS = "registrations";
  /** Crisis zones by crisis id; the latest state of each is kept. */
  public static final String CRISIS_ZONES = "crisis-zones";
  /** One alert per citizen per crisis message, keyed by citizen id. */
  public static final String ALERTS = "alerts";
  public static final String SMS_OUTBOUND = "sms-outbound";
  public static final String SMS_STATUS = "sms-status";
  public static final String CITIZEN_REPLIES = "citizen-replies";
  /** The latest SAFE / HELP / NO_ANSWER per crisis and citizen. */
  public static final String CITIZEN_STATUS = "citizen-status";
  /** Records that could not be read, with the reason in a header. */
  public static final String DEAD_LETTERS = "dead-letters";

  private static final Set<String> COMPACTED = Set.of(REGISTRATIONS, CRISIS_ZONES, CITIZEN_STATUS);
  private static final List<String> ALL = List.of(REGISTRATIONS, CRISIS_ZONES, ALERTS, SMS_OUTBOUND, SMS_STATUS,
      CITIZEN_REPLIES, CITIZEN_STATUS, DEAD_LETTERS);

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
          missing.add(new NewTopic(name, partitions, replication).configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG,
              COMPACTED.contains(name) ? TopicConfig.CLEANUP_POLICY_COMPACT : TopicConfig.CLEANUP_POLICY_DELETE)));
        }
      }
      if (!missing.isEmpty()) {
        admin.createTopics(missing).all().get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot create topics: " + e.getCause().getMessage(), e);
    }
  }

  public static List<String> all() {
    return ALL;
  }
}
