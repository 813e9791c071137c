package crisis.api.api;

import java.util.Set;

/** The caller as the system sees it. */
public record WhoAmI(String username, String role, String consulateId, Set<String> jurisdiction) {}
