--liquibase formatted sql

--changeset crisis:042-registration-outbox-delete splitStatements:false
-- A registration deleted (the retention purge, an erasure) reaches the outbox like any other change: the relay finds
-- no state and sends a tombstone, so the compacted topic and the alert pipeline forget the person too.
CREATE FUNCTION registration_outbox_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO outbox (aggregate, aggregate_id) SELECT 'registration', o.id FROM old_rows o;
  RETURN NULL;
END $$;

--changeset crisis:042-registration-outbox-delete-trigger
CREATE TRIGGER registration_outbox_delete AFTER DELETE ON registration
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION registration_outbox_delete();

--changeset crisis:042-retention-indexes
-- The purge's candidates: temporary stays by their end, archived and merged records by when they were (their
-- updated_at never moves again). Both partial: an import of active residents writes neither.
CREATE INDEX registration_stay_end ON registration (departure_date) WHERE status = 'ACTIVE' AND residence_type = 'TEMPORARY';
CREATE INDEX registration_retired ON registration (updated_at) WHERE status <> 'ACTIVE';
-- Whether a retired record still shares a phone with one kept (active ones are found by registration_person).
CREATE INDEX registration_retired_phone ON registration (phone) WHERE status <> 'ACTIVE';
-- The SMS texts still kept, by age: the purge clears them after their days.
CREATE INDEX sms_send_text_kept ON sms_send (created_at) WHERE body IS NOT NULL;
CREATE INDEX sms_reply_text_kept ON sms_reply (received_at) WHERE body IS NOT NULL;

--changeset crisis:042-reply-text-clearable
-- A reply's text is cleared after its days; the row stays with what it meant (keyword, crisis, people).
ALTER TABLE sms_reply ALTER COLUMN body DROP NOT NULL;
