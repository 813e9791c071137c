package crisis.core.registry;

import java.time.Instant;
import java.util.Set;

/** What the national agreed to, when and how. Registrations cannot exist without it. */
public record Consent(Set<ConsentPurpose> purposes, Instant givenAt, ConsentMethod method) {}
