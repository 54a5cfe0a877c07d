package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// MeetingView is everything the meeting screen shows: the meeting, its agenda with the
// follow-up (uppföljning) from earlier meetings, and what was written at it.
type MeetingView struct {
	Meeting           Meeting
	Participants      []Person
	AgendaItems       []AgendaItem // put on this meeting
	CarriedItems      []AgendaItem // from earlier meetings, still open at this one
	FollowUpActions   []ActionItem // from earlier meetings: open, or closed since the meeting before
	PreviousMeeting   *Meeting     // the previous held meeting of the series
	PreviousDecisions []Decision
	Notes             []MeetingNote // on this meeting, and earlier ones on carried items
	Decisions         []Decision
	Actions           []ActionItem
	NextMeeting       *Meeting
}

// MeetingView opens a meeting. Its queries run in one read transaction, so the screen
// shows one moment even while the other participant writes.
func (s *Store) MeetingView(ctx context.Context, viewer Viewer, id int64) (MeetingView, error) {
	tx, err := s.beginRead(ctx)
	if err != nil {
		return MeetingView{}, err
	}
	defer tx.Rollback()
	today := s.today()
	who := sql.Named("viewer", viewer.PersonID)

	var v MeetingView
	v.Meeting, err = scanMeeting(today)(tx.QueryRowContext(ctx, `SELECT `+meetingColumns+` FROM `+meetingFrom+`
		WHERE m.id = @id AND `+seesMeeting, sql.Named("id", id), who))
	if errors.Is(err, sql.ErrNoRows) {
		return MeetingView{}, ErrNotFound
	}
	if err != nil {
		return MeetingView{}, fmt.Errorf("select meeting: %w", err)
	}
	m := v.Meeting
	if v.Participants, err = meetingParticipants(ctx, tx, m); err != nil {
		return MeetingView{}, err
	}
	if v.AgendaItems, err = query(ctx, tx, scanAgendaItem, `SELECT `+agendaItemColumns+` FROM agenda_items ai`+agendaItemJoins+`
		WHERE ai.meeting_id = ? ORDER BY ai.id`, m.ID); err != nil {
		return MeetingView{}, fmt.Errorf("select agenda: %w", err)
	}
	if v.CarriedItems, err = carriedItems(ctx, tx, m); err != nil {
		return MeetingView{}, fmt.Errorf("select carried items: %w", err)
	}
	if v.FollowUpActions, err = followUpActions(ctx, tx, m, today); err != nil {
		return MeetingView{}, fmt.Errorf("select follow-up actions: %w", err)
	}
	if v.PreviousMeeting, err = neighbour(ctx, tx, m, viewer, today, true); err != nil {
		return MeetingView{}, err
	}
	if v.NextMeeting, err = neighbour(ctx, tx, m, viewer, today, false); err != nil {
		return MeetingView{}, err
	}
	if v.PreviousMeeting != nil {
		if v.PreviousDecisions, err = query(ctx, tx, scanDecision, `SELECT `+decisionColumns+` FROM `+decisionFrom+`
			WHERE d.meeting_id = ? ORDER BY d.id`, v.PreviousMeeting.ID); err != nil {
			return MeetingView{}, fmt.Errorf("select previous decisions: %w", err)
		}
	}
	carried := make([]int64, 0, len(v.CarriedItems))
	for _, it := range v.CarriedItems {
		carried = append(carried, it.ID)
	}
	carriedJSON, _ := json.Marshal(carried)
	// Notes on carried items come from the meetings before this one, never after: a past
	// meeting shows what was known then.
	if v.Notes, err = query(ctx, tx, scanNote, `SELECT `+noteColumns+` FROM `+noteFrom+`
		WHERE (n.meeting_id = @id OR (n.agenda_item_id IN (SELECT value FROM json_each(@carried))
		                              AND (nm.date, nm.start_time, nm.id) < (@date, @time, @id)))
		  AND (n.private = 0 OR n.author_id = @viewer)
		ORDER BY nm.date, nm.start_time, n.id`, sql.Named("id", m.ID), sql.Named("date", m.Date), sql.Named("time", m.StartTime),
		sql.Named("carried", string(carriedJSON)), who); err != nil {
		return MeetingView{}, fmt.Errorf("select notes: %w", err)
	}
	if v.Decisions, err = query(ctx, tx, scanDecision, `SELECT `+decisionColumns+` FROM `+decisionFrom+`
		WHERE d.meeting_id = ? ORDER BY d.id`, m.ID); err != nil {
		return MeetingView{}, fmt.Errorf("select decisions: %w", err)
	}
	if v.Actions, err = query(ctx, tx, scanAction(today), `SELECT `+actionColumns+` FROM `+actionFrom+`
		WHERE a.meeting_id = ? ORDER BY a.id`, m.ID); err != nil {
		return MeetingView{}, fmt.Errorf("select action items: %w", err)
	}
	if err := attachRevisions(ctx, tx, &v); err != nil {
		return MeetingView{}, err
	}
	return v, nil
}

// followUpActions returns the action items agreed at earlier meetings of m's series that
// are open, or were closed since the meeting before m (on its day or later), so the
// follow-up shows both what is still to do and what got done since last time.
func followUpActions(ctx context.Context, q querier, m Meeting, today string) ([]ActionItem, error) {
	return query(ctx, q, scanAction(today), `
		SELECT `+actionColumns+` FROM `+actionFrom+`
		WHERE a.series_id = @series AND a.status = 1 AND (am.date, am.start_time, am.id) < (@date, @time, @id)
		UNION ALL
		SELECT `+actionColumns+` FROM `+actionFrom+`
		WHERE a.series_id = @series AND a.status <> 1 AND (am.date, am.start_time, am.id) < (@date, @time, @id)
		  AND a.closed_date >= (SELECT max(p.date) FROM meetings p
		                        WHERE p.series_id = @series AND (p.date, p.start_time, p.id) < (@date, @time, @id))
		ORDER BY 10, 1`, meetingArgs(m)...)
}

// neighbour returns the previous held meeting of m's series (before) or the next one
// that is not cancelled (after), as the viewer may see it, or nil.
func neighbour(ctx context.Context, q querier, m Meeting, viewer Viewer, today string, before bool) (*Meeting, error) {
	cond, order := `(m.date, m.start_time, m.id) > (@date, @time, @id) AND m.state <> 3`, `ASC`
	if before {
		cond, order = `(m.date, m.start_time, m.id) < (@date, @time, @id) AND m.state = 2`, `DESC`
	}
	n, err := scanMeeting(today)(q.QueryRowContext(ctx, selectMeetings(`m.series_id = @series AND `+cond+` AND `+seesMeeting,
		`m.date `+order+`, m.start_time `+order+`, m.id `+order, `1`),
		meetingArgs(m, sql.Named("viewer", viewer.PersonID))...))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("select neighbouring meeting: %w", err)
	}
	return &n, nil
}

// attachRevisions fills in the corrections of every note, decision and action item shown.
func attachRevisions(ctx context.Context, q querier, v *MeetingView) error {
	var noteIDs, decisionIDs, actionIDs []int64
	for _, n := range v.Notes {
		noteIDs = append(noteIDs, n.ID)
	}
	for _, ds := range [][]Decision{v.Decisions, v.PreviousDecisions} {
		for _, d := range ds {
			decisionIDs = append(decisionIDs, d.ID)
		}
	}
	for _, as := range [][]ActionItem{v.Actions, v.FollowUpActions} {
		for _, a := range as {
			actionIDs = append(actionIDs, a.ID)
		}
	}
	notes, err := revisions(ctx, q, "note", noteIDs)
	if err != nil {
		return err
	}
	decisions, err := revisions(ctx, q, "decision", decisionIDs)
	if err != nil {
		return err
	}
	actions, err := revisions(ctx, q, "action_item", actionIDs)
	if err != nil {
		return err
	}
	for i := range v.Notes {
		v.Notes[i].Revisions = notes[v.Notes[i].ID]
	}
	for _, ds := range [][]Decision{v.Decisions, v.PreviousDecisions} {
		for i := range ds {
			ds[i].Revisions = decisions[ds[i].ID]
		}
	}
	for _, as := range [][]ActionItem{v.Actions, v.FollowUpActions} {
		for i := range as {
			as[i].Revisions = actions[as[i].ID]
		}
	}
	return nil
}

// MeetingOverview is what the start screen shows about meetings.
type MeetingOverview struct {
	NextCheckIn          *Meeting
	LastCheckIn          *Meeting
	DaysSinceLastCheckIn int32
	MissedCheckIns       []Meeting // in the last eight weeks, latest first
	OverdueActions       []ActionItem
}

// upcoming is the condition for a meeting m that is still ahead: neither held nor
// cancelled, and dated today (@today) or later. The earliest upcoming check-in is the
// next one, on Idag and for quick notes alike.
const upcoming = `m.state = 1 AND m.date >= @today`

// missedWindow is how far back the start screen looks for missed check-ins.
const missedWindow = 8 * 7

// overdueLimit caps the overdue action items on the start screen; the list has the rest.
const overdueLimit = 20

// MeetingOverview gathers the viewer's next check-in, the last held one, missed ones and
// overdue action items, in one organisation or (orgID zero) in all of the viewer's.
func (s *Store) MeetingOverview(ctx context.Context, viewer Viewer, orgID int64) (MeetingOverview, error) {
	if err := s.checkOrg(ctx, viewer, orgID); err != nil {
		return MeetingOverview{}, err
	}
	tx, err := s.beginRead(ctx)
	if err != nil {
		return MeetingOverview{}, err
	}
	defer tx.Rollback()
	now := s.now().In(stockholm)
	today := now.Format(time.DateOnly)
	// Prepared statements take exactly the parameters they use, so each query gets its own.
	args := []any{sql.Named("viewer", viewer.PersonID), sql.Named("org", orgID), sql.Named("today", today)}
	checkIns := func(cond, order string, limit int, more ...any) ([]Meeting, error) {
		return query(ctx, tx, scanMeeting(today), selectMeetings(`ms.kind = 1 AND `+seesMeeting+` AND `+inOrg+` AND `+cond,
			`m.date `+order+`, m.start_time `+order+`, m.id `+order, fmt.Sprint(limit)), append(args, more...)...)
	}
	var o MeetingOverview
	next, err := checkIns(upcoming, `ASC`, 1)
	if err != nil {
		return o, fmt.Errorf("select next check-in: %w", err)
	}
	last, err := checkIns(`m.state = 2 AND m.date <= @today`, `DESC`, 1)
	if err != nil {
		return o, fmt.Errorf("select last check-in: %w", err)
	}
	since := sql.Named("since", now.AddDate(0, 0, -missedWindow).Format(time.DateOnly))
	if o.MissedCheckIns, err = checkIns(`m.state = 1 AND m.date < @today AND m.date >= @since`, `DESC`, missedWindow, since); err != nil {
		return o, fmt.Errorf("select missed check-ins: %w", err)
	}
	if len(next) > 0 {
		o.NextCheckIn = &next[0]
	}
	if len(last) > 0 {
		o.LastCheckIn = &last[0]
		o.DaysSinceLastCheckIn = daysBetween(last[0].Date, today)
	}
	o.OverdueActions, err = query(ctx, tx, scanAction(today), `SELECT `+actionColumns+` FROM `+actionFrom+`
		JOIN meetings m ON m.id = a.meeting_id JOIN meeting_series ms ON ms.id = m.series_id
		WHERE a.status = 1 AND a.due_date < @today AND `+seesMeeting+` AND `+inOrg+`
		ORDER BY a.due_date, a.id LIMIT `+fmt.Sprint(overdueLimit), args...)
	if err != nil {
		return o, fmt.Errorf("select overdue action items: %w", err)
	}
	return o, nil
}

// daysBetween counts calendar days from one YYYY-MM-DD to another.
func daysBetween(from, to string) int32 {
	a, err1 := time.Parse(time.DateOnly, from)
	b, err2 := time.Parse(time.DateOnly, to)
	if err1 != nil || err2 != nil {
		return 0
	}
	return int32(b.Sub(a).Hours() / 24)
}
