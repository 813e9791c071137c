package crisis.alerts.pipeline;

import java.util.UUID;

/** A located, alertable person as the join needs them. */
public record Person(UUID id, double latitude, double longitude, String language) {}
