--liquibase formatted sql

--changeset crisis:036-crisis-outbox-trigger splitStatements:false
-- One way to the outbox for every aggregate: a trigger of the owner's table, in the transaction of the change.
-- Crises were the last written by Java (the crisis service inserted their outbox row itself); a crisis now reaches the
-- outbox as registrations, evacuation requests and reintegration cases do: when it is declared, and when its version
-- moves (every change of its lifecycle, zones or messages writes a new version).
CREATE FUNCTION crisis_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO outbox (aggregate, aggregate_id) VALUES ('crisis', NEW.id);
  RETURN NULL;
END $$;

CREATE TRIGGER crisis_outbox_insert AFTER INSERT ON crisis
  FOR EACH ROW EXECUTE FUNCTION crisis_outbox();
CREATE TRIGGER crisis_outbox_update AFTER UPDATE ON crisis
  FOR EACH ROW WHEN (OLD.version IS DISTINCT FROM NEW.version) EXECUTE FUNCTION crisis_outbox();
