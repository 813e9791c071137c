--liquibase formatted sql

--changeset crisis:010-vulnerable-partial-index
-- Four registrations in five have no vulnerability: they need no entry in the GIN index, which is only asked for
-- registrations that have one (the list filter says `vulnerabilities <> '{}'` so that the planner can use it).
DROP INDEX registration_vulnerable;
CREATE INDEX registration_vulnerable ON registration USING GIN (vulnerabilities) WHERE vulnerabilities <> '{}';

--changeset crisis:010-registration-outbox-insert-unsorted splitStatements:false
-- Each registration a statement inserts is in the outbox once: their order within the statement means nothing to the
-- relay (it publishes rows in outbox order, and a key's states stay in order across statements), so it is not sorted.
CREATE OR REPLACE FUNCTION registration_outbox_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO outbox (aggregate, aggregate_id) SELECT 'registration', n.id FROM new_rows n;
  RETURN NULL;
END $$;
