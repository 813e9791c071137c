--liquibase formatted sql

--changeset crisis:043-audit-retention splitStatements:false
-- The audit trail keeps its own retention (issue 31): it stays append-only for everyone, except that a transaction
-- which first says how far back the trail is kept (crisis.audit_kept_after, at least a year ago) may delete the
-- events older than that. The server's role cannot delete from the trail at all (035); the schema's owner runs
-- `purge-audit` (docs/operations.md). A change, a truncation or a deletion of a recent event stays refused.
CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  kept_after TIMESTAMPTZ;
BEGIN
  IF TG_OP = 'DELETE' THEN
    kept_after := nullif(current_setting('crisis.audit_kept_after', true), '')::timestamptz;
    IF kept_after IS NOT NULL AND kept_after <= now() - interval '1 year' AND OLD.at < kept_after THEN
      RETURN OLD;
    END IF;
  END IF;
  RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
