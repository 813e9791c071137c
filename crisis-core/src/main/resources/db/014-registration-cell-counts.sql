--liquibase formatted sql

--changeset crisis:014-h3-parent-function splitStatements:false
-- The parent of an H3 cell at a coarser resolution, by index digits (as H3's cellToParent): the resolution field set,
-- the digits below it set to 7 (unused).
CREATE FUNCTION h3_parent(cell BIGINT, resolution INTEGER) RETURNS BIGINT LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $$ SELECT (cell & ~(15::bigint << 52)) | (resolution::bigint << 52) | ((1::bigint << (3 * (15 - resolution))) - 1) $$;

--changeset crisis:014-registration-cell-counts
-- Active located registrations counted by resolution-8 cell (about 0.74 km²) and by what a zone search counts and
-- filters on. A zone's inner cells of that resolution or coarser are counted from here instead of person by person.
-- Written as deltas (+n, -n) by statement-level triggers, never updated in place, so concurrent writers never wait
-- on each other here; CellCounts.compact folds the fresh deltas into one row per key (compacted). A key's count is
-- the sum of its rows; a compacted row may hold 0.
CREATE TABLE registration_cell_count (
  cell            BIGINT NOT NULL,
  country         CHAR(2) NOT NULL,
  language        TEXT NOT NULL,
  residence_type  TEXT NOT NULL,
  vulnerabilities TEXT[] NOT NULL,
  n               INTEGER NOT NULL,
  compacted       BOOLEAN NOT NULL DEFAULT false
);
CREATE INDEX registration_cell_count_cell ON registration_cell_count (cell)
  INCLUDE (country, language, residence_type, vulnerabilities, n);
CREATE UNIQUE INDEX registration_cell_count_key ON registration_cell_count
  (cell, country, language, residence_type, vulnerabilities) WHERE compacted;
INSERT INTO registration_cell_count (cell, country, language, residence_type, vulnerabilities, n, compacted)
SELECT h3_parent(h3_cell, 8), country_of_residence, preferred_language, residence_type, vulnerabilities, count(*), true
FROM registration WHERE status = 'ACTIVE' AND h3_cell IS NOT NULL
GROUP BY 1, 2, 3, 4, 5;

--changeset crisis:014-registration-cell-count-functions splitStatements:false
CREATE FUNCTION registration_cell_count_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO registration_cell_count (cell, country, language, residence_type, vulnerabilities, n)
  SELECT h3_parent(h3_cell, 8), country_of_residence, preferred_language, residence_type, vulnerabilities, count(*)
  FROM new_rows WHERE status = 'ACTIVE' AND h3_cell IS NOT NULL
  GROUP BY 1, 2, 3, 4, 5;
  RETURN NULL;
END $$;

CREATE FUNCTION registration_cell_count_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Rows whose counted key did not change add +1 and -1 to the same key: left out by the HAVING.
  INSERT INTO registration_cell_count (cell, country, language, residence_type, vulnerabilities, n)
  SELECT cell, country, language, residence_type, vulnerabilities, sum(d) FROM (
    SELECT h3_parent(h3_cell, 8) AS cell, country_of_residence AS country, preferred_language AS language,
           residence_type, vulnerabilities, 1 AS d
    FROM new_rows WHERE status = 'ACTIVE' AND h3_cell IS NOT NULL
    UNION ALL
    SELECT h3_parent(h3_cell, 8), country_of_residence, preferred_language, residence_type, vulnerabilities, -1
    FROM old_rows WHERE status = 'ACTIVE' AND h3_cell IS NOT NULL
  ) AS changes
  GROUP BY 1, 2, 3, 4, 5 HAVING sum(d) <> 0;
  RETURN NULL;
END $$;

CREATE FUNCTION registration_cell_count_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO registration_cell_count (cell, country, language, residence_type, vulnerabilities, n)
  SELECT h3_parent(h3_cell, 8), country_of_residence, preferred_language, residence_type, vulnerabilities, -count(*)
  FROM old_rows WHERE status = 'ACTIVE' AND h3_cell IS NOT NULL
  GROUP BY 1, 2, 3, 4, 5;
  RETURN NULL;
END $$;

CREATE FUNCTION registration_cell_count_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM registration_cell_count;
  RETURN NULL;
END $$;

--changeset crisis:014-registration-cell-count-triggers
CREATE TRIGGER registration_cell_count_insert AFTER INSERT ON registration
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION registration_cell_count_insert();
CREATE TRIGGER registration_cell_count_update AFTER UPDATE ON registration
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT
  EXECUTE FUNCTION registration_cell_count_update();
CREATE TRIGGER registration_cell_count_delete AFTER DELETE ON registration
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION registration_cell_count_delete();
CREATE TRIGGER registration_cell_count_truncate AFTER TRUNCATE ON registration
  FOR EACH STATEMENT EXECUTE FUNCTION registration_cell_count_truncate();

--changeset crisis:014-zone-search-indexes
-- The people of a zone's edge are read from the H3 index alone, with what the search counts and pages by.
DROP INDEX registration_h3;
CREATE INDEX registration_h3 ON registration (h3_cell)
  INCLUDE (id, latitude, longitude, country_of_residence, preferred_language, residence_type, vulnerabilities,
           created_at)
  WHERE status = 'ACTIVE' AND h3_cell IS NOT NULL;
-- The oldest matches of a large zone are found by walking the active registrations oldest first, from the index
-- alone (what the walk tests a person with is in it).
CREATE INDEX registration_active_created ON registration (created_at, id)
  INCLUDE (h3_cell, latitude, longitude, country_of_residence) WHERE status = 'ACTIVE';
-- A country zone's residents outside its outline's cells (offshore, or without a point).
CREATE INDEX registration_active_residence ON registration (country_of_residence, h3_cell)
  INCLUDE (latitude, longitude) WHERE status = 'ACTIVE';
