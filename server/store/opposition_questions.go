package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Question is an opposition party's question (fråga) and its answer (svar).
type Question struct {
	ID             int64
	OrganizationID int64
	Party          string
	AskedBy        Person
	AskedAt        time.Time
	Body           string
	BudgetWork     bool
	Released       bool
	Owner          Person // zero until assigned
	DueDate        string
	Answer         string
	AnsweredBy     Person
	AnsweredAt     time.Time // zero until answered
	Overdue        bool
}

// Status is how far the question has come.
func (q Question) Status() int32 {
	switch {
	case !q.AnsweredAt.IsZero():
		return QuestionAnswered
	case q.Owner.ID != 0:
		return QuestionAssigned
	}
	return QuestionAsked
}

// seesQuestion is the one condition on who sees question q. The administration (the
// director and the staff) sees all; the asking party its own; the chair and the majority
// those that are not budget work, or that the party released. Nobody else, and no other
// opposition party, learns that a question exists.
const seesQuestion = `(@admin = 1 OR q.party = @party OR (@majority = 1 AND (q.budget_work = 0 OR q.released_at IS NOT NULL)))`

func (o oppStanding) questionArgs(more ...any) []any {
	return append([]any{sql.Named("admin", b2i(o.administration())), sql.Named("party", o.party),
		sql.Named("majority", b2i(o.chair || o.majority))}, more...)
}

const questionColumns = `q.id, q.organization_id, q.party, ` + `coalesce(ap.id, 0), coalesce(ap.email, ''), coalesce(ap.display_name, ''), ` +
	`q.asked_at, q.body, q.budget_work, q.released_at IS NOT NULL, ` +
	`coalesce(op.id, 0), coalesce(op.email, ''), coalesce(op.display_name, ''), coalesce(q.due_date, ''), q.answer, ` +
	`coalesce(wp.id, 0), coalesce(wp.email, ''), coalesce(wp.display_name, ''), coalesce(q.answered_at, 0)`

const questionFrom = `opposition_questions q JOIN people ap ON ap.id = q.asked_by
	LEFT JOIN people op ON op.id = q.owner_id LEFT JOIN people wp ON wp.id = q.answered_by`

func scanQuestion(today string) func(scanner) (Question, error) {
	return func(sc scanner) (Question, error) {
		var q Question
		var asked, answered int64
		err := sc.Scan(&q.ID, &q.OrganizationID, &q.Party, &q.AskedBy.ID, &q.AskedBy.Email, &q.AskedBy.DisplayName,
			&asked, &q.Body, &q.BudgetWork, &q.Released, &q.Owner.ID, &q.Owner.Email, &q.Owner.DisplayName, &q.DueDate, &q.Answer,
			&q.AnsweredBy.ID, &q.AnsweredBy.Email, &q.AnsweredBy.DisplayName, &answered)
		q.AskedAt = fromMillis(asked)
		q.AnsweredAt = optMillis(answered)
		q.Overdue = answered == 0 && q.DueDate != "" && q.DueDate < today
		return q, err
	}
}

// questionOrg finds the organisation of a question, or ErrNotFound.
func questionOrg(ctx context.Context, q querier, id int64) (int64, error) {
	var org int64
	err := q.QueryRowContext(ctx, `SELECT organization_id FROM opposition_questions WHERE id = ?`, id).Scan(&org)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, ErrNotFound
	}
	return org, err
}

// question reads one question as o may see it.
func (s *Store) question(ctx context.Context, db querier, o oppStanding, id int64) (Question, error) {
	q, err := scanQuestion(s.today())(db.QueryRowContext(ctx, `SELECT `+questionColumns+` FROM `+questionFrom+`
		WHERE q.id = @id AND `+seesQuestion, o.questionArgs(sql.Named("id", id))...))
	if errors.Is(err, sql.ErrNoRows) {
		return Question{}, ErrNotFound
	}
	if err != nil {
		return Question{}, fmt.Errorf("select question: %w", err)
	}
	return q, nil
}

// Question returns one question the viewer may see.
func (s *Store) Question(ctx context.Context, viewer Viewer, id int64) (Question, error) {
	org, err := questionOrg(ctx, s.r, id)
	if err != nil {
		return Question{}, err
	}
	o, err := oppositionStanding(ctx, s.r, viewer.PersonID, org, s.today())
	if err != nil {
		return Question{}, err
	}
	return s.question(ctx, s.r, o, id)
}

// QuestionFilter selects questions.
type QuestionFilter struct {
	OrganizationID int64
	OverdueOnly    bool
	Query          string // words that must all occur in the question or its answer
}

// ListQuestions lists the questions the viewer may see, newest first.
func (s *Store) ListQuestions(ctx context.Context, viewer Viewer, f QuestionFilter, p Page) ([]Question, string, error) {
	c, err := p.cursor()
	if err != nil {
		return nil, "", err
	}
	o, err := s.oppositionViewer(ctx, viewer, f.OrganizationID)
	if err != nil {
		return nil, "", err
	}
	today := s.today()
	where := ""
	args := o.questionArgs(sql.Named("org", f.OrganizationID), sql.Named("overdue", b2i(f.OverdueOnly)),
		sql.Named("today", today), sql.Named("before", beforeID(c)), sql.Named("limit", p.size()+1))
	for i, w := range strings.Fields(f.Query) {
		if i == 8 {
			break
		}
		name := fmt.Sprintf("w%d", i)
		where += ` AND (fold(q.body) LIKE @` + name + ` ESCAPE '\' OR fold(q.answer) LIKE @` + name + ` ESCAPE '\')`
		esc := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(strings.ToLower(w))
		args = append(args, sql.Named(name, "%"+esc+"%"))
	}
	out, err := query(ctx, s.r, scanQuestion(today), `SELECT `+questionColumns+` FROM `+questionFrom+`
		WHERE q.organization_id = @org AND `+seesQuestion+` AND q.id < @before
		  AND (@overdue = 0 OR (q.answered_at IS NULL AND q.due_date < @today))`+where+`
		ORDER BY q.id DESC LIMIT @limit`, args...)
	if err != nil {
		return nil, "", fmt.Errorf("list questions: %w", err)
	}
	out, next := trim(out, p, func(q Question) cursor { return cursor{ID: q.ID} })
	return out, next, nil
}

// AskQuestion stores a question from an opposition member on behalf of their party.
func (s *Store) AskQuestion(ctx context.Context, actor Actor, orgID int64, body string, budgetWork bool) (Question, error) {
	body = strings.TrimSpace(body)
	if body == "" {
		return Question{}, &InvalidError{Field: "body", Description: "is empty"}
	}
	var id int64
	var o oppStanding
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var err error
		o, err = oppositionStanding(ctx, tx, actor.PersonID, orgID, s.today())
		if err != nil {
			return err
		}
		if o.party == "" {
			return ErrPermission
		}
		res, err := tx.ExecContext(ctx, `
			INSERT INTO opposition_questions (organization_id, term_id, party, asked_by, asked_at, body, budget_work)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, orgID, o.term, o.party, actor.PersonID, millis(s.now()), body, budgetWork)
		if err != nil {
			return fmt.Errorf("insert question: %w", err)
		}
		id, _ = res.LastInsertId()
		return auditTx(ctx, tx, s.now(), actor, "question.ask", true, fmt.Sprintf("question:%d", id))
	})
	if err != nil {
		return Question{}, err
	}
	return s.question(ctx, s.r, o, id)
}

// questionWrite reads the question in tx as the actor may see it, with their standing.
func (s *Store) questionWrite(ctx context.Context, tx *sql.Tx, actor Actor, id int64) (Question, oppStanding, error) {
	org, err := questionOrg(ctx, tx, id)
	if err != nil {
		return Question{}, oppStanding{}, err
	}
	o, err := oppositionStanding(ctx, tx, actor.PersonID, org, s.today())
	if err != nil {
		return Question{}, oppStanding{}, err
	}
	q, err := s.question(ctx, tx, o, id)
	return q, o, err
}

// AssignQuestion gives a question an owner among the staff and a due date; only the director may.
func (s *Store) AssignQuestion(ctx context.Context, actor Actor, id, ownerID int64, due string) (Question, error) {
	if !validDate(due) {
		return Question{}, &InvalidError{Field: "due_date", Description: "is not a date"}
	}
	var o oppStanding
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var err error
		var q Question
		q, o, err = s.questionWrite(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		if !o.director {
			return ErrPermission
		}
		if q.Status() == QuestionAnswered {
			return fmt.Errorf("%w: the question is answered", ErrConflict)
		}
		roles, err := rolesOn(ctx, tx, ownerID, o.term, s.today())
		if err != nil {
			return err
		}
		if !roles[RoleStaff] {
			return &InvalidError{Field: "owner_person_id", Description: "the owner must hold the staff role today"}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE opposition_questions SET owner_id = ?, due_date = ? WHERE id = ?`, ownerID, due, id); err != nil {
			return fmt.Errorf("assign question: %w", err)
		}
		return auditTx(ctx, tx, s.now(), actor, "question.assign", true, fmt.Sprintf("question:%d", id))
	})
	if err != nil {
		return Question{}, err
	}
	return s.question(ctx, s.r, o, id)
}

// AnswerQuestion records the answer of the question's owner or the director.
func (s *Store) AnswerQuestion(ctx context.Context, actor Actor, id int64, answer string) (Question, error) {
	answer = strings.TrimSpace(answer)
	if answer == "" {
		return Question{}, &InvalidError{Field: "answer", Description: "is empty"}
	}
	var o oppStanding
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var err error
		var q Question
		q, o, err = s.questionWrite(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		if !o.director && !(o.staff && (q.Owner.ID == actor.PersonID || q.Owner.ID == 0)) {
			return ErrPermission
		}
		_, err = tx.ExecContext(ctx, `UPDATE opposition_questions SET answer = ?, answered_by = ?, answered_at = ?,
			owner_id = coalesce(owner_id, ?) WHERE id = ?`, answer, actor.PersonID, millis(s.now()), actor.PersonID, id)
		if err != nil {
			return fmt.Errorf("answer question: %w", err)
		}
		return auditTx(ctx, tx, s.now(), actor, "question.answer", true, fmt.Sprintf("question:%d", id))
	})
	if err != nil {
		return Question{}, err
	}
	return s.question(ctx, s.r, o, id)
}

// ReleaseQuestion lets the asking party show a budget-work question to the chair and the majority.
func (s *Store) ReleaseQuestion(ctx context.Context, actor Actor, id int64) (Question, error) {
	var o oppStanding
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var err error
		var q Question
		q, o, err = s.questionWrite(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		if o.party != q.Party {
			return ErrPermission
		}
		if q.Released {
			return nil
		}
		if _, err := tx.ExecContext(ctx, `UPDATE opposition_questions SET released_at = ? WHERE id = ?`, millis(s.now()), id); err != nil {
			return fmt.Errorf("release question: %w", err)
		}
		return auditTx(ctx, tx, s.now(), actor, "question.release", true, fmt.Sprintf("question:%d", id))
	})
	if err != nil {
		return Question{}, err
	}
	return s.question(ctx, s.r, o, id)
}
