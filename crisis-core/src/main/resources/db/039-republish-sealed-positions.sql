--liquibase formatted sql

--changeset crisis:039-republish-sealed-positions
-- The registrations topic carried each person's exact point in clear until issue 31; it now carries the join's coarse
-- cell and the point sealed. Publish every located registration again, whatever its status, so that the compacted
-- topic's latest record of each person is the sealed one (compaction then drops the clear ones) and the pipeline's
-- stores are refilled with sealed points. Same versions: nothing else in the pipeline changes.
INSERT INTO outbox (aggregate, aggregate_id)
SELECT 'registration', id FROM registration WHERE latitude IS NOT NULL ORDER BY id;
