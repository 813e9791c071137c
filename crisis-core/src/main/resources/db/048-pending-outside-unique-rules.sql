--liquibase formatted sql

--changeset crisis:048-pending-outside-unique-rules
-- A citizen's declaration is not proof of who they are: one naming somebody else's national ID or passport (a
-- number can be known to others) must not hold that number against the person themselves or their consulate. The
-- numbers are unique among confirmed records only; pending declarations that share one are all kept, shown side by
-- side in the consulate's queue, and a confirmed record of the same person supersedes them (PendingRegistrations).
DROP INDEX registration_national_id;
DROP INDEX registration_passport;
CREATE UNIQUE INDEX registration_national_id ON registration (national_id_index)
  WHERE status = 'ACTIVE' AND confirmation = 'CONFIRMED' AND national_id_index IS NOT NULL;
CREATE UNIQUE INDEX registration_passport ON registration (passport_index)
  WHERE status = 'ACTIVE' AND confirmation = 'CONFIRMED' AND passport_index IS NOT NULL;
-- The phone with name and birth date needs the proven phone itself, so it cannot be squatted: one confirmed and one
-- pending record of a person may be active together (the officer's record then supersedes the declaration), never
-- two of either. Its leading column stays the phone, which inbound SMS and the retention purge look up by.
DROP INDEX registration_person;
CREATE UNIQUE INDEX registration_person ON registration
  (phone, date_of_birth, lower(family_name_latin), lower(given_name_latin), confirmation) WHERE status = 'ACTIVE';
