package crisis.core.users;

import crisis.core.access.Role;
import java.time.Instant;

/** A person who logs in. Officers are bound to one consulate; others have none. */
public record User(long id, String username, Role role, String consulateId, Instant createdAt, boolean disabled) {}
