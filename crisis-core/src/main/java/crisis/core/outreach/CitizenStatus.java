package crisis.core.outreach;

/** What a citizen told us of themselves during a crisis, by their last SAFE or HELP reply. */
public enum CitizenStatus {
  SAFE, NEEDS_HELP
}
