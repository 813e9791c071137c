package crisis.core.users;

import crisis.core.access.Role;
import java.time.Instant;

/** A person who logs in. Officers are bound to one consulate, case workers to one region; others to neither. */
public record User(long id, String username, Role role, String consulateId, String region, Instant createdAt,
    boolean disabled) {}
