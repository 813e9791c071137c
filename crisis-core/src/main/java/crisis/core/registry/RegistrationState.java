package crisis.core.registry;

import java.util.UUID;

/**
 * Where a registration stands for the alert pipeline, as its owner tells it (the relay publishes it on the
 * {@code registrations} topic): no name, no phone.
 *
 * @param h3Cell the H3 cell of the point at the index resolution; null without a location
 */
public record RegistrationState(UUID id, int version, RegistrationStatus status, Double latitude, Double longitude, Long h3Cell,
    String preferredLanguage, String countryOfResidence) {}
