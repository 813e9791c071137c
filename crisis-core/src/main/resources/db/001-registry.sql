--liquibase formatted sql

--changeset crisis:001-registry
CREATE TABLE country (
  iso2            CHAR(2) PRIMARY KEY CHECK (iso2 ~ '^[A-Z]{2}$'),
  name_en         TEXT NOT NULL,
  name_fr         TEXT NOT NULL,
  name_ar         TEXT NOT NULL,
  risk_level      SMALLINT NOT NULL DEFAULT 1 CHECK (risk_level BETWEEN 1 AND 4),
  risk_reason     TEXT,
  risk_changed_at TIMESTAMPTZ,
  risk_changed_by TEXT
);

CREATE TABLE country_risk_change (
  id             BIGSERIAL PRIMARY KEY,
  iso2           CHAR(2) NOT NULL REFERENCES country (iso2),
  previous_level SMALLINT NOT NULL,
  new_level      SMALLINT NOT NULL CHECK (new_level BETWEEN 1 AND 4),
  reason         TEXT NOT NULL,
  changed_by     TEXT NOT NULL,
  changed_at     TIMESTAMPTZ NOT NULL
);
CREATE INDEX country_risk_change_iso2 ON country_risk_change (iso2, changed_at);

CREATE TABLE consulate (
  id           TEXT PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]{1,63}$'),
  name         TEXT NOT NULL,
  city         TEXT NOT NULL,
  country_iso2 CHAR(2) NOT NULL REFERENCES country (iso2),
  phone        TEXT,
  email        TEXT,
  created_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE consulate_jurisdiction (
  consulate_id TEXT NOT NULL REFERENCES consulate (id) ON DELETE CASCADE,
  country_iso2 CHAR(2) NOT NULL REFERENCES country (iso2),
  PRIMARY KEY (consulate_id, country_iso2)
);
CREATE INDEX consulate_jurisdiction_country ON consulate_jurisdiction (country_iso2);

CREATE TABLE app_user (
  id            BIGSERIAL PRIMARY KEY,
  username      TEXT NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9._-]{3,64}$'),
  password_hash TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ('ADMIN', 'CRISIS_CELL', 'CONSULAR_OFFICER', 'CASEWORKER')),
  consulate_id  TEXT REFERENCES consulate (id),
  created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
  disabled_at   TIMESTAMPTZ,
  CHECK ((role = 'CONSULAR_OFFICER') = (consulate_id IS NOT NULL))
);

CREATE TABLE registration (
  id                  UUID PRIMARY KEY,
  external_id         TEXT,
  consulate_id        TEXT NOT NULL REFERENCES consulate (id),
  status              TEXT NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'ARCHIVED', 'MERGED')),
  merged_into         UUID REFERENCES registration (id),
  given_name_latin    TEXT NOT NULL,
  family_name_latin   TEXT NOT NULL,
  given_name_arabic   TEXT,
  family_name_arabic  TEXT,
  date_of_birth       DATE NOT NULL,
  sex                 CHAR(1) NOT NULL CHECK (sex IN ('F', 'M', 'X')),
  national_id         TEXT,
  passport_number     TEXT,
  phone               TEXT NOT NULL CHECK (phone ~ '^\+[1-9][0-9]{6,14}$'),
  email               TEXT,
  preferred_language  TEXT NOT NULL,
  address             TEXT,
  latitude            DOUBLE PRECISION CHECK (latitude BETWEEN -90 AND 90),
  longitude           DOUBLE PRECISION CHECK (longitude BETWEEN -180 AND 180),
  location_source     TEXT,
  country_of_residence CHAR(2) NOT NULL REFERENCES country (iso2),
  residence_type      TEXT NOT NULL CHECK (residence_type IN ('RESIDENT', 'TEMPORARY')),
  stay_purpose        TEXT,
  arrival_date        DATE,
  departure_date      DATE,
  vulnerabilities     TEXT[] NOT NULL DEFAULT '{}',
  household           JSONB NOT NULL DEFAULT '[]',
  emergency_contact   JSONB,
  consent             JSONB NOT NULL,
  content_hash        TEXT NOT NULL,
  version             INTEGER NOT NULL DEFAULT 1,
  created_at          TIMESTAMPTZ NOT NULL,
  created_by          TEXT NOT NULL,
  created_via         TEXT NOT NULL,
  updated_at          TIMESTAMPTZ NOT NULL,
  updated_by          TEXT NOT NULL,
  CHECK (national_id IS NOT NULL OR passport_number IS NOT NULL),
  CHECK ((latitude IS NULL) = (longitude IS NULL))
);
-- Duplicate rules, enforced by the database too so that concurrent writers cannot slip past them.
CREATE UNIQUE INDEX registration_external_id ON registration (consulate_id, external_id) WHERE external_id IS NOT NULL;
CREATE UNIQUE INDEX registration_national_id ON registration (national_id) WHERE status = 'ACTIVE' AND national_id IS NOT NULL;
CREATE UNIQUE INDEX registration_passport ON registration (passport_number) WHERE status = 'ACTIVE' AND passport_number IS NOT NULL;
CREATE UNIQUE INDEX registration_person ON registration (phone, date_of_birth, lower(family_name_latin), lower(given_name_latin)) WHERE status = 'ACTIVE';
CREATE INDEX registration_country ON registration (country_of_residence, created_at, id);
CREATE INDEX registration_consulate ON registration (consulate_id);
CREATE INDEX registration_vulnerable ON registration USING GIN (vulnerabilities);

-- Who changed what in a registration; a merge moves the absorbed record's rows to the survivor by reference.
CREATE TABLE registration_change (
  id              BIGSERIAL PRIMARY KEY,
  registration_id UUID NOT NULL REFERENCES registration (id),
  version         INTEGER NOT NULL,
  kind            TEXT NOT NULL CHECK (kind IN ('CREATED', 'UPDATED', 'ARCHIVED', 'MERGED_FROM', 'MERGED_INTO')),
  changed_fields  TEXT[] NOT NULL DEFAULT '{}',
  previous        JSONB,
  other_id        UUID,
  via             TEXT NOT NULL,
  changed_by      TEXT NOT NULL,
  changed_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX registration_change_registration ON registration_change (registration_id, id);

CREATE TABLE import_run (
  id          UUID PRIMARY KEY,
  started_at  TIMESTAMPTZ NOT NULL,
  finished_at TIMESTAMPTZ,
  started_by  TEXT NOT NULL,
  file_name   TEXT,
  file_sha256 TEXT NOT NULL,
  rows_read   BIGINT NOT NULL DEFAULT 0,
  created     BIGINT NOT NULL DEFAULT 0,
  updated     BIGINT NOT NULL DEFAULT 0,
  unchanged   BIGINT NOT NULL DEFAULT 0,
  duplicates  BIGINT NOT NULL DEFAULT 0,
  rejected    BIGINT NOT NULL DEFAULT 0
);

-- Every read and write of personal data: who, what, when, from where.
CREATE TABLE audit_event (
  id               BIGSERIAL PRIMARY KEY,
  at               TIMESTAMPTZ NOT NULL,
  actor            TEXT NOT NULL,
  role             TEXT NOT NULL,
  action           TEXT NOT NULL,
  registration_ids UUID[] NOT NULL DEFAULT '{}',
  detail           TEXT,
  remote_address   TEXT
);
CREATE INDEX audit_event_at ON audit_event (at);
CREATE INDEX audit_event_actor ON audit_event (actor, at);
CREATE INDEX audit_event_registrations ON audit_event USING GIN (registration_ids);
