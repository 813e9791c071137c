--liquibase formatted sql

--changeset crisis:044-records-outbox-delete splitStatements:false
-- A record of assistance deleted after its legal period (issue 31) reaches the outbox like any other change: the relay
-- finds no state and sends a tombstone, so the compacted topics `evacuations` and `reintegration-cases` forget it too.
CREATE FUNCTION evacuation_outbox_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO outbox (aggregate, aggregate_id) SELECT 'evacuation', o.id FROM old_rows o;
  RETURN NULL;
END $$;
CREATE FUNCTION reintegration_outbox_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO outbox (aggregate, aggregate_id) SELECT 'reintegration', o.id FROM old_rows o;
  RETURN NULL;
END $$;

--changeset crisis:044-records-outbox-delete-triggers
CREATE TRIGGER evacuation_request_outbox_delete AFTER DELETE ON evacuation_request
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION evacuation_outbox_delete();
CREATE TRIGGER reintegration_case_outbox_delete AFTER DELETE ON reintegration_case
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION reintegration_outbox_delete();
