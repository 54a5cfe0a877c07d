package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// ReflectionQuestions are the five questions the report ends with ("råd på vägen"),
// asked at every reflection talk. Question n is ReflectionQuestions[n-1].
var ReflectionQuestions = []string{
	"Är strukturen tillräckligt stabil för nödvändig improvisation?",
	"Är det kris eller vardag?",
	"Gör ni det ni säger?",
	"Har ni förtroende för varandra?",
	"Sätter ni av tid för reflektion om ert samspel?",
}

// ReflectionAnswer is one answer to question Question (1 to 5).
type ReflectionAnswer struct {
	Question int32
	Text     string
}

// ReflectionParty is one party's part of a talk, as the viewer may see it.
type ReflectionParty struct {
	Person     Person
	Answered   bool
	AnsweredAt time.Time
	Shares     bool // for the other party: told only once both have answered
	Answers    []ReflectionAnswer
}

// Reflection is a reflection talk as the viewer sees it.
type Reflection struct {
	Mine  ReflectionParty
	Other ReflectionParty // zero Person when the talk has no second party
}

// reflectionFor reads the talk's meeting and its two parties: the chair and the director
// of its day. The viewer must be one of them; anyone else is told it does not exist.
func reflectionFor(ctx context.Context, q querier, viewer int64, meetingID int64) (meetingRow, Person, Person, error) {
	var m meetingRow
	err := q.QueryRowContext(ctx, `
		SELECT m.id, m.series_id, ms.organization_id, ms.term_id, ms.kind, m.date, m.start_time, m.state, m.finalized_at IS NOT NULL
		FROM meetings m JOIN meeting_series ms ON ms.id = m.series_id
		WHERE m.id = @id AND `+seesMeeting, sql.Named("id", meetingID), sql.Named("viewer", viewer)).
		Scan(&m.ID, &m.SeriesID, &m.OrganizationID, &m.TermID, &m.Kind, &m.Date, &m.StartTime, &m.State, &m.Finalized)
	if errors.Is(err, sql.ErrNoRows) {
		return m, Person{}, Person{}, ErrNotFound
	}
	if err != nil {
		return m, Person{}, Person{}, fmt.Errorf("select meeting: %w", err)
	}
	if m.Kind != KindReflektion {
		return m, Person{}, Person{}, &InvalidError{Field: "meeting_id", Description: "is not a reflection talk"}
	}
	parties, err := query(ctx, q, scanPerson, `
		SELECT p.id, p.email, p.display_name FROM role_assignments ra JOIN people p ON p.id = ra.person_id
		WHERE ra.term_id = @term AND ra.role IN (1, 2) AND ra.start_date <= @date AND (ra.end_date IS NULL OR ra.end_date >= @date)
		ORDER BY ra.role, ra.id`, sql.Named("term", m.TermID), sql.Named("date", m.Date))
	if err != nil {
		return m, Person{}, Person{}, err
	}
	var me, other Person
	for _, p := range parties {
		switch {
		case p.ID == viewer:
			me = p
		case other.ID == 0:
			other = p
		}
	}
	if me.ID == 0 {
		return m, Person{}, Person{}, ErrNotFound
	}
	return m, me, other, nil
}

// Reflection returns a talk as the viewer may see it: their own answers always, the other
// party's only when both have submitted and both share. That rule is in the SQL below,
// so no caller can forget it.
func (s *Store) Reflection(ctx context.Context, viewer Viewer, meetingID int64) (Reflection, error) {
	tx, err := s.beginRead(ctx)
	if err != nil {
		return Reflection{}, err
	}
	defer tx.Rollback()
	return reflection(ctx, tx, viewer.PersonID, meetingID)
}

func reflection(ctx context.Context, q querier, viewer, meetingID int64) (Reflection, error) {
	_, me, other, err := reflectionFor(ctx, q, viewer, meetingID)
	if err != nil {
		return Reflection{}, err
	}
	r := Reflection{Mine: ReflectionParty{Person: me}, Other: ReflectionParty{Person: other}}
	for _, p := range []*ReflectionParty{&r.Mine, &r.Other} {
		if p.Person.ID == 0 {
			continue
		}
		var at int64
		err := q.QueryRowContext(ctx, `SELECT submitted_at, share FROM reflection_submissions WHERE meeting_id = ? AND person_id = ?`,
			meetingID, p.Person.ID).Scan(&at, &p.Shares)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return Reflection{}, err
		}
		if err == nil {
			p.Answered, p.AnsweredAt = true, fromMillis(at)
		}
	}
	if !r.Mine.Answered || !r.Other.Answered {
		r.Other.Shares = false // not told until both have answered
	}
	scanAnswer := func(sc scanner) (a ReflectionAnswer, err error) { return a, sc.Scan(&a.Question, &a.Text) }
	if r.Mine.Answers, err = query(ctx, q, scanAnswer, `
		SELECT question, text FROM reflection_answers WHERE meeting_id = ? AND person_id = ? ORDER BY question`,
		meetingID, viewer); err != nil {
		return Reflection{}, err
	}
	if other.ID != 0 {
		r.Other.Answers, err = query(ctx, q, scanAnswer, `
			SELECT a.question, a.text FROM reflection_answers a
			WHERE a.meeting_id = @meeting AND a.person_id = @other
			  AND EXISTS (SELECT 1 FROM reflection_submissions s WHERE s.meeting_id = @meeting AND s.person_id = @other AND s.share = 1)
			  AND EXISTS (SELECT 1 FROM reflection_submissions s WHERE s.meeting_id = @meeting AND s.person_id = @viewer AND s.share = 1)
			ORDER BY a.question`, sql.Named("meeting", meetingID), sql.Named("other", other.ID), sql.Named("viewer", viewer))
		if err != nil {
			return Reflection{}, err
		}
	}
	return r, nil
}

// SaveReflectionAnswers stores the viewer's draft answers; once submitted they are fixed.
func (s *Store) SaveReflectionAnswers(ctx context.Context, actor Actor, meetingID int64, answers []ReflectionAnswer) (Reflection, error) {
	for _, a := range answers {
		if a.Question < 1 || int(a.Question) > len(ReflectionQuestions) {
			return Reflection{}, &InvalidError{Field: "answers", Description: "question numbers run from 1 to 5"}
		}
	}
	var r Reflection
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if _, _, _, err := reflectionFor(ctx, tx, actor.PersonID, meetingID); err != nil {
			return err
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM reflection_submissions WHERE meeting_id = ? AND person_id = ?`,
			meetingID, actor.PersonID).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return fmt.Errorf("%w: your answers are already submitted", ErrConflict)
		}
		for _, a := range answers {
			_, err := tx.ExecContext(ctx, `
				INSERT INTO reflection_answers (meeting_id, person_id, question, text, updated_at) VALUES (?, ?, ?, ?, ?)
				ON CONFLICT (meeting_id, person_id, question) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at`,
				meetingID, actor.PersonID, a.Question, a.Text, millis(s.now()))
			if err != nil {
				return fmt.Errorf("save reflection answer: %w", err)
			}
		}
		var err error
		r, err = reflection(ctx, tx, actor.PersonID, meetingID)
		return err
	})
	return r, err
}

// SubmitReflection marks the viewer's answers as given, with the choice to share them;
// for someone who already submitted it changes only that choice.
func (s *Store) SubmitReflection(ctx context.Context, actor Actor, meetingID int64, share bool) (Reflection, error) {
	var r Reflection
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if _, _, _, err := reflectionFor(ctx, tx, actor.PersonID, meetingID); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `
			INSERT INTO reflection_submissions (meeting_id, person_id, submitted_at, share) VALUES (?, ?, ?, ?)
			ON CONFLICT (meeting_id, person_id) DO UPDATE SET share = excluded.share`,
			meetingID, actor.PersonID, millis(s.now()), share)
		if err != nil {
			return fmt.Errorf("submit reflection: %w", err)
		}
		if err := auditTx(ctx, tx, s.now(), actor, "reflection.submit", true, fmt.Sprintf("meeting:%d", meetingID)); err != nil {
			return err
		}
		r, err = reflection(ctx, tx, actor.PersonID, meetingID)
		return err
	})
	return r, err
}
