--liquibase formatted sql

--changeset crisis:006-place
-- Places that are not people: assembly points, consulates, airports, hospitals, shelters. Same geo index.
CREATE TABLE place (
  id           UUID PRIMARY KEY,
  kind         TEXT NOT NULL CHECK (kind IN ('ASSEMBLY_POINT', 'CONSULATE', 'AIRPORT', 'HOSPITAL', 'SHELTER', 'OTHER')),
  name         TEXT NOT NULL,
  latitude     DOUBLE PRECISION NOT NULL CHECK (latitude BETWEEN -90 AND 90),
  longitude    DOUBLE PRECISION NOT NULL CHECK (longitude BETWEEN -180 AND 180),
  h3_cell      BIGINT NOT NULL,
  country_iso2 CHAR(2) NOT NULL REFERENCES country (iso2),
  notes        TEXT,
  created_at   TIMESTAMPTZ NOT NULL,
  created_by   TEXT NOT NULL
);
CREATE INDEX place_h3 ON place (h3_cell);
