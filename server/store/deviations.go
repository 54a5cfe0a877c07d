package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Deviation kinds as in samspel.v1.DeviationKind.
const (
	KindDeviation = 1
	KindStandIn   = 2
)

// Deviation is a deviation (avsteg) or a planned stand-in, logged by one half of the pair
// for the other to acknowledge.
type Deviation struct {
	ID              int64
	OrganizationID  int64
	TermID          int64
	Kind            int32
	AreaID          int64
	AreaName        string
	AgreementID     int64
	AgreementText   string
	What            string
	Reason          string
	OccurredOn      string
	LoggedBy        Person
	LoggedByRole    int32
	LogTime         time.Time
	InCrisis        bool
	AcknowledgedBy  Person
	AcknowledgeTime time.Time // zero until acknowledged
	AwaitingYou     bool      // for the viewer who asked
	Comments        int32
}

// DeviationComment is a comment on a deviation.
type DeviationComment struct {
	ID              int64
	Author          Person
	AuthorRole      int32
	CreateTime      time.Time
	Text            string
	Acknowledgement bool
}

const deviationColumns = `d.id, d.organization_id, d.term_id, d.kind, coalesce(d.area_id, 0), coalesce(ar.name, ''),
	coalesce(d.agreement_id, 0), coalesce(ag.text, ''), d.what, d.reason, d.occurred_on,
	` + `p.id, p.email, p.display_name, d.logged_by_role, d.logged_at, d.in_crisis,
	coalesce(k.id, 0), coalesce(k.email, ''), coalesce(k.display_name, ''), coalesce(d.acknowledged_at, 0),
	(SELECT count(*) FROM deviation_comments c WHERE c.deviation_id = d.id)
	FROM deviations d JOIN people p ON p.id = d.logged_by
	LEFT JOIN areas ar ON ar.id = d.area_id
	LEFT JOIN agreements ag ON ag.id = d.agreement_id
	LEFT JOIN people k ON k.id = d.acknowledged_by`

// scanDeviation scans deviationColumns for a viewer whose role in the pair is role.
func scanDeviation(role int32) func(sc scanner) (Deviation, error) {
	return func(sc scanner) (Deviation, error) {
		var d Deviation
		var logged, acked int64
		err := sc.Scan(dest(&d.ID, &d.OrganizationID, &d.TermID, &d.Kind, &d.AreaID, &d.AreaName, &d.AgreementID, &d.AgreementText,
			&d.What, &d.Reason, &d.OccurredOn, personDest(&d.LoggedBy), &d.LoggedByRole, &logged, &d.InCrisis,
			personDest(&d.AcknowledgedBy), &acked, &d.Comments)...)
		d.LogTime, d.AcknowledgeTime = fromMillis(logged), optMillis(acked)
		d.AwaitingYou = acked == 0 && role != 0 && d.LoggedByRole != role
		return d, err
	}
}

// LogDeviation logs a deviation or a planned stand-in in the current term. It must name
// an area or an agreement of the organisation. In crisis it must say why: roles are to
// be held more strictly then, and a departure needs its argument.
func (s *Store) LogDeviation(ctx context.Context, actor Actor, d Deviation) (Deviation, error) {
	if d.Kind != KindDeviation && d.Kind != KindStandIn {
		return Deviation{}, &InvalidError{Field: "kind", Description: "must be a deviation or a stand-in"}
	}
	if err := nonBlank("what", d.What); err != nil {
		return Deviation{}, err
	}
	if !validDate(d.OccurredOn) {
		return Deviation{}, &InvalidError{Field: "occurred_on", Description: "is not a date"}
	}
	if d.AreaID == 0 && d.AgreementID == 0 {
		return Deviation{}, &InvalidError{Field: "area_id", Description: "give the area or the agreement it concerns"}
	}
	today := s.today()
	if d.Kind == KindDeviation && d.OccurredOn > today {
		return Deviation{}, &InvalidError{Field: "occurred_on", Description: "lies in the future; log a planned stand-in instead"}
	}
	if d.Kind == KindStandIn && d.OccurredOn < today {
		return Deviation{}, &InvalidError{Field: "occurred_on", Description: "has passed; a stand-in is logged beforehand, log a deviation instead"}
	}
	var st standing
	err := s.tx(ctx, func(tx *sql.Tx) error {
		now := s.now()
		var err error
		if st, err = s.pairTx(ctx, tx, actor, d.OrganizationID); err != nil {
			return err
		}
		if d.TermID, err = currentTermTx(ctx, tx, d.OrganizationID, today); err != nil {
			return err
		}
		if d.AreaID != 0 {
			if org, err := areaOrg(ctx, tx, d.AreaID); err != nil || org != d.OrganizationID {
				return &InvalidError{Field: "area_id", Description: "is not an area of the organisation"}
			}
		}
		if d.AgreementID != 0 {
			var state int32
			err := tx.QueryRowContext(ctx, `SELECT state FROM agreements WHERE id = ? AND organization_id = ?`, d.AgreementID, d.OrganizationID).Scan(&state)
			if errors.Is(err, sql.ErrNoRows) || (err == nil && state != AgreementAgreed) {
				return &InvalidError{Field: "agreement_id", Description: "is not an agreed agreement of the organisation"}
			}
			if err != nil {
				return err
			}
		}
		_, inCrisis, err := openCrisis(ctx, tx, d.OrganizationID)
		if err != nil {
			return err
		}
		if inCrisis {
			if err := nonBlank("reason", d.Reason); err != nil {
				return &InvalidError{Field: "reason", Description: "is required in crisis: say why the roles were departed from"}
			}
		}
		res, err := tx.ExecContext(ctx, `
			INSERT INTO deviations (organization_id, term_id, kind, area_id, agreement_id, what, reason, occurred_on,
				logged_by, logged_by_role, logged_at, in_crisis)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			d.OrganizationID, d.TermID, d.Kind, nullID(d.AreaID), nullID(d.AgreementID), d.What, d.Reason, d.OccurredOn,
			actor.PersonID, st.pairRole, millis(now), inCrisis)
		if err != nil {
			return fmt.Errorf("insert deviation: %w", err)
		}
		d.ID, _ = res.LastInsertId()
		return auditTx(ctx, tx, now, actor, "deviation.log", true, fmt.Sprintf("deviation:%d", d.ID))
	})
	if err != nil {
		return Deviation{}, err
	}
	return s.deviation(ctx, d.ID, st)
}

func (s *Store) deviation(ctx context.Context, id int64, st standing) (Deviation, error) {
	d, err := scanDeviation(st.pairRole)(s.r.QueryRowContext(ctx, `SELECT `+deviationColumns+` WHERE d.id = ? AND ?`, id, st.inPair()))
	if errors.Is(err, sql.ErrNoRows) {
		return Deviation{}, ErrNotFound
	}
	if err != nil {
		return Deviation{}, fmt.Errorf("select deviation: %w", err)
	}
	return d, nil
}

func deviationOrg(ctx context.Context, q querier, id int64) (org int64, loggedByRole int32, acked bool, err error) {
	err = q.QueryRowContext(ctx, `SELECT organization_id, logged_by_role, acknowledged_at IS NOT NULL FROM deviations WHERE id = ?`, id).
		Scan(&org, &loggedByRole, &acked)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, 0, false, ErrNotFound
	}
	if err != nil {
		return 0, 0, false, fmt.Errorf("select deviation: %w", err)
	}
	return org, loggedByRole, acked, nil
}

// Deviation returns a deviation and its comments, oldest first, to the pair.
func (s *Store) Deviation(ctx context.Context, viewer Viewer, id int64) (Deviation, []DeviationComment, error) {
	org, _, _, err := deviationOrg(ctx, s.r, id)
	if err != nil {
		return Deviation{}, nil, err
	}
	st, err := s.pairViewer(ctx, viewer, org)
	if err != nil {
		return Deviation{}, nil, err
	}
	d, err := s.deviation(ctx, id, st)
	if err != nil {
		return Deviation{}, nil, err
	}
	comments, err := query(ctx, s.r, scanDeviationComment, `SELECT `+deviationCommentColumns+` WHERE c.deviation_id = ? ORDER BY c.id`, id)
	if err != nil {
		return Deviation{}, nil, fmt.Errorf("list deviation comments: %w", err)
	}
	return d, comments, nil
}

const deviationCommentColumns = `c.id, p.id, p.email, p.display_name, c.author_role, c.created_at, c.text, c.acknowledgement
	FROM deviation_comments c JOIN people p ON p.id = c.author_id`

func scanDeviationComment(sc scanner) (DeviationComment, error) {
	var c DeviationComment
	var created int64
	err := sc.Scan(dest(&c.ID, personDest(&c.Author), &c.AuthorRole, &created, &c.Text, &c.Acknowledgement)...)
	c.CreateTime = fromMillis(created)
	return c, err
}

// ListDeviations lists a term's deviations and stand-ins (termID zero: the current
// term), the latest logged first; awaitingOnly keeps those the viewer has yet to
// acknowledge, of any term.
func (s *Store) ListDeviations(ctx context.Context, viewer Viewer, orgID, termID int64, awaitingOnly bool, p Page) ([]Deviation, string, error) {
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
	out, err := query(ctx, s.r, scanDeviation(st.pairRole), `SELECT `+deviationColumns+`
		WHERE d.organization_id = ?1 AND d.id < ?2
		  AND CASE WHEN ?3 THEN d.acknowledged_at IS NULL AND d.logged_by_role <> ?4 ELSE d.term_id = ?5 END
		ORDER BY d.id DESC LIMIT ?6`, orgID, beforeID(c), awaitingOnly, st.pairRole, t.ID, p.size()+1)
	if err != nil {
		return nil, "", fmt.Errorf("list deviations: %w", err)
	}
	out, next := trim(out, p, func(d Deviation) cursor { return cursor{ID: d.ID} })
	return out, next, nil
}

// AcknowledgeDeviation records that the other party has seen a deviation; a comment
// given with it is kept as the first of its comments.
func (s *Store) AcknowledgeDeviation(ctx context.Context, actor Actor, id int64, comment string) (Deviation, error) {
	var st standing
	err := s.tx(ctx, func(tx *sql.Tx) error {
		now := s.now()
		org, loggedBy, acked, err := deviationOrg(ctx, tx, id)
		if err != nil {
			return err
		}
		if st, err = s.pairTx(ctx, tx, actor, org); err != nil {
			return err
		}
		if loggedBy == st.pairRole {
			return fmt.Errorf("%w: the other party acknowledges what you logged", ErrConflict)
		}
		if acked {
			return fmt.Errorf("%w: the deviation is already acknowledged", ErrConflict)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE deviations SET acknowledged_by = ?, acknowledged_at = ? WHERE id = ?`,
			actor.PersonID, millis(now), id); err != nil {
			return fmt.Errorf("acknowledge deviation: %w", err)
		}
		if nonBlank("comment", comment) == nil {
			if _, err := insertDeviationComment(ctx, tx, now, id, actor, st.pairRole, comment, true); err != nil {
				return err
			}
		}
		return auditTx(ctx, tx, now, actor, "deviation.acknowledge", true, fmt.Sprintf("deviation:%d", id))
	})
	if err != nil {
		return Deviation{}, err
	}
	return s.deviation(ctx, id, st)
}

func insertDeviationComment(ctx context.Context, tx *sql.Tx, now time.Time, id int64, actor Actor, role int32, text string, ack bool) (int64, error) {
	res, err := tx.ExecContext(ctx, `
		INSERT INTO deviation_comments (deviation_id, author_id, author_role, created_at, text, acknowledgement) VALUES (?, ?, ?, ?, ?, ?)`,
		id, actor.PersonID, role, millis(now), text, ack)
	if err != nil {
		return 0, fmt.Errorf("insert deviation comment: %w", err)
	}
	return res.LastInsertId()
}

// CommentOnDeviation adds a comment by either half of the pair.
func (s *Store) CommentOnDeviation(ctx context.Context, actor Actor, id int64, text string) (DeviationComment, error) {
	if err := nonBlank("text", text); err != nil {
		return DeviationComment{}, err
	}
	var commentID int64
	err := s.tx(ctx, func(tx *sql.Tx) error {
		now := s.now()
		org, _, _, err := deviationOrg(ctx, tx, id)
		if err != nil {
			return err
		}
		st, err := s.pairTx(ctx, tx, actor, org)
		if err != nil {
			return err
		}
		if commentID, err = insertDeviationComment(ctx, tx, now, id, actor, st.pairRole, text, false); err != nil {
			return err
		}
		return auditTx(ctx, tx, now, actor, "deviation.comment", true, fmt.Sprintf("deviation:%d", id))
	})
	if err != nil {
		return DeviationComment{}, err
	}
	return scanDeviationComment(s.r.QueryRowContext(ctx, `SELECT `+deviationCommentColumns+` WHERE c.id = ?`, commentID))
}
