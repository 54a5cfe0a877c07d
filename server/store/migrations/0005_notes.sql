-- Quick notes. The id is the UUIDv7 the phone made, so a replayed create finds the note
-- it already stored; pk is an internal integer key that the full-text index needs.
--
-- Visibility is two columns: author_id always sees the note; shared_with sees it once it
-- is shared. Every write gives the note the next seq, so a device asks for "everything
-- after seq N" to catch up. Deleting keeps a tombstone row (deleted_at set, text gone).
CREATE TABLE quick_notes (
  pk              INTEGER PRIMARY KEY,
  id              TEXT    NOT NULL UNIQUE,
  author_id       INTEGER NOT NULL REFERENCES people (id),
  author_role     INTEGER NOT NULL CHECK (author_role IN (1, 2)),
  organization_id INTEGER NOT NULL REFERENCES organizations (id),
  term_id         INTEGER NOT NULL REFERENCES terms (id),
  body            TEXT    NOT NULL,
  with_person_id  INTEGER REFERENCES people (id),
  with_text       TEXT    NOT NULL DEFAULT '',
  tag             TEXT    NOT NULL DEFAULT '',
  -- "Ta upp på nästa avstämning": meetings (not built yet) pick flagged notes up.
  next_check_in   INTEGER NOT NULL DEFAULT 0 CHECK (next_check_in IN (0, 1)),
  sorted          INTEGER NOT NULL DEFAULT 0 CHECK (sorted IN (0, 1)),
  party_role      INTEGER NOT NULL DEFAULT 0 CHECK (party_role IN (0, 1)),
  shared_with     INTEGER REFERENCES people (id),
  shared_at       INTEGER,
  written_at      INTEGER NOT NULL,
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL,
  deleted_at      INTEGER,
  revision        INTEGER NOT NULL DEFAULT 1,
  seq             INTEGER NOT NULL UNIQUE,
  -- A party-role note is the politician's own: it cannot also be the organisation's.
  CHECK (NOT (party_role = 1 AND shared_with IS NOT NULL)),
  -- The organisation's record is never deleted.
  CHECK (NOT (deleted_at IS NOT NULL AND shared_with IS NOT NULL)),
  CHECK ((shared_with IS NULL) = (shared_at IS NULL))
);
-- Lists, newest first, one index per way of seeing a note; the inbox has its own.
CREATE INDEX quick_notes_author_list ON quick_notes (author_id, written_at, pk) WHERE deleted_at IS NULL;
CREATE INDEX quick_notes_shared_list ON quick_notes (shared_with, written_at, pk) WHERE shared_with IS NOT NULL;
CREATE INDEX quick_notes_inbox ON quick_notes (author_id, written_at, pk) WHERE sorted = 0 AND deleted_at IS NULL;
-- Change pulls.
CREATE INDEX quick_notes_author_seq ON quick_notes (author_id, seq);
CREATE INDEX quick_notes_shared_seq ON quick_notes (shared_with, seq) WHERE shared_with IS NOT NULL;
CREATE INDEX quick_notes_term ON quick_notes (term_id, written_at);

-- Earlier versions of shared notes, kept when the author corrects one: the organisation's
-- record may be corrected but what it said before must stay answerable.
CREATE TABLE quick_note_revisions (
  note_pk        INTEGER NOT NULL REFERENCES quick_notes (pk),
  revision       INTEGER NOT NULL,
  body           TEXT    NOT NULL,
  with_person_id INTEGER REFERENCES people (id),
  with_text      TEXT    NOT NULL,
  tag            TEXT    NOT NULL,
  next_check_in  INTEGER NOT NULL,
  replaced_at    INTEGER NOT NULL,
  replaced_by    INTEGER NOT NULL REFERENCES people (id),
  PRIMARY KEY (note_pk, revision)
) WITHOUT ROWID;

-- Full-text search over the notes' words. unicode61 folds case for å, ä and ö too;
-- remove_diacritics 0 keeps them letters of their own, as Swedish has them ("år" is not
-- "ar"). The prefix indexes make the short prefixes of search-as-you-type cheap.
CREATE VIRTUAL TABLE quick_notes_fts USING fts5 (
  body, with_text, tag,
  content = 'quick_notes', content_rowid = 'pk',
  tokenize = 'unicode61 remove_diacritics 0',
  prefix = '2 3 4'
);
-- Tombstones are not indexed: their text is gone.
CREATE TRIGGER quick_notes_fts_insert AFTER INSERT ON quick_notes WHEN new.deleted_at IS NULL BEGIN
  INSERT INTO quick_notes_fts (rowid, body, with_text, tag) VALUES (new.pk, new.body, new.with_text, new.tag);
END;
CREATE TRIGGER quick_notes_fts_update AFTER UPDATE OF body, with_text, tag, deleted_at ON quick_notes BEGIN
  INSERT INTO quick_notes_fts (quick_notes_fts, rowid, body, with_text, tag)
    SELECT 'delete', old.pk, old.body, old.with_text, old.tag WHERE old.deleted_at IS NULL;
  INSERT INTO quick_notes_fts (rowid, body, with_text, tag)
    SELECT new.pk, new.body, new.with_text, new.tag WHERE new.deleted_at IS NULL;
END;
CREATE TRIGGER quick_notes_fts_delete AFTER DELETE ON quick_notes WHEN old.deleted_at IS NULL BEGIN
  INSERT INTO quick_notes_fts (quick_notes_fts, rowid, body, with_text, tag) VALUES ('delete', old.pk, old.body, old.with_text, old.tag);
END;
