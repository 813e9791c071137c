--liquibase formatted sql

--changeset crisis:013-sms-status-early-bounded
-- An early status report is kept once per MessageSid and status (a replayed callback adds nothing), and only for an
-- hour: the gateway's answer that it waits for comes within seconds.
DELETE FROM sms_status_early a USING sms_status_early b
WHERE a.sid = b.sid AND a.status = b.status AND a.ctid > b.ctid;
DROP INDEX sms_status_early_sid;
CREATE UNIQUE INDEX sms_status_early_sid_status ON sms_status_early (sid, status);
CREATE INDEX sms_status_early_received ON sms_status_early (received_at);
