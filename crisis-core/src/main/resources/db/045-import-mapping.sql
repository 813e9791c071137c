--liquibase formatted sql

--changeset crisis:045-import-mapping
-- The columns of a consulate's own files that the import does not know by name, each mapped once by an officer to a
-- column of the format (or left out), kept under a name the consulate reuses (issue 33). No person: header names.
CREATE TABLE import_mapping (
  consulate_id TEXT NOT NULL REFERENCES consulate (id) ON DELETE CASCADE,
  name         TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
  columns      JSONB NOT NULL CHECK (jsonb_typeof(columns) = 'object'),
  updated_at   TIMESTAMPTZ NOT NULL,
  updated_by   TEXT NOT NULL,
  PRIMARY KEY (consulate_id, name)
);
