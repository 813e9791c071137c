--liquibase formatted sql

--changeset crisis:020-registration-cell-total
-- A zone search without a vulnerability filter reads, for each inner resolution-8 cell, how many people of each
-- language and residence type it holds and how many of them have each vulnerability: one row per language and
-- residence type instead of one per combination of vulnerabilities (about half as many rows, and no array to group
-- on). Written as deltas and folded like registration_cell_count (CellCounts.compact).
CREATE TABLE registration_cell_total (
  cell                  BIGINT NOT NULL,
  country               CHAR(2) NOT NULL,
  language              TEXT NOT NULL,
  residence_type        TEXT NOT NULL,
  n                     INTEGER NOT NULL,
  n_medical_condition   INTEGER NOT NULL,
  n_reduced_mobility    INTEGER NOT NULL,
  n_pregnancy           INTEGER NOT NULL,
  n_elderly             INTEGER NOT NULL,
  n_unaccompanied_minor INTEGER NOT NULL,
  compacted             BOOLEAN NOT NULL DEFAULT false
);
CREATE INDEX registration_cell_total_cell ON registration_cell_total (cell)
  INCLUDE (country, language, residence_type, n, n_medical_condition, n_reduced_mobility, n_pregnancy, n_elderly,
           n_unaccompanied_minor);
CREATE UNIQUE INDEX registration_cell_total_key ON registration_cell_total (cell, country, language, residence_type)
  WHERE compacted;

--changeset crisis:020-registration-cell-count-functions splitStatements:false
-- The triggers of 014 now also keep registration_cell_total, and registration_cell_count only for registrations with a
-- vulnerability: it serves the vulnerability-filtered search alone, which never counts the others.
CREATE OR REPLACE FUNCTION registration_cell_count_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO registration_cell_count (cell, country, language, residence_type, vulnerabilities, n)
  SELECT h3_parent(h3_cell, 8), country_of_residence, preferred_language, residence_type, vulnerabilities, count(*)
  FROM new_rows WHERE status = 'ACTIVE' AND h3_cell IS NOT NULL AND vulnerabilities <> '{}'
  GROUP BY 1, 2, 3, 4, 5;
  INSERT INTO registration_cell_total (cell, country, language, residence_type, n, n_medical_condition,
    n_reduced_mobility, n_pregnancy, n_elderly, n_unaccompanied_minor)
  SELECT h3_parent(h3_cell, 8), country_of_residence, preferred_language, residence_type, count(*),
         coalesce(sum(1) FILTER (WHERE 'MEDICAL_CONDITION' = ANY(vulnerabilities)), 0) AS n_medical_condition,
         coalesce(sum(1) FILTER (WHERE 'REDUCED_MOBILITY' = ANY(vulnerabilities)), 0) AS n_reduced_mobility,
         coalesce(sum(1) FILTER (WHERE 'PREGNANCY' = ANY(vulnerabilities)), 0) AS n_pregnancy,
         coalesce(sum(1) FILTER (WHERE 'ELDERLY' = ANY(vulnerabilities)), 0) AS n_elderly,
         coalesce(sum(1) FILTER (WHERE 'UNACCOMPANIED_MINOR' = ANY(vulnerabilities)), 0) AS n_unaccompanied_minor
  FROM new_rows WHERE status = 'ACTIVE' AND h3_cell IS NOT NULL
  GROUP BY 1, 2, 3, 4;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION registration_cell_count_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Rows whose counted key did not change add +1 and -1 to the same key: left out by the HAVING.
  INSERT INTO registration_cell_count (cell, country, language, residence_type, vulnerabilities, n)
  SELECT cell, country, language, residence_type, vulnerabilities, sum(d) FROM (
    SELECT h3_parent(h3_cell, 8) AS cell, country_of_residence AS country, preferred_language AS language,
           residence_type, vulnerabilities, 1 AS d
    FROM new_rows WHERE status = 'ACTIVE' AND h3_cell IS NOT NULL AND vulnerabilities <> '{}'
    UNION ALL
    SELECT h3_parent(h3_cell, 8), country_of_residence, preferred_language, residence_type, vulnerabilities, -1
    FROM old_rows WHERE status = 'ACTIVE' AND h3_cell IS NOT NULL AND vulnerabilities <> '{}'
  ) AS changes
  GROUP BY 1, 2, 3, 4, 5 HAVING sum(d) <> 0;
  INSERT INTO registration_cell_total (cell, country, language, residence_type, n, n_medical_condition,
    n_reduced_mobility, n_pregnancy, n_elderly, n_unaccompanied_minor)
  SELECT * FROM (
    SELECT cell, country, language, residence_type, sum(d) AS n,
         coalesce(sum(d) FILTER (WHERE 'MEDICAL_CONDITION' = ANY(vulnerabilities)), 0) AS n_medical_condition,
         coalesce(sum(d) FILTER (WHERE 'REDUCED_MOBILITY' = ANY(vulnerabilities)), 0) AS n_reduced_mobility,
         coalesce(sum(d) FILTER (WHERE 'PREGNANCY' = ANY(vulnerabilities)), 0) AS n_pregnancy,
         coalesce(sum(d) FILTER (WHERE 'ELDERLY' = ANY(vulnerabilities)), 0) AS n_elderly,
         coalesce(sum(d) FILTER (WHERE 'UNACCOMPANIED_MINOR' = ANY(vulnerabilities)), 0) AS n_unaccompanied_minor
    FROM (
      SELECT h3_parent(h3_cell, 8) AS cell, country_of_residence AS country, preferred_language AS language,
             residence_type, vulnerabilities, 1 AS d
      FROM new_rows WHERE status = 'ACTIVE' AND h3_cell IS NOT NULL
      UNION ALL
      SELECT h3_parent(h3_cell, 8), country_of_residence, preferred_language, residence_type, vulnerabilities, -1
      FROM old_rows WHERE status = 'ACTIVE' AND h3_cell IS NOT NULL
    ) AS changes
    GROUP BY 1, 2, 3, 4
  ) AS deltas
  -- A key whose people stayed but whose vulnerabilities changed has n = 0 and a flag's sum that is not.
  WHERE (n, n_medical_condition, n_reduced_mobility, n_pregnancy, n_elderly, n_unaccompanied_minor)
    <> (0, 0, 0, 0, 0, 0);
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION registration_cell_count_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO registration_cell_count (cell, country, language, residence_type, vulnerabilities, n)
  SELECT h3_parent(h3_cell, 8), country_of_residence, preferred_language, residence_type, vulnerabilities, -count(*)
  FROM old_rows WHERE status = 'ACTIVE' AND h3_cell IS NOT NULL AND vulnerabilities <> '{}'
  GROUP BY 1, 2, 3, 4, 5;
  INSERT INTO registration_cell_total (cell, country, language, residence_type, n, n_medical_condition,
    n_reduced_mobility, n_pregnancy, n_elderly, n_unaccompanied_minor)
  SELECT h3_parent(h3_cell, 8), country_of_residence, preferred_language, residence_type, -count(*),
         coalesce(sum(-1) FILTER (WHERE 'MEDICAL_CONDITION' = ANY(vulnerabilities)), 0) AS n_medical_condition,
         coalesce(sum(-1) FILTER (WHERE 'REDUCED_MOBILITY' = ANY(vulnerabilities)), 0) AS n_reduced_mobility,
         coalesce(sum(-1) FILTER (WHERE 'PREGNANCY' = ANY(vulnerabilities)), 0) AS n_pregnancy,
         coalesce(sum(-1) FILTER (WHERE 'ELDERLY' = ANY(vulnerabilities)), 0) AS n_elderly,
         coalesce(sum(-1) FILTER (WHERE 'UNACCOMPANIED_MINOR' = ANY(vulnerabilities)), 0) AS n_unaccompanied_minor
  FROM old_rows WHERE status = 'ACTIVE' AND h3_cell IS NOT NULL
  GROUP BY 1, 2, 3, 4;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION registration_cell_count_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM registration_cell_count;
  DELETE FROM registration_cell_total;
  RETURN NULL;
END $$;

--changeset crisis:020-registration-cell-total-fill
-- The counts as the registry holds them now: the totals from the registry, and the people without a vulnerability
-- out of the counts by combination.
LOCK TABLE registration IN SHARE MODE;
INSERT INTO registration_cell_total (cell, country, language, residence_type, n, n_medical_condition,
    n_reduced_mobility, n_pregnancy, n_elderly, n_unaccompanied_minor, compacted)
SELECT h3_parent(h3_cell, 8), country_of_residence, preferred_language, residence_type, count(*),
         coalesce(sum(1) FILTER (WHERE 'MEDICAL_CONDITION' = ANY(vulnerabilities)), 0) AS n_medical_condition,
         coalesce(sum(1) FILTER (WHERE 'REDUCED_MOBILITY' = ANY(vulnerabilities)), 0) AS n_reduced_mobility,
         coalesce(sum(1) FILTER (WHERE 'PREGNANCY' = ANY(vulnerabilities)), 0) AS n_pregnancy,
         coalesce(sum(1) FILTER (WHERE 'ELDERLY' = ANY(vulnerabilities)), 0) AS n_elderly,
         coalesce(sum(1) FILTER (WHERE 'UNACCOMPANIED_MINOR' = ANY(vulnerabilities)), 0) AS n_unaccompanied_minor, true
FROM registration WHERE status = 'ACTIVE' AND h3_cell IS NOT NULL
GROUP BY 1, 2, 3, 4;
DELETE FROM registration_cell_count WHERE vulnerabilities = '{}';
