package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Outcome kinds, as in samspel.v1.QuickNoteOutcomeKind: what a note was turned into.
const (
	OutcomeAgendaItem      = 1
	OutcomeActionItem      = 2
	OutcomeOppositionTopic = 3 // an agenda item marked "informera oppositionen"
)

// QuickNoteOutcome is what a note was last turned into, on which check-in.
type QuickNoteOutcome struct {
	Kind         int32 // zero: nothing
	MeetingID    int64
	MeetingDate  string
	AgendaItemID int64 // for an agenda item or an opposition topic
	ActionItemID int64 // for an action item
}

// nextCheckIn is person's next check-in in organisation org: the earliest meeting of a
// check-in series of org that they take part in and that is upcoming. A check-in series
// belongs to one term, so it is the current pair's. Nil when none is scheduled.
func nextCheckIn(ctx context.Context, q querier, personID, org int64, today string) (*Meeting, error) {
	ms, err := query(ctx, q, scanMeeting(today), selectMeetings(`ms.kind = 1 AND ms.organization_id = @org AND `+upcoming+` AND `+seesMeeting,
		`m.date, m.start_time, m.id`, `1`), sql.Named("viewer", personID), sql.Named("org", org), sql.Named("today", today))
	if err != nil {
		return nil, fmt.Errorf("select next check-in: %w", err)
	}
	if len(ms) == 0 {
		return nil, nil
	}
	return &ms[0], nil
}

// NextCheckInNotes returns the viewer's next check-in in organisation orgID (zero: the
// one where they are chair or director today), or nil, and one page of the viewer's own
// notes of the current term flagged for it, newest first. Nobody else's flagged notes
// are ever listed.
func (s *Store) NextCheckInNotes(ctx context.Context, viewer Viewer, orgID int64, p Page) (*Meeting, []QuickNote, string, error) {
	tx, err := s.beginRead(ctx)
	if err != nil {
		return nil, nil, "", err
	}
	defer tx.Rollback()
	day := s.today()
	org, term, _, err := pairRole(ctx, tx, viewer.PersonID, orgID, day)
	if err != nil {
		return nil, nil, "", err
	}
	next, err := nextCheckIn(ctx, tx, viewer.PersonID, org, day)
	if err != nil {
		return nil, nil, "", err
	}
	// Only the current term's notes: a flag from an earlier term was meant for a check-in
	// of that term, whose pair may no longer be the pair of today.
	notes, token, err := s.listNotes(ctx, viewer, `next_check_in = 1 AND deleted_at IS NULL AND term_id = `+strconv.FormatInt(term, 10), false, p)
	return next, notes, token, err
}

// QuickNoteConversion asks for a note to be turned into something on the author's next
// check-in.
type QuickNoteConversion struct {
	ID        string
	Revision  int64
	MeetingID int64 // must be the author's next check-in
	Kind      int32 // OutcomeAgendaItem, OutcomeActionItem or OutcomeOppositionTopic
	// Title is the agenda item's or topic's title, or the action item's text.
	Title       string
	Description string // of an agenda item or topic
	OwnerID     int64  // of an action item: a participant of the check-in
	DueDate     string // of an action item, or empty
}

// ConvertedQuickNote is a converted note and what it became.
type ConvertedQuickNote struct {
	Note       QuickNote
	AgendaItem *AgendaItem // for an agenda item or a topic
	ActionItem *ActionItem // for an action item
}

// field names the request's field of what the note is to become, for InvalidErrors.
func (c QuickNoteConversion) field(name string) string {
	switch c.Kind {
	case OutcomeActionItem:
		return "action_item." + name
	case OutcomeOppositionTopic:
		return "opposition_topic." + name
	}
	return "agenda_item." + name
}

// sameConversion reports whether c was already done: the note's last change, one
// revision after c's, was turning it into what c asks for on c's meeting.
func sameConversion(ctx context.Context, tx *sql.Tx, n QuickNote, c QuickNoteConversion) (bool, error) {
	if n.Revision != c.Revision+1 || n.Outcome.Kind != c.Kind || n.Outcome.MeetingID != c.MeetingID {
		return false, nil
	}
	var last int64
	err := tx.QueryRowContext(ctx, `SELECT max(created_at) FROM quick_note_outcomes WHERE note_pk = ?`, n.pk).Scan(&last)
	if err != nil {
		return false, fmt.Errorf("select quick note outcome: %w", err)
	}
	return last == millis(n.UpdateTime), nil
}

// ConvertQuickNote turns the actor's own note into an agenda item, an action item or an
// opposition topic of their next check-in, in one transaction: the new item with the
// text the author chose (an agenda item points back to the note as its source), the
// note unflagged and sorted, and its outcome. The note's visibility does not change.
// For anyone but the author the note is ErrNotFound; a meeting that is no longer the
// next check-in is ErrConflict; a topic needs the administration (ErrPermission). The
// same conversion sent again from the revision it was made at returns what it made.
func (s *Store) ConvertQuickNote(ctx context.Context, actor Actor, c QuickNoteConversion) (ConvertedQuickNote, error) {
	c.ID = strings.ToLower(c.ID)
	switch {
	case c.Kind < OutcomeAgendaItem || c.Kind > OutcomeOppositionTopic:
		return ConvertedQuickNote{}, &InvalidError{Field: "into", Description: "must say what the note is to become"}
	case strings.TrimSpace(c.Title) == "" && c.Kind == OutcomeActionItem:
		return ConvertedQuickNote{}, &InvalidError{Field: c.field("text"), Description: "is empty"}
	case strings.TrimSpace(c.Title) == "":
		return ConvertedQuickNote{}, &InvalidError{Field: c.field("title"), Description: "is empty"}
	case c.Kind == OutcomeActionItem && c.OwnerID == 0:
		return ConvertedQuickNote{}, &InvalidError{Field: c.field("owner_person_id"), Description: "is required"}
	case c.Kind == OutcomeActionItem && c.DueDate != "" && !validDate(c.DueDate):
		return ConvertedQuickNote{}, &InvalidError{Field: c.field("due_date"), Description: "is not a date"}
	}
	now := s.now()
	day := today(now)
	var agendaID, actionID int64
	err := s.tx(ctx, func(tx *sql.Tx) error {
		n, err := ownNote(ctx, tx, actor.PersonID, c.ID)
		if err != nil {
			return err
		}
		if n.Deleted() {
			return ErrNotFound
		}
		// A phone that lost the reply sends the same request again: answer what the note
		// became instead of a stale revision, and add nothing.
		if replay, err := sameConversion(ctx, tx, n, c); err != nil || replay {
			agendaID, actionID = n.Outcome.AgendaItemID, n.Outcome.ActionItemID
			return err
		}
		switch {
		case n.Revision != c.Revision:
			return fmt.Errorf("%w: the note is at revision %d, not %d", ErrStale, n.Revision, c.Revision)
		}
		var inv *InvalidError
		if _, _, _, err := pairRole(ctx, tx, actor.PersonID, n.OrganizationID, day); errors.As(err, &inv) {
			return fmt.Errorf("%w: you are not chair or director of the note's organisation today", ErrConflict)
		} else if err != nil {
			return err
		}
		next, err := nextCheckIn(ctx, tx, actor.PersonID, n.OrganizationID, day)
		if err != nil {
			return err
		}
		if next == nil || next.ID != c.MeetingID {
			return fmt.Errorf("%w: meeting %d is not your next check-in", ErrConflict, c.MeetingID)
		}
		m, err := meetingForWrite(ctx, tx, actor, next.ID)
		if err != nil {
			return err
		}
		if err := m.writable(); err != nil {
			return err
		}
		switch c.Kind {
		case OutcomeActionItem:
			actionID, err = insertActionItem(ctx, tx, actor, m, NewActionItem{MeetingID: m.ID, Text: c.Title, OwnerID: c.OwnerID, DueDate: c.DueDate},
				c.field("owner_person_id"), now)
		case OutcomeOppositionTopic:
			o, err := oppositionStanding(ctx, tx, actor.PersonID, n.OrganizationID, day)
			if err != nil {
				return err
			}
			if !o.administration() {
				return ErrPermission
			}
			fallthrough
		default:
			agendaID, err = insertAgendaItem(ctx, tx, actor, m,
				NewAgendaItem{MeetingID: m.ID, Title: c.Title, Description: c.Description, SourceKind: "quick_note", SourceID: n.pk}, now)
			if err == nil && c.Kind == OutcomeOppositionTopic {
				err = informTx(ctx, tx, actor, agendaID, now)
			}
		}
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `
			INSERT INTO quick_note_outcomes (note_pk, kind, meeting_id, agenda_item_id, action_item_id, created_at)
			VALUES (?, ?, ?, ?, ?, ?)`, n.pk, c.Kind, m.ID, nullID(agendaID), nullID(actionID), millis(now)); err != nil {
			return fmt.Errorf("insert quick note outcome: %w", err)
		}
		// Once on the check-in the note is sorted, and no longer waits to be raised.
		_, err = tx.ExecContext(ctx, `
			UPDATE quick_notes SET next_check_in = 0, sorted = 1, revision = revision + 1, updated_at = ?, seq = `+nextSeq+`
			WHERE pk = ?`, millis(now), n.pk)
		if err != nil {
			return fmt.Errorf("update quick note: %w", err)
		}
		return nil
	})
	if err != nil {
		return ConvertedQuickNote{}, err
	}
	var out ConvertedQuickNote
	viewer := Viewer{PersonID: actor.PersonID}
	if out.Note, err = s.QuickNote(ctx, viewer, c.ID); err != nil {
		return out, err
	}
	if agendaID != 0 {
		it, err := s.agendaItem(ctx, viewer, agendaID)
		out.AgendaItem = &it
		return out, err
	}
	a, err := s.actionItem(ctx, viewer, actionID)
	out.ActionItem = &a
	return out, err
}
