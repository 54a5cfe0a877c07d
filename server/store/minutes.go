package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

// What is written at a meeting: notes, decisions and action items. They are a draft
// until the meeting is finalised; after that a change is a correction, which needs a
// reason and keeps the earlier text (meeting_revisions). Private notes are their
// author's alone and never locked.

// Action item statuses, as in samspel.v1.ActionItemStatus.
const (
	ActionOpen      = 1
	ActionDone      = 2
	ActionCancelled = 3
)

// Revision is the earlier text of a corrected entry.
type Revision struct {
	PreviousText string
	Reason       string
	RevisedBy    Person
	RevisedAt    time.Time
}

// MeetingNote is a note on a meeting or one of its agenda items.
type MeetingNote struct {
	ID           int64
	MeetingID    int64
	MeetingDate  string
	AgendaItemID int64 // zero for the meeting as a whole
	Author       Person
	Body         string
	Private      bool
	CreatedAt    time.Time
	UpdatedAt    time.Time
	Revisions    []Revision
}

// Decision is what was agreed at a meeting.
type Decision struct {
	ID           int64
	MeetingID    int64
	MeetingDate  string
	AgendaItemID int64
	Text         string
	TakenBy      Person // zero when both agreed together
	RecordedBy   Person
	CreatedAt    time.Time
	Revisions    []Revision
}

// ActionItem is who does what by when.
type ActionItem struct {
	ID           int64
	MeetingID    int64
	MeetingDate  string
	MeetingTitle string
	AgendaItemID int64
	Text         string
	Owner        Person
	DueDate      string // empty when none
	Status       int32
	Overdue      bool
	CreatedAt    time.Time
	Revisions    []Revision
}

const noteColumns = `n.id, n.meeting_id, nm.date, coalesce(n.agenda_item_id, 0), np.id, np.email, np.display_name,
	n.body, n.private, n.created_at, n.updated_at`

const noteFrom = `meeting_notes n JOIN meetings nm ON nm.id = n.meeting_id JOIN people np ON np.id = n.author_id`

func scanNote(sc scanner) (MeetingNote, error) {
	var n MeetingNote
	var created, updated int64
	err := sc.Scan(&n.ID, &n.MeetingID, &n.MeetingDate, &n.AgendaItemID, &n.Author.ID, &n.Author.Email, &n.Author.DisplayName,
		&n.Body, &n.Private, &created, &updated)
	n.CreatedAt, n.UpdatedAt = fromMillis(created), fromMillis(updated)
	return n, err
}

const decisionColumns = `d.id, d.meeting_id, dm.date, coalesce(d.agenda_item_id, 0), d.text,
	coalesce(tp.id, 0), coalesce(tp.email, ''), coalesce(tp.display_name, ''), rp.id, rp.email, rp.display_name, d.created_at`

const decisionFrom = `meeting_decisions d JOIN meetings dm ON dm.id = d.meeting_id
	LEFT JOIN people tp ON tp.id = d.taken_by JOIN people rp ON rp.id = d.recorded_by`

func scanDecision(sc scanner) (Decision, error) {
	var d Decision
	var created int64
	err := sc.Scan(&d.ID, &d.MeetingID, &d.MeetingDate, &d.AgendaItemID, &d.Text, &d.TakenBy.ID, &d.TakenBy.Email,
		&d.TakenBy.DisplayName, &d.RecordedBy.ID, &d.RecordedBy.Email, &d.RecordedBy.DisplayName, &created)
	d.CreatedAt = fromMillis(created)
	return d, err
}

const actionColumns = `a.id, a.meeting_id, am.date, ams.title, coalesce(a.agenda_item_id, 0), a.text,
	op.id, op.email, op.display_name, coalesce(a.due_date, ''), a.status, a.created_at`

const actionFrom = `action_items a JOIN meetings am ON am.id = a.meeting_id JOIN meeting_series ams ON ams.id = am.series_id
	JOIN people op ON op.id = a.owner_id`

func scanAction(today string) func(scanner) (ActionItem, error) {
	return func(sc scanner) (ActionItem, error) {
		var a ActionItem
		var created int64
		err := sc.Scan(&a.ID, &a.MeetingID, &a.MeetingDate, &a.MeetingTitle, &a.AgendaItemID, &a.Text,
			&a.Owner.ID, &a.Owner.Email, &a.Owner.DisplayName, &a.DueDate, &a.Status, &created)
		a.CreatedAt = fromMillis(created)
		a.Overdue = a.Status == ActionOpen && a.DueDate != "" && a.DueDate < today
		return a, err
	}
}

// participantIDs returns who takes part in meeting m: its series' invited participants,
// and for a check-in or reflection talk the chair and director of the meeting's day.
// Action items are owned, and positions taken, by them.
func participantIDs(ctx context.Context, q querier, m meetingRow) (map[int64]bool, error) {
	ids, err := query(ctx, q, func(sc scanner) (id int64, err error) { return id, sc.Scan(&id) }, `
		SELECT person_id FROM meeting_participants WHERE series_id = @series
		UNION
		SELECT person_id FROM role_assignments
		WHERE @kind IN (1, 3) AND term_id = @term AND role IN (1, 2)
		  AND start_date <= @date AND (end_date IS NULL OR end_date >= @date)`,
		sql.Named("series", m.SeriesID), sql.Named("kind", m.Kind), sql.Named("term", m.TermID), sql.Named("date", m.Date))
	set := map[int64]bool{}
	for _, id := range ids {
		set[id] = true
	}
	return set, err
}

// meetingParticipants returns the people of participantIDs, by name.
func meetingParticipants(ctx context.Context, q querier, m Meeting) ([]Person, error) {
	return query(ctx, q, scanPerson, `
		SELECT p.id, p.email, p.display_name FROM people p WHERE p.id IN (
			SELECT person_id FROM meeting_participants WHERE series_id = @series
			UNION
			SELECT person_id FROM role_assignments
			WHERE @kind IN (1, 3) AND term_id = @term AND role IN (1, 2)
			  AND start_date <= @date AND (end_date IS NULL OR end_date >= @date))
		ORDER BY p.display_name, p.id`,
		sql.Named("series", m.SeriesID), sql.Named("kind", m.Kind), sql.Named("term", m.TermID), sql.Named("date", m.Date))
}

// visibleRow reads the row with id of a table hanging off a meeting (from aliased as
// alias, with a meeting_id column) through the meeting visibility rule, plus cond: a
// missing row and one the viewer may not see are both ErrNotFound.
func visibleRow[T any](ctx context.Context, q querier, viewer Viewer, scan func(scanner) (T, error), columns, from, alias, cond string, id int64) (T, error) {
	v, err := scan(q.QueryRowContext(ctx, `SELECT `+columns+` FROM `+from+`
		JOIN meetings m ON m.id = `+alias+`.meeting_id JOIN meeting_series ms ON ms.id = m.series_id
		WHERE `+alias+`.id = @id AND `+cond+seesMeeting, sql.Named("id", id), sql.Named("viewer", viewer.PersonID)))
	if errors.Is(err, sql.ErrNoRows) {
		return v, ErrNotFound
	}
	if err != nil {
		return v, fmt.Errorf("select from %s: %w", strings.Fields(from)[0], err)
	}
	return v, nil
}

// onMeeting runs fn in a write transaction with meeting id, if the actor may see it.
// record says fn writes to the meeting's shared record, which must not be finalised or
// cancelled; private notes are not part of it.
func (s *Store) onMeeting(ctx context.Context, actor Actor, id int64, record bool, fn func(*sql.Tx, meetingRow) error) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		m, err := meetingForWrite(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		if record {
			if err := m.writable(); err != nil {
				return err
			}
		}
		return fn(tx, m)
	})
}

// checkItem makes sure agenda item itemID (if any) is on meeting m's agenda.
func checkItem(ctx context.Context, tx *sql.Tx, actor Actor, m meetingRow, itemID int64) error {
	if itemID == 0 {
		return nil
	}
	it, origin, err := itemForWrite(ctx, tx, actor, itemID)
	if errors.Is(err, ErrNotFound) || err == nil && !it.onAgendaOf(origin, m) {
		return &InvalidError{Field: "agenda_item_id", Description: "is not on this meeting's agenda"}
	}
	return err
}

// correct records a change to an entry of meeting m. A draft changes without a trace;
// a finalised record changes only with a reason, keeping the earlier text.
func correct(ctx context.Context, tx *sql.Tx, now time.Time, actor Actor, m meetingRow, entity string, id int64, previous, reason string) error {
	if !m.Finalized {
		return nil
	}
	if strings.TrimSpace(reason) == "" {
		return fmt.Errorf("%w: the meeting's notes are finalised; a change is a correction and needs a reason", ErrConflict)
	}
	_, err := tx.ExecContext(ctx, `
		INSERT INTO meeting_revisions (meeting_id, entity, entity_id, previous_text, reason, revised_by, revised_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, m.ID, entity, id, previous, strings.TrimSpace(reason), actor.PersonID, millis(now))
	if err != nil {
		return fmt.Errorf("insert revision: %w", err)
	}
	return auditTx(ctx, tx, now, actor, "meeting.correct", true, fmt.Sprintf("meeting:%d %s:%d", m.ID, entity, id))
}

// revisions returns the corrections of entries of one kind, by entry id, oldest first.
func revisions(ctx context.Context, q querier, entity string, ids []int64) (map[int64][]Revision, error) {
	out := map[int64][]Revision{}
	if len(ids) == 0 {
		return out, nil
	}
	idList, _ := json.Marshal(ids)
	type row struct {
		id int64
		r  Revision
	}
	rows, err := query(ctx, q, func(sc scanner) (row, error) {
		var x row
		var at int64
		err := sc.Scan(&x.id, &x.r.PreviousText, &x.r.Reason, &x.r.RevisedBy.ID, &x.r.RevisedBy.Email, &x.r.RevisedBy.DisplayName, &at)
		x.r.RevisedAt = fromMillis(at)
		return x, err
	}, `
		SELECT r.entity_id, r.previous_text, r.reason, p.id, p.email, p.display_name, r.revised_at
		FROM meeting_revisions r JOIN people p ON p.id = r.revised_by
		WHERE r.entity = ? AND r.entity_id IN (SELECT value FROM json_each(?))
		ORDER BY r.id`, entity, string(idList))
	if err != nil {
		return nil, fmt.Errorf("select revisions: %w", err)
	}
	for _, x := range rows {
		out[x.id] = append(out[x.id], x.r)
	}
	return out, nil
}

// NewMeetingNote describes a note to write.
type NewMeetingNote struct {
	MeetingID    int64
	AgendaItemID int64
	Body         string
	Private      bool
}

// AddMeetingNote writes a note. A shared note needs a meeting that is not finalised or
// cancelled; a private one can be written any time.
func (s *Store) AddMeetingNote(ctx context.Context, actor Actor, n NewMeetingNote) (MeetingNote, error) {
	if strings.TrimSpace(n.Body) == "" {
		return MeetingNote{}, &InvalidError{Field: "body", Description: "is empty"}
	}
	var id int64
	err := s.onMeeting(ctx, actor, n.MeetingID, !n.Private, func(tx *sql.Tx, m meetingRow) error {
		if err := checkItem(ctx, tx, actor, m, n.AgendaItemID); err != nil {
			return err
		}
		now := millis(s.now())
		res, err := tx.ExecContext(ctx, `
			INSERT INTO meeting_notes (meeting_id, agenda_item_id, author_id, body, private, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, m.ID, nullID(n.AgendaItemID), actor.PersonID, n.Body, n.Private, now, now)
		if err != nil {
			return fmt.Errorf("insert meeting note: %w", err)
		}
		id, _ = res.LastInsertId()
		return nil
	})
	if err != nil {
		return MeetingNote{}, err
	}
	return s.meetingNote(ctx, Viewer{PersonID: actor.PersonID}, id)
}

func (s *Store) meetingNote(ctx context.Context, viewer Viewer, id int64) (MeetingNote, error) {
	n, err := visibleRow(ctx, s.r, viewer, scanNote, noteColumns, noteFrom, "n", "(n.private = 0 OR n.author_id = @viewer) AND ", id)
	if err != nil {
		return n, err
	}
	revs, err := revisions(ctx, s.r, "note", []int64{id})
	n.Revisions = revs[id]
	return n, err
}

// UpdateMeetingNote changes a note's text. A private note is its author's to change; a
// shared one any participant's, by correction once the meeting is finalised.
func (s *Store) UpdateMeetingNote(ctx context.Context, actor Actor, id int64, body, reason string) (MeetingNote, error) {
	if strings.TrimSpace(body) == "" {
		return MeetingNote{}, &InvalidError{Field: "meeting_note.body", Description: "is empty"}
	}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var meetingID, author int64
		var private bool
		var previous string
		err := tx.QueryRowContext(ctx, `SELECT meeting_id, author_id, private, body FROM meeting_notes WHERE id = ?`, id).
			Scan(&meetingID, &author, &private, &previous)
		if errors.Is(err, sql.ErrNoRows) || err == nil && private && author != actor.PersonID {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		m, err := meetingForWrite(ctx, tx, actor, meetingID)
		if err != nil {
			return err
		}
		if previous == body {
			return nil
		}
		if !private {
			if err := correct(ctx, tx, s.now(), actor, m, "note", id, previous, reason); err != nil {
				return err
			}
		}
		_, err = tx.ExecContext(ctx, `UPDATE meeting_notes SET body = ?, updated_at = ? WHERE id = ?`, body, millis(s.now()), id)
		return err
	})
	if err != nil {
		return MeetingNote{}, err
	}
	return s.meetingNote(ctx, Viewer{PersonID: actor.PersonID}, id)
}

// NewDecision describes a decision to write down.
type NewDecision struct {
	MeetingID    int64
	AgendaItemID int64
	Text         string
	TakenBy      int64 // zero: both together
}

// AddDecision writes down what was agreed and who took the position.
func (s *Store) AddDecision(ctx context.Context, actor Actor, n NewDecision) (Decision, error) {
	if strings.TrimSpace(n.Text) == "" {
		return Decision{}, &InvalidError{Field: "text", Description: "is empty"}
	}
	var id int64
	err := s.onMeeting(ctx, actor, n.MeetingID, true, func(tx *sql.Tx, m meetingRow) error {
		if err := checkItem(ctx, tx, actor, m, n.AgendaItemID); err != nil {
			return err
		}
		if err := checkParticipant(ctx, tx, m, n.TakenBy, "taken_by_person_id"); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `
			INSERT INTO meeting_decisions (meeting_id, agenda_item_id, text, taken_by, recorded_by, created_at)
			VALUES (?, ?, ?, ?, ?, ?)`, m.ID, nullID(n.AgendaItemID), strings.TrimSpace(n.Text), nullID(n.TakenBy), actor.PersonID, millis(s.now()))
		if err != nil {
			return fmt.Errorf("insert decision: %w", err)
		}
		id, _ = res.LastInsertId()
		return nil
	})
	if err != nil {
		return Decision{}, err
	}
	return s.decision(ctx, Viewer{PersonID: actor.PersonID}, id)
}

// checkParticipant makes sure person id (if any) takes part in meeting m.
func checkParticipant(ctx context.Context, tx *sql.Tx, m meetingRow, id int64, field string) error {
	if id == 0 {
		return nil
	}
	ps, err := participantIDs(ctx, tx, m)
	if err != nil {
		return err
	}
	if !ps[id] {
		return &InvalidError{Field: field, Description: "does not take part in the meeting"}
	}
	return nil
}

func (s *Store) decision(ctx context.Context, viewer Viewer, id int64) (Decision, error) {
	d, err := visibleRow(ctx, s.r, viewer, scanDecision, decisionColumns, decisionFrom, "d", "", id)
	if err != nil {
		return d, err
	}
	revs, err := revisions(ctx, s.r, "decision", []int64{id})
	d.Revisions = revs[id]
	return d, err
}

// DecisionChange holds the fields of a decision to change; nil means unchanged.
type DecisionChange struct {
	Text    *string
	TakenBy *int64
}

// UpdateDecision changes a decision. Once the meeting is finalised only its text can be
// corrected, with a reason, and the earlier text is kept.
func (s *Store) UpdateDecision(ctx context.Context, actor Actor, id int64, ch DecisionChange, reason string) (Decision, error) {
	if ch.Text != nil && strings.TrimSpace(*ch.Text) == "" {
		return Decision{}, &InvalidError{Field: "decision.text", Description: "is empty"}
	}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var meetingID, takenBy int64
		var previous string
		err := tx.QueryRowContext(ctx, `SELECT meeting_id, coalesce(taken_by, 0), text FROM meeting_decisions WHERE id = ?`, id).
			Scan(&meetingID, &takenBy, &previous)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		m, err := meetingForWrite(ctx, tx, actor, meetingID)
		if err != nil {
			return err
		}
		if ch.TakenBy != nil && *ch.TakenBy != takenBy {
			if m.Finalized {
				return fmt.Errorf("%w: who took the position cannot change once the notes are finalised", ErrConflict)
			}
			if err := checkParticipant(ctx, tx, m, *ch.TakenBy, "decision.taken_by"); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `UPDATE meeting_decisions SET taken_by = ? WHERE id = ?`, nullID(*ch.TakenBy), id); err != nil {
				return err
			}
		}
		if ch.Text != nil && strings.TrimSpace(*ch.Text) != previous {
			if err := correct(ctx, tx, s.now(), actor, m, "decision", id, previous, reason); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `UPDATE meeting_decisions SET text = ? WHERE id = ?`, strings.TrimSpace(*ch.Text), id); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return Decision{}, err
	}
	return s.decision(ctx, Viewer{PersonID: actor.PersonID}, id)
}

// NewActionItem describes an action item to write down.
type NewActionItem struct {
	MeetingID    int64
	AgendaItemID int64
	Text         string
	OwnerID      int64
	DueDate      string
}

// AddActionItem writes down who does what by when.
func (s *Store) AddActionItem(ctx context.Context, actor Actor, n NewActionItem) (ActionItem, error) {
	if strings.TrimSpace(n.Text) == "" {
		return ActionItem{}, &InvalidError{Field: "text", Description: "is empty"}
	}
	if n.DueDate != "" {
		if _, err := time.Parse(time.DateOnly, n.DueDate); err != nil {
			return ActionItem{}, &InvalidError{Field: "due_date", Description: "is not a date"}
		}
	}
	if n.OwnerID == 0 {
		return ActionItem{}, &InvalidError{Field: "owner_person_id", Description: "is required"}
	}
	var id int64
	err := s.onMeeting(ctx, actor, n.MeetingID, true, func(tx *sql.Tx, m meetingRow) (err error) {
		if err := checkItem(ctx, tx, actor, m, n.AgendaItemID); err != nil {
			return err
		}
		id, err = insertActionItem(ctx, tx, actor, m, n, "owner_person_id", s.now())
		return err
	})
	if err != nil {
		return ActionItem{}, err
	}
	return s.actionItem(ctx, Viewer{PersonID: actor.PersonID}, id)
}

// insertActionItem writes action item n of writable meeting m, whose owner must take
// part in m (ownerField names the owner in an InvalidError), and returns its id.
func insertActionItem(ctx context.Context, tx *sql.Tx, actor Actor, m meetingRow, n NewActionItem, ownerField string, now time.Time) (int64, error) {
	if err := checkParticipant(ctx, tx, m, n.OwnerID, ownerField); err != nil {
		return 0, err
	}
	var due any
	if n.DueDate != "" {
		due = n.DueDate
	}
	res, err := tx.ExecContext(ctx, `
		INSERT INTO action_items (meeting_id, series_id, agenda_item_id, text, owner_id, due_date, created_by, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		m.ID, m.SeriesID, nullID(n.AgendaItemID), strings.TrimSpace(n.Text), n.OwnerID, due, actor.PersonID, millis(now))
	if err != nil {
		return 0, fmt.Errorf("insert action item: %w", err)
	}
	return res.LastInsertId()
}

func (s *Store) actionItem(ctx context.Context, viewer Viewer, id int64) (ActionItem, error) {
	a, err := visibleRow(ctx, s.r, viewer, scanAction(s.today()), actionColumns, actionFrom, "a", "", id)
	if err != nil {
		return a, err
	}
	revs, err := revisions(ctx, s.r, "action_item", []int64{id})
	a.Revisions = revs[id]
	return a, err
}

// ActionChange holds the fields of an action item to change; nil means unchanged.
type ActionChange struct {
	Text    *string
	OwnerID *int64
	DueDate *string
	Status  *int32
}

// UpdateActionItem changes an action item. Its status, owner and due date are follow-up
// and change any time; its text, once the meeting is finalised, only by a correction.
func (s *Store) UpdateActionItem(ctx context.Context, actor Actor, id int64, ch ActionChange, reason string) (ActionItem, error) {
	if ch.Text != nil && strings.TrimSpace(*ch.Text) == "" {
		return ActionItem{}, &InvalidError{Field: "action_item.text", Description: "is empty"}
	}
	if ch.DueDate != nil && *ch.DueDate != "" {
		if _, err := time.Parse(time.DateOnly, *ch.DueDate); err != nil {
			return ActionItem{}, &InvalidError{Field: "action_item.due_date", Description: "is not a date"}
		}
	}
	if ch.Status != nil && (*ch.Status < ActionOpen || *ch.Status > ActionCancelled) {
		return ActionItem{}, &InvalidError{Field: "action_item.status", Description: "is not a status"}
	}
	if ch.OwnerID != nil && *ch.OwnerID == 0 {
		return ActionItem{}, &InvalidError{Field: "action_item.owner", Description: "is required"}
	}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var meetingID int64
		var status int32
		var previous string
		err := tx.QueryRowContext(ctx, `SELECT meeting_id, status, text FROM action_items WHERE id = ?`, id).Scan(&meetingID, &status, &previous)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		m, err := meetingForWrite(ctx, tx, actor, meetingID)
		if err != nil {
			return err
		}
		if ch.Text != nil && strings.TrimSpace(*ch.Text) != previous {
			if err := correct(ctx, tx, s.now(), actor, m, "action_item", id, previous, reason); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `UPDATE action_items SET text = ? WHERE id = ?`, strings.TrimSpace(*ch.Text), id); err != nil {
				return err
			}
		}
		if ch.OwnerID != nil {
			if err := checkParticipant(ctx, tx, m, *ch.OwnerID, "action_item.owner"); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, `UPDATE action_items SET owner_id = ? WHERE id = ?`, *ch.OwnerID, id); err != nil {
				return err
			}
		}
		if ch.DueDate != nil {
			var due any
			if *ch.DueDate != "" {
				due = *ch.DueDate
			}
			if _, err := tx.ExecContext(ctx, `UPDATE action_items SET due_date = ? WHERE id = ?`, due, id); err != nil {
				return err
			}
		}
		if ch.Status != nil && *ch.Status != status {
			var closed any
			if *ch.Status != ActionOpen {
				closed = s.today()
			}
			if _, err := tx.ExecContext(ctx, `UPDATE action_items SET status = ?, closed_date = ? WHERE id = ?`, *ch.Status, closed, id); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return ActionItem{}, err
	}
	return s.actionItem(ctx, Viewer{PersonID: actor.PersonID}, id)
}

// ActionFilter narrows ListActionItems.
type ActionFilter struct {
	OrganizationID int64 // zero: all
	OpenOnly       bool
	OverdueOnly    bool
	OwnerID        int64 // zero: everyone's
}

// ListActionItems lists action items of meetings the viewer may see, earliest due first;
// those without a due date come last.
func (s *Store) ListActionItems(ctx context.Context, viewer Viewer, f ActionFilter, p Page) ([]ActionItem, string, error) {
	if err := s.checkOrg(ctx, viewer, f.OrganizationID); err != nil {
		return nil, "", err
	}
	c, err := p.cursor()
	if err != nil {
		return nil, "", err
	}
	today := s.today()
	out, err := query(ctx, s.r, scanAction(today), `SELECT `+actionColumns+` FROM `+actionFrom+`
		JOIN meetings m ON m.id = a.meeting_id JOIN meeting_series ms ON ms.id = m.series_id
		WHERE `+seesMeeting+` AND `+inOrg+`
		  AND (NOT @open OR a.status = 1)
		  AND (NOT @overdue OR (a.status = 1 AND a.due_date < @today))
		  AND (@owner = 0 OR a.owner_id = @owner)
		  AND (coalesce(a.due_date, '9999-12-31'), a.id) > (@key, @after)
		ORDER BY coalesce(a.due_date, '9999-12-31'), a.id LIMIT @limit`,
		sql.Named("viewer", viewer.PersonID), sql.Named("org", f.OrganizationID), sql.Named("open", f.OpenOnly),
		sql.Named("overdue", f.OverdueOnly), sql.Named("today", today), sql.Named("owner", f.OwnerID),
		sql.Named("key", c.Key), sql.Named("after", c.ID), sql.Named("limit", p.size()+1))
	if err != nil {
		return nil, "", fmt.Errorf("list action items: %w", err)
	}
	out, next := trim(out, p, func(a ActionItem) cursor {
		key := a.DueDate
		if key == "" {
			key = "9999-12-31"
		}
		return cursor{Key: key, ID: a.ID}
	})
	return out, next, nil
}
