--liquibase formatted sql

--changeset crisis:049-access-links
-- A citizen's own access to what the registry holds for their phone (issue 34): a link sent by SMS is a proof like a
-- code, counted in the same hourly limits, but a long secret in a link instead of six digits to type. Opened once,
-- together with the phone it was sent to, it gives a short access: its secret, too, only as a keyed MAC bound to the
-- row. Still no clear phone and no registry id here.
ALTER TABLE phone_proof
  ADD COLUMN purpose TEXT NOT NULL DEFAULT 'CODE' CHECK (purpose IN ('CODE', 'LINK')),
  ADD COLUMN access_mac BYTEA,
  ADD COLUMN access_expires_at TIMESTAMPTZ,
  ADD CONSTRAINT phone_proof_access CHECK ((access_mac IS NULL) = (access_expires_at IS NULL)
    AND (access_mac IS NULL OR (purpose = 'LINK' AND used_at IS NOT NULL)));
