--liquibase formatted sql

--changeset crisis:037-data-keys
-- The data keys that seal the most sensitive fields (crisis.core.privacy.FieldCipher), each wrapped by the
-- key-encryption key, which is never stored here: a copy of the database reads no sealed value without it.
CREATE TABLE data_key (
  version    INTEGER PRIMARY KEY CHECK (version > 0),
  kek_id     TEXT NOT NULL,
  wrapped    BYTEA NOT NULL,
  created_at TIMESTAMPTZ NOT NULL
);

--changeset crisis:037-registration-sealed-columns
-- Identity numbers sealed (AES-256-GCM, the row's id bound in) and found by a keyed blind index (HMAC-SHA-256).
ALTER TABLE registration
  ADD COLUMN national_id_sealed BYTEA,
  ADD COLUMN national_id_index  BYTEA,
  ADD COLUMN passport_sealed    BYTEA,
  ADD COLUMN passport_index     BYTEA;

--changeset crisis:037-registration-clear-check splitStatements:false
-- The rule "a national ID or a passport" moves to the sealed columns (038); the clear columns are emptied by the
-- sealing step before they go, so their check goes first (its name is PostgreSQL's choice: found by its text).
DO $$
DECLARE
  c TEXT;
BEGIN
  FOR c IN SELECT conname FROM pg_constraint WHERE conrelid = 'registration'::regclass AND contype = 'c'
      AND pg_get_constraintdef(oid) LIKE '%national_id IS NOT NULL%passport_number IS NOT NULL%' LOOP
    EXECUTE format('ALTER TABLE registration DROP CONSTRAINT %I', c);
  END LOOP;
END $$;

--changeset crisis:037-documents-sealed-columns
-- The same for the document numbers repatriation copies: a traveller's (checked at the gate against the manifest,
-- in memory) and a deceased person's.
ALTER TABLE evacuation_traveller ADD COLUMN document_sealed BYTEA;
ALTER TABLE remains_case ADD COLUMN document_sealed BYTEA;
