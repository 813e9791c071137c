package crisis.core.crisis;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A declared crisis: what, how grave, where, what to tell people, and where it is in its lifecycle. */
public record Crisis(UUID id, String title, CrisisType type, Severity severity, CrisisStatus status,
    List<CrisisZone> zones, List<String> fallback, List<CrisisMessage> messages, int version, Instant createdAt,
    String createdBy, Instant activatedAt, String activatedBy, Instant closedAt, String closedBy, Instant updatedAt) {

  public Crisis withMessages(List<CrisisMessage> m) {
    return new Crisis(id, title, type, severity, status, zones, fallback, m, version, createdAt, createdBy,
        activatedAt, activatedBy, closedAt, closedBy, updatedAt);
  }
}
