--liquibase formatted sql

--changeset crisis:017-gate-closing
-- When a leg's gate closed (by an officer, or by the clock a set time before departure): households with nobody
-- checked in became no-shows and their seats went to the waitlist. Null: still open.
ALTER TABLE transport_leg ADD COLUMN gate_closed_at TIMESTAMPTZ;
-- The legs whose gate the clock may have to close: few, whatever the number of legs that already left.
CREATE INDEX transport_leg_open_gate ON transport_leg (departs_at)
  WHERE gate_closed_at IS NULL AND state IN ('PLANNED', 'BOARDING');
