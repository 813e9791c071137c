--liquibase formatted sql

--changeset crisis:003-audit-import-run
-- An import's audit events name the run instead of listing every id: the registrations a run created or changed are
-- found through registration.created_via and registration_change.via ("import:<run id>").
ALTER TABLE audit_event ADD COLUMN import_run UUID REFERENCES import_run (id);
CREATE INDEX audit_event_import_run ON audit_event (import_run) WHERE import_run IS NOT NULL;
