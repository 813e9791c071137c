--liquibase formatted sql

--changeset crisis:035-server-role runAlways:true runOnChange:true splitStatements:false
-- The server works as a member of crisis_server: it reads and writes the data, never the schema, and only adds to
-- the audit trail. The role that migrates (the owner of every table) is another one: the server cannot disable the
-- audit trail's trigger, truncate it, or set session_replication_role (owners and superusers only). Run on every
-- migration, last of the change log, so that every table a migration made has its grants; a table made later by
-- the owner gets them at once (default privileges). Where the migrating role may not create roles, create
-- crisis_server first (SECURITY.md).
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'crisis_server') THEN
    BEGIN
      CREATE ROLE crisis_server NOLOGIN;
    EXCEPTION
      WHEN duplicate_object THEN NULL; -- made meanwhile by a migration of another database of the server
      WHEN insufficient_privilege THEN
        RAISE EXCEPTION 'the role crisis_server does not exist and % may not create it: create it first (SECURITY.md)',
          current_user;
    END;
  END IF;
  -- PostgreSQL 17 lets a role that does not own a table vacuum it: the cell counts' fold vacuums its two tables.
  IF current_setting('server_version_num')::int >= 170000 THEN
    EXECUTE 'GRANT MAINTAIN ON registration_cell_count, registration_cell_total TO crisis_server';
  END IF;
END $$;
GRANT USAGE ON SCHEMA public TO crisis_server;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO crisis_server;
GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO crisis_server;
REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON audit_event FROM crisis_server;
REVOKE ALL ON databasechangelog, databasechangeloglock FROM crisis_server;
-- The data keys (issue 31): the server reads them and adds one (the first, a rotation); only the owner may change or
-- delete one (keys retire, keys rewrap), so that a stolen server credential cannot destroy or re-wrap them.
REVOKE UPDATE, DELETE, TRUNCATE ON data_key FROM crisis_server;
-- Read only: a starting server checks that every change set of its release is applied and no migration runs.
GRANT SELECT ON databasechangelog, databasechangeloglock TO crisis_server;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO crisis_server;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO crisis_server;
