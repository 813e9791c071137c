--liquibase formatted sql

--changeset crisis:050-sms-dialogue
-- Registering by SMS alone (issue 34): INSCRIPTION, تسجيل or REGISTER to the number starts a short dialogue, one
-- question per SMS. One open dialogue per phone, with the answers so far; the identity document is asked last and
-- never kept here (the declaration is written as it arrives). A dialogue left unanswered for a day is deleted.
CREATE TABLE sms_dialogue (
  phone       TEXT PRIMARY KEY,
  language    TEXT NOT NULL CHECK (language IN ('ar', 'fr', 'en')),
  step        TEXT NOT NULL CHECK (step IN ('COUNTRY', 'CITY', 'NAME', 'BIRTH', 'SEX', 'HOUSEHOLD', 'CONSENT',
                'DOCUMENT')),
  answers     JSONB NOT NULL DEFAULT '{}',
  started_at  TIMESTAMPTZ NOT NULL,
  updated_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX sms_dialogue_updated ON sms_dialogue (updated_at);

-- A dialogue's SMS are kept as replies of their own kind, without their text (names, dates, document numbers).
ALTER TABLE sms_reply DROP CONSTRAINT sms_reply_keyword_check;
ALTER TABLE sms_reply ADD CONSTRAINT sms_reply_keyword_check
  CHECK (keyword IN ('SAFE', 'HELP', 'LEAVE', 'STAY', 'STOP', 'START', 'OTHER', 'ANSWER', 'REGISTER'));

-- A traveller's reminder before a trip's end goes out in the codes' lane: after every other due SMS of its sender,
-- so that a crisis's alerts, reminders and notices always leave first.
ALTER TABLE sms_send DROP CONSTRAINT sms_send_kind_check;
ALTER TABLE sms_send ADD CONSTRAINT sms_send_kind_check
  CHECK (kind IN ('ALERT', 'REMINDER', 'CALL', 'ACK', 'NOTICE', 'CHECK_IN', 'CODE', 'STAY'));
