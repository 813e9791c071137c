--liquibase formatted sql

--changeset crisis:015-repatriation
-- Who must leave a crisis: one request per household and crisis, anchored on the registration that asked (or was
-- asked for). State: OPEN (waiting for a seat), ASSIGNED (on a leg), CHECKED_IN, BOARDED, ARRIVED, NO_SHOW,
-- CANCELLED. `version` is the optimistic lock the API's edits check.
CREATE TABLE evacuation_request (
  id              UUID PRIMARY KEY,
  crisis_id       UUID NOT NULL REFERENCES crisis (id),
  registration_id UUID NOT NULL REFERENCES registration (id),
  consulate_id    TEXT NOT NULL REFERENCES consulate (id),
  country         CHAR(2) NOT NULL,
  source          TEXT NOT NULL CHECK (source IN ('SMS', 'ASSISTANCE', 'DESK', 'ZONE')),
  state           TEXT NOT NULL CHECK (state IN ('OPEN', 'ASSIGNED', 'CHECKED_IN', 'BOARDED', 'ARRIVED', 'NO_SHOW',
                                                 'CANCELLED')),
  phone           TEXT NOT NULL,
  language        TEXT NOT NULL,
  latitude        DOUBLE PRECISION,
  longitude       DOUBLE PRECISION,
  notes           TEXT,
  version         INTEGER NOT NULL DEFAULT 1,
  requested_at    TIMESTAMPTZ NOT NULL,
  requested_by    TEXT NOT NULL,
  updated_at      TIMESTAMPTZ NOT NULL,
  cancelled_at    TIMESTAMPTZ,
  cancelled_by    TEXT,
  cancel_reason   TEXT
);
CREATE UNIQUE INDEX evacuation_request_household ON evacuation_request (crisis_id, registration_id)
  WHERE state <> 'CANCELLED';
CREATE INDEX evacuation_request_consulate ON evacuation_request (consulate_id, crisis_id, state);
CREATE INDEX evacuation_request_crisis ON evacuation_request (crisis_id, state);

-- The people of a request: the registered national, their household, anyone allowed to travel with them.
CREATE TABLE evacuation_traveller (
  id              UUID PRIMARY KEY,
  seq             BIGSERIAL NOT NULL,
  request_id      UUID NOT NULL REFERENCES evacuation_request (id),
  crisis_id       UUID NOT NULL REFERENCES crisis (id),
  registration_id UUID REFERENCES registration (id),
  full_name       TEXT NOT NULL,
  sex             CHAR(1) CHECK (sex IN ('F', 'M', 'X')),
  date_of_birth   DATE,
  nationality     CHAR(2) NOT NULL,
  document_type   TEXT NOT NULL CHECK (document_type IN ('PASSPORT', 'NATIONAL_ID', 'LAISSEZ_PASSER', 'NONE')),
  document_number TEXT,
  needs           TEXT[] NOT NULL DEFAULT '{}',
  -- NOT_NEEDED, or REQUIRED until a laissez-passer is ISSUED: nobody boards with REQUIRED.
  laissez_passer  TEXT NOT NULL CHECK (laissez_passer IN ('NOT_NEEDED', 'REQUIRED', 'ISSUED')),
  added_at        TIMESTAMPTZ NOT NULL,
  removed_at      TIMESTAMPTZ
);
CREATE INDEX evacuation_traveller_request ON evacuation_traveller (request_id);
-- A registered person travels in one request of a crisis at a time.
CREATE UNIQUE INDEX evacuation_traveller_person ON evacuation_traveller (crisis_id, registration_id)
  WHERE registration_id IS NOT NULL AND removed_at IS NULL;
CREATE INDEX evacuation_traveller_document ON evacuation_traveller (crisis_id, document_number)
  WHERE removed_at IS NULL;

-- A transport leg home and where it leaves from.
CREATE TABLE transport_leg (
  id                UUID PRIMARY KEY,
  crisis_id         UUID NOT NULL REFERENCES crisis (id),
  kind              TEXT NOT NULL CHECK (kind IN ('FLIGHT', 'BUS', 'SHIP', 'CONVOY')),
  carrier           TEXT NOT NULL,
  reference         TEXT NOT NULL,
  seats             INTEGER NOT NULL CHECK (seats > 0),
  stretcher_places  INTEGER NOT NULL CHECK (stretcher_places >= 0),
  wheelchair_places INTEGER NOT NULL CHECK (wheelchair_places >= 0),
  departs_at        TIMESTAMPTZ NOT NULL,
  report_minutes    INTEGER NOT NULL CHECK (report_minutes BETWEEN 0 AND 1440),
  time_zone         TEXT NOT NULL,
  destination_city  TEXT NOT NULL,
  state             TEXT NOT NULL CHECK (state IN ('PLANNED', 'BOARDING', 'DEPARTED', 'ARRIVED', 'CANCELLED')),
  version           INTEGER NOT NULL DEFAULT 1,
  created_at        TIMESTAMPTZ NOT NULL,
  created_by        TEXT NOT NULL,
  updated_at        TIMESTAMPTZ NOT NULL
);
CREATE INDEX transport_leg_crisis ON transport_leg (crisis_id, departs_at);

-- The assembly points a leg leaves from: a place, how many of the leg's travellers it holds (0: no limit), when
-- it is open (local times of the place, both null: always).
CREATE TABLE leg_assembly_point (
  leg_id   UUID NOT NULL REFERENCES transport_leg (id),
  place_id UUID NOT NULL REFERENCES place (id),
  capacity INTEGER NOT NULL CHECK (capacity >= 0),
  opens    TIME,
  closes   TIME,
  PRIMARY KEY (leg_id, place_id)
);

-- Where the last plan put each household; the boarding code is the household's, unique within the crisis.
CREATE TABLE evacuation_assignment (
  request_id    UUID PRIMARY KEY REFERENCES evacuation_request (id),
  crisis_id     UUID NOT NULL REFERENCES crisis (id),
  leg_id        UUID NOT NULL REFERENCES transport_leg (id),
  place_id      UUID NOT NULL REFERENCES place (id),
  boarding_code TEXT NOT NULL,
  plan_id       UUID NOT NULL,
  assigned_at   TIMESTAMPTZ NOT NULL,
  notified_at   TIMESTAMPTZ
);
CREATE UNIQUE INDEX evacuation_assignment_code ON evacuation_assignment (crisis_id, boarding_code);
CREATE INDEX evacuation_assignment_leg ON evacuation_assignment (leg_id);

-- Each plan made: who planned, what it did (counts and the moves, with reasons).
CREATE TABLE evacuation_plan (
  id         UUID PRIMARY KEY,
  crisis_id  UUID NOT NULL REFERENCES crisis (id),
  planned_at TIMESTAMPTZ NOT NULL,
  planned_by TEXT NOT NULL,
  summary    JSONB NOT NULL
);
CREATE INDEX evacuation_plan_crisis ON evacuation_plan (crisis_id, planned_at);

-- What happened to each traveller at the gate of their leg: one row per traveller and leg, so two officers checking
-- the same person in at once make one check-in.
CREATE TABLE gate_passage (
  traveller_id    UUID NOT NULL REFERENCES evacuation_traveller (id),
  leg_id          UUID NOT NULL REFERENCES transport_leg (id),
  checked_in_at   TIMESTAMPTZ NOT NULL,
  checked_in_by   TEXT NOT NULL,
  boarded_at      TIMESTAMPTZ,
  boarded_by      TEXT,
  PRIMARY KEY (traveller_id, leg_id)
);

-- Every gate operation a device sent, by the id the device gave it: sent again, it is answered from here.
CREATE TABLE gate_operation (
  id          UUID PRIMARY KEY,
  leg_id      UUID NOT NULL REFERENCES transport_leg (id),
  kind        TEXT NOT NULL,
  result      JSONB NOT NULL,
  done_at     TIMESTAMPTZ NOT NULL,
  done_by     TEXT NOT NULL
);

-- Evacuation notices (seat, change, cancellation) go through the same paced, retried SMS dispatcher.
ALTER TABLE sms_send DROP CONSTRAINT sms_send_kind_check;
ALTER TABLE sms_send ADD CONSTRAINT sms_send_kind_check
  CHECK (kind IN ('ALERT', 'REMINDER', 'CALL', 'ACK', 'NOTICE'));

-- Replies that ask to leave (LEAVE) or withdraw the request (STAY).
ALTER TABLE sms_reply DROP CONSTRAINT sms_reply_keyword_check;
ALTER TABLE sms_reply ADD CONSTRAINT sms_reply_keyword_check
  CHECK (keyword IN ('SAFE', 'HELP', 'LEAVE', 'STAY', 'STOP', 'START', 'OTHER'));

--changeset crisis:015-evacuation-outbox splitStatements:false
-- Every change of a request or of its seat reaches the outbox in its own transaction; the relay publishes the
-- request's current state on the `evacuations` topic (keyed by request id).
ALTER TABLE outbox DROP CONSTRAINT outbox_aggregate_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_aggregate_check CHECK (aggregate IN ('registration', 'crisis', 'evacuation'));

CREATE FUNCTION evacuation_request_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO outbox (aggregate, aggregate_id) SELECT 'evacuation', n.id FROM new_rows n ORDER BY n.id;
  RETURN NULL;
END $$;

CREATE FUNCTION evacuation_seat_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO outbox (aggregate, aggregate_id) VALUES ('evacuation', COALESCE(NEW.request_id, OLD.request_id));
  RETURN NULL;
END $$;

CREATE TRIGGER evacuation_request_outbox_insert AFTER INSERT ON evacuation_request
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION evacuation_request_outbox();
CREATE TRIGGER evacuation_request_outbox_update AFTER UPDATE ON evacuation_request
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION evacuation_request_outbox();
CREATE TRIGGER evacuation_seat_outbox AFTER INSERT OR UPDATE OR DELETE ON evacuation_assignment
  FOR EACH ROW EXECUTE FUNCTION evacuation_seat_outbox();
