--liquibase formatted sql

--changeset crisis:040-sealed-notes
-- Free-text notes (and what a case worker asked of a partner, and its answer) hold what a person told an officer or a case worker: health, disability, a family's situation
-- (issue 31). They are sealed like the identity numbers (crisis.core.privacy.FieldCipher, the row's id bound in; a
-- need's history notes bound to their need): sealed columns first, then the Java step seals what is there.
ALTER TABLE evacuation_request ADD COLUMN notes_sealed BYTEA;
ALTER TABLE reintegration_need ADD COLUMN notes_sealed BYTEA;
ALTER TABLE reintegration_need_history ADD COLUMN note_sealed BYTEA;
ALTER TABLE reintegration_checkin ADD COLUMN notes_sealed BYTEA;
ALTER TABLE reintegration_referral ADD COLUMN asked_sealed BYTEA, ADD COLUMN answer_sealed BYTEA,
  ALTER COLUMN asked DROP NOT NULL;
