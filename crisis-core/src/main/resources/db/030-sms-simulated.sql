--liquibase formatted sql

--changeset crisis:030-sms-simulated
-- What the SMS simulator's phones received (sms.type simulator, the embedded default), kept in the database as
-- Twilio keeps its messages: after a crash, the dispatcher's look-up finds a message whose answer was lost instead of
-- sending it again, and the simulator page still shows what came before a restart. The newest are kept
-- (simulatorCapacity); seq is the order of arrival.
CREATE TABLE sms_simulated (
  seq      BIGSERIAL PRIMARY KEY,
  sid      TEXT NOT NULL UNIQUE,
  kind     TEXT NOT NULL CHECK (kind IN ('SMS', 'CALL')),
  phone    TEXT NOT NULL,
  sender   TEXT,
  body     TEXT,
  language TEXT,
  at       TIMESTAMPTZ NOT NULL
);
CREATE INDEX sms_simulated_phone ON sms_simulated (phone, seq);
