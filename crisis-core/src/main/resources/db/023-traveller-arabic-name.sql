--liquibase formatted sql

--changeset crisis:023-traveller-arabic-name
-- A registered traveller's name in Arabic script, as the registration has it: officers at a gate search by either
-- name (the manifest keeps the name as in the travel document).
ALTER TABLE evacuation_traveller ADD COLUMN name_arabic TEXT;
UPDATE evacuation_traveller t
SET name_arabic = NULLIF(btrim(concat_ws(' ', r.given_name_arabic, r.family_name_arabic)), '')
FROM registration r WHERE r.id = t.registration_id;
