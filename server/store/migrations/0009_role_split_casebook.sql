-- The role split, continued (issue 6): a precedent may also be a meeting decision or a
-- shared quick note, an area can be retired (avvecklat) and restored, and a draft of the
-- instruction can be deleted while an adopted version never can.

-- An area is retired rather than deleted: it leaves the active list and keeps its
-- history. Each change in area_events keeps the flag as it was set, and as it was before,
-- so the history says when an area was retired and restored.
ALTER TABLE areas ADD COLUMN retired INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1));
ALTER TABLE area_events ADD COLUMN retired INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1));
ALTER TABLE area_events ADD COLUMN previous_retired INTEGER NOT NULL DEFAULT 0 CHECK (previous_retired IN (0, 1));

-- area_precedents gains two sources. Its old CHECK demanded a deviation or a reference,
-- and SQLite cannot change a CHECK, so the table is rebuilt (nothing refers to it).
CREATE TABLE area_precedents_new (
  id            INTEGER PRIMARY KEY,
  area_id       INTEGER NOT NULL REFERENCES areas (id),
  deviation_id  INTEGER REFERENCES deviations (id),
  decision_id   INTEGER REFERENCES meeting_decisions (id),
  -- Only a note shared with the other party, the organisation's record, is linked.
  quick_note_pk INTEGER REFERENCES quick_notes (pk),
  reference     TEXT    NOT NULL DEFAULT '',
  summary       TEXT    NOT NULL,
  occurred_on   TEXT    NOT NULL,
  linked_by     INTEGER NOT NULL REFERENCES people (id),
  created_at    INTEGER NOT NULL,
  UNIQUE (area_id, deviation_id),
  UNIQUE (area_id, decision_id),
  UNIQUE (area_id, quick_note_pk),
  CHECK ((deviation_id IS NOT NULL) + (decision_id IS NOT NULL) + (quick_note_pk IS NOT NULL) <= 1),
  CHECK (deviation_id IS NOT NULL OR decision_id IS NOT NULL OR quick_note_pk IS NOT NULL OR reference <> '')
);
INSERT INTO area_precedents_new (id, area_id, deviation_id, reference, summary, occurred_on, linked_by, created_at)
  SELECT id, area_id, deviation_id, reference, summary, occurred_on, linked_by, created_at FROM area_precedents;
DROP TABLE area_precedents;
ALTER TABLE area_precedents_new RENAME TO area_precedents;
CREATE INDEX area_precedents_area ON area_precedents (area_id, occurred_on, id);

-- A draft may be deleted; an adopted or superseded version is a board decision.
CREATE TRIGGER instruction_versions_keep_adopted BEFORE DELETE ON instruction_versions
WHEN OLD.state <> 1
BEGIN
  SELECT RAISE(ABORT, 'an adopted instruction is never deleted');
END;
