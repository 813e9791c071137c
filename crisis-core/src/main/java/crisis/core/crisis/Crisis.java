package crisis.core.crisis;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A declared crisis: what, how grave, where, what to tell people, and where it is in its lifecycle (draft, active,
 * closed). Built with {@link #builder()}; each change of the lifecycle is a method that returns the next version.
 */
public record Crisis(UUID id, String title, CrisisType type, Severity severity, CrisisStatus status,
    List<CrisisZone> zones, List<String> fallback, List<CrisisMessage> messages, int version, Instant createdAt,
    String createdBy, Instant activatedAt, String activatedBy, Instant closedAt, String closedBy, Instant updatedAt) {

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder().id(id).title(title).type(type).severity(severity).status(status).zones(zones)
        .fallback(fallback).messages(messages).version(version).created(createdAt, createdBy)
        .activated(activatedAt, activatedBy).closed(closedAt, closedBy).updatedAt(updatedAt);
  }

  /** A new draft at version 1. */
  public static Crisis draft(UUID id, String title, CrisisType type, Severity severity, List<CrisisZone> zones,
      List<String> fallback, List<CrisisMessage> messages, Instant at, String by) {
    return builder().id(id).title(title).type(type).severity(severity).status(CrisisStatus.DRAFT).zones(zones)
        .fallback(fallback).messages(messages).version(1).created(at, by).updatedAt(at).build();
  }

  /** The next version, active from {@code at}. */
  public Crisis activate(Instant at, String by) {
    return next(at).status(CrisisStatus.ACTIVE).activated(at, by).build();
  }

  /** The next version, closed at {@code at}. */
  public Crisis close(Instant at, String by) {
    return next(at).status(CrisisStatus.CLOSED).closed(at, by).build();
  }

  /** The next version, with {@code message} added after the others. */
  public Crisis addMessage(CrisisMessage message, Instant at) {
    List<CrisisMessage> all = new ArrayList<>(messages);
    all.add(message);
    return next(at).messages(all).build();
  }

  /** The next version, over {@code newZones}. */
  public Crisis replaceZones(List<CrisisZone> newZones, Instant at) {
    return next(at).zones(newZones).build();
  }

  public Crisis withMessages(List<CrisisMessage> m) {
    return toBuilder().messages(m).build();
  }

  private Builder next(Instant at) {
    return toBuilder().version(version + 1).updatedAt(at);
  }

  /** Builds a crisis field by field; messages default to none. */
  public static final class Builder {
    private UUID id;
    private String title;
    private CrisisType type;
    private Severity severity;
    private CrisisStatus status;
    private List<CrisisZone> zones = List.of();
    private List<String> fallback = List.of();
    private List<CrisisMessage> messages = List.of();
    private int version;
    private Instant createdAt;
    private String createdBy;
    private Instant activatedAt;
    private String activatedBy;
    private Instant closedAt;
    private String closedBy;
    private Instant updatedAt;

    private Builder() {}

    public Builder id(UUID v) {
      id = v;
      return this;
    }

    public Builder title(String v) {
      title = v;
      return this;
    }

    public Builder type(CrisisType v) {
      type = v;
      return this;
    }

    public Builder severity(Severity v) {
      severity = v;
      return this;
    }

    public Builder status(CrisisStatus v) {
      status = v;
      return this;
    }

    public Builder zones(List<CrisisZone> v) {
      zones = List.copyOf(v);
      return this;
    }

    public Builder fallback(List<String> v) {
      fallback = List.copyOf(v);
      return this;
    }

    public Builder messages(List<CrisisMessage> v) {
      messages = List.copyOf(v);
      return this;
    }

    public Builder version(int v) {
      version = v;
      return this;
    }

    public Builder created(Instant at, String by) {
      createdAt = at;
      createdBy = by;
      return this;
    }

    public Builder activated(Instant at, String by) {
      activatedAt = at;
      activatedBy = by;
      return this;
    }

    public Builder closed(Instant at, String by) {
      closedAt = at;
      closedBy = by;
      return this;
    }

    public Builder updatedAt(Instant v) {
      updatedAt = v;
      return this;
    }

    public Crisis build() {
      return new Crisis(id, title, type, severity, status, zones, fallback, messages, version, createdAt, createdBy,
          activatedAt, activatedBy, closedAt, closedBy, updatedAt);
    }
  }
}
