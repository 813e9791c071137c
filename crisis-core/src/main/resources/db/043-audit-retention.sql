--liquibase formatted sql

--changeset crisis:043-audit-retention splitStatements:false
-- The audit trail keeps its own retention (issue 31): the trigger still refuses every change, truncation and deletion,
-- except the deletion, in a transaction that first says how far back the trail is kept (crisis.audit_kept_after, at
-- least a year ago), of the events older than that. The server's role cannot delete from the trail at all (035); the
-- schema's owner runs `purge-audit` (docs/operations.md). The trigger guards against mistakes: the owner, who may
-- disable it, is trusted with the trail.
CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  kept_after TIMESTAMPTZ;
BEGIN
  IF TG_OP = 'DELETE' THEN
    kept_after := nullif(current_setting('crisis.audit_kept_after', true), '')::timestamptz;
    -- A year counted in UTC, as the purge counts its months: a session's daylight saving moves nothing.
    IF kept_after IS NOT NULL AND kept_after <= (now() AT TIME ZONE 'UTC' - interval '1 year') AT TIME ZONE 'UTC'
        AND OLD.at < kept_after THEN
      RETURN OLD;
    END IF;
  END IF;
  RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
