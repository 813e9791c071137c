package crisis.api.api;

import java.util.Map;

/**
 * A column mapping to keep: its consulate (default: an officer's own), its name, and each header as the file writes
 * it → the column of the format it is read as, or "ignore".
 */
public record MappingRequest(String consulate, String name, Map<String, String> columns) {}
