--liquibase formatted sql

--changeset crisis:018-reintegration
-- Case workers belong to one of the kingdom's 12 regions (GeoNames admin1 codes MA.01 to MA.12) and see its cases
-- only. A case worker without a region sees none and is given none.
ALTER TABLE app_user ADD COLUMN region TEXT CHECK (region ~ '^MA\.(0[1-9]|1[0-2])$');
ALTER TABLE app_user ADD CONSTRAINT app_user_region_caseworkers CHECK (region IS NULL OR role = 'CASEWORKER');

-- One case per household that came home: opened by the arrival of its evacuation request (at most one case per
-- request), or by hand for people who came home on their own. `region` is resolved from the destination city by
-- the gazetteer (null when it could not be: the crisis cell sets it). `next_due_at` is the earliest open check-in
-- or unanswered referral reminder, kept by triggers, for the case worker's "overdue first" list.
CREATE TABLE reintegration_case (
  id               UUID PRIMARY KEY,
  request_id       UUID UNIQUE REFERENCES evacuation_request (id),
  crisis_id        UUID REFERENCES crisis (id),
  consulate_id     TEXT REFERENCES consulate (id),
  destination_city TEXT NOT NULL,
  place_name       TEXT,
  region           TEXT CHECK (region ~ '^MA\.(0[1-9]|1[0-2])$'),
  caseworker       TEXT,
  state            TEXT NOT NULL CHECK (state IN ('OPEN', 'CLOSED')),
  arrived_at       TIMESTAMPTZ NOT NULL,
  opened_at        TIMESTAMPTZ NOT NULL,
  opened_by        TEXT NOT NULL,
  closed_at        TIMESTAMPTZ,
  closed_by        TEXT,
  outcome          TEXT,
  next_due_at      TIMESTAMPTZ,
  version          INTEGER NOT NULL DEFAULT 1,
  updated_at       TIMESTAMPTZ NOT NULL
);
CREATE INDEX reintegration_case_worklist ON reintegration_case (caseworker, next_due_at, id) WHERE state = 'OPEN';
CREATE INDEX reintegration_case_region ON reintegration_case (region, state);

-- The people of a case. What is copied from the registry depends on consent: a person who did not consent to
-- REINTEGRATION_FOLLOW_UP is a reference only (no name, birth date, phone). `sharing` is their consent to
-- SHARING_WITH_HOME_SERVICES: without it, referrals carry the case reference only.
CREATE TABLE reintegration_member (
  case_id         UUID NOT NULL REFERENCES reintegration_case (id),
  seq             INTEGER NOT NULL,
  registration_id UUID REFERENCES registration (id),
  full_name       TEXT,
  sex             CHAR(1) CHECK (sex IN ('F', 'M', 'X')),
  date_of_birth   DATE,
  phone           TEXT,
  language        TEXT,
  follow_up       BOOLEAN NOT NULL,
  sharing         BOOLEAN NOT NULL,
  PRIMARY KEY (case_id, seq)
);

-- What a person (member_seq) or the household (null) needs, by dimension, with its status and history.
CREATE TABLE reintegration_need (
  id            UUID PRIMARY KEY,
  case_id       UUID NOT NULL REFERENCES reintegration_case (id),
  member_seq    INTEGER,
  dimension     TEXT NOT NULL CHECK (dimension IN ('ECONOMIC', 'SOCIAL', 'PSYCHOSOCIAL')),
  kind          TEXT NOT NULL,
  status        TEXT NOT NULL CHECK (status IN ('IDENTIFIED', 'REFERRED', 'IN_PROGRESS', 'MET', 'NOT_MET',
                                                'NO_LONGER_NEEDED')),
  notes         TEXT,
  identified_at TIMESTAMPTZ NOT NULL,
  status_at     TIMESTAMPTZ NOT NULL,
  met_at        TIMESTAMPTZ,
  version       INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX reintegration_need_case ON reintegration_need (case_id);

CREATE TABLE reintegration_need_history (
  id      BIGSERIAL PRIMARY KEY,
  need_id UUID NOT NULL REFERENCES reintegration_need (id),
  at      TIMESTAMPTZ NOT NULL,
  by      TEXT NOT NULL,
  status  TEXT NOT NULL,
  note    TEXT
);
CREATE INDEX reintegration_need_history_need ON reintegration_need_history (need_id, id);

-- Partner institutions of a region and the kinds of need they take.
CREATE TABLE reintegration_partner (
  id         UUID PRIMARY KEY,
  region     TEXT NOT NULL CHECK (region ~ '^MA\.(0[1-9]|1[0-2])$'),
  name       TEXT NOT NULL,
  contact    TEXT NOT NULL,
  kinds      TEXT[] NOT NULL,
  created_at TIMESTAMPTZ NOT NULL,
  UNIQUE (region, name)
);

-- A need referred to a partner: what was asked, when, the answer; the case worker is reminded at `remind_at` when
-- no answer came. `personal_data`: whether the referral carried the person's details (their consent to sharing).
CREATE TABLE reintegration_referral (
  id            UUID PRIMARY KEY,
  case_id       UUID NOT NULL REFERENCES reintegration_case (id),
  need_id       UUID NOT NULL REFERENCES reintegration_need (id),
  partner_id    UUID NOT NULL REFERENCES reintegration_partner (id),
  asked         TEXT NOT NULL,
  personal_data BOOLEAN NOT NULL,
  sent_at       TIMESTAMPTZ NOT NULL,
  sent_by       TEXT NOT NULL,
  remind_at     TIMESTAMPTZ NOT NULL,
  reminded_at   TIMESTAMPTZ,
  answer        TEXT,
  answered_at   TIMESTAMPTZ
);
CREATE INDEX reintegration_referral_case ON reintegration_referral (case_id);
-- Unanswered referrals by reminder date: the reminders to send, and the overdue ones the reports count.
CREATE INDEX reintegration_referral_reminder ON reintegration_referral (remind_at) WHERE answered_at IS NULL;
CREATE INDEX reintegration_referral_case_due ON reintegration_referral (case_id, remind_at) WHERE answered_at IS NULL;

-- Scheduled check-ins: a task for the case worker and, when a phone may be used, one SMS question answered by a
-- digit. SCHEDULED until due; SENT when the question left (or the task fell due without a phone); ANSWERED by SMS
-- or DONE by the case worker; CANCELLED when the case closed first.
CREATE TABLE reintegration_checkin (
  id          UUID PRIMARY KEY,
  case_id     UUID NOT NULL REFERENCES reintegration_case (id),
  seq         INTEGER NOT NULL,
  label       TEXT NOT NULL,
  due_at      TIMESTAMPTZ NOT NULL,
  state       TEXT NOT NULL CHECK (state IN ('SCHEDULED', 'SENT', 'ANSWERED', 'DONE', 'CANCELLED')),
  phone       TEXT,
  language    TEXT,
  need_id     UUID REFERENCES reintegration_need (id),
  question    TEXT,
  sent_at     TIMESTAMPTZ,
  answer      INTEGER,
  answered_at TIMESTAMPTZ,
  done_at     TIMESTAMPTZ,
  done_by     TEXT,
  notes       TEXT,
  UNIQUE (case_id, seq)
);
-- Open check-ins by due date: those to send, and the overdue ones the reports count; and per case, the earliest
-- (what the case's next due date is kept from: without it the planner walks the first index for every case).
CREATE INDEX reintegration_checkin_due ON reintegration_checkin (due_at) WHERE state IN ('SCHEDULED', 'SENT');
CREATE INDEX reintegration_checkin_case_due ON reintegration_checkin (case_id, due_at)
  WHERE state IN ('SCHEDULED', 'SENT');
CREATE INDEX reintegration_checkin_phone ON reintegration_checkin (phone, sent_at) WHERE state = 'SENT';

-- The indicators recorded at a follow-up or at closure, and the scores computed from them (docs/reintegration.md).
CREATE TABLE reintegration_assessment (
  id           UUID PRIMARY KEY,
  case_id      UUID NOT NULL REFERENCES reintegration_case (id),
  kind         TEXT NOT NULL CHECK (kind IN ('FOLLOW_UP', 'CLOSURE')),
  indicators   JSONB NOT NULL,
  economic     DOUBLE PRECISION NOT NULL,
  social       DOUBLE PRECISION NOT NULL,
  psychosocial DOUBLE PRECISION NOT NULL,
  composite    DOUBLE PRECISION NOT NULL,
  at           TIMESTAMPTZ NOT NULL,
  by           TEXT NOT NULL
);
CREATE INDEX reintegration_assessment_case ON reintegration_assessment (case_id, at);

-- Check-in questions and their answers go through the same paced, retried SMS dispatcher; answers are kept too.
ALTER TABLE sms_send DROP CONSTRAINT sms_send_kind_check;
ALTER TABLE sms_send ADD CONSTRAINT sms_send_kind_check
  CHECK (kind IN ('ALERT', 'REMINDER', 'CALL', 'ACK', 'NOTICE', 'CHECK_IN'));
ALTER TABLE sms_reply DROP CONSTRAINT sms_reply_keyword_check;
ALTER TABLE sms_reply ADD CONSTRAINT sms_reply_keyword_check
  CHECK (keyword IN ('SAFE', 'HELP', 'LEAVE', 'STAY', 'STOP', 'START', 'OTHER', 'ANSWER'));

--changeset crisis:018-reintegration-triggers splitStatements:false
-- The case's next due date follows its check-ins and referrals, whatever writes them.
CREATE FUNCTION reintegration_next_due(c UUID) RETURNS void LANGUAGE sql AS $$
  UPDATE reintegration_case SET next_due_at = (
    SELECT min(d) FROM (
      SELECT min(due_at) AS d FROM reintegration_checkin WHERE case_id = c AND state IN ('SCHEDULED', 'SENT')
      UNION ALL
      SELECT min(remind_at) FROM reintegration_referral WHERE case_id = c AND answered_at IS NULL) x)
  WHERE id = c;
$$;
CREATE FUNCTION reintegration_due_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM reintegration_next_due(x.case_id) FROM (SELECT DISTINCT case_id FROM changed_rows ORDER BY 1) x;
  RETURN NULL;
END $$;
CREATE TRIGGER reintegration_checkin_due_insert AFTER INSERT ON reintegration_checkin
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION reintegration_due_rows();
CREATE TRIGGER reintegration_checkin_due_update AFTER UPDATE ON reintegration_checkin
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION reintegration_due_rows();
CREATE TRIGGER reintegration_referral_due_insert AFTER INSERT ON reintegration_referral
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION reintegration_due_rows();
CREATE TRIGGER reintegration_referral_due_update AFTER UPDATE ON reintegration_referral
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION reintegration_due_rows();

-- Every change of a case, its needs, check-ins and assessments reaches the outbox (the `reintegration-cases` topic).
ALTER TABLE outbox DROP CONSTRAINT outbox_aggregate_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_aggregate_check
  CHECK (aggregate IN ('registration', 'crisis', 'evacuation', 'reintegration'));
CREATE FUNCTION reintegration_case_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO outbox (aggregate, aggregate_id) SELECT 'reintegration', n.id FROM new_rows n ORDER BY n.id;
  RETURN NULL;
END $$;
CREATE FUNCTION reintegration_part_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO outbox (aggregate, aggregate_id)
  SELECT 'reintegration', x.case_id FROM (SELECT DISTINCT case_id FROM new_rows) x ORDER BY x.case_id;
  RETURN NULL;
END $$;
CREATE TRIGGER reintegration_case_outbox_insert AFTER INSERT ON reintegration_case
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION reintegration_case_outbox();
-- A case's own changes bump its version; its next due date alone (kept by the triggers above) is not news.
CREATE FUNCTION reintegration_case_changed_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO outbox (aggregate, aggregate_id)
  SELECT 'reintegration', n.id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE n.version <> o.version
  ORDER BY n.id;
  RETURN NULL;
END $$;
CREATE TRIGGER reintegration_case_outbox_update AFTER UPDATE ON reintegration_case
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION reintegration_case_changed_outbox();
CREATE TRIGGER reintegration_need_outbox_insert AFTER INSERT ON reintegration_need
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION reintegration_part_outbox();
CREATE TRIGGER reintegration_need_outbox_update AFTER UPDATE ON reintegration_need
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION reintegration_part_outbox();
CREATE TRIGGER reintegration_checkin_outbox_update AFTER UPDATE ON reintegration_checkin
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION reintegration_part_outbox();
CREATE TRIGGER reintegration_assessment_outbox_insert AFTER INSERT ON reintegration_assessment
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION reintegration_part_outbox();
