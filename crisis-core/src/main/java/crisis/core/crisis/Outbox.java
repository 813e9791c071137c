package crisis.core.crisis;

import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Writes outbox rows in the caller's transaction: the change and the promise to publish it commit together, and the
 * relay publishes the aggregate's state after commit. Registrations reach the outbox through database triggers.
 */
public final class Outbox {
  public static final String REGISTRATION = "registration";
  public static final String CRISIS = "crisis";

  private Outbox() {}

  public static void record(Handle h, String aggregate, UUID id) {
    h.createUpdate("INSERT INTO outbox (aggregate, aggregate_id) VALUES (:a, :id)")
        .bind("a", aggregate).bind("id", id).execute();
  }
}
