--liquibase formatted sql

--changeset crisis:047-pending-registration
-- A citizen's own declaration (issue 34) is a registration like any other, ACTIVE (so that a crisis reaches them),
-- but PENDING until its consulate confirms it; an officer's record is CONFIRMED from the start.
ALTER TABLE registration ADD COLUMN confirmation TEXT NOT NULL DEFAULT 'CONFIRMED'
  CHECK (confirmation IN ('CONFIRMED', 'PENDING'));
CREATE INDEX registration_pending ON registration (consulate_id, created_at) WHERE confirmation = 'PENDING';
