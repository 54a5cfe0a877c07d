package store

import (
	"time"
)

// Seeder methods for meeting content. They write rows as they are, without the rules the
// store's own methods check (the demo knows its data is sound), so a term of weekly
// check-ins seeds in one transaction in milliseconds.

// Today is the seed's calendar day in Sweden, for content laid out around "now".
func (b *Seeder) Today() string { return fromMillis(b.now).In(stockholm).Format(time.DateOnly) }

// At returns the instant of a Swedish local day and time ("2024-03-11", "08:00"), for
// timestamps of seeded content.
func At(day, clock string) int64 {
	t, err := time.ParseInLocation("2006-01-02 15:04", day+" "+clock, stockholm)
	if err != nil {
		return 0
	}
	return millis(t)
}

// SeedSeries describes a meeting series to seed.
type SeedSeries struct {
	OrganizationID, TermID int64
	Kind                   int32
	Title, Place           string
	StartTime              string
	DurationMinutes        int32
	IntervalWeeks          int32
	StartDate, EndDate     string
	Participants           []int64
	CreatedBy              int64
}

// Series adds a series and schedules its occurrences. It returns the series id and the
// meeting ids in date order, with their dates.
func (b *Seeder) Series(s SeedSeries) (int64, []SeedMeeting) {
	start, err := time.Parse(time.DateOnly, s.StartDate)
	if err != nil && b.err == nil {
		b.err = err
	}
	id := b.insert(`
		INSERT INTO meeting_series (organization_id, term_id, kind, title, place, weekday, start_time, duration_minutes,
		                            interval_weeks, start_date, end_date, created_at, created_by)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		s.OrganizationID, s.TermID, s.Kind, s.Title, s.Place, isoWeekday(start), s.StartTime, s.DurationMinutes,
		s.IntervalWeeks, s.StartDate, s.EndDate, At(s.StartDate, "07:00")-7*24*3600*1000, nullID(s.CreatedBy))
	for _, p := range s.Participants {
		b.insert(`INSERT INTO meeting_participants (series_id, person_id) VALUES (?, ?)`, id, p)
	}
	var out []SeedMeeting
	for _, d := range OccurrenceDates(s.StartDate, s.EndDate, s.IntervalWeeks) {
		mid := b.insert(`INSERT INTO meetings (series_id, date, start_time, duration_minutes, place) VALUES (?, ?, ?, ?, ?)`,
			id, d, s.StartTime, s.DurationMinutes, s.Place)
		out = append(out, SeedMeeting{ID: mid, SeriesID: id, Date: d, StartTime: s.StartTime})
	}
	return id, out
}

// SeedMeeting is a seeded occurrence.
type SeedMeeting struct {
	ID, SeriesID    int64
	Date, StartTime string
}

// Hold marks a meeting held by a person.
func (b *Seeder) Hold(m SeedMeeting, by int64) {
	b.insert(`UPDATE meetings SET state = 2, state_changed_at = ?, state_changed_by = ? WHERE id = ?`, At(m.Date, m.StartTime), by, m.ID)
}

// Cancel marks a meeting cancelled with a reason.
func (b *Seeder) Cancel(m SeedMeeting, by int64, reason string) {
	b.insert(`UPDATE meetings SET state = 3, cancel_reason = ?, state_changed_at = ?, state_changed_by = ? WHERE id = ?`,
		reason, At(m.Date, "07:00")-3*24*3600*1000, by, m.ID)
}

// Finalize approves a meeting's notes at an instant.
func (b *Seeder) Finalize(m SeedMeeting, by int64, at int64) {
	b.insert(`UPDATE meetings SET finalized_at = ?, finalized_by = ? WHERE id = ?`, at, by, m.ID)
}

// AgendaItem puts an item on a meeting; it returns the item's id.
func (b *Seeder) AgendaItem(m SeedMeeting, title, description string, by int64, at int64) int64 {
	return b.insert(`
		INSERT INTO agenda_items (meeting_id, series_id, title, description, added_by, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
		m.ID, m.SeriesID, title, description, by, at)
}

// CloseItem closes an item at a meeting.
func (b *Seeder) CloseItem(item int64, m SeedMeeting, by int64) {
	b.insert(`UPDATE agenda_items SET closed_meeting_id = ?, closed_at = ?, closed_by = ? WHERE id = ?`,
		m.ID, At(m.Date, m.StartTime)+45*60*1000, by, item)
}

// Note writes a note on a meeting (item zero: on the meeting as a whole).
func (b *Seeder) Note(m SeedMeeting, item int64, author int64, body string, private bool) int64 {
	at := At(m.Date, m.StartTime) + 30*60*1000
	return b.insert(`
		INSERT INTO meeting_notes (meeting_id, agenda_item_id, author_id, body, private, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, m.ID, nullID(item), author, body, private, at, at)
}

// Decision writes down a decision; takenBy zero means both together.
func (b *Seeder) Decision(m SeedMeeting, item int64, text string, takenBy, recordedBy int64) int64 {
	return b.insert(`
		INSERT INTO meeting_decisions (meeting_id, agenda_item_id, text, taken_by, recorded_by, created_at)
		VALUES (?, ?, ?, ?, ?, ?)`, m.ID, nullID(item), text, nullID(takenBy), recordedBy, At(m.Date, m.StartTime)+40*60*1000)
}

// Action writes down an action item; closedDate is empty for an open one.
func (b *Seeder) Action(m SeedMeeting, item int64, text string, owner int64, due string, status int32, closedDate string, by int64) int64 {
	return b.insert(`
		INSERT INTO action_items (meeting_id, series_id, agenda_item_id, text, owner_id, due_date, status, closed_date, created_by, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		m.ID, m.SeriesID, nullID(item), text, owner, nullString(due), status, nullString(closedDate), by, At(m.Date, m.StartTime)+50*60*1000)
}

// Revision keeps the earlier text of a corrected entry.
func (b *Seeder) Revision(m SeedMeeting, entity string, id int64, previous, reason string, by int64, at int64) {
	b.insert(`
		INSERT INTO meeting_revisions (meeting_id, entity, entity_id, previous_text, reason, revised_by, revised_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, m.ID, entity, id, previous, reason, by, at)
}

// ReflectionAnswer stores one party's answer to question n.
func (b *Seeder) ReflectionAnswer(m SeedMeeting, person int64, n int32, text string) {
	b.insert(`INSERT INTO reflection_answers (meeting_id, person_id, question, text, updated_at) VALUES (?, ?, ?, ?, ?)`,
		m.ID, person, n, text, At(m.Date, m.StartTime))
}

// ReflectionSubmit marks a party's answers given, shared or not.
func (b *Seeder) ReflectionSubmit(m SeedMeeting, person int64, share bool) {
	b.insert(`INSERT INTO reflection_submissions (meeting_id, person_id, submitted_at, share) VALUES (?, ?, ?, ?)`,
		m.ID, person, At(m.Date, m.StartTime)+90*60*1000, share)
}

// SeedPoliticalDecision describes a followed-up decision to seed.
type SeedPoliticalDecision struct {
	OrganizationID, TermID int64
	Body, DecisionDate     string
	Paragraph              int32
	Title, Description     string
	Responsible            int64
	ExpectedDate           string
	CreatedBy              int64
}

// PoliticalDecision adds a decision to follow up, not started; Report moves it on.
func (b *Seeder) PoliticalDecision(d SeedPoliticalDecision) int64 {
	at := At(d.DecisionDate, "16:00")
	return b.insert(`
		INSERT INTO political_decisions (organization_id, term_id, body, decision_date, paragraph, title, description,
		                                 responsible_id, expected_date, status, status_at, created_at, created_by)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)`,
		d.OrganizationID, d.TermID, d.Body, d.DecisionDate, d.Paragraph, d.Title, d.Description,
		nullID(d.Responsible), nullString(d.ExpectedDate), at, at, nullID(d.CreatedBy))
}

// Report adds a status report to a decision on a day.
func (b *Seeder) Report(decision int64, status int32, comment string, author int64, day string) {
	at := At(day, "10:00")
	b.insert(`INSERT INTO political_decision_updates (decision_id, status, comment, author_id, created_at) VALUES (?, ?, ?, ?, ?)`,
		decision, status, comment, author, at)
	b.insert(`UPDATE political_decisions SET status = ?, status_at = ?, latest_comment = ? WHERE id = ?`, status, at, comment, decision)
}
