package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// AgendaItem is a point on an agenda. It is put on one meeting and stays open, showing on
// every later meeting of its series, until a meeting closes it.
type AgendaItem struct {
	ID              int64
	MeetingID       int64  // the meeting it was put on
	MeetingDate     string // that meeting's day
	Title           string
	Description     string
	AddedBy         Person
	CreatedAt       time.Time
	SourceKind      string // e.g. "quick_note"; empty when typed in
	SourceID        int64
	ClosedMeetingID int64 // zero while open
	CarriedOver     bool  // set in a meeting view for items from earlier meetings
	OppositionTopic int32 // samspelv1.OppositionTopic: marked "informera oppositionen" (1) or withheld (2)
	WithheldReason  string
}

// Closed reports whether the item has been dealt with.
func (a AgendaItem) Closed() bool { return a.ClosedMeetingID != 0 }

const agendaItemColumns = `ai.id, ai.meeting_id, om.date, ai.title, ai.description, ap.id, ap.email, ap.display_name,
	ai.created_at, ai.source_kind, coalesce(ai.source_id, 0), coalesce(ai.closed_meeting_id, 0),
	coalesce((SELECT CASE WHEN otm.withheld_reason <> '' THEN 2 WHEN otm.inform = 1 THEN 1 ELSE 0 END
	          FROM opposition_topic_marks otm WHERE otm.agenda_item_id = ai.id), 0),
	coalesce((SELECT otm.withheld_reason FROM opposition_topic_marks otm WHERE otm.agenda_item_id = ai.id), '')`

const agendaItemJoins = ` JOIN meetings om ON om.id = ai.meeting_id JOIN people ap ON ap.id = ai.added_by`

func scanAgendaItem(sc scanner) (AgendaItem, error) {
	var a AgendaItem
	var created int64
	err := sc.Scan(&a.ID, &a.MeetingID, &a.MeetingDate, &a.Title, &a.Description, &a.AddedBy.ID, &a.AddedBy.Email,
		&a.AddedBy.DisplayName, &created, &a.SourceKind, &a.SourceID, &a.ClosedMeetingID, &a.OppositionTopic, &a.WithheldReason)
	a.CreatedAt = fromMillis(created)
	return a, err
}

// NewAgendaItem describes an item to put on a meeting's agenda.
type NewAgendaItem struct {
	MeetingID   int64
	Title       string
	Description string
	SourceKind  string // e.g. "quick_note" for an item raised from a quick note
	SourceID    int64
}

// AddAgendaItem puts an item on a meeting's agenda. Any participant may, until the
// meeting's notes are finalised.
func (s *Store) AddAgendaItem(ctx context.Context, actor Actor, n NewAgendaItem) (AgendaItem, error) {
	if strings.TrimSpace(n.Title) == "" {
		return AgendaItem{}, &InvalidError{Field: "title", Description: "is empty"}
	}
	if (n.SourceKind == "") != (n.SourceID == 0) {
		return AgendaItem{}, &InvalidError{Field: "source", Description: "needs both a kind and an id, or neither"}
	}
	var id int64
	err := s.onMeeting(ctx, actor, n.MeetingID, true, func(tx *sql.Tx, m meetingRow) (err error) {
		id, err = insertAgendaItem(ctx, tx, actor, m, n, s.now())
		return err
	})
	if err != nil {
		return AgendaItem{}, err
	}
	return s.agendaItem(ctx, Viewer{PersonID: actor.PersonID}, id)
}

// insertAgendaItem writes item n onto writable meeting m and returns its id.
func insertAgendaItem(ctx context.Context, tx *sql.Tx, actor Actor, m meetingRow, n NewAgendaItem, now time.Time) (int64, error) {
	var source any
	if n.SourceID != 0 {
		source = n.SourceID
	}
	res, err := tx.ExecContext(ctx, `
		INSERT INTO agenda_items (meeting_id, series_id, title, description, source_kind, source_id, added_by, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		m.ID, m.SeriesID, strings.TrimSpace(n.Title), n.Description, n.SourceKind, source, actor.PersonID, millis(now))
	if err != nil {
		return 0, fmt.Errorf("insert agenda item: %w", err)
	}
	return res.LastInsertId()
}

// agendaItem returns an item if the viewer may see the meeting it was put on.
func (s *Store) agendaItem(ctx context.Context, viewer Viewer, id int64) (AgendaItem, error) {
	return visibleRow(ctx, s.r, viewer, scanAgendaItem, agendaItemColumns, `agenda_items ai`+agendaItemJoins, "ai", "", id)
}

// itemForWrite reads an item and the meeting it was put on, if the actor may see it.
func itemForWrite(ctx context.Context, tx *sql.Tx, actor Actor, id int64) (itemRow, meetingRow, error) {
	var it itemRow
	var closed sql.NullInt64
	err := tx.QueryRowContext(ctx, `SELECT id, meeting_id, series_id, closed_meeting_id FROM agenda_items WHERE id = ?`, id).
		Scan(&it.ID, &it.MeetingID, &it.SeriesID, &closed)
	if errors.Is(err, sql.ErrNoRows) {
		return itemRow{}, meetingRow{}, ErrNotFound
	}
	if err != nil {
		return itemRow{}, meetingRow{}, err
	}
	it.ClosedMeetingID = closed.Int64
	m, err := meetingForWrite(ctx, tx, actor, it.MeetingID)
	return it, m, err
}

type itemRow struct {
	ID, MeetingID, SeriesID, ClosedMeetingID int64
}

// onAgendaOf reports whether item it shows on meeting m's agenda: put on m, or on an
// earlier meeting of the same series.
func (it itemRow) onAgendaOf(origin, m meetingRow) bool {
	if it.SeriesID != m.SeriesID {
		return false
	}
	return meetingOrder(origin) <= meetingOrder(m)
}

// meetingOrder sorts meetings of a series as the SQL does: by day, time, then id.
func meetingOrder(m meetingRow) string {
	return fmt.Sprintf("%s %s %020d", m.Date, m.StartTime, m.ID)
}

// AgendaItemChange holds the fields of an item to change; nil means unchanged.
type AgendaItemChange struct {
	Title       *string
	Description *string
}

// UpdateAgendaItem changes an open item's title or description, unless the meeting it
// was put on is finalised.
func (s *Store) UpdateAgendaItem(ctx context.Context, actor Actor, id int64, ch AgendaItemChange) (AgendaItem, error) {
	if ch.Title != nil && strings.TrimSpace(*ch.Title) == "" {
		return AgendaItem{}, &InvalidError{Field: "title", Description: "is empty"}
	}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		it, origin, err := itemForWrite(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		if origin.Finalized {
			return errFinalized
		}
		if it.ClosedMeetingID != 0 {
			return fmt.Errorf("%w: the item is closed", ErrConflict)
		}
		if ch.Title != nil {
			if _, err := tx.ExecContext(ctx, `UPDATE agenda_items SET title = ? WHERE id = ?`, strings.TrimSpace(*ch.Title), id); err != nil {
				return err
			}
		}
		if ch.Description != nil {
			if _, err := tx.ExecContext(ctx, `UPDATE agenda_items SET description = ? WHERE id = ?`, *ch.Description, id); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return AgendaItem{}, err
	}
	return s.agendaItem(ctx, Viewer{PersonID: actor.PersonID}, id)
}

// CloseAgendaItem marks an item as dealt with at meeting meetingID: the meeting it was put
// on or a later one of its series, whose notes are not finalised. Closing it again at the
// same meeting changes nothing.
func (s *Store) CloseAgendaItem(ctx context.Context, actor Actor, id, meetingID int64) (AgendaItem, error) {
	err := s.tx(ctx, func(tx *sql.Tx) error {
		it, origin, err := itemForWrite(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		m, err := meetingForWrite(ctx, tx, actor, meetingID)
		if err != nil {
			return err
		}
		if !it.onAgendaOf(origin, m) {
			return &InvalidError{Field: "meeting_id", Description: "the item is not on this meeting's agenda"}
		}
		switch it.ClosedMeetingID {
		case 0:
		case meetingID:
			return nil // closing twice at the same meeting changes nothing
		default:
			return fmt.Errorf("%w: the item was closed at another meeting", ErrConflict)
		}
		if err := m.writable(); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE agenda_items SET closed_meeting_id = ?, closed_at = ?, closed_by = ? WHERE id = ?`,
			meetingID, millis(s.now()), actor.PersonID, id)
		return err
	})
	if err != nil {
		return AgendaItem{}, err
	}
	return s.agendaItem(ctx, Viewer{PersonID: actor.PersonID}, id)
}

// ReopenAgendaItem undoes closing an item, unless the meeting that closed it is
// finalised. An open item stays as it is.
func (s *Store) ReopenAgendaItem(ctx context.Context, actor Actor, id int64) (AgendaItem, error) {
	err := s.tx(ctx, func(tx *sql.Tx) error {
		it, _, err := itemForWrite(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		if it.ClosedMeetingID == 0 {
			return nil // already open
		}
		closer, err := meetingForWrite(ctx, tx, actor, it.ClosedMeetingID)
		if err != nil {
			return err
		}
		if closer.Finalized {
			return errFinalized
		}
		_, err = tx.ExecContext(ctx, `UPDATE agenda_items SET closed_meeting_id = NULL, closed_at = NULL, closed_by = NULL WHERE id = ?`, id)
		return err
	})
	if err != nil {
		return AgendaItem{}, err
	}
	return s.agendaItem(ctx, Viewer{PersonID: actor.PersonID}, id)
}

// carriedItems returns the items put on earlier meetings of m's series that were still
// open at m: never closed, or closed at m or later. The two halves of the union each
// walk an index (open items of the series; items closed at the series' later meetings),
// so opening the next meeting does not read the series' whole history.
func carriedItems(ctx context.Context, q querier, m Meeting) ([]AgendaItem, error) {
	items, err := query(ctx, q, scanAgendaItem, `
		SELECT `+agendaItemColumns+` FROM agenda_items ai`+agendaItemJoins+`
		WHERE ai.series_id = @series AND ai.closed_meeting_id IS NULL AND (om.date, om.start_time, om.id) < (@date, @time, @id)
		UNION ALL
		SELECT `+agendaItemColumns+` FROM meetings cm JOIN agenda_items ai ON ai.closed_meeting_id = cm.id`+agendaItemJoins+`
		WHERE cm.series_id = @series AND (cm.date, cm.start_time, cm.id) >= (@date, @time, @id)
		  AND (om.date, om.start_time, om.id) < (@date, @time, @id)
		ORDER BY 3, 1`, meetingArgs(m)...)
	for i := range items {
		items[i].CarriedOver = true
	}
	return items, err
}

// meetingArgs are the named parameters that place meeting m in its series.
func meetingArgs(m Meeting, more ...any) []any {
	return append([]any{sql.Named("series", m.SeriesID), sql.Named("date", m.Date), sql.Named("time", m.StartTime), sql.Named("id", m.ID)}, more...)
}
