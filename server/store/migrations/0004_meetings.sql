-- Meetings: series and their occurrences, a shared agenda whose open items carry over,
-- notes, decisions and action items, corrections of finalised notes, reflection talks,
-- follow-up of political decisions and calendar subscriptions. Kinds and statuses are
-- the numbers of the samspel.v1 enums.

-- A series is a recurring meeting (interval_weeks >= 1) or a single one (0). Times are
-- Swedish local time: start_time is 'HH:MM', dates 'YYYY-MM-DD'.
CREATE TABLE meeting_series (
  id               INTEGER PRIMARY KEY,
  organization_id  INTEGER NOT NULL REFERENCES organizations (id),
  term_id          INTEGER NOT NULL REFERENCES terms (id),
  kind             INTEGER NOT NULL CHECK (kind BETWEEN 1 AND 4),
  title            TEXT    NOT NULL,
  place            TEXT    NOT NULL DEFAULT '',
  weekday          INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
  start_time       TEXT    NOT NULL,
  duration_minutes INTEGER NOT NULL CHECK (duration_minutes > 0),
  interval_weeks   INTEGER NOT NULL CHECK (interval_weeks BETWEEN 0 AND 52),
  start_date       TEXT    NOT NULL,
  end_date         TEXT    NOT NULL,
  created_at       INTEGER NOT NULL,
  created_by       INTEGER REFERENCES people (id),
  CHECK (start_date <= end_date)
);
CREATE INDEX meeting_series_term ON meeting_series (term_id, kind);

-- Invited participants. The chair and the director of a check-in (kind 1) or a
-- reflection talk (kind 3) are not listed here: they follow from role_assignments, so a
-- new director takes part from their first day without anyone editing the series.
CREATE TABLE meeting_participants (
  series_id INTEGER NOT NULL REFERENCES meeting_series (id),
  person_id INTEGER NOT NULL REFERENCES people (id),
  PRIMARY KEY (series_id, person_id)
) WITHOUT ROWID;
CREATE INDEX meeting_participants_person ON meeting_participants (person_id);

-- Occurrences are stored from the start: a weekly series over a term is about 200 rows,
-- and a stored row is what makes a passed, unheld occurrence visible as missed.
-- state: 1 scheduled, 2 held, 3 cancelled. Missed is derived: scheduled and its day passed.
CREATE TABLE meetings (
  id               INTEGER PRIMARY KEY,
  series_id        INTEGER NOT NULL REFERENCES meeting_series (id),
  date             TEXT    NOT NULL,
  start_time       TEXT    NOT NULL,
  duration_minutes INTEGER NOT NULL CHECK (duration_minutes > 0),
  place            TEXT    NOT NULL DEFAULT '',
  state            INTEGER NOT NULL DEFAULT 1 CHECK (state BETWEEN 1 AND 3),
  state_changed_at INTEGER,
  state_changed_by INTEGER REFERENCES people (id),
  cancel_reason    TEXT    NOT NULL DEFAULT '',
  finalized_at     INTEGER,
  finalized_by     INTEGER REFERENCES people (id)
);
CREATE INDEX meetings_series_date ON meetings (series_id, date, start_time);

-- An agenda item is put on one meeting and stays open until a meeting of its series
-- closes it; while open it shows on every later meeting of the series (carry-over).
-- source_kind/source_id point at where it came from (e.g. 'quick_note'); no foreign key,
-- as the source may live in a table this migration does not know.
CREATE TABLE agenda_items (
  id                INTEGER PRIMARY KEY,
  meeting_id        INTEGER NOT NULL REFERENCES meetings (id),
  series_id         INTEGER NOT NULL REFERENCES meeting_series (id),
  title             TEXT    NOT NULL,
  description       TEXT    NOT NULL DEFAULT '',
  source_kind       TEXT    NOT NULL DEFAULT '',
  source_id         INTEGER,
  added_by          INTEGER NOT NULL REFERENCES people (id),
  created_at        INTEGER NOT NULL,
  closed_meeting_id INTEGER REFERENCES meetings (id),
  closed_at         INTEGER,
  closed_by         INTEGER REFERENCES people (id)
);
CREATE INDEX agenda_items_meeting ON agenda_items (meeting_id);
CREATE INDEX agenda_items_open ON agenda_items (series_id) WHERE closed_meeting_id IS NULL;
CREATE INDEX agenda_items_closed ON agenda_items (closed_meeting_id) WHERE closed_meeting_id IS NOT NULL;

-- Notes on a meeting or one of its agenda items. Private notes are their author's
-- working notes; shared ones become the organisation's record once finalised.
CREATE TABLE meeting_notes (
  id             INTEGER PRIMARY KEY,
  meeting_id     INTEGER NOT NULL REFERENCES meetings (id),
  agenda_item_id INTEGER REFERENCES agenda_items (id),
  author_id      INTEGER NOT NULL REFERENCES people (id),
  body           TEXT    NOT NULL,
  private        INTEGER NOT NULL DEFAULT 0 CHECK (private IN (0, 1)),
  created_at     INTEGER NOT NULL,
  updated_at     INTEGER NOT NULL
);
CREATE INDEX meeting_notes_meeting ON meeting_notes (meeting_id);
CREATE INDEX meeting_notes_item ON meeting_notes (agenda_item_id) WHERE agenda_item_id IS NOT NULL;

-- What was agreed at a meeting; taken_by is who took the position, NULL for both.
CREATE TABLE meeting_decisions (
  id             INTEGER PRIMARY KEY,
  meeting_id     INTEGER NOT NULL REFERENCES meetings (id),
  agenda_item_id INTEGER REFERENCES agenda_items (id),
  text           TEXT    NOT NULL,
  taken_by       INTEGER REFERENCES people (id),
  recorded_by    INTEGER NOT NULL REFERENCES people (id),
  created_at     INTEGER NOT NULL
);
CREATE INDEX meeting_decisions_meeting ON meeting_decisions (meeting_id);

-- Who does what by when. status: 1 open, 2 done, 3 cancelled. closed_date is the Swedish
-- day it stopped being open, so a past meeting's follow-up shows what was open then.
CREATE TABLE action_items (
  id             INTEGER PRIMARY KEY,
  meeting_id     INTEGER NOT NULL REFERENCES meetings (id),
  series_id      INTEGER NOT NULL REFERENCES meeting_series (id),
  agenda_item_id INTEGER REFERENCES agenda_items (id),
  text           TEXT    NOT NULL,
  owner_id       INTEGER NOT NULL REFERENCES people (id),
  due_date       TEXT,
  status         INTEGER NOT NULL DEFAULT 1 CHECK (status BETWEEN 1 AND 3),
  closed_date    TEXT,
  created_by     INTEGER NOT NULL REFERENCES people (id),
  created_at     INTEGER NOT NULL,
  CHECK ((status = 1) = (closed_date IS NULL))
);
CREATE INDEX action_items_meeting ON action_items (meeting_id);
CREATE INDEX action_items_open ON action_items (series_id) WHERE status = 1;
CREATE INDEX action_items_closed ON action_items (series_id, closed_date) WHERE status <> 1;
CREATE INDEX action_items_due ON action_items (due_date) WHERE status = 1;

-- The earlier text of a note, decision or action item, kept when a finalised meeting's
-- record is corrected. Rows are never changed or deleted.
CREATE TABLE meeting_revisions (
  id            INTEGER PRIMARY KEY,
  meeting_id    INTEGER NOT NULL REFERENCES meetings (id),
  entity        TEXT    NOT NULL CHECK (entity IN ('note', 'decision', 'action_item')),
  entity_id     INTEGER NOT NULL,
  previous_text TEXT    NOT NULL,
  reason        TEXT    NOT NULL,
  revised_by    INTEGER NOT NULL REFERENCES people (id),
  revised_at    INTEGER NOT NULL
);
CREATE INDEX meeting_revisions_entity ON meeting_revisions (entity, entity_id);

-- Full-text search over the shared parts of meetings. The rowid encodes what a row is:
-- id * 4 + 0 agenda item, + 1 shared note, + 2 decision, + 3 action item. Private notes
-- are never indexed.
CREATE VIRTUAL TABLE meeting_search USING fts5 (
  body,
  meeting_id UNINDEXED,
  tokenize = 'unicode61 remove_diacritics 0'
);

CREATE TRIGGER agenda_items_search_insert AFTER INSERT ON agenda_items BEGIN
  INSERT INTO meeting_search (rowid, body, meeting_id) VALUES (new.id * 4, new.title || char(10) || new.description, new.meeting_id);
END;
CREATE TRIGGER agenda_items_search_update AFTER UPDATE OF title, description ON agenda_items BEGIN
  DELETE FROM meeting_search WHERE rowid = old.id * 4;
  INSERT INTO meeting_search (rowid, body, meeting_id) VALUES (new.id * 4, new.title || char(10) || new.description, new.meeting_id);
END;

CREATE TRIGGER meeting_notes_search_insert AFTER INSERT ON meeting_notes WHEN new.private = 0 BEGIN
  INSERT INTO meeting_search (rowid, body, meeting_id) VALUES (new.id * 4 + 1, new.body, new.meeting_id);
END;
CREATE TRIGGER meeting_notes_search_update AFTER UPDATE OF body ON meeting_notes WHEN new.private = 0 BEGIN
  DELETE FROM meeting_search WHERE rowid = old.id * 4 + 1;
  INSERT INTO meeting_search (rowid, body, meeting_id) VALUES (new.id * 4 + 1, new.body, new.meeting_id);
END;

CREATE TRIGGER meeting_decisions_search_insert AFTER INSERT ON meeting_decisions BEGIN
  INSERT INTO meeting_search (rowid, body, meeting_id) VALUES (new.id * 4 + 2, new.text, new.meeting_id);
END;
CREATE TRIGGER meeting_decisions_search_update AFTER UPDATE OF text ON meeting_decisions BEGIN
  DELETE FROM meeting_search WHERE rowid = old.id * 4 + 2;
  INSERT INTO meeting_search (rowid, body, meeting_id) VALUES (new.id * 4 + 2, new.text, new.meeting_id);
END;

CREATE TRIGGER action_items_search_insert AFTER INSERT ON action_items BEGIN
  INSERT INTO meeting_search (rowid, body, meeting_id) VALUES (new.id * 4 + 3, new.text, new.meeting_id);
END;
CREATE TRIGGER action_items_search_update AFTER UPDATE OF text ON action_items BEGIN
  DELETE FROM meeting_search WHERE rowid = old.id * 4 + 3;
  INSERT INTO meeting_search (rowid, body, meeting_id) VALUES (new.id * 4 + 3, new.text, new.meeting_id);
END;

-- Reflection talks: each party's answers to the five questions, and whether they have
-- submitted them and chose to share. The other party sees answers only when both
-- submitted and both share; that rule lives in the store's queries.
CREATE TABLE reflection_answers (
  meeting_id INTEGER NOT NULL REFERENCES meetings (id),
  person_id  INTEGER NOT NULL REFERENCES people (id),
  question   INTEGER NOT NULL CHECK (question BETWEEN 1 AND 5),
  text       TEXT    NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (meeting_id, person_id, question)
) WITHOUT ROWID;

CREATE TABLE reflection_submissions (
  meeting_id   INTEGER NOT NULL REFERENCES meetings (id),
  person_id    INTEGER NOT NULL REFERENCES people (id),
  submitted_at INTEGER NOT NULL,
  share        INTEGER NOT NULL CHECK (share IN (0, 1)),
  PRIMARY KEY (meeting_id, person_id)
) WITHOUT ROWID;

-- Board and council decisions that are followed up. status: 1 not started,
-- 2 in progress, 3 done, 4 cancelled; the latest report is copied onto the decision so a
-- list needs no join.
CREATE TABLE political_decisions (
  id              INTEGER PRIMARY KEY,
  organization_id INTEGER NOT NULL REFERENCES organizations (id),
  term_id         INTEGER NOT NULL REFERENCES terms (id),
  body            TEXT    NOT NULL,
  decision_date   TEXT    NOT NULL,
  paragraph       INTEGER NOT NULL CHECK (paragraph > 0),
  title           TEXT    NOT NULL,
  description     TEXT    NOT NULL DEFAULT '',
  responsible_id  INTEGER REFERENCES people (id),
  expected_date   TEXT,
  status          INTEGER NOT NULL DEFAULT 1 CHECK (status BETWEEN 1 AND 4),
  status_at       INTEGER NOT NULL,
  latest_comment  TEXT    NOT NULL DEFAULT '',
  created_at      INTEGER NOT NULL,
  created_by      INTEGER REFERENCES people (id),
  UNIQUE (organization_id, body, decision_date, paragraph)
);
CREATE INDEX political_decisions_term ON political_decisions (term_id, decision_date);
CREATE INDEX political_decisions_open ON political_decisions (term_id, expected_date) WHERE status IN (1, 2);

CREATE TABLE political_decision_updates (
  id          INTEGER PRIMARY KEY,
  decision_id INTEGER NOT NULL REFERENCES political_decisions (id),
  status      INTEGER NOT NULL CHECK (status BETWEEN 1 AND 4),
  comment     TEXT    NOT NULL DEFAULT '',
  author_id   INTEGER REFERENCES people (id),
  created_at  INTEGER NOT NULL
);
CREATE INDEX political_decision_updates_decision ON political_decision_updates (decision_id);

-- Calendar subscriptions: only the SHA-256 of the URL's secret is kept. A person has at
-- most one live feed; making a new one revokes the old.
CREATE TABLE calendar_feeds (
  id              INTEGER PRIMARY KEY,
  person_id       INTEGER NOT NULL REFERENCES people (id),
  secret_hash     BLOB    NOT NULL UNIQUE,
  created_at      INTEGER NOT NULL,
  revoked_at      INTEGER,
  last_fetched_at INTEGER
);
CREATE UNIQUE INDEX calendar_feeds_live ON calendar_feeds (person_id) WHERE revoked_at IS NULL;
