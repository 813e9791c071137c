--liquibase formatted sql

--changeset crisis:012-place-changes
-- Places can be corrected and removed: who changed one last, and when.
ALTER TABLE place ADD COLUMN updated_at TIMESTAMPTZ;
ALTER TABLE place ADD COLUMN updated_by TEXT;
