package crisis.alerts.outbox;

import crisis.alerts.kafka.Topics;

/**
 * What an {@code outbox} row names, as its {@code aggregate} column spells it, and the topic its current state goes
 * to. A row of another kind is an error, never a crisis by default.
 */
public enum Aggregate {
  REGISTRATION("registration", Topics.REGISTRATIONS),
  CRISIS("crisis", Topics.CRISIS_ZONES),
  EVACUATION("evacuation", Topics.EVACUATIONS),
  REINTEGRATION("reintegration", Topics.REINTEGRATION_CASES);

  private final String column;
  private final String topic;

  Aggregate(String column, String topic) {
    this.column = column;
    this.topic = topic;
  }

  /** The topic that carries this aggregate's states. */
  public String topic() {
    return topic;
  }

  /** The aggregate an {@code outbox.aggregate} value names. */
  public static Aggregate of(String column) {
    for (Aggregate a : values()) {
      if (a.column.equals(column)) {
        return a;
      }
    }
    throw new IllegalStateException("an outbox row of an unknown aggregate: " + column);
  }
}
