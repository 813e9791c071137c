package crisis.core.crisis;

/**
 * What a change of a crisis's zones would do: {@code inside}, the registrations the new zones hold; {@code newlyInside},
 * those of them the current zones do not hold; {@code noLongerInside}, those the current zones hold and the new ones
 * leave out (no further message reaches them); {@code sent}: what the change sends, by language and message (in an
 * active crisis, every message so far to the newcomers; in a draft, nothing until activation, so the whole new reach).
 */
public record ZoneChangePreview(CrisisStatus status, long inside, long newlyInside, long noLongerInside,
    Preview sent) {}
