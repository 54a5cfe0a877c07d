package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// CrisisPeriod is a stretch of time in which the pair worked in crisis (kris).
type CrisisPeriod struct {
	ID             int64
	OrganizationID int64
	TermID         int64
	Reason         string
	StartedBy      Person
	StartTime      time.Time
	EndedBy        Person
	EndTime        time.Time // zero while it goes on
	EndNote        string
}

const crisisColumns = `c.id, c.organization_id, c.term_id, c.reason, s.id, s.email, s.display_name, c.started_at,
	` + `coalesce(e.id, 0), coalesce(e.email, ''), coalesce(e.display_name, ''), coalesce(c.ended_at, 0), c.end_note
	FROM crisis_periods c JOIN people s ON s.id = c.started_by LEFT JOIN people e ON e.id = c.ended_by`

func scanCrisis(sc scanner) (CrisisPeriod, error) {
	var c CrisisPeriod
	var started, ended int64
	err := sc.Scan(dest(&c.ID, &c.OrganizationID, &c.TermID, &c.Reason, personDest(&c.StartedBy), &started,
		personDest(&c.EndedBy), &ended, &c.EndNote)...)
	c.StartTime, c.EndTime = fromMillis(started), optMillis(ended)
	return c, err
}

// openCrisis returns the crisis going on in an organisation, if any.
func openCrisis(ctx context.Context, q querier, orgID int64) (CrisisPeriod, bool, error) {
	c, err := scanCrisis(q.QueryRowContext(ctx, `SELECT `+crisisColumns+` WHERE c.organization_id = ? AND c.ended_at IS NULL`, orgID))
	if errors.Is(err, sql.ErrNoRows) {
		return CrisisPeriod{}, false, nil
	}
	if err != nil {
		return CrisisPeriod{}, false, fmt.Errorf("select crisis: %w", err)
	}
	return c, true, nil
}

// StartCrisis switches the pair into crisis, with a reason. Either half of the pair may.
func (s *Store) StartCrisis(ctx context.Context, actor Actor, orgID int64, reason string) (CrisisPeriod, error) {
	if err := nonBlank("reason", reason); err != nil {
		return CrisisPeriod{}, err
	}
	var id int64
	err := s.tx(ctx, func(tx *sql.Tx) error {
		now := s.now()
		if _, err := s.pairTx(ctx, tx, actor, orgID); err != nil {
			return err
		}
		term, err := currentTermTx(ctx, tx, orgID, s.today())
		if err != nil {
			return err
		}
		if _, open, err := openCrisis(ctx, tx, orgID); err != nil {
			return err
		} else if open {
			return fmt.Errorf("%w: the pair is already in crisis", ErrConflict)
		}
		res, err := tx.ExecContext(ctx, `
			INSERT INTO crisis_periods (organization_id, term_id, reason, started_by, started_at) VALUES (?, ?, ?, ?, ?)`,
			orgID, term, reason, actor.PersonID, millis(now))
		if err != nil {
			return fmt.Errorf("insert crisis: %w", err)
		}
		id, _ = res.LastInsertId()
		return auditTx(ctx, tx, now, actor, "crisis.start", true, fmt.Sprintf("crisis:%d", id))
	})
	if err != nil {
		return CrisisPeriod{}, err
	}
	return scanCrisis(s.r.QueryRowContext(ctx, `SELECT `+crisisColumns+` WHERE c.id = ?`, id))
}

// EndCrisis switches the pair back to everyday work.
func (s *Store) EndCrisis(ctx context.Context, actor Actor, orgID int64, note string) (CrisisPeriod, error) {
	var id int64
	err := s.tx(ctx, func(tx *sql.Tx) error {
		now := s.now()
		if _, err := s.pairTx(ctx, tx, actor, orgID); err != nil {
			return err
		}
		c, open, err := openCrisis(ctx, tx, orgID)
		if err != nil {
			return err
		}
		if !open {
			return fmt.Errorf("%w: the pair is not in crisis", ErrConflict)
		}
		id = c.ID
		if _, err := tx.ExecContext(ctx, `UPDATE crisis_periods SET ended_by = ?, ended_at = ?, end_note = ? WHERE id = ?`,
			actor.PersonID, millis(now), note, id); err != nil {
			return fmt.Errorf("end crisis: %w", err)
		}
		return auditTx(ctx, tx, now, actor, "crisis.end", true, fmt.Sprintf("crisis:%d", id))
	})
	if err != nil {
		return CrisisPeriod{}, err
	}
	return scanCrisis(s.r.QueryRowContext(ctx, `SELECT `+crisisColumns+` WHERE c.id = ?`, id))
}

// ListCrisisPeriods lists the crisis periods that began in a term (termID zero: the
// current term), the latest first.
func (s *Store) ListCrisisPeriods(ctx context.Context, viewer Viewer, orgID, termID int64, p Page) ([]CrisisPeriod, string, error) {
	if _, err := s.pairViewer(ctx, viewer, orgID); err != nil {
		return nil, "", err
	}
	t, err := s.termFor(ctx, orgID, termID)
	if err != nil {
		return nil, "", err
	}
	c, err := p.cursor()
	if err != nil {
		return nil, "", err
	}
	out, err := query(ctx, s.r, scanCrisis, `SELECT `+crisisColumns+`
		WHERE c.organization_id = ? AND c.term_id = ? AND c.id < ? ORDER BY c.id DESC LIMIT ?`, orgID, t.ID, beforeID(c), p.size()+1)
	if err != nil {
		return nil, "", fmt.Errorf("list crisis periods: %w", err)
	}
	out, next := trim(out, p, func(c CrisisPeriod) cursor { return cursor{ID: c.ID} })
	return out, next, nil
}

// PairStatus is what needs one half of the pair now, for the start screen.
type PairStatus struct {
	Role                    int32
	Crisis                  CrisisPeriod
	InCrisis                bool
	DeviationsToAcknowledge int32
	AgreementsAwaitingYou   int32
	AreaProposalsAwaiting   int32 // for the chair
	AgreementsToRevisit     int32
	ReviewDue               int32
	AdoptedInstructionID    int64
}

// PairStatus gathers what needs viewer, who must be in the organisation's pair.
func (s *Store) PairStatus(ctx context.Context, viewer Viewer, orgID int64) (PairStatus, error) {
	st, err := s.pairViewer(ctx, viewer, orgID)
	if err != nil {
		return PairStatus{}, err
	}
	ps := PairStatus{Role: st.pairRole}
	if ps.Crisis, ps.InCrisis, err = openCrisis(ctx, s.r, orgID); err != nil {
		return PairStatus{}, err
	}
	err = s.r.QueryRowContext(ctx, `
		SELECT (SELECT count(*) FROM deviations WHERE organization_id = ?1 AND acknowledged_at IS NULL AND logged_by_role <> ?2),
		       (SELECT count(*) FROM agreements WHERE organization_id = ?1 AND state = ?3 AND awaiting_role = ?2),
		       (SELECT count(*) FROM area_events WHERE organization_id = ?1 AND kind = ?4 AND proposal_state = ?5 AND ?2 = ?6),
		       (SELECT count(*) FROM agreements WHERE organization_id = ?1 AND state = ?7 AND revisit_at IS NOT NULL)`,
		orgID, st.pairRole, AgreementProposed, AreaProposal, ProposalOpen, RoleChair, AgreementAgreed).
		Scan(&ps.DeviationsToAcknowledge, &ps.AgreementsAwaitingYou, &ps.AreaProposalsAwaiting, &ps.AgreementsToRevisit)
	if err != nil {
		return PairStatus{}, fmt.Errorf("pair status: %w", err)
	}
	if ps.AdoptedInstructionID, ps.ReviewDue, err = s.adoptedInstruction(ctx, orgID); err != nil {
		return PairStatus{}, err
	}
	return ps, nil
}
