--liquibase formatted sql

--changeset crisis:033-refile-registrations
-- The alert pipeline now files each located person under a second, coarser H3 cell (resolution 3) where wide zones
-- meet them (issue 27): publish every active located registration again so that people stored before are filed
-- there too. A state sent again changes nothing else in the pipeline (same version), and alerts are kept once.
INSERT INTO outbox (aggregate, aggregate_id)
SELECT 'registration', id FROM registration WHERE status = 'ACTIVE' AND h3_cell IS NOT NULL ORDER BY id;
