package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Political decision statuses, as in samspel.v1.PoliticalDecisionStatus.
const (
	DecisionNotStarted = 1
	DecisionInProgress = 2
	DecisionDone       = 3
	DecisionCancelled  = 4
)

// PoliticalDecision is a decision of the board or the council that is followed up.
type PoliticalDecision struct {
	ID             int64
	OrganizationID int64
	TermID         int64
	Body           string // "KS", "KF", …
	DecisionDate   string
	Paragraph      int32
	Title          string
	Description    string
	Responsible    Person // zero when nobody is named
	ExpectedDate   string // empty when none
	Status         int32
	Overdue        bool
	LatestComment  string
	StatusAt       time.Time
}

// Reference is how people write the decision: "KS 2024-03-12 § 45".
func (d PoliticalDecision) Reference() string {
	return fmt.Sprintf("%s %s § %d", d.Body, d.DecisionDate, d.Paragraph)
}

// PoliticalDecisionUpdate is one status report.
type PoliticalDecisionUpdate struct {
	ID        int64
	Status    int32
	Comment   string
	Author    Person
	CreatedAt time.Time
}

// seesDecisions is the condition under which @viewer may follow up the decisions of
// organisation pd.organization_id: the chair, the director, the majority and staff.
const seesDecisions = `EXISTS (SELECT 1 FROM role_assignments ra
	WHERE ra.organization_id = pd.organization_id AND ra.person_id = @viewer AND ra.role IN (1, 2, 3, 5))`

const politicalDecisionColumns = `pd.id, pd.organization_id, pd.term_id, pd.body, pd.decision_date, pd.paragraph, pd.title,
	pd.description, coalesce(rp.id, 0), coalesce(rp.email, ''), coalesce(rp.display_name, ''), coalesce(pd.expected_date, ''),
	pd.status, pd.latest_comment, pd.status_at`

const politicalDecisionFrom = `political_decisions pd LEFT JOIN people rp ON rp.id = pd.responsible_id`

func scanPoliticalDecision(today string) func(scanner) (PoliticalDecision, error) {
	return func(sc scanner) (PoliticalDecision, error) {
		var d PoliticalDecision
		var at int64
		err := sc.Scan(&d.ID, &d.OrganizationID, &d.TermID, &d.Body, &d.DecisionDate, &d.Paragraph, &d.Title,
			&d.Description, &d.Responsible.ID, &d.Responsible.Email, &d.Responsible.DisplayName, &d.ExpectedDate,
			&d.Status, &d.LatestComment, &at)
		d.StatusAt = fromMillis(at)
		d.Overdue = (d.Status == DecisionNotStarted || d.Status == DecisionInProgress) && d.ExpectedDate != "" && d.ExpectedDate < today
		return d, err
	}
}

// NewPoliticalDecision describes a decision to follow up.
type NewPoliticalDecision struct {
	OrganizationID int64
	Body           string
	DecisionDate   string
	Paragraph      int32
	Title          string
	Description    string
	ResponsibleID  int64
	ExpectedDate   string
}

// CreatePoliticalDecision registers a decision in the organisation's current term.
func (s *Store) CreatePoliticalDecision(ctx context.Context, actor Actor, n NewPoliticalDecision) (PoliticalDecision, error) {
	if _, err := time.Parse(time.DateOnly, n.DecisionDate); err != nil {
		return PoliticalDecision{}, &InvalidError{Field: "decision_date", Description: "is not a date"}
	}
	if n.ExpectedDate != "" {
		if _, err := time.Parse(time.DateOnly, n.ExpectedDate); err != nil {
			return PoliticalDecision{}, &InvalidError{Field: "expected_completion_date", Description: "is not a date"}
		}
	}
	if strings.TrimSpace(n.Title) == "" {
		return PoliticalDecision{}, &InvalidError{Field: "title", Description: "is empty"}
	}
	var id int64
	err := s.tx(ctx, func(tx *sql.Tx) error {
		today := s.today()
		var termID int64
		err := tx.QueryRowContext(ctx, `SELECT id FROM terms WHERE organization_id = ? AND start_date <= ? AND end_date >= ?`,
			n.OrganizationID, today, today).Scan(&termID)
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
		if !roles[RoleChair] && !roles[RoleDirector] && !roles[RoleMajority] && !roles[RoleStaff] {
			return ErrNotFound
		}
		if err := checkResponsible(ctx, tx, termID, n.ResponsibleID); err != nil {
			return err
		}
		now := millis(s.now())
		res, err := tx.ExecContext(ctx, `
			INSERT INTO political_decisions (organization_id, term_id, body, decision_date, paragraph, title, description,
			                                 responsible_id, expected_date, status, status_at, created_at, created_by)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)`,
			n.OrganizationID, termID, n.Body, n.DecisionDate, n.Paragraph, strings.TrimSpace(n.Title), n.Description,
			nullID(n.ResponsibleID), nullString(n.ExpectedDate), now, now, actor.PersonID)
		if isUnique(err) {
			return &InvalidError{Field: "paragraph", Description: "a decision with this body, date and paragraph is already followed up"}
		}
		if err != nil {
			return fmt.Errorf("insert political decision: %w", err)
		}
		id, _ = res.LastInsertId()
		return auditTx(ctx, tx, s.now(), actor, "political_decision.create", true, fmt.Sprintf("political_decision:%d", id))
	})
	if err != nil {
		return PoliticalDecision{}, err
	}
	return s.PoliticalDecision(ctx, Viewer{PersonID: actor.PersonID}, id)
}

// checkResponsible makes sure the responsible person (if any) holds a role in the term.
func checkResponsible(ctx context.Context, tx *sql.Tx, termID, personID int64) error {
	if personID == 0 {
		return nil
	}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM role_assignments WHERE term_id = ? AND person_id = ? AND role IN (1, 2, 3, 5)`,
		termID, personID).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return &InvalidError{Field: "responsible_person_id", Description: "holds no role in the term"}
	}
	return nil
}

func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// PoliticalDecision returns a decision the viewer may follow up.
func (s *Store) PoliticalDecision(ctx context.Context, viewer Viewer, id int64) (PoliticalDecision, error) {
	d, err := scanPoliticalDecision(s.today())(s.r.QueryRowContext(ctx, `SELECT `+politicalDecisionColumns+` FROM `+politicalDecisionFrom+`
		WHERE pd.id = @id AND `+seesDecisions, sql.Named("id", id), sql.Named("viewer", viewer.PersonID)))
	if errors.Is(err, sql.ErrNoRows) {
		return PoliticalDecision{}, ErrNotFound
	}
	if err != nil {
		return PoliticalDecision{}, fmt.Errorf("select political decision: %w", err)
	}
	return d, nil
}

// PoliticalDecisionUpdates returns a decision's status reports, oldest first.
func (s *Store) PoliticalDecisionUpdates(ctx context.Context, viewer Viewer, id int64) ([]PoliticalDecisionUpdate, error) {
	return query(ctx, s.r, func(sc scanner) (PoliticalDecisionUpdate, error) {
		var u PoliticalDecisionUpdate
		var at int64
		err := sc.Scan(&u.ID, &u.Status, &u.Comment, &u.Author.ID, &u.Author.Email, &u.Author.DisplayName, &at)
		u.CreatedAt = fromMillis(at)
		return u, err
	}, `
		SELECT u.id, u.status, u.comment, coalesce(p.id, 0), coalesce(p.email, ''), coalesce(p.display_name, ''), u.created_at
		FROM political_decision_updates u JOIN political_decisions pd ON pd.id = u.decision_id LEFT JOIN people p ON p.id = u.author_id
		WHERE u.decision_id = @id AND `+seesDecisions+` ORDER BY u.id`, sql.Named("id", id), sql.Named("viewer", viewer.PersonID))
}

// PoliticalDecisionFilter narrows ListPoliticalDecisions.
type PoliticalDecisionFilter struct {
	OrganizationID int64
	TermID         int64 // zero: the current term
	OpenOnly       bool
	OverdueOnly    bool
}

// ListPoliticalDecisions lists a term's decisions, latest decision first.
func (s *Store) ListPoliticalDecisions(ctx context.Context, viewer Viewer, f PoliticalDecisionFilter, p Page) ([]PoliticalDecision, string, error) {
	if err := s.mayFollowUp(ctx, viewer, f.OrganizationID); err != nil {
		return nil, "", err
	}
	t, err := s.termFor(ctx, f.OrganizationID, f.TermID)
	if err != nil {
		return nil, "", err
	}
	c, err := p.cursor()
	if err != nil {
		return nil, "", err
	}
	if c.Key == "" {
		c.Key, c.ID = "9999-12-31", 1<<62
	}
	today := s.today()
	out, err := query(ctx, s.r, scanPoliticalDecision(today), `SELECT `+politicalDecisionColumns+` FROM `+politicalDecisionFrom+`
		WHERE pd.term_id = @term AND `+seesDecisions+`
		  AND (NOT @open OR pd.status IN (1, 2))
		  AND (NOT @overdue OR (pd.status IN (1, 2) AND pd.expected_date < @today))
		  AND (pd.decision_date, pd.id) < (@key, @after)
		ORDER BY pd.decision_date DESC, pd.id DESC LIMIT @limit`,
		sql.Named("term", t.ID), sql.Named("viewer", viewer.PersonID), sql.Named("open", f.OpenOnly),
		sql.Named("overdue", f.OverdueOnly), sql.Named("today", today), sql.Named("key", c.Key), sql.Named("after", c.ID),
		sql.Named("limit", p.size()+1))
	if err != nil {
		return nil, "", fmt.Errorf("list political decisions: %w", err)
	}
	out, next := trim(out, p, func(d PoliticalDecision) cursor { return cursor{Key: d.DecisionDate, ID: d.ID} })
	return out, next, nil
}

// PoliticalDecisionChange holds the fields to change; nil means unchanged.
type PoliticalDecisionChange struct {
	Title         *string
	Description   *string
	ResponsibleID *int64
	ExpectedDate  *string
}

// UpdatePoliticalDecision changes what a decision says, who is responsible or when it is
// expected to be done.
func (s *Store) UpdatePoliticalDecision(ctx context.Context, actor Actor, id int64, ch PoliticalDecisionChange) (PoliticalDecision, error) {
	if ch.Title != nil && strings.TrimSpace(*ch.Title) == "" {
		return PoliticalDecision{}, &InvalidError{Field: "political_decision.title", Description: "is empty"}
	}
	if ch.ExpectedDate != nil && *ch.ExpectedDate != "" {
		if _, err := time.Parse(time.DateOnly, *ch.ExpectedDate); err != nil {
			return PoliticalDecision{}, &InvalidError{Field: "political_decision.expected_completion_date", Description: "is not a date"}
		}
	}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		termID, err := decisionForWrite(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		var sets []columnValue
		if ch.Title != nil {
			sets = append(sets, columnValue{"title", strings.TrimSpace(*ch.Title)})
		}
		if ch.Description != nil {
			sets = append(sets, columnValue{"description", *ch.Description})
		}
		if ch.ResponsibleID != nil {
			if err := checkResponsible(ctx, tx, termID, *ch.ResponsibleID); err != nil {
				return err
			}
			sets = append(sets, columnValue{"responsible_id", nullID(*ch.ResponsibleID)})
		}
		if ch.ExpectedDate != nil {
			sets = append(sets, columnValue{"expected_date", nullString(*ch.ExpectedDate)})
		}
		if err := setColumns(ctx, tx, "political_decisions", id, sets); err != nil {
			return err
		}
		return auditTx(ctx, tx, s.now(), actor, "political_decision.update", true, fmt.Sprintf("political_decision:%d", id))
	})
	if err != nil {
		return PoliticalDecision{}, err
	}
	return s.PoliticalDecision(ctx, Viewer{PersonID: actor.PersonID}, id)
}

// decisionForWrite returns the term of decision id if the actor may follow it up.
func decisionForWrite(ctx context.Context, tx *sql.Tx, actor Actor, id int64) (int64, error) {
	var termID int64
	err := tx.QueryRowContext(ctx, `SELECT pd.term_id FROM political_decisions pd WHERE pd.id = @id AND `+seesDecisions,
		sql.Named("id", id), sql.Named("viewer", actor.PersonID)).Scan(&termID)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, ErrNotFound
	}
	return termID, err
}

// ReportPoliticalDecisionStatus adds a status report and sets the decision's status.
func (s *Store) ReportPoliticalDecisionStatus(ctx context.Context, actor Actor, id int64, status int32, comment string) (PoliticalDecision, error) {
	if status < DecisionNotStarted || status > DecisionCancelled {
		return PoliticalDecision{}, &InvalidError{Field: "status", Description: "is not a status"}
	}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := decisionForWrite(ctx, tx, actor, id); err != nil {
			return err
		}
		now := millis(s.now())
		if _, err := tx.ExecContext(ctx, `INSERT INTO political_decision_updates (decision_id, status, comment, author_id, created_at) VALUES (?, ?, ?, ?, ?)`,
			id, status, strings.TrimSpace(comment), actor.PersonID, now); err != nil {
			return fmt.Errorf("insert status report: %w", err)
		}
		_, err := tx.ExecContext(ctx, `UPDATE political_decisions SET status = ?, status_at = ?, latest_comment = ? WHERE id = ?`,
			status, now, strings.TrimSpace(comment), id)
		return err
	})
	if err != nil {
		return PoliticalDecision{}, err
	}
	return s.PoliticalDecision(ctx, Viewer{PersonID: actor.PersonID}, id)
}

// PoliticalDecisionSummary counts a term's decisions by status.
type PoliticalDecisionSummary struct {
	NotStarted, InProgress, Done, Cancelled, Overdue int32
}

// SummarizePoliticalDecisions counts a term's decisions by status, for a view at a glance.
func (s *Store) SummarizePoliticalDecisions(ctx context.Context, viewer Viewer, orgID, termID int64) (PoliticalDecisionSummary, error) {
	if err := s.mayFollowUp(ctx, viewer, orgID); err != nil {
		return PoliticalDecisionSummary{}, err
	}
	t, err := s.termFor(ctx, orgID, termID)
	if err != nil {
		return PoliticalDecisionSummary{}, err
	}
	var sum PoliticalDecisionSummary
	err = s.r.QueryRowContext(ctx, `
		SELECT coalesce(sum(pd.status = 1), 0), coalesce(sum(pd.status = 2), 0), coalesce(sum(pd.status = 3), 0),
		       coalesce(sum(pd.status = 4), 0), coalesce(sum(pd.status IN (1, 2) AND pd.expected_date < @today), 0)
		FROM political_decisions pd WHERE pd.term_id = @term AND `+seesDecisions,
		sql.Named("term", t.ID), sql.Named("viewer", viewer.PersonID), sql.Named("today", s.today())).
		Scan(&sum.NotStarted, &sum.InProgress, &sum.Done, &sum.Cancelled, &sum.Overdue)
	if err != nil {
		return PoliticalDecisionSummary{}, fmt.Errorf("summarize political decisions: %w", err)
	}
	return sum, nil
}

// mayFollowUp answers ErrNotFound unless the viewer may follow up the organisation's decisions.
func (s *Store) mayFollowUp(ctx context.Context, viewer Viewer, orgID int64) error {
	var n int
	err := s.r.QueryRowContext(ctx, `SELECT count(*) FROM role_assignments WHERE organization_id = ? AND person_id = ? AND role IN (1, 2, 3, 5)`,
		orgID, viewer.PersonID).Scan(&n)
	if err != nil {
		return err
	}
	if n == 0 {
		return ErrNotFound
	}
	return nil
}
