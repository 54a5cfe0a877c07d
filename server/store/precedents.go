package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Precedent is a case that shows how a grey-zone matter of an area was handled.
type Precedent struct {
	ID          int64
	AreaID      int64
	Summary     string
	OccurredOn  string
	DeviationID int64
	Reference   string
	LinkedBy    Person
	CreateTime  time.Time
}

const precedentColumns = `pr.id, pr.area_id, pr.summary, pr.occurred_on, coalesce(pr.deviation_id, 0), pr.reference,
	p.id, p.email, p.display_name, pr.created_at
	FROM area_precedents pr JOIN people p ON p.id = pr.linked_by`

func scanPrecedent(sc scanner) (Precedent, error) {
	var pr Precedent
	var created int64
	err := sc.Scan(dest(&pr.ID, &pr.AreaID, &pr.Summary, &pr.OccurredOn, &pr.DeviationID, &pr.Reference,
		personDest(&pr.LinkedBy), &created)...)
	pr.CreateTime = fromMillis(created)
	return pr, err
}

// LinkPrecedent records a case as a precedent of an area: a deviation of the same
// organisation, or a case written down elsewhere (reference). The chair or the director
// may. occurredOn may be empty for a deviation, which then gives its own day.
func (s *Store) LinkPrecedent(ctx context.Context, actor Actor, pr Precedent) (Precedent, error) {
	if err := nonBlank("summary", pr.Summary); err != nil {
		return Precedent{}, err
	}
	if pr.DeviationID == 0 && pr.Reference == "" {
		return Precedent{}, &InvalidError{Field: "reference", Description: "is required when no deviation is given"}
	}
	if pr.OccurredOn != "" && !validDate(pr.OccurredOn) {
		return Precedent{}, &InvalidError{Field: "occurred_on", Description: "is not a date"}
	}
	if pr.DeviationID == 0 && pr.OccurredOn == "" {
		return Precedent{}, &InvalidError{Field: "occurred_on", Description: "is required when no deviation is given"}
	}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		now := s.now()
		org, err := areaOrg(ctx, tx, pr.AreaID)
		if err != nil {
			return err
		}
		st, err := standingIn(ctx, tx, actor.PersonID, false, org, s.today())
		if err != nil {
			return err
		}
		if err := st.require(RoleChair, RoleDirector); err != nil {
			return err
		}
		if pr.DeviationID != 0 {
			var day string
			err := tx.QueryRowContext(ctx, `SELECT occurred_on FROM deviations WHERE id = ? AND organization_id = ?`, pr.DeviationID, org).Scan(&day)
			if errors.Is(err, sql.ErrNoRows) {
				return &InvalidError{Field: "deviation_id", Description: "is not a deviation of the organisation"}
			}
			if err != nil {
				return fmt.Errorf("select deviation: %w", err)
			}
			if pr.OccurredOn == "" {
				pr.OccurredOn = day
			}
		}
		res, err := tx.ExecContext(ctx, `
			INSERT INTO area_precedents (area_id, deviation_id, reference, summary, occurred_on, linked_by, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, pr.AreaID, nullID(pr.DeviationID), pr.Reference, pr.Summary, pr.OccurredOn, actor.PersonID, millis(now))
		if isUnique(err) {
			return &InvalidError{Field: "deviation_id", Description: "is already a precedent of the area"}
		}
		if err != nil {
			return fmt.Errorf("insert precedent: %w", err)
		}
		pr.ID, _ = res.LastInsertId()
		return auditTx(ctx, tx, now, actor, "precedent.link", true, fmt.Sprintf("precedent:%d area:%d", pr.ID, pr.AreaID))
	})
	if err != nil {
		return Precedent{}, err
	}
	return scanPrecedent(s.r.QueryRowContext(ctx, `SELECT `+precedentColumns+` WHERE pr.id = ?`, pr.ID))
}

// ListPrecedents lists an area's precedents, the most recent case first.
func (s *Store) ListPrecedents(ctx context.Context, viewer Viewer, areaID int64, p Page) ([]Precedent, string, error) {
	if _, err := s.Area(ctx, viewer, areaID); err != nil {
		return nil, "", err
	}
	c, err := p.cursor()
	if err != nil {
		return nil, "", err
	}
	if c.Key == "" {
		c.Key, c.ID = "9999-12-31", maxID
	}
	out, err := query(ctx, s.r, scanPrecedent, `SELECT `+precedentColumns+`
		WHERE pr.area_id = ? AND (pr.occurred_on, pr.id) < (?, ?)
		ORDER BY pr.occurred_on DESC, pr.id DESC LIMIT ?`, areaID, c.Key, c.ID, p.size()+1)
	if err != nil {
		return nil, "", fmt.Errorf("list precedents: %w", err)
	}
	out, next := trim(out, p, func(pr Precedent) cursor { return cursor{Key: pr.OccurredOn, ID: pr.ID} })
	return out, next, nil
}
