package crisis.api.api;

import java.util.List;

/** One page of results; {@code total} counts every match. */
public record PageView<T>(List<T> items, long total, int offset, int limit) {}
