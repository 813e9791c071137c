package crisis.core.registry.importing;

import java.util.UUID;

/**
 * Totals of one import run. {@code stoppedBy} is null when the whole file was read, otherwise why reading stopped
 * (a row that breaks the CSV structure); rows before it were imported.
 */
public record ImportSummary(UUID runId, String fileSha256, long rows, long created, long updated, long unchanged,
    long duplicates, long rejected, double seconds, String stoppedBy) {}
