package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Agreement states as in samspel.v1.AgreementState.
const (
	AgreementProposed = 1
	AgreementAgreed   = 2
	AgreementDeclined = 3
	AgreementEnded    = 4
)

// Agreement event kinds as in samspel.v1.AgreementEventKind.
const (
	AgreementEventProposed         = 1
	AgreementEventAmended          = 2
	AgreementEventAccepted         = 3
	AgreementEventDeclined         = 4
	AgreementEventRevisitRequested = 5
	AgreementEventKept             = 6
	AgreementEventEnded            = 7
)

// Revisit outcomes as in samspel.v1.RevisitOutcome.
const (
	RevisitKeep = 1
	RevisitEnd  = 2
)

// Agreement is a statement the pair keep. A proposal awaits the other role's answer;
// only an accepted one counts as agreed.
type Agreement struct {
	ID             int64
	OrganizationID int64
	TermID         int64
	Text           string
	State          int32
	AwaitingRole   int32
	AwaitingYou    bool // for the viewer who asked
	ProposedBy     Person
	ProposedByRole int32
	ProposeTime    time.Time
	AgreeTime      time.Time
	RevisitBy      Person
	RevisitTime    time.Time // zero unless a revisit is asked for
	RevisitReason  string
	ReplacesID     int64
	UpdateTime     time.Time
}

// AgreementEvent is one step in an agreement's history.
type AgreementEvent struct {
	ID         int64
	Kind       int32
	Actor      Person
	ActorRole  int32
	CreateTime time.Time
	Text       string // the wording proposed, or the replacement's wording for an ended agreement
	Comment    string
}

const agreementColumns = `a.id, a.organization_id, a.term_id, a.text, a.state, a.awaiting_role,
	` + `p.id, p.email, p.display_name, a.proposed_by_role, a.proposed_at, coalesce(a.agreed_at, 0),
	coalesce(r.id, 0), coalesce(r.email, ''), coalesce(r.display_name, ''), coalesce(a.revisit_at, 0), a.revisit_reason,
	coalesce(a.replaces_id, 0), a.updated_at
	FROM agreements a JOIN people p ON p.id = a.proposed_by LEFT JOIN people r ON r.id = a.revisit_by`

// scanAgreement scans agreementColumns for a viewer whose role in the pair is role.
func scanAgreement(role int32) func(sc scanner) (Agreement, error) {
	return func(sc scanner) (Agreement, error) {
		var a Agreement
		var proposed, agreed, revisit, updated int64
		err := sc.Scan(dest(&a.ID, &a.OrganizationID, &a.TermID, &a.Text, &a.State, &a.AwaitingRole,
			personDest(&a.ProposedBy), &a.ProposedByRole, &proposed, &agreed,
			personDest(&a.RevisitBy), &revisit, &a.RevisitReason, &a.ReplacesID, &updated)...)
		a.ProposeTime, a.AgreeTime, a.RevisitTime, a.UpdateTime = fromMillis(proposed), optMillis(agreed), optMillis(revisit), fromMillis(updated)
		a.AwaitingYou = a.State == AgreementProposed && a.AwaitingRole == role
		return a, err
	}
}

// otherRole is the other half of the pair.
func otherRole(role int32) int32 {
	if role == RoleChair {
		return RoleDirector
	}
	return RoleChair
}

// pairTx finds actor's standing in orgID inside tx and checks that they are in the pair.
func (s *Store) pairTx(ctx context.Context, tx *sql.Tx, actor Actor, orgID int64) (standing, error) {
	st, err := standingIn(ctx, tx, actor.PersonID, false, orgID, s.today())
	if err != nil {
		return st, err
	}
	return st, st.requirePair()
}

// pairViewer finds viewer's standing in orgID and checks that they are in the pair.
func (s *Store) pairViewer(ctx context.Context, viewer Viewer, orgID int64) (standing, error) {
	st, err := s.viewerStanding(ctx, viewer, orgID)
	if err != nil {
		return st, err
	}
	return st, st.requirePair()
}

// currentTermTx returns the organisation's current term inside tx; the pair's records
// are made in it.
func currentTermTx(ctx context.Context, tx *sql.Tx, orgID int64, today string) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, `SELECT id FROM terms WHERE organization_id = ? AND start_date <= ? AND end_date >= ?`, orgID, today, today).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, &InvalidError{Field: "organization_id", Description: "the organisation has no current term"}
	}
	return id, err
}

// ListAgreements lists a term's agreements (termID zero: the current term), newest
// first; state zero means every state.
func (s *Store) ListAgreements(ctx context.Context, viewer Viewer, orgID, termID int64, state int32, p Page) ([]Agreement, string, error) {
	st, err := s.pairViewer(ctx, viewer, orgID)
	if err != nil {
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
	out, err := query(ctx, s.r, scanAgreement(st.pairRole), `SELECT `+agreementColumns+`
		WHERE a.organization_id = ? AND a.term_id = ? AND (? = 0 OR a.state = ?) AND a.id < ?
		ORDER BY a.id DESC LIMIT ?`, orgID, t.ID, state, state, beforeID(c), p.size()+1)
	if err != nil {
		return nil, "", fmt.Errorf("list agreements: %w", err)
	}
	out, next := trim(out, p, func(a Agreement) cursor { return cursor{ID: a.ID} })
	return out, next, nil
}

// Agreement returns an agreement and its history, oldest first, to the pair.
func (s *Store) Agreement(ctx context.Context, viewer Viewer, id int64) (Agreement, []AgreementEvent, error) {
	org, err := agreementOrg(ctx, s.r, id)
	if err != nil {
		return Agreement{}, nil, err
	}
	st, err := s.pairViewer(ctx, viewer, org)
	if err != nil {
		return Agreement{}, nil, err
	}
	a, err := s.agreement(ctx, id, st)
	if err != nil {
		return Agreement{}, nil, err
	}
	events, err := query(ctx, s.r, func(sc scanner) (e AgreementEvent, err error) {
		var created int64
		err = sc.Scan(dest(&e.ID, &e.Kind, personDest(&e.Actor), &e.ActorRole, &created, &e.Text, &e.Comment)...)
		e.CreateTime = fromMillis(created)
		return e, err
	}, `SELECT e.id, e.kind, p.id, p.email, p.display_name, e.actor_role, e.created_at, e.text, e.comment
		FROM agreement_events e JOIN people p ON p.id = e.actor_id WHERE e.agreement_id = ? ORDER BY e.id`, id)
	if err != nil {
		return Agreement{}, nil, fmt.Errorf("list agreement events: %w", err)
	}
	return a, events, nil
}

func (s *Store) agreement(ctx context.Context, id int64, st standing) (Agreement, error) {
	a, err := scanAgreement(st.pairRole)(s.r.QueryRowContext(ctx, `SELECT `+agreementColumns+` WHERE a.id = ? AND ?`, id, st.inPair()))
	if errors.Is(err, sql.ErrNoRows) {
		return Agreement{}, ErrNotFound
	}
	if err != nil {
		return Agreement{}, fmt.Errorf("select agreement: %w", err)
	}
	return a, nil
}

func agreementOrg(ctx context.Context, q querier, id int64) (int64, error) {
	var org int64
	err := q.QueryRowContext(ctx, `SELECT organization_id FROM agreements WHERE id = ?`, id).Scan(&org)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, ErrNotFound
	}
	if err != nil {
		return 0, fmt.Errorf("select agreement: %w", err)
	}
	return org, nil
}

func insertAgreementEvent(ctx context.Context, tx *sql.Tx, now time.Time, agreementID int64, kind int32, actor Actor, role int32, text, comment string) error {
	_, err := tx.ExecContext(ctx, `
		INSERT INTO agreement_events (agreement_id, kind, actor_id, actor_role, created_at, text, comment) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		agreementID, kind, actor.PersonID, role, millis(now), text, comment)
	if err != nil {
		return fmt.Errorf("insert agreement event: %w", err)
	}
	return nil
}

// ProposeAgreement stores a proposal in the current term; it awaits the other party.
// replacesID names an agreed agreement (of any term) that this one replaces once agreed.
func (s *Store) ProposeAgreement(ctx context.Context, actor Actor, orgID int64, text string, replacesID int64, comment string) (Agreement, error) {
	if err := nonBlank("text", text); err != nil {
		return Agreement{}, err
	}
	var id int64
	var st standing
	err := s.tx(ctx, func(tx *sql.Tx) error {
		now := s.now()
		var err error
		if st, err = s.pairTx(ctx, tx, actor, orgID); err != nil {
			return err
		}
		term, err := currentTermTx(ctx, tx, orgID, s.today())
		if err != nil {
			return err
		}
		if replacesID != 0 {
			var state int32
			err := tx.QueryRowContext(ctx, `SELECT state FROM agreements WHERE id = ? AND organization_id = ?`, replacesID, orgID).Scan(&state)
			if errors.Is(err, sql.ErrNoRows) || (err == nil && state != AgreementAgreed) {
				return &InvalidError{Field: "replaces_id", Description: "is not an agreed agreement of the organisation"}
			}
			if err != nil {
				return err
			}
		}
		res, err := tx.ExecContext(ctx, `
			INSERT INTO agreements (organization_id, term_id, text, state, awaiting_role, proposed_by, proposed_by_role, proposed_at,
				replaces_id, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			orgID, term, text, AgreementProposed, otherRole(st.pairRole), actor.PersonID, st.pairRole, millis(now), nullID(replacesID), millis(now))
		if err != nil {
			return fmt.Errorf("insert agreement: %w", err)
		}
		id, _ = res.LastInsertId()
		if err := insertAgreementEvent(ctx, tx, now, id, AgreementEventProposed, actor, st.pairRole, text, comment); err != nil {
			return err
		}
		return auditTx(ctx, tx, now, actor, "agreement.propose", true, fmt.Sprintf("agreement:%d", id))
	})
	if err != nil {
		return Agreement{}, err
	}
	return s.agreement(ctx, id, st)
}

// agreementState is what a write needs to know of an agreement.
type agreementState struct {
	org, replaces int64
	state         int32
	awaiting      int32
	revisit       bool
}

// changeAgreement runs change on agreement id inside a transaction, after checking that
// actor is in the pair of its organisation, and returns the agreement as it is after.
func (s *Store) changeAgreement(ctx context.Context, actor Actor, id int64, action string,
	change func(tx *sql.Tx, now time.Time, a agreementState, role int32) error) (Agreement, error) {
	var st standing
	err := s.tx(ctx, func(tx *sql.Tx) error {
		now := s.now()
		var a agreementState
		var replaces sql.NullInt64
		err := tx.QueryRowContext(ctx, `SELECT organization_id, state, awaiting_role, replaces_id, revisit_at IS NOT NULL FROM agreements WHERE id = ?`, id).
			Scan(&a.org, &a.state, &a.awaiting, &replaces, &a.revisit)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return fmt.Errorf("select agreement: %w", err)
		}
		a.replaces = replaces.Int64
		if st, err = s.pairTx(ctx, tx, actor, a.org); err != nil {
			return err
		}
		if err := change(tx, now, a, st.pairRole); err != nil {
			return err
		}
		return auditTx(ctx, tx, now, actor, action, true, fmt.Sprintf("agreement:%d", id))
	})
	if err != nil {
		return Agreement{}, err
	}
	return s.agreement(ctx, id, st)
}

// awaits checks that a proposal waits for role's answer.
func (a agreementState) awaits(role int32) error {
	if a.state != AgreementProposed {
		return fmt.Errorf("%w: the agreement is no longer a proposal", ErrConflict)
	}
	if a.awaiting != role {
		return fmt.Errorf("%w: the proposal awaits the other party's answer", ErrConflict)
	}
	return nil
}

// AcceptAgreement accepts a proposal that awaits actor: it is agreed. An agreement it
// replaces ends.
func (s *Store) AcceptAgreement(ctx context.Context, actor Actor, id int64, comment string) (Agreement, error) {
	return s.changeAgreement(ctx, actor, id, "agreement.accept", func(tx *sql.Tx, now time.Time, a agreementState, role int32) error {
		if err := a.awaits(role); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE agreements SET state = ?, awaiting_role = 0, agreed_at = ?, updated_at = ? WHERE id = ?`,
			AgreementAgreed, millis(now), millis(now), id); err != nil {
			return fmt.Errorf("accept agreement: %w", err)
		}
		if err := insertAgreementEvent(ctx, tx, now, id, AgreementEventAccepted, actor, role, "", comment); err != nil {
			return err
		}
		if a.replaces == 0 {
			return nil
		}
		res, err := tx.ExecContext(ctx, `UPDATE agreements SET state = ?, revisit_by = NULL, revisit_at = NULL, revisit_reason = '', updated_at = ?
			WHERE id = ? AND state = ?`, AgreementEnded, millis(now), a.replaces, AgreementAgreed)
		if err != nil {
			return fmt.Errorf("end replaced agreement: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil // ended meanwhile
		}
		var text string
		if err := tx.QueryRowContext(ctx, `SELECT text FROM agreements WHERE id = ?`, id).Scan(&text); err != nil {
			return err
		}
		return insertAgreementEvent(ctx, tx, now, a.replaces, AgreementEventEnded, actor, role, text, "")
	})
}

// AmendAgreement answers a proposal that awaits actor with a new wording; it then
// awaits the other party.
func (s *Store) AmendAgreement(ctx context.Context, actor Actor, id int64, text, comment string) (Agreement, error) {
	if err := nonBlank("text", text); err != nil {
		return Agreement{}, err
	}
	return s.changeAgreement(ctx, actor, id, "agreement.amend", func(tx *sql.Tx, now time.Time, a agreementState, role int32) error {
		if err := a.awaits(role); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE agreements SET text = ?, awaiting_role = ?, updated_at = ? WHERE id = ?`,
			text, otherRole(role), millis(now), id); err != nil {
			return fmt.Errorf("amend agreement: %w", err)
		}
		return insertAgreementEvent(ctx, tx, now, id, AgreementEventAmended, actor, role, text, comment)
	})
}

// DeclineAgreement declines a proposal that awaits actor.
func (s *Store) DeclineAgreement(ctx context.Context, actor Actor, id int64, comment string) (Agreement, error) {
	return s.changeAgreement(ctx, actor, id, "agreement.decline", func(tx *sql.Tx, now time.Time, a agreementState, role int32) error {
		if err := a.awaits(role); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE agreements SET state = ?, awaiting_role = 0, updated_at = ? WHERE id = ?`,
			AgreementDeclined, millis(now), id); err != nil {
			return fmt.Errorf("decline agreement: %w", err)
		}
		return insertAgreementEvent(ctx, tx, now, id, AgreementEventDeclined, actor, role, "", comment)
	})
}

// RequestAgreementRevisit asks to talk an agreed agreement over; it holds meanwhile.
func (s *Store) RequestAgreementRevisit(ctx context.Context, actor Actor, id int64, reason string) (Agreement, error) {
	if err := nonBlank("reason", reason); err != nil {
		return Agreement{}, err
	}
	return s.changeAgreement(ctx, actor, id, "agreement.revisit", func(tx *sql.Tx, now time.Time, a agreementState, role int32) error {
		if a.state != AgreementAgreed {
			return fmt.Errorf("%w: only an agreed agreement can be revisited", ErrConflict)
		}
		if a.revisit {
			return fmt.Errorf("%w: a revisit is already asked for", ErrConflict)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE agreements SET revisit_by = ?, revisit_at = ?, revisit_reason = ?, updated_at = ? WHERE id = ?`,
			actor.PersonID, millis(now), reason, millis(now), id); err != nil {
			return fmt.Errorf("request revisit: %w", err)
		}
		if err := insertAgreementEvent(ctx, tx, now, id, AgreementEventRevisitRequested, actor, role, "", reason); err != nil {
			return err
		}
		var termID int64
		if err := tx.QueryRowContext(ctx, `SELECT term_id FROM agreements WHERE id = ?`, id).Scan(&termID); err != nil {
			return err
		}
		return agendaRevisitsTx(ctx, tx, now, actor, a.org, termID)
	})
}

// ResolveAgreementRevisit closes a revisit: RevisitKeep keeps the agreement as it is,
// RevisitEnd ends it.
func (s *Store) ResolveAgreementRevisit(ctx context.Context, actor Actor, id int64, outcome int32, comment string) (Agreement, error) {
	if outcome != RevisitKeep && outcome != RevisitEnd {
		return Agreement{}, &InvalidError{Field: "outcome", Description: "must be keep or end"}
	}
	return s.changeAgreement(ctx, actor, id, "agreement.resolve", func(tx *sql.Tx, now time.Time, a agreementState, role int32) error {
		if a.state != AgreementAgreed || !a.revisit {
			return fmt.Errorf("%w: no revisit is asked for", ErrConflict)
		}
		state, kind := int32(AgreementAgreed), int32(AgreementEventKept)
		if outcome == RevisitEnd {
			state, kind = AgreementEnded, AgreementEventEnded
		}
		if _, err := tx.ExecContext(ctx, `UPDATE agreements SET state = ?, revisit_by = NULL, revisit_at = NULL, revisit_reason = '', updated_at = ?
			WHERE id = ?`, state, millis(now), id); err != nil {
			return fmt.Errorf("resolve revisit: %w", err)
		}
		return insertAgreementEvent(ctx, tx, now, id, kind, actor, role, "", comment)
	})
}
