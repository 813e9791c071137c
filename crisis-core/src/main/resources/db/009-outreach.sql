--liquibase formatted sql

--changeset crisis:009-outreach
-- Every SMS or call the system makes, one row each, keyed by what it is for (dedupe_key): the alert of a crisis
-- message to a phone, its reminder, its call, the acknowledgement of a reply. A replayed alert finds its row and
-- never causes a second call to the gateway. `state` is the dispatcher's; `status` is the gateway's (Twilio's).
CREATE TABLE sms_send (
  id              UUID PRIMARY KEY,
  dedupe_key      TEXT NOT NULL UNIQUE,
  kind            TEXT NOT NULL CHECK (kind IN ('ALERT', 'REMINDER', 'CALL', 'ACK')),
  crisis_id       UUID REFERENCES crisis (id),
  message_id      UUID,
  phone           TEXT NOT NULL,
  language        TEXT NOT NULL,
  sender          TEXT NOT NULL,
  body            TEXT,
  segments        INTEGER,
  state           TEXT NOT NULL DEFAULT 'PENDING'
                  CHECK (state IN ('PENDING', 'SENDING', 'SENT', 'FAILED', 'OPTED_OUT')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TIMESTAMPTZ NOT NULL,
  check_after     TIMESTAMPTZ,
  attempt_started TIMESTAMPTZ,
  sid             TEXT UNIQUE,
  status          TEXT,
  status_rank     SMALLINT NOT NULL DEFAULT 0,
  error_code      INTEGER,
  error           TEXT,
  created_at      TIMESTAMPTZ NOT NULL,
  sent_at         TIMESTAMPTZ,
  status_at       TIMESTAMPTZ,
  -- For alerts: 0 nothing yet, 1 reminded, 2 called, 9 nothing more to do (answered, or the crisis is over).
  escalation      SMALLINT NOT NULL DEFAULT 0,
  escalated_at    TIMESTAMPTZ
);
CREATE INDEX sms_send_due ON sms_send (sender, next_attempt_at) WHERE state = 'PENDING';
CREATE INDEX sms_send_in_flight ON sms_send (check_after) WHERE state = 'SENDING';
CREATE INDEX sms_send_phone ON sms_send (phone, created_at);
CREATE INDEX sms_send_crisis ON sms_send (crisis_id, kind, state);
CREATE INDEX sms_send_escalation ON sms_send (escalation, sent_at) WHERE kind = 'ALERT' AND state = 'SENT' AND escalation < 2;

-- Who an alert SMS was for: one row per (crisis message, registration); people sharing a phone share one SMS.
CREATE TABLE sms_recipient (
  message_id      UUID NOT NULL,
  registration_id UUID NOT NULL REFERENCES registration (id),
  crisis_id       UUID NOT NULL REFERENCES crisis (id),
  send_id         UUID NOT NULL REFERENCES sms_send (id),
  alert_id        UUID NOT NULL UNIQUE,
  created_at      TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (message_id, registration_id)
);
CREATE INDEX sms_recipient_send ON sms_recipient (send_id);
CREATE INDEX sms_recipient_registration ON sms_recipient (registration_id, crisis_id);

-- Status callbacks for a MessageSid not recorded yet (the callback overtook the gateway's answer); applied when it is.
CREATE TABLE sms_status_early (
  sid         TEXT NOT NULL,
  status      TEXT NOT NULL,
  error_code  INTEGER,
  received_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX sms_status_early_sid ON sms_status_early (sid);

-- Phones that answered STOP (or that the gateway reports opted out): never messaged until they answer START.
CREATE TABLE sms_opt_out (
  phone TEXT PRIMARY KEY,
  at    TIMESTAMPTZ NOT NULL,
  via   TEXT NOT NULL
);

-- Every inbound SMS, kept whatever it says; the gateway's MessageSid makes a repeated webhook harmless.
CREATE TABLE sms_reply (
  id               UUID PRIMARY KEY,
  sid              TEXT NOT NULL UNIQUE,
  phone            TEXT NOT NULL,
  body             TEXT NOT NULL,
  keyword          TEXT NOT NULL CHECK (keyword IN ('SAFE', 'HELP', 'STOP', 'START', 'OTHER')),
  crisis_id        UUID REFERENCES crisis (id),
  send_id          UUID REFERENCES sms_send (id),
  registration_ids UUID[] NOT NULL DEFAULT '{}',
  received_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX sms_reply_phone ON sms_reply (phone, received_at);
CREATE INDEX sms_reply_crisis ON sms_reply (crisis_id, received_at);

-- What each person said during a crisis (the last answer stands).
CREATE TABLE citizen_status (
  crisis_id       UUID NOT NULL REFERENCES crisis (id),
  registration_id UUID NOT NULL REFERENCES registration (id),
  status          TEXT NOT NULL CHECK (status IN ('SAFE', 'NEEDS_HELP')),
  reply_id        UUID NOT NULL REFERENCES sms_reply (id),
  updated_at      TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (crisis_id, registration_id)
);

-- A person who answered HELP, for their consulate to act on.
CREATE TABLE assistance_request (
  id              UUID PRIMARY KEY,
  crisis_id       UUID NOT NULL REFERENCES crisis (id),
  registration_id UUID NOT NULL REFERENCES registration (id),
  consulate_id    TEXT NOT NULL REFERENCES consulate (id),
  reply_id        UUID NOT NULL REFERENCES sms_reply (id),
  state           TEXT NOT NULL DEFAULT 'OPEN' CHECK (state IN ('OPEN', 'CLOSED')),
  created_at      TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX assistance_request_open ON assistance_request (crisis_id, registration_id) WHERE state = 'OPEN';
CREATE INDEX assistance_request_consulate ON assistance_request (consulate_id, state, created_at);
