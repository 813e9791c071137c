package crisis.alerts.kafka;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The ACLs the application's principal needs on a cluster that allows nothing by default, and no more: its topics (by
 * name), Streams' internal topics, its consumer groups and its transactional ids (all named after the application
 * id), and idempotent writes. Nobody else needs any access to these topics; operators add read-only ACLs for
 * downstream consumers of {@code alerts} or {@code crisis-tally} if they have any.
 */
public final class KafkaAccess {
  private KafkaAccess() {}

  /**
   * The allow-ACLs of {@code principal} (e.g. {@code User:crisis}) for a deployment whose Streams application id is
   * {@code applicationId}, from any host.
   */
  public static List<AclBinding> forApplication(String applicationId, String principal) {
    if (applicationId == null || applicationId.isBlank()) {
      throw new IllegalArgumentException("the application id must not be blank: a prefix ACL on it would match every"
          + " resource");
    }
    if (principal == null || !principal.startsWith("User:") || principal.length() <= "User:".length()) {
      throw new IllegalArgumentException("the principal must be written User:<name>");
    }
    List<AclBinding> acls = new ArrayList<>();
    for (String topic : Topics.all()) {
      for (AclOperation op : List.of(AclOperation.CREATE, AclOperation.DESCRIBE, AclOperation.DESCRIBE_CONFIGS,
          AclOperation.READ, AclOperation.WRITE)) {
        acls.add(allow(principal, ResourceType.TOPIC, topic, PatternType.LITERAL, op));
      }
    }
    // Streams' repartition and changelog topics are named <applicationId>-...; it creates, reads, writes and deletes
    // them (deleting on a reset).
    acls.add(allow(principal, ResourceType.TOPIC, applicationId + "-", PatternType.PREFIXED, AclOperation.ALL));
    // The Streams group is the application id itself; the relay's and projector's groups are <applicationId>-....
    acls.add(allow(principal, ResourceType.GROUP, applicationId, PatternType.PREFIXED, AclOperation.READ));
    acls.add(allow(principal, ResourceType.GROUP, applicationId, PatternType.PREFIXED, AclOperation.DESCRIBE));
    // exactly_once_v2: Streams' transactional ids start with the application id.
    acls.add(allow(principal, ResourceType.TRANSACTIONAL_ID, applicationId, PatternType.PREFIXED,
        AclOperation.WRITE));
    acls.add(allow(principal, ResourceType.TRANSACTIONAL_ID, applicationId, PatternType.PREFIXED,
        AclOperation.DESCRIBE));
    acls.add(allow(principal, ResourceType.CLUSTER, "kafka-cluster", PatternType.LITERAL,
        AclOperation.IDEMPOTENT_WRITE));
    return List.copyOf(acls);
  }

  /** The same ACLs as {@code kafka-acls.sh} commands, one per line, for an operator to review and run. */
  public static List<String> asCommands(List<AclBinding> acls, String bootstrapServers) {
    List<String> lines = new ArrayList<>();
    for (AclBinding b : acls) {
      ResourcePattern r = b.pattern();
      String resource = switch (r.resourceType()) {
        case TOPIC -> "--topic '" + r.name() + "'";
        case GROUP -> "--group '" + r.name() + "'";
        case TRANSACTIONAL_ID -> "--transactional-id '" + r.name() + "'";
        case CLUSTER -> "--cluster";
        default -> throw new IllegalStateException("no command for " + r.resourceType());
      };
      String pattern = r.patternType() == PatternType.PREFIXED ? " --resource-pattern-type prefixed" : "";
      lines.add("kafka-acls.sh --bootstrap-server " + bootstrapServers + " --command-config admin.properties --add"
          + " --allow-principal '" + b.entry().principal() + "' --operation " + operationName(b.entry().operation())
          + " " + resource + pattern);
    }
    return lines;
  }

  private static String operationName(AclOperation op) {
    StringBuilder out = new StringBuilder();
    for (String part : op.name().split("_")) {
      out.append(part.charAt(0)).append(part.substring(1).toLowerCase(java.util.Locale.ROOT));
    }
    return out.toString();
  }

  private static AclBinding allow(String principal, ResourceType type, String name, PatternType pattern,
      AclOperation op) {
    return new AclBinding(new ResourcePattern(type, name, pattern),
        new AccessControlEntry(principal, "*", op, AclPermissionType.ALLOW));
  }
}
