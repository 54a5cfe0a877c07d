package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
)

// Meeting kinds, as in samspel.v1.MeetingKind.
const (
	KindAvstamning = 1 // the check-in of the chair and the director
	KindBeredning  = 2 // preparation with the majority
	KindReflektion = 3 // a talk about the working relationship
	KindAdHoc      = 4
)

// Meeting statuses, as in samspel.v1.MeetingStatus. Missed is never stored: it is a
// scheduled meeting whose day has passed.
const (
	MeetingScheduled = 1
	MeetingHeld      = 2
	MeetingCancelled = 3
	MeetingMissed    = 4
)

// MeetingSeries is a recurring meeting, or a single one (IntervalWeeks 0).
type MeetingSeries struct {
	ID              int64
	OrganizationID  int64
	TermID          int64
	Kind            int32
	Title           string
	Place           string
	Weekday         int32 // 1 Monday … 7 Sunday
	StartTime       string
	DurationMinutes int32
	IntervalWeeks   int32
	StartDate       string
	EndDate         string
	Participants    []Person // invited; the pair of a check-in is implied
}

// Meeting is one occurrence of a series.
type Meeting struct {
	ID              int64
	SeriesID        int64
	OrganizationID  int64
	TermID          int64
	Kind            int32
	Title           string
	Date            string
	StartTime       string
	DurationMinutes int32
	Place           string
	Status          int32
	CancelReason    string
	FinalizedAt     time.Time // zero until the notes are approved
	FinalizedBy     Person
	AgendaItemCount int32 // items put on it plus open items carried over to it
}

// Finalized reports whether the meeting's notes are approved and locked.
func (m Meeting) Finalized() bool { return !m.FinalizedAt.IsZero() }

// The visibility rules of meetings, as SQL conditions on the named parameter @viewer.
// They are the only place that decides who sees a meeting; every read and write of a
// meeting and of what hangs off it goes through them, and anyone else gets ErrNotFound.
//
//   - Invited participants (meeting_participants) see the series.
//   - A check-in is the pair's: whoever is chair or director at any time in the series'
//     term sees it, so a new director inherits what was agreed before them.
//   - A reflection talk is only for the chair and the director of the talk's day.
//
// Administrators and the opposition see none of it unless invited.
const pairInTerm = `EXISTS (SELECT 1 FROM role_assignments ra WHERE ra.term_id = ms.term_id AND ra.person_id = @viewer AND ra.role IN (1, 2)`

// seesSeries is the condition for series ms.
const seesSeries = `(EXISTS (SELECT 1 FROM meeting_participants mp WHERE mp.series_id = ms.id AND mp.person_id = @viewer)
	OR (ms.kind IN (1, 3) AND ` + pairInTerm + `)))`

// seesMeeting is the condition for meeting m of series ms.
const seesMeeting = `(EXISTS (SELECT 1 FROM meeting_participants mp WHERE mp.series_id = ms.id AND mp.person_id = @viewer)
	OR (ms.kind = 1 AND ` + pairInTerm + `))
	OR (ms.kind = 3 AND ` + pairInTerm + ` AND ra.start_date <= m.date AND (ra.end_date IS NULL OR ra.end_date >= m.date))))`

// inOrg restricts to one organisation, or to all when @org is zero.
const inOrg = `(@org = 0 OR ms.organization_id = @org)`

// meetingColumns and meetingFrom read a Meeting; scanMeeting scans them.
const meetingColumns = `m.id, m.series_id, ms.organization_id, ms.term_id, ms.kind, ms.title, m.date, m.start_time,
	m.duration_minutes, m.place, m.state, m.cancel_reason, coalesce(m.finalized_at, 0),
	coalesce(fp.id, 0), coalesce(fp.email, ''), coalesce(fp.display_name, ''), ` + agendaCount

const meetingFrom = `meetings m JOIN meeting_series ms ON ms.id = m.series_id LEFT JOIN people fp ON fp.id = m.finalized_by`

// selectMeetings reads the meetings that where picks, in the order orderBy gives, at
// most limit of them (an SQL expression). It picks the ids first and computes
// meetingColumns only for those: SQLite evaluates a result column before it sorts, so a
// plain SELECT with ORDER BY and LIMIT counted the agenda (which looks at every later
// meeting of the series) of every candidate meeting, and the start screen's "last
// check-in" grew with the square of the check-ins held (6.6 ms after one term).
// where may use m and ms, not fp.
func selectMeetings(where, orderBy, limit string) string {
	return `SELECT ` + meetingColumns + ` FROM ` + meetingFrom + `
		WHERE m.id IN (SELECT m.id FROM meetings m JOIN meeting_series ms ON ms.id = m.series_id
		               WHERE ` + where + ` ORDER BY ` + orderBy + ` LIMIT ` + limit + `)
		ORDER BY ` + orderBy
}

// before compares meetings of one series in time order; id breaks ties of moved meetings.
const (
	omBeforeM    = `(om.date, om.start_time, om.id) < (m.date, m.start_time, m.id)`
	cmNotBeforeM = `(cm.date, cm.start_time, cm.id) >= (m.date, m.start_time, m.id)`
)

// agendaCount counts the items on meeting m's agenda: those put on it, and those put on
// an earlier meeting of the series that were still open at m (closed at m or later, or
// not at all). The two halves each use an index; see carriedItems.
const agendaCount = `(SELECT count(*) FROM agenda_items ai WHERE ai.meeting_id = m.id)
	+ (SELECT count(*) FROM agenda_items ai JOIN meetings om ON om.id = ai.meeting_id
	   WHERE ai.series_id = m.series_id AND ai.closed_meeting_id IS NULL AND ` + omBeforeM + `)
	+ (SELECT count(*) FROM meetings cm JOIN agenda_items ai ON ai.closed_meeting_id = cm.id JOIN meetings om ON om.id = ai.meeting_id
	   WHERE cm.series_id = m.series_id AND ` + cmNotBeforeM + ` AND ` + omBeforeM + `)`

func scanMeeting(today string) func(scanner) (Meeting, error) {
	return func(sc scanner) (Meeting, error) {
		var m Meeting
		var finalized int64
		err := sc.Scan(&m.ID, &m.SeriesID, &m.OrganizationID, &m.TermID, &m.Kind, &m.Title, &m.Date, &m.StartTime,
			&m.DurationMinutes, &m.Place, &m.Status, &m.CancelReason, &finalized,
			&m.FinalizedBy.ID, &m.FinalizedBy.Email, &m.FinalizedBy.DisplayName, &m.AgendaItemCount)
		if finalized != 0 {
			m.FinalizedAt = fromMillis(finalized)
		}
		if m.Status == MeetingScheduled && m.Date < today {
			m.Status = MeetingMissed
		}
		return m, err
	}
}

// Meeting returns a meeting the viewer may see.
func (s *Store) Meeting(ctx context.Context, viewer Viewer, id int64) (Meeting, error) {
	m, err := scanMeeting(s.today())(s.r.QueryRowContext(ctx, `SELECT `+meetingColumns+` FROM `+meetingFrom+`
		WHERE m.id = @id AND `+seesMeeting, sql.Named("id", id), sql.Named("viewer", viewer.PersonID)))
	if errors.Is(err, sql.ErrNoRows) {
		return Meeting{}, ErrNotFound
	}
	if err != nil {
		return Meeting{}, fmt.Errorf("select meeting: %w", err)
	}
	return m, nil
}

// meetingRow is what a write needs to know about a meeting, read inside its transaction.
type meetingRow struct {
	ID, SeriesID, OrganizationID, TermID int64
	Kind                                 int32
	Date, StartTime                      string
	State                                int32
	Finalized                            bool
}

// meetingForWrite reads meeting id in tx if the actor may see it; else ErrNotFound.
func meetingForWrite(ctx context.Context, tx *sql.Tx, actor Actor, id int64) (meetingRow, error) {
	var m meetingRow
	err := tx.QueryRowContext(ctx, `
		SELECT m.id, m.series_id, ms.organization_id, ms.term_id, ms.kind, m.date, m.start_time, m.state, m.finalized_at IS NOT NULL
		FROM meetings m JOIN meeting_series ms ON ms.id = m.series_id
		WHERE m.id = @id AND `+seesMeeting, sql.Named("id", id), sql.Named("viewer", actor.PersonID)).
		Scan(&m.ID, &m.SeriesID, &m.OrganizationID, &m.TermID, &m.Kind, &m.Date, &m.StartTime, &m.State, &m.Finalized)
	if errors.Is(err, sql.ErrNoRows) {
		return meetingRow{}, ErrNotFound
	}
	if err != nil {
		return meetingRow{}, fmt.Errorf("select meeting: %w", err)
	}
	return m, nil
}

// errFinalized is the clash of writing to a meeting whose notes are approved.
var errFinalized = fmt.Errorf("%w: the meeting's notes are finalised; correct an entry instead", ErrConflict)

// writable refuses changes to the shared record of a finalised or cancelled meeting.
func (m meetingRow) writable() error {
	switch {
	case m.Finalized:
		return errFinalized
	case m.State == MeetingCancelled:
		return fmt.Errorf("%w: the meeting is cancelled", ErrConflict)
	}
	return nil
}

// NewMeetingSeries describes a series to create.
type NewMeetingSeries struct {
	OrganizationID  int64
	Kind            int32
	Title           string
	Place           string
	StartTime       string
	DurationMinutes int32
	IntervalWeeks   int32
	StartDate       string
	EndDate         string // empty: the end of the term
	ParticipantIDs  []int64
}

var clockTime = regexp.MustCompile(`^([01][0-9]|2[0-3]):[0-5][0-9]$`)

// CreateMeetingSeries stores a series in the organisation's current term and schedules
// all of its occurrences. Only the chair and the director hold check-ins and reflection
// talks; anyone on the majority side or in the administration may call other meetings.
func (s *Store) CreateMeetingSeries(ctx context.Context, actor Actor, ns NewMeetingSeries) (MeetingSeries, error) {
	start, err := time.Parse(time.DateOnly, ns.StartDate)
	if err != nil {
		return MeetingSeries{}, &InvalidError{Field: "start_date", Description: "is not a date"}
	}
	if !clockTime.MatchString(ns.StartTime) {
		return MeetingSeries{}, &InvalidError{Field: "start_time", Description: "is not a time of day as HH:MM"}
	}
	if ns.Kind < KindAvstamning || ns.Kind > KindAdHoc {
		return MeetingSeries{}, &InvalidError{Field: "kind", Description: "is not a meeting kind"}
	}
	if strings.TrimSpace(ns.Title) == "" {
		return MeetingSeries{}, &InvalidError{Field: "title", Description: "is empty"}
	}
	var id int64
	err = s.tx(ctx, func(tx *sql.Tx) error {
		today := s.today()
		var termID int64
		var termStart, termEnd string
		err := tx.QueryRowContext(ctx, `SELECT id, start_date, end_date FROM terms WHERE organization_id = ? AND start_date <= ? AND end_date >= ?`,
			ns.OrganizationID, today, today).Scan(&termID, &termStart, &termEnd)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		roles, err := rolesOn(ctx, tx, actor.PersonID, termID, today)
		if err != nil {
			return err
		}
		if len(roles) == 0 || roles[RoleOpposition] && len(roles) == 1 {
			return ErrNotFound // not theirs to know about
		}
		pairKind := ns.Kind == KindAvstamning || ns.Kind == KindReflektion
		if pairKind && !roles[RoleChair] && !roles[RoleDirector] {
			return &InvalidError{Field: "kind", Description: "only the chair and the director hold check-ins and reflection talks"}
		}
		end := ns.EndDate
		if end == "" {
			end = termEnd
		}
		if _, err := time.Parse(time.DateOnly, end); err != nil {
			return &InvalidError{Field: "end_date", Description: "is not a date"}
		}
		switch {
		case ns.StartDate < termStart || ns.StartDate > termEnd:
			return &InvalidError{Field: "start_date", Description: fmt.Sprintf("must lie within the term %s–%s", termStart, termEnd)}
		case end < ns.StartDate || end > termEnd:
			return &InvalidError{Field: "end_date", Description: fmt.Sprintf("must lie between start_date and the end of the term %s", termEnd)}
		}
		participants := ns.ParticipantIDs
		if ns.Kind == KindReflektion && len(participants) > 0 {
			return &InvalidError{Field: "participant_ids", Description: "a reflection talk is for the chair and the director alone"}
		}
		if !pairKind && !slices.Contains(participants, actor.PersonID) {
			participants = append(participants, actor.PersonID)
		}
		res, err := tx.ExecContext(ctx, `
			INSERT INTO meeting_series (organization_id, term_id, kind, title, place, weekday, start_time, duration_minutes,
			                            interval_weeks, start_date, end_date, created_at, created_by)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			ns.OrganizationID, termID, ns.Kind, ns.Title, ns.Place, isoWeekday(start), ns.StartTime, ns.DurationMinutes,
			ns.IntervalWeeks, ns.StartDate, end, millis(s.now()), nullID(actor.PersonID))
		if err != nil {
			return fmt.Errorf("insert meeting series: %w", err)
		}
		id, _ = res.LastInsertId()
		if err := setParticipants(ctx, tx, id, termID, participants); err != nil {
			return err
		}
		if err := scheduleOccurrences(ctx, tx, id, ns.StartDate, end, ns.IntervalWeeks, ns.StartTime, ns.DurationMinutes, ns.Place); err != nil {
			return err
		}
		if ns.Kind == KindReflektion {
			if err := agendaRevisitsTx(ctx, tx, s.now(), actor, ns.OrganizationID, termID); err != nil {
				return err
			}
		}
		return auditTx(ctx, tx, s.now(), actor, "meeting_series.create", true, fmt.Sprintf("meeting_series:%d", id))
	})
	if err != nil {
		return MeetingSeries{}, err
	}
	return s.MeetingSeries(ctx, Viewer{PersonID: actor.PersonID}, id)
}

// rolesOn returns the roles person holds in a term on a day.
func rolesOn(ctx context.Context, tx *sql.Tx, personID, termID int64, day string) (map[int32]bool, error) {
	rows, err := tx.QueryContext(ctx, `
		SELECT role FROM role_assignments
		WHERE person_id = ? AND term_id = ? AND start_date <= ? AND (end_date IS NULL OR end_date >= ?)`,
		personID, termID, day, day)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	roles := map[int32]bool{}
	for rows.Next() {
		var r int32
		if err := rows.Scan(&r); err != nil {
			return nil, err
		}
		roles[r] = true
	}
	return roles, rows.Err()
}

// setParticipants replaces a series' invited participants. Each must hold a role in the
// term other than opposition: the opposition sees none of the pair's or the majority's
// meetings.
func setParticipants(ctx context.Context, tx *sql.Tx, seriesID, termID int64, ids []int64) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM meeting_participants WHERE series_id = ?`, seriesID); err != nil {
		return err
	}
	for _, pid := range ids {
		var n int
		err := tx.QueryRowContext(ctx, `SELECT count(*) FROM role_assignments WHERE person_id = ? AND term_id = ? AND role IN (1, 2, 3, 5)`,
			pid, termID).Scan(&n)
		if err != nil {
			return err
		}
		if n == 0 {
			return &InvalidError{Field: "participant_ids", Description: fmt.Sprintf("person %d holds no role in the term that may take part", pid)}
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO meeting_participants (series_id, person_id) VALUES (?, ?)`, seriesID, pid); err != nil {
			return fmt.Errorf("insert participant: %w", err)
		}
	}
	return nil
}

// scheduleOccurrences stores the occurrences of a series from its first day to its last.
func scheduleOccurrences(ctx context.Context, tx *sql.Tx, seriesID int64, start, end string, interval int32, at string, minutes int32, place string) error {
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO meetings (series_id, date, start_time, duration_minutes, place) VALUES (?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	defer stmt.Close()
	for _, d := range OccurrenceDates(start, end, interval) {
		if _, err := stmt.ExecContext(ctx, seriesID, d, at, minutes, place); err != nil {
			return fmt.Errorf("insert meeting: %w", err)
		}
	}
	return nil
}

// OccurrenceDates lists the days of a series: every interval weeks from start up to end,
// or only start when interval is zero. Dates are YYYY-MM-DD; invalid ones give nothing.
func OccurrenceDates(start, end string, interval int32) []string {
	d, err := time.Parse(time.DateOnly, start)
	if err != nil {
		return nil
	}
	if interval <= 0 {
		return []string{start}
	}
	var out []string
	for day := d.Format(time.DateOnly); day <= end; day = d.Format(time.DateOnly) {
		out = append(out, day)
		d = d.AddDate(0, 0, 7*int(interval))
	}
	return out
}

// isoWeekday is 1 for Monday to 7 for Sunday.
func isoWeekday(t time.Time) int32 {
	if t.Weekday() == time.Sunday {
		return 7
	}
	return int32(t.Weekday())
}

const seriesColumns = `ms.id, ms.organization_id, ms.term_id, ms.kind, ms.title, ms.place, ms.weekday, ms.start_time,
	ms.duration_minutes, ms.interval_weeks, ms.start_date, ms.end_date`

func scanSeries(sc scanner) (MeetingSeries, error) {
	var m MeetingSeries
	err := sc.Scan(&m.ID, &m.OrganizationID, &m.TermID, &m.Kind, &m.Title, &m.Place, &m.Weekday, &m.StartTime,
		&m.DurationMinutes, &m.IntervalWeeks, &m.StartDate, &m.EndDate)
	return m, err
}

// MeetingSeries returns a series the viewer takes part in.
func (s *Store) MeetingSeries(ctx context.Context, viewer Viewer, id int64) (MeetingSeries, error) {
	ms, err := scanSeries(s.r.QueryRowContext(ctx, `SELECT `+seriesColumns+` FROM meeting_series ms WHERE ms.id = @id AND `+seesSeries,
		sql.Named("id", id), sql.Named("viewer", viewer.PersonID)))
	if errors.Is(err, sql.ErrNoRows) {
		return MeetingSeries{}, ErrNotFound
	}
	if err != nil {
		return MeetingSeries{}, fmt.Errorf("select meeting series: %w", err)
	}
	ms.Participants, err = s.seriesParticipants(ctx, id)
	return ms, err
}

func (s *Store) seriesParticipants(ctx context.Context, seriesID int64) ([]Person, error) {
	return query(ctx, s.r, scanPerson, `
		SELECT p.id, p.email, p.display_name FROM meeting_participants mp JOIN people p ON p.id = mp.person_id
		WHERE mp.series_id = ? ORDER BY p.display_name, p.id`, seriesID)
}

func scanPerson(sc scanner) (Person, error) {
	var p Person
	return p, sc.Scan(&p.ID, &p.Email, &p.DisplayName)
}

// checkOrg answers ErrNotFound for an organisation the viewer may not know of; zero
// (all of the viewer's organisations) is always fine.
func (s *Store) checkOrg(ctx context.Context, viewer Viewer, orgID int64) error {
	if orgID == 0 {
		return nil
	}
	_, err := s.Organization(ctx, viewer, orgID)
	return err
}

// ListMeetingSeries lists the series the viewer takes part in, oldest first.
func (s *Store) ListMeetingSeries(ctx context.Context, viewer Viewer, orgID int64, p Page) ([]MeetingSeries, string, error) {
	if err := s.checkOrg(ctx, viewer, orgID); err != nil {
		return nil, "", err
	}
	c, err := p.cursor()
	if err != nil {
		return nil, "", err
	}
	out, err := query(ctx, s.r, scanSeries, `SELECT `+seriesColumns+` FROM meeting_series ms
		WHERE `+seesSeries+` AND `+inOrg+` AND ms.id > @after ORDER BY ms.id LIMIT @limit`,
		sql.Named("viewer", viewer.PersonID), sql.Named("org", orgID), sql.Named("after", c.ID), sql.Named("limit", p.size()+1))
	if err != nil {
		return nil, "", fmt.Errorf("list meeting series: %w", err)
	}
	out, next := trim(out, p, func(ms MeetingSeries) cursor { return cursor{ID: ms.ID} })
	for i := range out {
		if out[i].Participants, err = s.seriesParticipants(ctx, out[i].ID); err != nil {
			return nil, "", err
		}
	}
	return out, next, nil
}

// SeriesChange holds the fields of a series to change; nil means unchanged.
type SeriesChange struct {
	Title           *string
	Place           *string
	StartTime       *string
	DurationMinutes *int32
	EndDate         *string
	ParticipantIDs  *[]int64
}

// UpdateMeetingSeries changes a series. New times, durations and places apply to its
// scheduled occurrences from today on; a new end date drops later occurrences that have
// nothing on them, or schedules more up to it.
func (s *Store) UpdateMeetingSeries(ctx context.Context, actor Actor, id int64, ch SeriesChange) (MeetingSeries, error) {
	if ch.StartTime != nil && !clockTime.MatchString(*ch.StartTime) {
		return MeetingSeries{}, &InvalidError{Field: "start_time", Description: "is not a time of day as HH:MM"}
	}
	if ch.Title != nil && strings.TrimSpace(*ch.Title) == "" {
		return MeetingSeries{}, &InvalidError{Field: "title", Description: "is empty"}
	}
	if ch.DurationMinutes != nil && *ch.DurationMinutes <= 0 {
		return MeetingSeries{}, &InvalidError{Field: "duration_minutes", Description: "must be positive"}
	}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		ms, err := scanSeries(tx.QueryRowContext(ctx, `SELECT `+seriesColumns+` FROM meeting_series ms WHERE ms.id = @id AND `+seesSeries,
			sql.Named("id", id), sql.Named("viewer", actor.PersonID)))
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		today := s.today()
		set := func(col string, v any) error {
			if _, err := tx.ExecContext(ctx, `UPDATE meeting_series SET `+col+` = ? WHERE id = ?`, v, id); err != nil {
				return err
			}
			if col == "title" {
				return nil
			}
			_, err := tx.ExecContext(ctx, `UPDATE meetings SET `+col+` = ? WHERE series_id = ? AND state = 1 AND date >= ?`, v, id, today)
			return err
		}
		if ch.Title != nil {
			if err := set("title", *ch.Title); err != nil {
				return err
			}
		}
		if ch.Place != nil {
			if err := set("place", *ch.Place); err != nil {
				return err
			}
		}
		if ch.StartTime != nil {
			if err := set("start_time", *ch.StartTime); err != nil {
				return err
			}
		}
		if ch.DurationMinutes != nil {
			if err := set("duration_minutes", *ch.DurationMinutes); err != nil {
				return err
			}
		}
		if ch.EndDate != nil {
			if err := changeSeriesEnd(ctx, tx, ms, *ch.EndDate, today); err != nil {
				return err
			}
		}
		if ch.ParticipantIDs != nil {
			if ms.Kind == KindReflektion && len(*ch.ParticipantIDs) > 0 {
				return &InvalidError{Field: "participant_ids", Description: "a reflection talk is for the chair and the director alone"}
			}
			if err := setParticipants(ctx, tx, id, ms.TermID, *ch.ParticipantIDs); err != nil {
				return err
			}
		}
		return auditTx(ctx, tx, s.now(), actor, "meeting_series.update", true, fmt.Sprintf("meeting_series:%d", id))
	})
	if err != nil {
		return MeetingSeries{}, err
	}
	return s.MeetingSeries(ctx, Viewer{PersonID: actor.PersonID}, id)
}

func changeSeriesEnd(ctx context.Context, tx *sql.Tx, ms MeetingSeries, end, today string) error {
	var termEnd string
	if err := tx.QueryRowContext(ctx, `SELECT end_date FROM terms WHERE id = ?`, ms.TermID).Scan(&termEnd); err != nil {
		return err
	}
	if _, err := time.Parse(time.DateOnly, end); err != nil || end < ms.StartDate || end > termEnd {
		return &InvalidError{Field: "end_date", Description: fmt.Sprintf("must be a date between %s and the end of the term %s", ms.StartDate, termEnd)}
	}
	if end < ms.EndDate {
		// Only empty, scheduled occurrences may go: anything written on one stays.
		var n int
		err := tx.QueryRowContext(ctx, `
			SELECT count(*) FROM meetings m WHERE m.series_id = ? AND m.date > ?
			  AND (m.state <> 1 OR EXISTS (SELECT 1 FROM agenda_items WHERE meeting_id = m.id)
			       OR EXISTS (SELECT 1 FROM meeting_notes WHERE meeting_id = m.id))`, ms.ID, end).Scan(&n)
		if err != nil {
			return err
		}
		if n > 0 {
			return fmt.Errorf("%w: meetings after %s have content", ErrConflict, end)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM meetings WHERE series_id = ? AND date > ?`, ms.ID, end); err != nil {
			return err
		}
	} else if end > ms.EndDate && ms.IntervalWeeks > 0 {
		var from []string
		for _, d := range OccurrenceDates(ms.StartDate, end, ms.IntervalWeeks) {
			if d > ms.EndDate && d >= today {
				from = append(from, d)
			}
		}
		if len(from) > 0 {
			if err := scheduleOccurrences(ctx, tx, ms.ID, from[0], end, ms.IntervalWeeks, ms.StartTime, ms.DurationMinutes, ms.Place); err != nil {
				return err
			}
		}
	}
	_, err := tx.ExecContext(ctx, `UPDATE meeting_series SET end_date = ? WHERE id = ?`, end, ms.ID)
	return err
}

// MeetingFilter narrows ListMeetings.
type MeetingFilter struct {
	OrganizationID int64 // zero: all
	SeriesID       int64 // zero: all
	FromDate       string
	ToDate         string
	NewestFirst    bool
}

// ListMeetings lists the meetings the viewer may see, by date and time.
func (s *Store) ListMeetings(ctx context.Context, viewer Viewer, f MeetingFilter, p Page) ([]Meeting, string, error) {
	if err := s.checkOrg(ctx, viewer, f.OrganizationID); err != nil {
		return nil, "", err
	}
	c, err := p.cursor()
	if err != nil {
		return nil, "", err
	}
	to := f.ToDate
	if to == "" {
		to = "9999-12-31"
	}
	order, after := `ASC`, `(m.date || ' ' || m.start_time, m.id) > (@key, @after)`
	if f.NewestFirst {
		order, after = `DESC`, `(m.date || ' ' || m.start_time, m.id) < (@key, @after)`
		if c.Key == "" {
			c.Key, c.ID = "9999-12-31 99:99", 1<<62
		}
	}
	out, err := query(ctx, s.r, scanMeeting(s.today()), selectMeetings(seesMeeting+` AND `+inOrg+` AND (@series = 0 OR m.series_id = @series)
		  AND m.date >= @from AND m.date <= @to AND `+after,
		`m.date `+order+`, m.start_time `+order+`, m.id `+order, `@limit`),
		sql.Named("viewer", viewer.PersonID), sql.Named("org", f.OrganizationID), sql.Named("series", f.SeriesID),
		sql.Named("from", f.FromDate), sql.Named("to", to), sql.Named("key", c.Key), sql.Named("after", c.ID),
		sql.Named("limit", p.size()+1))
	if err != nil {
		return nil, "", fmt.Errorf("list meetings: %w", err)
	}
	out, next := trim(out, p, func(m Meeting) cursor { return cursor{Key: m.Date + " " + m.StartTime, ID: m.ID} })
	return out, next, nil
}

// MeetingChange holds the fields of one occurrence to change; nil means unchanged.
type MeetingChange struct {
	Date            *string
	StartTime       *string
	DurationMinutes *int32
	Place           *string
}

// UpdateMeeting moves one scheduled occurrence.
func (s *Store) UpdateMeeting(ctx context.Context, actor Actor, id int64, ch MeetingChange) (Meeting, error) {
	if ch.Date != nil {
		if _, err := time.Parse(time.DateOnly, *ch.Date); err != nil {
			return Meeting{}, &InvalidError{Field: "date", Description: "is not a date"}
		}
	}
	if ch.StartTime != nil && !clockTime.MatchString(*ch.StartTime) {
		return Meeting{}, &InvalidError{Field: "start_time", Description: "is not a time of day as HH:MM"}
	}
	if ch.DurationMinutes != nil && *ch.DurationMinutes <= 0 {
		return Meeting{}, &InvalidError{Field: "duration_minutes", Description: "must be positive"}
	}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		m, err := meetingForWrite(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		if m.State != MeetingScheduled {
			return fmt.Errorf("%w: only a scheduled meeting can be moved", ErrConflict)
		}
		if ch.Date != nil {
			var start, end string
			if err := tx.QueryRowContext(ctx, `SELECT start_date, end_date FROM terms WHERE id = ?`, m.TermID).Scan(&start, &end); err != nil {
				return err
			}
			if *ch.Date < start || *ch.Date > end {
				return &InvalidError{Field: "date", Description: fmt.Sprintf("must lie within the term %s–%s", start, end)}
			}
		}
		var sets []columnValue
		if ch.Date != nil {
			sets = append(sets, columnValue{"date", *ch.Date})
		}
		if ch.StartTime != nil {
			sets = append(sets, columnValue{"start_time", *ch.StartTime})
		}
		if ch.DurationMinutes != nil {
			sets = append(sets, columnValue{"duration_minutes", *ch.DurationMinutes})
		}
		if ch.Place != nil {
			sets = append(sets, columnValue{"place", *ch.Place})
		}
		if err := setColumns(ctx, tx, "meetings", id, sets); err != nil {
			return err
		}
		return auditTx(ctx, tx, s.now(), actor, "meeting.update", true, fmt.Sprintf("meeting:%d", id))
	})
	if err != nil {
		return Meeting{}, err
	}
	return s.Meeting(ctx, Viewer{PersonID: actor.PersonID}, id)
}

// columnValue is one column to set; the column name is always a constant of ours.
type columnValue struct {
	column string
	value  any
}

// setColumns updates the columns of row id of table (a constant of ours) one by one.
func setColumns(ctx context.Context, tx *sql.Tx, table string, id int64, sets []columnValue) error {
	for _, cv := range sets {
		if _, err := tx.ExecContext(ctx, `UPDATE `+table+` SET `+cv.column+` = ? WHERE id = ?`, cv.value, id); err != nil {
			return fmt.Errorf("update %s.%s: %w", table, cv.column, err)
		}
	}
	return nil
}

// HoldMeeting records that a scheduled (or missed) meeting took place. Holding a held
// meeting again changes nothing.
func (s *Store) HoldMeeting(ctx context.Context, actor Actor, id int64) (Meeting, error) {
	return s.changeState(ctx, actor, id, MeetingHeld, "", "meeting.hold")
}

// CancelMeeting records that a scheduled meeting will not take place, and why.
func (s *Store) CancelMeeting(ctx context.Context, actor Actor, id int64, reason string) (Meeting, error) {
	if strings.TrimSpace(reason) == "" {
		return Meeting{}, &InvalidError{Field: "reason", Description: "is empty"}
	}
	return s.changeState(ctx, actor, id, MeetingCancelled, reason, "meeting.cancel")
}

func (s *Store) changeState(ctx context.Context, actor Actor, id int64, state int32, reason, action string) (Meeting, error) {
	err := s.tx(ctx, func(tx *sql.Tx) error {
		m, err := meetingForWrite(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		if m.State == state {
			return nil
		}
		if m.State != MeetingScheduled {
			return fmt.Errorf("%w: the meeting is already %s", ErrConflict, stateName(m.State))
		}
		_, err = tx.ExecContext(ctx, `UPDATE meetings SET state = ?, cancel_reason = ?, state_changed_at = ?, state_changed_by = ? WHERE id = ?`,
			state, reason, millis(s.now()), actor.PersonID, id)
		if err != nil {
			return err
		}
		return auditTx(ctx, tx, s.now(), actor, action, true, fmt.Sprintf("meeting:%d", id))
	})
	if err != nil {
		return Meeting{}, err
	}
	return s.Meeting(ctx, Viewer{PersonID: actor.PersonID}, id)
}

func stateName(state int32) string {
	switch state {
	case MeetingHeld:
		return "held"
	case MeetingCancelled:
		return "cancelled"
	}
	return "scheduled"
}

// FinalizeMeeting approves a held meeting's notes (justering). From then on its shared
// notes, decisions and action item texts change only by a correction that keeps the
// earlier text; the approval is a records event and goes to the audit log. Approving
// again changes nothing.
func (s *Store) FinalizeMeeting(ctx context.Context, actor Actor, id int64) (Meeting, error) {
	err := s.tx(ctx, func(tx *sql.Tx) error {
		m, err := meetingForWrite(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		switch {
		case m.Finalized:
			return nil // approving twice changes nothing
		case m.State != MeetingHeld:
			return fmt.Errorf("%w: only a held meeting's notes can be finalised", ErrConflict)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE meetings SET finalized_at = ?, finalized_by = ? WHERE id = ?`, millis(s.now()), actor.PersonID, id); err != nil {
			return err
		}
		return auditTx(ctx, tx, s.now(), actor, "meeting.finalize", true, fmt.Sprintf("meeting:%d", id))
	})
	if err != nil {
		return Meeting{}, err
	}
	return s.Meeting(ctx, Viewer{PersonID: actor.PersonID}, id)
}

// Today is the store's calendar day in Sweden (its clock may be a test's), as YYYY-MM-DD.
func (s *Store) Today() string { return s.today() }

// Now is the store's clock.
func (s *Store) Now() time.Time { return s.now() }
