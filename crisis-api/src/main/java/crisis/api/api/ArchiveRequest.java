package crisis.api.api;

/** Why a registration is archived (left the country, deceased, registered twice…). */
public record ArchiveRequest(String reason) {}
