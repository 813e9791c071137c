--liquibase formatted sql

--changeset crisis:041-notes-sealed-only
-- Run after the Java step that sealed every note: the clear columns go.
ALTER TABLE evacuation_request DROP COLUMN notes;
ALTER TABLE reintegration_need DROP COLUMN notes;
ALTER TABLE reintegration_need_history DROP COLUMN note;
ALTER TABLE reintegration_checkin DROP COLUMN notes;
ALTER TABLE reintegration_referral DROP COLUMN asked, DROP COLUMN answer;
ALTER TABLE reintegration_referral ALTER COLUMN asked_sealed SET NOT NULL;

--changeset crisis:041-rewrite-tables runInTransaction:false
-- As in 038: the dropped values and the sealing step's old row versions leave the tables' files.
VACUUM FULL evacuation_request, reintegration_need, reintegration_need_history, reintegration_checkin,
  reintegration_referral;
