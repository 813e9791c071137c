package crisis.core.registry.importing;

import crisis.core.registry.RegistrationData;
import java.util.UUID;

/** A valid, normalised row waiting to be written, with the id it gets if it is new. */
record Candidate(long line, UUID id, RegistrationData data, String contentHash) {}
