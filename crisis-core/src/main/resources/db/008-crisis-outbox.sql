--liquibase formatted sql

--changeset crisis:008-crisis-outbox
-- Crises declared by the crisis cell: zones, instructions in several languages, and their lifecycle.
CREATE TABLE crisis (
  id           UUID PRIMARY KEY,
  title        TEXT NOT NULL,
  type         TEXT NOT NULL CHECK (type IN ('ARMED_CONFLICT', 'CIVIL_UNREST', 'EARTHQUAKE', 'FLOOD', 'STORM',
                                             'EPIDEMIC', 'HEAT', 'OTHER')),
  severity     TEXT NOT NULL CHECK (severity IN ('ADVISORY', 'WARNING', 'SEVERE', 'EXTREME')),
  status       TEXT NOT NULL CHECK (status IN ('DRAFT', 'ACTIVE', 'CLOSED')),
  -- The zones as stored GeoJSON geometries or circles (countries are resolved to their boundary when declared).
  zones        JSONB NOT NULL,
  -- Languages to fall back on, in order, when a message has no text in a person's own language.
  fallback     TEXT[] NOT NULL,
  version      INTEGER NOT NULL,
  created_at   TIMESTAMPTZ NOT NULL,
  created_by   TEXT NOT NULL,
  activated_at TIMESTAMPTZ,
  activated_by TEXT,
  closed_at    TIMESTAMPTZ,
  closed_by    TEXT,
  updated_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX crisis_status ON crisis (status, created_at);

-- Instructions: each goes to everyone in the zones once, in their language.
CREATE TABLE crisis_message (
  id         UUID PRIMARY KEY,
  crisis_id  UUID NOT NULL REFERENCES crisis (id),
  seq        INTEGER NOT NULL,
  texts      JSONB NOT NULL,
  created_at TIMESTAMPTZ NOT NULL,
  created_by TEXT NOT NULL,
  UNIQUE (crisis_id, seq)
);

-- Every change of a crisis: who, when, what.
CREATE TABLE crisis_change (
  crisis_id  UUID NOT NULL REFERENCES crisis (id),
  version    INTEGER NOT NULL,
  action     TEXT NOT NULL,
  detail     JSONB,
  changed_at TIMESTAMPTZ NOT NULL,
  changed_by TEXT NOT NULL,
  PRIMARY KEY (crisis_id, version)
);

-- The transactional outbox: a row names a changed aggregate, written in the transaction of the change; the relay
-- sends the aggregate's state to Kafka after commit, in id order, and deletes the row once Kafka has it.
CREATE TABLE outbox (
  id           BIGSERIAL PRIMARY KEY,
  aggregate    TEXT NOT NULL CHECK (aggregate IN ('registration', 'crisis')),
  aggregate_id UUID NOT NULL,
  created_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Registrations already stored reach Kafka too, the first time the relay runs.
INSERT INTO outbox (aggregate, aggregate_id) SELECT 'registration', id FROM registration ORDER BY id;

--changeset crisis:008-registration-outbox-functions splitStatements:false
-- Every path that writes registrations (API, CSV import with COPY, merges, migrations) reaches the outbox: one
-- set-based insert per statement from its transition table, so a COPY of 10,000 rows adds one INSERT ... SELECT.
CREATE FUNCTION registration_outbox_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO outbox (aggregate, aggregate_id) SELECT 'registration', n.id FROM new_rows n ORDER BY n.id;
  RETURN NULL;
END $$;

--changeset crisis:008-registration-outbox-update-function splitStatements:false
-- Only changes that matter to alerting: where, in which language, reachable or not, and the phone.
CREATE FUNCTION registration_outbox_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO outbox (aggregate, aggregate_id)
  SELECT 'registration', n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
  WHERE (n.status, n.latitude, n.longitude, n.h3_cell, n.preferred_language, n.phone, n.household)
        IS DISTINCT FROM (o.status, o.latitude, o.longitude, o.h3_cell, o.preferred_language, o.phone, o.household)
  ORDER BY n.id;
  RETURN NULL;
END $$;

--changeset crisis:008-registration-outbox-triggers
CREATE TRIGGER registration_outbox_insert AFTER INSERT ON registration
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION registration_outbox_insert();
CREATE TRIGGER registration_outbox_update AFTER UPDATE ON registration
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
  EXECUTE FUNCTION registration_outbox_update();

--changeset crisis:008-crisis-tally
-- The live tally of each crisis, projected from the alert pipeline's tally topic (a full snapshot per record).
CREATE TABLE crisis_tally (
  crisis_id  UUID PRIMARY KEY REFERENCES crisis (id),
  affected   BIGINT NOT NULL,
  alerted    BIGINT NOT NULL,
  by_message JSONB NOT NULL,
  revision   BIGINT NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL
);
