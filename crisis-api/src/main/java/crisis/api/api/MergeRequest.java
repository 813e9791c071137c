package crisis.api.api;

import java.util.UUID;

/** The registration to fold into the one named in the path. */
public record MergeRequest(UUID duplicateId) {}
