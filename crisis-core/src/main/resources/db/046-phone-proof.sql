--liquibase formatted sql

--changeset crisis:046-phone-proof
-- A citizen registering themselves proves their phone with a code sent by SMS (issue 34). One row per code sent:
-- the phone and the asking address only as blind indexes (keyed HMACs, FieldCipher), the code only as a keyed MAC
-- bound to the row; counted per phone and per address for the hourly limits, spent once, dead after its minutes or
-- its attempts. Nothing here says whether the phone is registered: a proof never looks at the registry.
CREATE TABLE phone_proof (
  id            UUID PRIMARY KEY,
  phone_index   BYTEA NOT NULL,
  address_index BYTEA NOT NULL,
  code_mac      BYTEA NOT NULL,
  created_at    TIMESTAMPTZ NOT NULL,
  expires_at    TIMESTAMPTZ NOT NULL,
  attempts      SMALLINT NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  used_at       TIMESTAMPTZ,
  CHECK (expires_at > created_at)
);
CREATE INDEX phone_proof_phone ON phone_proof (phone_index, created_at);
CREATE INDEX phone_proof_address ON phone_proof (address_index, created_at);
CREATE INDEX phone_proof_expiry ON phone_proof (expires_at);

-- The code goes out through the one paced dispatcher, as its own kind: claimed only once no other SMS of its
-- sender is due, so that a crisis alert always leaves first.
ALTER TABLE sms_send DROP CONSTRAINT sms_send_kind_check;
ALTER TABLE sms_send ADD CONSTRAINT sms_send_kind_check
  CHECK (kind IN ('ALERT', 'REMINDER', 'CALL', 'ACK', 'NOTICE', 'CHECK_IN', 'CODE'));
