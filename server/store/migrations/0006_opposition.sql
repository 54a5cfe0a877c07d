-- Opposition briefings (oppositionsdragningar), the information-parity ledger and the
-- opposition's questions and answers. Kinds are the numbers of the samspel.v1 enums.

-- How the director marked an agenda item for the ledger. An item of a BEREDNING meeting
-- is a parity topic without a row here; inform = 1 makes any other item one ("informera
-- oppositionen"); a non-empty withheld_reason takes an item out ("ej för oppositionen").
CREATE TABLE opposition_topic_marks (
  agenda_item_id  INTEGER PRIMARY KEY REFERENCES agenda_items (id),
  inform          INTEGER NOT NULL DEFAULT 0 CHECK (inform IN (0, 1)),
  withheld_reason TEXT    NOT NULL DEFAULT '',
  marked_by       INTEGER NOT NULL REFERENCES people (id),
  marked_at       INTEGER NOT NULL
);

-- A briefing of one or more opposition parties. kind: 1 after the majority's
-- preparation meeting, 2 budget work, 3 ad hoc. held_at is set once it took place.
CREATE TABLE briefings (
  id              INTEGER PRIMARY KEY,
  organization_id INTEGER NOT NULL REFERENCES organizations (id),
  term_id         INTEGER NOT NULL REFERENCES terms (id),
  kind            INTEGER NOT NULL CHECK (kind BETWEEN 1 AND 3),
  title           TEXT    NOT NULL,
  date            TEXT    NOT NULL,
  notes           TEXT    NOT NULL DEFAULT '',
  material        TEXT    NOT NULL DEFAULT '',
  created_by      INTEGER NOT NULL REFERENCES people (id),
  created_at      INTEGER NOT NULL,
  held_at         INTEGER,
  held_by         INTEGER REFERENCES people (id)
);
CREATE INDEX briefings_org_date ON briefings (organization_id, date);

-- The parties invited to a briefing, and whether each attended once it was held.
CREATE TABLE briefing_parties (
  briefing_id INTEGER NOT NULL REFERENCES briefings (id),
  party       TEXT    NOT NULL,
  attended    INTEGER NOT NULL DEFAULT 0 CHECK (attended IN (0, 1)),
  PRIMARY KEY (briefing_id, party)
) WITHOUT ROWID;
CREATE INDEX briefing_parties_party ON briefing_parties (party, briefing_id);

-- The parity topics a briefing covered.
CREATE TABLE briefing_topics (
  briefing_id    INTEGER NOT NULL REFERENCES briefings (id),
  agenda_item_id INTEGER NOT NULL REFERENCES agenda_items (id),
  PRIMARY KEY (briefing_id, agenda_item_id)
) WITHOUT ROWID;
CREATE INDEX briefing_topics_item ON briefing_topics (agenda_item_id);

-- A question from an opposition party to the administration. budget_work questions are
-- confidential to the party and the administration until the party releases them.
CREATE TABLE opposition_questions (
  id              INTEGER PRIMARY KEY,
  organization_id INTEGER NOT NULL REFERENCES organizations (id),
  term_id         INTEGER NOT NULL REFERENCES terms (id),
  party           TEXT    NOT NULL CHECK (party <> ''),
  asked_by        INTEGER NOT NULL REFERENCES people (id),
  asked_at        INTEGER NOT NULL,
  body            TEXT    NOT NULL,
  budget_work     INTEGER NOT NULL DEFAULT 0 CHECK (budget_work IN (0, 1)),
  released_at     INTEGER,
  owner_id        INTEGER REFERENCES people (id),
  due_date        TEXT,
  answer          TEXT    NOT NULL DEFAULT '',
  answered_by     INTEGER REFERENCES people (id),
  answered_at     INTEGER
);
CREATE INDEX opposition_questions_org ON opposition_questions (organization_id, party);
CREATE INDEX opposition_questions_open ON opposition_questions (organization_id, due_date) WHERE answered_at IS NULL;
