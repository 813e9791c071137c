--liquibase formatted sql

--changeset crisis:038-identity-numbers-sealed-only
-- Run after the Java step that sealed every clear value (migrations.xml): the clear columns go, the rules that
-- held on them now hold on the blind indexes (dropping a column drops the checks that name it).
DROP INDEX registration_national_id;
DROP INDEX registration_passport;
ALTER TABLE registration DROP COLUMN national_id, DROP COLUMN passport_number;
ALTER TABLE registration
  ADD CONSTRAINT registration_identity_document CHECK (national_id_sealed IS NOT NULL OR passport_sealed IS NOT NULL),
  ADD CONSTRAINT registration_national_id_indexed CHECK ((national_id_sealed IS NULL) = (national_id_index IS NULL)),
  ADD CONSTRAINT registration_passport_indexed CHECK ((passport_sealed IS NULL) = (passport_index IS NULL));
CREATE UNIQUE INDEX registration_national_id ON registration (national_id_index)
  WHERE status = 'ACTIVE' AND national_id_index IS NOT NULL;
CREATE UNIQUE INDEX registration_passport ON registration (passport_index)
  WHERE status = 'ACTIVE' AND passport_index IS NOT NULL;
DROP INDEX evacuation_traveller_document;
ALTER TABLE evacuation_traveller DROP COLUMN document_number;
ALTER TABLE remains_case DROP COLUMN document_number;

--changeset crisis:038-rewrite-tables runInTransaction:false
-- A dropped column's values stay in the table's files, and the sealing step's old row versions too, until the rows
-- are written again: rewrite the four tables now, so that their files hold no clear number (the blocks the old files
-- occupied are freed, not wiped; backups and WAL archived before this migration still hold the clear values).
VACUUM FULL registration, registration_change, evacuation_traveller, remains_case;
