package crisis.core.outreach;

import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * What the outreach's figures read of tables that other capabilities own: whether a crisis exists (the crisis's
 * table) and its evacuation requests by state (repatriation's). Both of those capabilities use outreach, so outreach
 * cannot name them: the wiring answers for them, through their owners' DAOs, on the caller's handle.
 */
public interface CrisisFacts {
  /** Whether the crisis exists, whatever its status. */
  boolean crisisExists(Handle h, UUID crisisId);

  /** The crisis's evacuation requests by state, counts only, in the states' alphabetical order. */
  Map<String, Long> evacuationsByState(Handle h, UUID crisisId);
}
