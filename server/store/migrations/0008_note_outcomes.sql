-- What a quick note became when its author turned it into something on their next
-- check-in: an agenda item (kind 1), an action item (2) or a topic for the opposition
-- (3: an agenda item marked "informera oppositionen"). A table of its own rather than
-- columns on quick_notes: the note stays as it was (the archive exports its columns as
-- they are), and a note turned into something twice keeps both; it shows the latest.
CREATE TABLE quick_note_outcomes (
  id             INTEGER PRIMARY KEY,
  note_pk        INTEGER NOT NULL REFERENCES quick_notes (pk),
  kind           INTEGER NOT NULL CHECK (kind BETWEEN 1 AND 3),
  meeting_id     INTEGER NOT NULL REFERENCES meetings (id),
  agenda_item_id INTEGER REFERENCES agenda_items (id),
  action_item_id INTEGER REFERENCES action_items (id),
  created_at     INTEGER NOT NULL,
  CHECK ((agenda_item_id IS NULL) <> (action_item_id IS NULL))
);
CREATE INDEX quick_note_outcomes_note ON quick_note_outcomes (note_pk, id);

-- The notes an author flagged "ta upp på nästa avstämning", offered at the next check-in.
CREATE INDEX quick_notes_raised ON quick_notes (author_id, written_at, pk) WHERE next_check_in = 1 AND deleted_at IS NULL;
