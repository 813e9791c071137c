--liquibase formatted sql

--changeset crisis:007-registration-h3-covering
-- Zone queries read the id, point and country of every candidate: with them in the index, large zones are answered
-- from the index alone (once VACUUM has marked the pages all-visible), without a heap visit per person.
DROP INDEX registration_h3;
CREATE INDEX registration_h3 ON registration (h3_cell) INCLUDE (id, latitude, longitude, country_of_residence)
  WHERE status = 'ACTIVE' AND h3_cell IS NOT NULL;
