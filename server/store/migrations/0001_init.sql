-- Instants are Unix milliseconds (UTC); calendar dates are 'YYYY-MM-DD' text, which
-- sorts and compares correctly as text.

CREATE TABLE organizations (
  id         INTEGER PRIMARY KEY,
  kind       INTEGER NOT NULL CHECK (kind BETWEEN 1 AND 3),
  name       TEXT    NOT NULL UNIQUE,
  created_at INTEGER NOT NULL
);

-- A term (mandatperiod). Which term is current is derived from today's date; the store
-- refuses overlapping terms, so at most one contains any given day.
CREATE TABLE terms (
  id              INTEGER PRIMARY KEY,
  organization_id INTEGER NOT NULL REFERENCES organizations (id),
  start_date      TEXT    NOT NULL,
  end_date        TEXT    NOT NULL,
  CHECK (start_date < end_date),
  UNIQUE (organization_id, start_date)
);

CREATE TABLE people (
  id           INTEGER PRIMARY KEY,
  email        TEXT    NOT NULL UNIQUE COLLATE NOCASE,
  display_name TEXT    NOT NULL,
  -- An installation administrator manages organisations, people and invites; that is
  -- not a role within a term, so it lives here rather than in role_assignments.
  admin        INTEGER NOT NULL DEFAULT 0 CHECK (admin IN (0, 1)),
  disabled_at  INTEGER,
  created_at   INTEGER NOT NULL
);

-- Roles are held for a stretch of a term. Ending a role sets end_date; rows are never
-- deleted, so who held which role when stays answerable after a director is replaced.
CREATE TABLE role_assignments (
  id              INTEGER PRIMARY KEY,
  person_id       INTEGER NOT NULL REFERENCES people (id),
  organization_id INTEGER NOT NULL REFERENCES organizations (id),
  term_id         INTEGER NOT NULL REFERENCES terms (id),
  role            INTEGER NOT NULL CHECK (role BETWEEN 1 AND 5),
  party           TEXT    NOT NULL DEFAULT '',
  start_date      TEXT    NOT NULL,
  end_date        TEXT,
  created_at      INTEGER NOT NULL,
  created_by      INTEGER REFERENCES people (id),
  CHECK (end_date IS NULL OR start_date <= end_date)
);
CREATE INDEX role_assignments_person ON role_assignments (person_id, organization_id);
CREATE INDEX role_assignments_term ON role_assignments (term_id, role);

-- Sessions and tokens store only the SHA-256 of their secret.
CREATE TABLE sessions (
  id           INTEGER PRIMARY KEY,
  secret_hash  BLOB    NOT NULL UNIQUE,
  person_id    INTEGER NOT NULL REFERENCES people (id),
  user_agent   TEXT    NOT NULL DEFAULT '',
  created_at   INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  expires_at   INTEGER NOT NULL,
  ended_at     INTEGER
);
CREATE INDEX sessions_person ON sessions (person_id);

CREATE TABLE tokens (
  id          INTEGER PRIMARY KEY,
  secret_hash BLOB    NOT NULL UNIQUE,
  person_id   INTEGER NOT NULL REFERENCES people (id),
  created_at  INTEGER NOT NULL,
  expires_at  INTEGER NOT NULL,
  revoked_at  INTEGER
);

CREATE TABLE invites (
  id              INTEGER PRIMARY KEY,
  secret_hash     BLOB    NOT NULL UNIQUE,
  email           TEXT    NOT NULL COLLATE NOCASE,
  role            INTEGER NOT NULL CHECK (role BETWEEN 1 AND 6),
  organization_id INTEGER REFERENCES organizations (id),
  party           TEXT    NOT NULL DEFAULT '',
  created_by      INTEGER REFERENCES people (id),
  created_at      INTEGER NOT NULL,
  expires_at      INTEGER NOT NULL,
  used_at         INTEGER,
  used_by         INTEGER REFERENCES people (id)
);

-- The audit log is append-only. subject names what an event concerned ("person:12");
-- it never holds note text or secrets.
CREATE TABLE audit_events (
  id              INTEGER PRIMARY KEY,
  created_at      INTEGER NOT NULL,
  actor_person_id INTEGER,
  action          TEXT    NOT NULL,
  success         INTEGER NOT NULL CHECK (success IN (0, 1)),
  subject         TEXT    NOT NULL DEFAULT '',
  client_ip       TEXT    NOT NULL DEFAULT ''
);
