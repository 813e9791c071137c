package crisis.api.health;

import com.codahale.metrics.health.HealthCheck;
import crisis.core.crisis.db.CrisisDao;
import crisis.core.crisis.db.CrisisMappers;
import java.util.List;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;

/**
 * Unhealthy while an active crisis is one the alert pipeline reports it cannot process (its zones could not be
 * covered, say): people inside it are not being alerted, and an operator must know at once. Names the crises (ids)
 * and why; no person's data. Healthy again once a later version of each goes through, or it is closed.
 */
public final class CrisisPipelineHealthCheck extends HealthCheck {
  private static final int NAMED = 5;
  private final Jdbi jdbi;

  public CrisisPipelineHealthCheck(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  protected Result check() {
    List<CrisisMappers.Stuck> stuck = jdbi.withExtension(CrisisDao.class, CrisisDao::activeWithProblems);
    if (stuck.isEmpty()) {
      return Result.healthy("the alert pipeline processes every active crisis");
    }
    return Result.unhealthy(stuck.size() + " active " + (stuck.size() == 1 ? "crisis" : "crises")
        + " the alert pipeline cannot process (nobody in their zones is being alerted): "
        + stuck.stream().limit(NAMED).map(s -> "crisis " + s.crisisId() + ": " + s.problem())
            .collect(Collectors.joining("; ")));
  }
}
