-- The role split (issue 6): areas of responsibility with their history and precedents,
-- the director's instruction in versions, and the pair's agreements, deviations and
-- crisis periods. Nothing here is ever deleted: history is the point.
--
-- Numbers stored as INTEGER follow the proto enums: owner (AreaOwner), role (Role),
-- state (InstructionState, AgreementState), kind (AreaEventKind, AgreementEventKind,
-- DeviationKind), proposal_state (ProposalState).

-- An area of responsibility as it stands now; area_events holds how it got there.
CREATE TABLE areas (
  id              INTEGER PRIMARY KEY,
  organization_id INTEGER NOT NULL REFERENCES organizations (id),
  name            TEXT    NOT NULL,
  owner           INTEGER NOT NULL CHECK (owner BETWEEN 1 AND 3),
  description     TEXT    NOT NULL DEFAULT '',
  examples        TEXT    NOT NULL DEFAULT '',
  version         INTEGER NOT NULL CHECK (version >= 1),
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL,
  UNIQUE (organization_id, name)
);

-- An area's history: applied changes (each a version, with a snapshot of the fields),
-- the director's proposals, and comments. Rows are only appended, except that a
-- proposal is decided once and a proposed new area learns its area_id when accepted.
CREATE TABLE area_events (
  id               INTEGER PRIMARY KEY,
  organization_id  INTEGER NOT NULL REFERENCES organizations (id),
  area_id          INTEGER REFERENCES areas (id),
  kind             INTEGER NOT NULL CHECK (kind BETWEEN 1 AND 3),
  actor_id         INTEGER NOT NULL REFERENCES people (id),
  actor_role       INTEGER NOT NULL,
  created_at       INTEGER NOT NULL,
  name             TEXT    NOT NULL DEFAULT '',
  owner            INTEGER NOT NULL DEFAULT 0,
  previous_owner   INTEGER NOT NULL DEFAULT 0,
  description      TEXT    NOT NULL DEFAULT '',
  examples         TEXT    NOT NULL DEFAULT '',
  version          INTEGER NOT NULL DEFAULT 0,
  text             TEXT    NOT NULL DEFAULT '',
  proposal_state   INTEGER NOT NULL DEFAULT 0 CHECK (proposal_state BETWEEN 0 AND 3),
  decided_by       INTEGER REFERENCES people (id),
  decided_at       INTEGER,
  decision_comment TEXT    NOT NULL DEFAULT '',
  proposal_id      INTEGER REFERENCES area_events (id),
  CHECK (area_id IS NOT NULL OR kind = 2),
  CHECK ((kind = 2) = (proposal_state > 0))
);
CREATE INDEX area_events_area ON area_events (area_id, id);
CREATE INDEX area_events_proposals ON area_events (organization_id, kind, proposal_state, id);

-- The instruction for the director, one row per version. Only a draft may change; the
-- triggers below hold that even against a bug in the store.
CREATE TABLE instruction_versions (
  id                  INTEGER PRIMARY KEY,
  organization_id     INTEGER NOT NULL REFERENCES organizations (id),
  number              INTEGER NOT NULL,
  state               INTEGER NOT NULL CHECK (state BETWEEN 1 AND 3),
  title               TEXT    NOT NULL,
  change_reason       TEXT    NOT NULL DEFAULT '',
  based_on_id         INTEGER REFERENCES instruction_versions (id),
  created_by          INTEGER NOT NULL REFERENCES people (id),
  created_at          INTEGER NOT NULL,
  updated_by          INTEGER NOT NULL REFERENCES people (id),
  updated_at          INTEGER NOT NULL,
  board_decision_date TEXT    NOT NULL DEFAULT '',
  board_decision_ref  TEXT    NOT NULL DEFAULT '',
  adopted_by          INTEGER REFERENCES people (id),
  adopted_at          INTEGER,
  superseded_by_id    INTEGER REFERENCES instruction_versions (id),
  UNIQUE (organization_id, number),
  CHECK (state = 1 OR (board_decision_date <> '' AND board_decision_ref <> ''))
);
-- An organisation has at most one draft and at most one version in force.
CREATE UNIQUE INDEX instruction_versions_one_draft ON instruction_versions (organization_id) WHERE state = 1;
CREATE UNIQUE INDEX instruction_versions_one_adopted ON instruction_versions (organization_id) WHERE state = 2;

CREATE TABLE instruction_sections (
  version_id INTEGER NOT NULL REFERENCES instruction_versions (id),
  position   INTEGER NOT NULL,
  heading    TEXT    NOT NULL,
  body       TEXT    NOT NULL,
  PRIMARY KEY (version_id, position)
);

-- An adopted version is a board decision: its content never changes again. Adopting and
-- superseding change only the state and the decision's columns.
CREATE TRIGGER instruction_versions_read_only BEFORE UPDATE OF title, change_reason, based_on_id, number, organization_id
ON instruction_versions WHEN OLD.state <> 1
BEGIN
  SELECT RAISE(ABORT, 'an adopted instruction is read-only');
END;
CREATE TRIGGER instruction_sections_read_only_insert BEFORE INSERT ON instruction_sections
WHEN (SELECT state FROM instruction_versions WHERE id = NEW.version_id) <> 1
BEGIN
  SELECT RAISE(ABORT, 'an adopted instruction is read-only');
END;
CREATE TRIGGER instruction_sections_read_only_update BEFORE UPDATE ON instruction_sections
WHEN (SELECT state FROM instruction_versions WHERE id = OLD.version_id) <> 1
BEGIN
  SELECT RAISE(ABORT, 'an adopted instruction is read-only');
END;
CREATE TRIGGER instruction_sections_read_only_delete BEFORE DELETE ON instruction_sections
WHEN (SELECT state FROM instruction_versions WHERE id = OLD.version_id) <> 1
BEGIN
  SELECT RAISE(ABORT, 'an adopted instruction is read-only');
END;

-- The pair went through the adopted version (at the start of a term, once a year).
CREATE TABLE instruction_reviews (
  id          INTEGER PRIMARY KEY,
  version_id  INTEGER NOT NULL REFERENCES instruction_versions (id),
  reviewed_on TEXT    NOT NULL,
  reviewed_by INTEGER NOT NULL REFERENCES people (id),
  note        TEXT    NOT NULL DEFAULT '',
  created_at  INTEGER NOT NULL
);
CREATE INDEX instruction_reviews_version ON instruction_reviews (version_id, reviewed_on);

-- Agreements of the pair, per term. A proposal awaits the other role's answer.
CREATE TABLE agreements (
  id               INTEGER PRIMARY KEY,
  organization_id  INTEGER NOT NULL REFERENCES organizations (id),
  term_id          INTEGER NOT NULL REFERENCES terms (id),
  text             TEXT    NOT NULL,
  state            INTEGER NOT NULL CHECK (state BETWEEN 1 AND 4),
  awaiting_role    INTEGER NOT NULL DEFAULT 0 CHECK ((state = 1) = (awaiting_role IN (1, 2))),
  proposed_by      INTEGER NOT NULL REFERENCES people (id),
  proposed_by_role INTEGER NOT NULL CHECK (proposed_by_role IN (1, 2)),
  proposed_at      INTEGER NOT NULL,
  agreed_at        INTEGER,
  revisit_by       INTEGER REFERENCES people (id),
  revisit_at       INTEGER,
  revisit_reason   TEXT    NOT NULL DEFAULT '',
  replaces_id      INTEGER REFERENCES agreements (id),
  updated_at       INTEGER NOT NULL
);
CREATE INDEX agreements_term ON agreements (term_id, id);

CREATE TABLE agreement_events (
  id           INTEGER PRIMARY KEY,
  agreement_id INTEGER NOT NULL REFERENCES agreements (id),
  kind         INTEGER NOT NULL CHECK (kind BETWEEN 1 AND 7),
  actor_id     INTEGER NOT NULL REFERENCES people (id),
  actor_role   INTEGER NOT NULL,
  created_at   INTEGER NOT NULL,
  text         TEXT    NOT NULL DEFAULT '',
  comment      TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX agreement_events_agreement ON agreement_events (agreement_id, id);

-- Deviations and planned stand-ins. They are records: never changed after logging
-- except for the acknowledgement; corrections go in comments.
CREATE TABLE deviations (
  id              INTEGER PRIMARY KEY,
  organization_id INTEGER NOT NULL REFERENCES organizations (id),
  term_id         INTEGER NOT NULL REFERENCES terms (id),
  kind            INTEGER NOT NULL CHECK (kind IN (1, 2)),
  area_id         INTEGER REFERENCES areas (id),
  agreement_id    INTEGER REFERENCES agreements (id),
  what            TEXT    NOT NULL,
  reason          TEXT    NOT NULL DEFAULT '',
  occurred_on     TEXT    NOT NULL,
  logged_by       INTEGER NOT NULL REFERENCES people (id),
  logged_by_role  INTEGER NOT NULL CHECK (logged_by_role IN (1, 2)),
  logged_at       INTEGER NOT NULL,
  in_crisis       INTEGER NOT NULL DEFAULT 0 CHECK (in_crisis IN (0, 1)),
  acknowledged_by INTEGER REFERENCES people (id),
  acknowledged_at INTEGER,
  CHECK (area_id IS NOT NULL OR agreement_id IS NOT NULL),
  CHECK (in_crisis = 0 OR reason <> '')
);
CREATE INDEX deviations_term ON deviations (term_id, id);
CREATE INDEX deviations_unacknowledged ON deviations (organization_id, logged_by_role) WHERE acknowledged_at IS NULL;

CREATE TABLE deviation_comments (
  id              INTEGER PRIMARY KEY,
  deviation_id    INTEGER NOT NULL REFERENCES deviations (id),
  author_id       INTEGER NOT NULL REFERENCES people (id),
  author_role     INTEGER NOT NULL,
  created_at      INTEGER NOT NULL,
  text            TEXT    NOT NULL,
  acknowledgement INTEGER NOT NULL DEFAULT 0 CHECK (acknowledgement IN (0, 1))
);
CREATE INDEX deviation_comments_deviation ON deviation_comments (deviation_id, id);

-- A grey-zone precedent: a case, usually a deviation, that shows how an area was handled.
CREATE TABLE area_precedents (
  id           INTEGER PRIMARY KEY,
  area_id      INTEGER NOT NULL REFERENCES areas (id),
  deviation_id INTEGER REFERENCES deviations (id),
  reference    TEXT    NOT NULL DEFAULT '',
  summary      TEXT    NOT NULL,
  occurred_on  TEXT    NOT NULL,
  linked_by    INTEGER NOT NULL REFERENCES people (id),
  created_at   INTEGER NOT NULL,
  UNIQUE (area_id, deviation_id),
  CHECK (deviation_id IS NOT NULL OR reference <> '')
);
CREATE INDEX area_precedents_area ON area_precedents (area_id, occurred_on, id);

-- Crisis periods (kris); at most one goes on at a time.
CREATE TABLE crisis_periods (
  id              INTEGER PRIMARY KEY,
  organization_id INTEGER NOT NULL REFERENCES organizations (id),
  term_id         INTEGER NOT NULL REFERENCES terms (id),
  reason          TEXT    NOT NULL,
  started_by      INTEGER NOT NULL REFERENCES people (id),
  started_at      INTEGER NOT NULL,
  ended_by        INTEGER REFERENCES people (id),
  ended_at        INTEGER,
  end_note        TEXT    NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX crisis_periods_one_open ON crisis_periods (organization_id) WHERE ended_at IS NULL;
CREATE INDEX crisis_periods_term ON crisis_periods (term_id, id);
