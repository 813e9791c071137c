--liquibase formatted sql

--changeset crisis:019-console-session
-- Browser sessions of the web console. The cookie's token is kept only as its SHA-256 (a copy of this table signs
-- nobody in); `csrf` is the token the console sends back in X-CSRF-Token with every change. A session ends after
-- its idle timeout, at its maximum age, at sign-out, or when its user is disabled.
CREATE TABLE console_session (
  token_hash   TEXT PRIMARY KEY,
  username     TEXT NOT NULL REFERENCES app_user (username),
  csrf         TEXT NOT NULL,
  created_at   TIMESTAMPTZ NOT NULL,
  last_seen_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX console_session_seen ON console_session (last_seen_at);
