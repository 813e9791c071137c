--liquibase formatted sql

--changeset crisis:016-remains
-- A national who died abroad, until their remains are handed to the family at home. `status` moves forward only;
-- `version` is the optimistic lock the API's edits check.
CREATE TABLE remains_case (
  id               UUID PRIMARY KEY,
  crisis_id        UUID REFERENCES crisis (id),
  registration_id  UUID REFERENCES registration (id),
  consulate_id     TEXT NOT NULL REFERENCES consulate (id),
  country          CHAR(2) NOT NULL,
  deceased_name    TEXT NOT NULL,
  date_of_birth    DATE,
  date_of_death    DATE NOT NULL,
  place_of_death   TEXT NOT NULL,
  document_number  TEXT,
  family_name      TEXT NOT NULL,
  family_phone     TEXT NOT NULL,
  family_relation  TEXT NOT NULL,
  destination_city TEXT NOT NULL,
  transport        JSONB,
  status           TEXT NOT NULL CHECK (status IN ('OPENED', 'DOCUMENTS_IN_PROGRESS', 'CLEARED_FOR_TRANSPORT',
                                                   'IN_TRANSIT', 'ARRIVED', 'HANDED_OVER')),
  version          INTEGER NOT NULL DEFAULT 1,
  created_at       TIMESTAMPTZ NOT NULL,
  created_by       TEXT NOT NULL,
  updated_at       TIMESTAMPTZ NOT NULL,
  updated_by       TEXT NOT NULL
);
CREATE INDEX remains_case_consulate ON remains_case (consulate_id, status);

-- The four documents every case needs before the remains may travel, each with its state.
CREATE TABLE remains_document (
  case_id    UUID NOT NULL REFERENCES remains_case (id),
  kind       TEXT NOT NULL CHECK (kind IN ('DEATH_CERTIFICATE', 'BURIAL_PERMIT', 'MORTUARY_PASS', 'TRANSPORT_PERMIT')),
  state      TEXT NOT NULL CHECK (state IN ('MISSING', 'REQUESTED', 'RECEIVED', 'ISSUED')),
  reference  TEXT,
  updated_at TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (case_id, kind)
);

-- What the repatriation costs, item by item, and who bears each.
CREATE TABLE remains_cost (
  id        UUID PRIMARY KEY,
  case_id   UUID NOT NULL REFERENCES remains_case (id),
  item      TEXT NOT NULL,
  amount    NUMERIC(12, 2) NOT NULL CHECK (amount >= 0),
  currency  CHAR(3) NOT NULL,
  borne_by  TEXT NOT NULL CHECK (borne_by IN ('FAMILY', 'STATE', 'INSURER', 'EMPLOYER', 'OTHER')),
  added_at  TIMESTAMPTZ NOT NULL,
  added_by  TEXT NOT NULL
);
CREATE INDEX remains_cost_case ON remains_cost (case_id);

-- Every change of a case: who, when, what.
CREATE TABLE remains_change (
  case_id    UUID NOT NULL REFERENCES remains_case (id),
  version    INTEGER NOT NULL,
  action     TEXT NOT NULL,
  detail     TEXT,
  changed_at TIMESTAMPTZ NOT NULL,
  changed_by TEXT NOT NULL,
  PRIMARY KEY (case_id, version)
);
