--liquibase formatted sql

--changeset crisis:032-crisis-pipeline-problem
-- Why the alert pipeline could not process a crisis (its zones could not be covered, say): shown on the crisis page
-- and turning the health check unhealthy while the crisis is active. Projected from the tally topic with the rest.
ALTER TABLE crisis_tally
  ADD COLUMN problem         TEXT,
  ADD COLUMN problem_version INT,
  ADD COLUMN problem_at      TIMESTAMPTZ;
