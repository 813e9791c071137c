package crisis.core.crisis;

import java.util.UUID;

/** A crisis by its id and title alone: what a list across crises names each of its items by. */
public record CrisisTitle(UUID id, String title) {}
