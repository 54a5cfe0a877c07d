package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Precedent is a case that shows how a grey-zone matter of an area was handled. It is a
// deviation, a meeting decision, a shared quick note, or a case written down elsewhere
// (only a reference).
type Precedent struct {
	ID          int64
	AreaID      int64
	Summary     string
	OccurredOn  string
	DeviationID int64
	DecisionID  int64
	QuickNoteID string
	Reference   string
	LinkedBy    Person
	CreateTime  time.Time

	MeetingID  int64  // the decision's meeting, read only
	SourceText string // the deviation's, decision's or note's text as it stands now, read only
}

// precedentColumns joins each source, so the casebook reads without looking anything up
// and shows a corrected decision or note as it reads now. A source's text, and a
// decision's meeting, come only to a viewer (@viewer) who may read that source on its
// own: a deviation to the pair of today (@pair), a decision to those who see its
// meeting, a shared note to its author and the person it was shared with. Everyone else
// who sees the role split (staff, administrators) reads the pair's summary of the case.
const precedentColumns = `pr.id, pr.area_id, pr.summary, pr.occurred_on, coalesce(pr.deviation_id, 0),
	coalesce(pr.decision_id, 0), coalesce(qn.id, ''), pr.reference,
	CASE WHEN ` + seesDecision + ` THEN md.meeting_id ELSE 0 END,
	coalesce(CASE WHEN @pair THEN dv.what END, CASE WHEN ` + seesDecision + ` THEN md.text END,
		CASE WHEN qn.author_id = @viewer OR qn.shared_with = @viewer THEN qn.body END, ''),
	p.id, p.email, p.display_name, pr.created_at
	FROM area_precedents pr JOIN people p ON p.id = pr.linked_by
	LEFT JOIN deviations dv ON dv.id = pr.deviation_id
	LEFT JOIN meeting_decisions md ON md.id = pr.decision_id
	LEFT JOIN meetings m ON m.id = md.meeting_id LEFT JOIN meeting_series ms ON ms.id = m.series_id
	LEFT JOIN quick_notes qn ON qn.pk = pr.quick_note_pk`

// seesDecision is true for a precedent's decision (md) whose meeting the viewer sees.
const seesDecision = `(md.id IS NOT NULL AND ` + seesMeeting + `)`

// precedentArgs are the parameters of precedentColumns for a viewer.
func precedentArgs(viewerID int64, pair bool, more ...any) []any {
	return append([]any{sql.Named("viewer", viewerID), sql.Named("pair", pair)}, more...)
}

func scanPrecedent(sc scanner) (Precedent, error) {
	var pr Precedent
	var created int64
	err := sc.Scan(dest(&pr.ID, &pr.AreaID, &pr.Summary, &pr.OccurredOn, &pr.DeviationID, &pr.DecisionID, &pr.QuickNoteID,
		&pr.Reference, &pr.MeetingID, &pr.SourceText, personDest(&pr.LinkedBy), &created)...)
	pr.CreateTime = fromMillis(created)
	return pr, err
}

// LinkPrecedent records a case as a precedent of an active area: a deviation of the same
// organisation, a decision of a meeting the actor may see, a quick note shared with the
// other party, or a case written down elsewhere (reference). The chair or the director
// may. occurredOn may be empty for a source, which then gives its own day.
func (s *Store) LinkPrecedent(ctx context.Context, actor Actor, pr Precedent) (Precedent, error) {
	if err := nonBlank("summary", pr.Summary); err != nil {
		return Precedent{}, err
	}
	pr.QuickNoteID = strings.ToLower(pr.QuickNoteID)
	sources := 0
	for _, set := range []bool{pr.DeviationID != 0, pr.DecisionID != 0, pr.QuickNoteID != ""} {
		if set {
			sources++
		}
	}
	if sources > 1 {
		return Precedent{}, &InvalidError{Field: "decision_id", Description: "give one of deviation_id, decision_id and quick_note_id"}
	}
	if sources == 0 && pr.Reference == "" {
		return Precedent{}, &InvalidError{Field: "reference", Description: "is required when no deviation, decision or note is given"}
	}
	if pr.OccurredOn != "" && !validDate(pr.OccurredOn) {
		return Precedent{}, &InvalidError{Field: "occurred_on", Description: "is not a date"}
	}
	if sources == 0 && pr.OccurredOn == "" {
		return Precedent{}, &InvalidError{Field: "occurred_on", Description: "is required when no deviation, decision or note is given"}
	}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		now := s.now()
		cur, err := currentArea(ctx, tx, pr.AreaID)
		if err != nil {
			return err
		}
		st, err := standingIn(ctx, tx, actor.PersonID, false, cur.OrganizationID, s.today())
		if err != nil {
			return err
		}
		if err := st.require(RoleChair, RoleDirector); err != nil {
			return err
		}
		if cur.Retired {
			return fmt.Errorf("%w: the area is retired; restore it first", ErrConflict)
		}
		var notePK int64
		var day, field string
		switch {
		case pr.DeviationID != 0:
			field = "deviation_id"
			day, err = precedentDeviation(ctx, tx, pr.DeviationID, cur.OrganizationID)
		case pr.DecisionID != 0:
			field = "decision_id"
			day, err = precedentDecision(ctx, tx, actor, pr.DecisionID, cur.OrganizationID)
		case pr.QuickNoteID != "":
			field = "quick_note_id"
			notePK, day, err = precedentNote(ctx, tx, actor, pr.QuickNoteID, cur.OrganizationID)
		}
		if err != nil {
			return err
		}
		if pr.OccurredOn == "" {
			pr.OccurredOn = day
		}
		res, err := tx.ExecContext(ctx, `
			INSERT INTO area_precedents (area_id, deviation_id, decision_id, quick_note_pk, reference, summary, occurred_on, linked_by, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, pr.AreaID, nullID(pr.DeviationID), nullID(pr.DecisionID), nullID(notePK),
			pr.Reference, pr.Summary, pr.OccurredOn, actor.PersonID, millis(now))
		if isUnique(err) {
			return &InvalidError{Field: field, Description: "is already a precedent of the area"}
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
	// The actor is of the pair today.
	return scanPrecedent(s.r.QueryRowContext(ctx, `SELECT `+precedentColumns+` WHERE pr.id = @id`,
		precedentArgs(actor.PersonID, true, sql.Named("id", pr.ID))...))
}

// precedentDeviation checks that a deviation is the organisation's and returns its day.
func precedentDeviation(ctx context.Context, tx *sql.Tx, id, org int64) (string, error) {
	var day string
	err := tx.QueryRowContext(ctx, `SELECT occurred_on FROM deviations WHERE id = ? AND organization_id = ?`, id, org).Scan(&day)
	if errors.Is(err, sql.ErrNoRows) {
		return "", &InvalidError{Field: "deviation_id", Description: "is not a deviation of the organisation"}
	}
	if err != nil {
		return "", fmt.Errorf("select deviation: %w", err)
	}
	return day, nil
}

// precedentDecision checks that the actor may see a meeting decision of the organisation
// and returns its meeting's day. A decision the actor may not see is not found; one of a
// reflection talk stays the pair's own, as the talk does.
func precedentDecision(ctx context.Context, tx *sql.Tx, actor Actor, id, org int64) (string, error) {
	var day string
	var meetingOrg int64
	var kind int32
	err := tx.QueryRowContext(ctx, `
		SELECT m.date, ms.organization_id, ms.kind
		FROM meeting_decisions md JOIN meetings m ON m.id = md.meeting_id JOIN meeting_series ms ON ms.id = m.series_id
		WHERE md.id = @id AND `+seesMeeting, sql.Named("id", id), sql.Named("viewer", actor.PersonID)).Scan(&day, &meetingOrg, &kind)
	if errors.Is(err, sql.ErrNoRows) {
		return "", ErrNotFound
	}
	if err != nil {
		return "", fmt.Errorf("select decision: %w", err)
	}
	switch {
	case meetingOrg != org:
		return "", &InvalidError{Field: "decision_id", Description: "is not a decision of the area's organisation"}
	case kind == KindReflektion:
		return "", &InvalidError{Field: "decision_id", Description: "is from a reflection talk, which stays the pair's own"}
	}
	return day, nil
}

// precedentNote checks that a quick note the actor may see is the organisation's record
// (shared with the other party) and returns its key and the day it was written. Someone
// else's private note is not found; the author's own private or party-role note is refused.
func precedentNote(ctx context.Context, tx *sql.Tx, actor Actor, id string, org int64) (int64, string, error) {
	n, err := note(ctx, tx, actor.PersonID, id, false)
	if err != nil {
		return 0, "", err
	}
	switch {
	case n.OrganizationID != org:
		return 0, "", &InvalidError{Field: "quick_note_id", Description: "is not a note of the area's organisation"}
	case n.PartyRole:
		return 0, "", fmt.Errorf("%w: the note is written in a party role and is not the organisation's record", ErrConflict)
	case n.SharedWith.ID == 0:
		return 0, "", fmt.Errorf("%w: the note is private; share it with the other party before it becomes a precedent", ErrConflict)
	}
	return n.pk, today(n.CreateTime), nil
}

// ListPrecedents lists an area's precedents, the most recent case first.
func (s *Store) ListPrecedents(ctx context.Context, viewer Viewer, areaID int64, p Page) ([]Precedent, string, error) {
	org, err := areaOrg(ctx, s.r, areaID)
	if err != nil {
		return nil, "", err
	}
	st, err := s.viewerStanding(ctx, viewer, org)
	if err != nil {
		return nil, "", err
	}
	if _, err := s.area(ctx, areaID, st); err != nil {
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
		WHERE pr.area_id = @area AND (pr.occurred_on, pr.id) < (@kday, @kid)
		ORDER BY pr.occurred_on DESC, pr.id DESC LIMIT @limit`, precedentArgs(viewer.PersonID, st.inPair(),
		sql.Named("area", areaID), sql.Named("kday", c.Key), sql.Named("kid", c.ID), sql.Named("limit", p.size()+1))...)
	if err != nil {
		return nil, "", fmt.Errorf("list precedents: %w", err)
	}
	out, next := trim(out, p, func(pr Precedent) cursor { return cursor{Key: pr.OccurredOn, ID: pr.ID} })
	return out, next, nil
}
