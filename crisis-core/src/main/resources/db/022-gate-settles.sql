--liquibase formatted sql

--changeset crisis:022-gate-settles
-- One waiting or seated request per household anchor (was: per anchor, whatever its state). When a leg leaves with
-- some of a household aboard and others left at the gate, those left get a request of their own on the waitlist,
-- anchored on the same registration as the one that flew; each person still travels in one request at a time
-- (evacuation_traveller_person).
DROP INDEX evacuation_request_household;
CREATE UNIQUE INDEX evacuation_request_household ON evacuation_request (crisis_id, registration_id)
  WHERE state IN ('OPEN', 'ASSIGNED', 'CHECKED_IN');

-- GATE: the request opened at a departure for travellers of a household who did not board.
ALTER TABLE evacuation_request DROP CONSTRAINT evacuation_request_source_check;
ALTER TABLE evacuation_request ADD CONSTRAINT evacuation_request_source_check
  CHECK (source IN ('SMS', 'ASSISTANCE', 'DESK', 'ZONE', 'GATE'));

-- Whether the household itself withdrew its request (STAY): an evacuation order over a zone does not open it again.
ALTER TABLE evacuation_request ADD COLUMN withdrawn BOOLEAN NOT NULL DEFAULT false;
