--liquibase formatted sql

--changeset crisis:021-assistance-queue
-- The consulates' queue of assistance requests: an officer takes a request (one officer at a time: the first to
-- take it), then closes it with what was done. Closing is the end; who and when are kept.
ALTER TABLE assistance_request
  ADD COLUMN taken_by  TEXT,
  ADD COLUMN taken_at  TIMESTAMPTZ,
  ADD COLUMN closed_by TEXT,
  ADD COLUMN closed_at TIMESTAMPTZ,
  ADD COLUMN outcome   TEXT CHECK (length(outcome) <= 2000);
ALTER TABLE assistance_request ADD CONSTRAINT assistance_request_taken CHECK ((taken_by IS NULL) = (taken_at IS NULL));
ALTER TABLE assistance_request ADD CONSTRAINT assistance_request_closed
  CHECK ((state = 'CLOSED') = (closed_at IS NOT NULL AND closed_by IS NOT NULL AND outcome IS NOT NULL));
