package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Term is a term of office (mandatperiod). Current is derived from today's date.
type Term struct {
	ID             int64
	OrganizationID int64
	StartDate      string
	EndDate        string
	Current        bool
}

// CreateTerm stores a new term; it refuses dates that are not real or that overlap
// another term of the organisation, which keeps "the current term" unambiguous.
func (s *Store) CreateTerm(ctx context.Context, actor Actor, orgID int64, start, end string) (Term, error) {
	if _, err := time.Parse(time.DateOnly, start); err != nil {
		return Term{}, &InvalidError{Field: "start_date", Description: "is not a date"}
	}
	if _, err := time.Parse(time.DateOnly, end); err != nil {
		return Term{}, &InvalidError{Field: "end_date", Description: "is not a date"}
	}
	if end <= start {
		return Term{}, &InvalidError{Field: "end_date", Description: "must come after start_date"}
	}
	var t Term
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM organizations WHERE id = ?`, orgID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return &InvalidError{Field: "organization_id", Description: "no such organisation"}
		}
		if err := tx.QueryRowContext(ctx, `
			SELECT count(*) FROM terms WHERE organization_id = ? AND start_date <= ? AND end_date >= ?`,
			orgID, end, start).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return &InvalidError{Field: "start_date", Description: "the term overlaps another term of the organisation"}
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO terms (organization_id, start_date, end_date) VALUES (?, ?, ?)`, orgID, start, end)
		if err != nil {
			return fmt.Errorf("insert term: %w", err)
		}
		id, _ := res.LastInsertId()
		t = Term{ID: id, OrganizationID: orgID, StartDate: start, EndDate: end}
		return auditTx(ctx, tx, s.now(), actor, "term.create", true, fmt.Sprintf("term:%d organization:%d", id, orgID))
	})
	if err != nil {
		return Term{}, err
	}
	t.Current = t.StartDate <= s.today() && s.today() <= t.EndDate
	return t, nil
}

// ListTerms lists an organisation's terms, newest first, if viewer may see the organisation.
func (s *Store) ListTerms(ctx context.Context, viewer Viewer, orgID int64, p Page) ([]Term, string, error) {
	if _, err := s.Organization(ctx, viewer, orgID); err != nil {
		return nil, "", err
	}
	c, err := p.cursor()
	if err != nil {
		return nil, "", err
	}
	if c.Key == "" {
		c.Key = "9999-12-31"
	}
	today := s.today()
	out, err := query(ctx, s.r, func(rows scanner) (t Term, err error) {
		err = rows.Scan(&t.ID, &t.OrganizationID, &t.StartDate, &t.EndDate)
		t.Current = t.StartDate <= today && today <= t.EndDate
		return t, err
	}, `
		SELECT id, organization_id, start_date, end_date FROM terms
		WHERE organization_id = ? AND start_date < ?
		ORDER BY start_date DESC LIMIT ?`, orgID, c.Key, p.size()+1)
	if err != nil {
		return nil, "", fmt.Errorf("list terms: %w", err)
	}
	out, next := trim(out, p, func(t Term) cursor { return cursor{Key: t.StartDate} })
	return out, next, nil
}

// CurrentTerm returns the organisation's term that contains today.
func (s *Store) CurrentTerm(ctx context.Context, orgID int64) (Term, error) {
	today := s.today()
	var t Term
	err := s.r.QueryRowContext(ctx, `
		SELECT id, organization_id, start_date, end_date FROM terms
		WHERE organization_id = ? AND start_date <= ? AND end_date >= ?`, orgID, today, today).
		Scan(&t.ID, &t.OrganizationID, &t.StartDate, &t.EndDate)
	if errors.Is(err, sql.ErrNoRows) {
		return Term{}, ErrNotFound
	}
	if err != nil {
		return Term{}, fmt.Errorf("select current term: %w", err)
	}
	t.Current = true
	return t, nil
}

// termFor resolves a term id of zero to the current term, and checks that a given term
// belongs to the organisation.
func (s *Store) termFor(ctx context.Context, orgID, termID int64) (Term, error) {
	if termID == 0 {
		return s.CurrentTerm(ctx, orgID)
	}
	var t Term
	err := s.r.QueryRowContext(ctx, `SELECT id, organization_id, start_date, end_date FROM terms WHERE id = ? AND organization_id = ?`,
		termID, orgID).Scan(&t.ID, &t.OrganizationID, &t.StartDate, &t.EndDate)
	if errors.Is(err, sql.ErrNoRows) {
		return Term{}, ErrNotFound
	}
	if err != nil {
		return Term{}, fmt.Errorf("select term: %w", err)
	}
	today := s.today()
	t.Current = t.StartDate <= today && today <= t.EndDate
	return t, nil
}
