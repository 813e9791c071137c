--liquibase formatted sql

--changeset crisis:004-registration-h3
-- The geo index: the H3 cell (resolution 10) of each located registration. Zone queries scan numeric ranges of it.
ALTER TABLE registration ADD COLUMN h3_cell BIGINT;
CREATE INDEX registration_h3 ON registration (h3_cell) WHERE status = 'ACTIVE' AND h3_cell IS NOT NULL;
