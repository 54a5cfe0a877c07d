package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Area owners as in samspel.v1.AreaOwner.
const (
	OwnerChair    = 1
	OwnerDirector = 2
	OwnerShared   = 3
)

// Area event kinds and proposal states as in samspel.v1.AreaEventKind and ProposalState.
const (
	AreaChange   = 1
	AreaProposal = 2
	AreaComment  = 3

	ProposalOpen     = 1
	ProposalAccepted = 2
	ProposalDeclined = 3
)

// AreaFields are the fields of an area a person writes.
type AreaFields struct {
	Name        string
	Owner       int32
	Description string
	Examples    string
	Retired     bool // retired (avvecklat): out of the active list, kept in history and export
}

func (f AreaFields) check() error {
	if strings.TrimSpace(f.Name) == "" {
		return &InvalidError{Field: "name", Description: "must not be blank"}
	}
	if f.Owner < OwnerChair || f.Owner > OwnerShared {
		return &InvalidError{Field: "owner", Description: "must be the chair, the director or shared"}
	}
	return nil
}

// Area is an area of responsibility as it stands now.
type Area struct {
	ID             int64
	OrganizationID int64
	AreaFields
	Version       int32
	UpdateTime    time.Time
	UpdatedBy     Person
	UpdateReason  string
	OpenProposals int32
	Precedents    int32
}

// AreaEvent is one entry in an area's history: a change, a proposal or a comment.
type AreaEvent struct {
	ID              int64
	OrganizationID  int64
	AreaID          int64 // zero for a proposed new area not yet accepted
	Kind            int32
	CreateTime      time.Time
	Actor           Person
	ActorRole       int32
	AreaFields            // as changed or proposed
	PreviousOwner   int32 // the owner before, zero for a new area
	PreviousRetired bool  // whether the area was retired before
	Version         int32 // for a change: the version it made
	Text            string
	ProposalState   int32
	DecidedBy       Person
	DecideTime      time.Time
	DecisionComment string
	ProposalID      int64 // for a change from an accepted proposal
}

const areaColumns = `a.id, a.organization_id, a.name, a.owner, a.description, a.examples, a.retired, a.version, a.updated_at,
	` + `u.id, u.email, u.display_name, e.text,
	(SELECT count(*) FROM area_events o WHERE o.area_id = a.id AND o.proposal_state = 1),
	(SELECT count(*) FROM area_precedents pr WHERE pr.area_id = a.id)`

// areaFrom joins each area to the change that made its current version.
const areaFrom = ` FROM areas a
	JOIN area_events e ON e.area_id = a.id AND e.kind = 1 AND e.version = a.version
	JOIN people u ON u.id = e.actor_id`

func scanArea(sc scanner) (Area, error) {
	var a Area
	var updated int64
	err := sc.Scan(dest(&a.ID, &a.OrganizationID, &a.Name, &a.Owner, &a.Description, &a.Examples, &a.Retired, &a.Version, &updated,
		personDest(&a.UpdatedBy), &a.UpdateReason, &a.OpenProposals, &a.Precedents)...)
	a.UpdateTime = fromMillis(updated)
	return a, err
}

const areaEventColumns = `e.id, e.organization_id, coalesce(e.area_id, 0), e.kind, e.created_at,
	` + `ap.id, ap.email, ap.display_name, e.actor_role, e.name, e.owner, e.previous_owner, e.description, e.examples,
	e.retired, e.previous_retired,
	e.version, e.text, e.proposal_state, ` + `coalesce(dp.id, 0), coalesce(dp.email, ''), coalesce(dp.display_name, ''),
	coalesce(e.decided_at, 0), e.decision_comment, coalesce(e.proposal_id, 0)
	FROM area_events e JOIN people ap ON ap.id = e.actor_id LEFT JOIN people dp ON dp.id = e.decided_by`

func scanAreaEvent(sc scanner) (AreaEvent, error) {
	var e AreaEvent
	var created, decided int64
	err := sc.Scan(dest(&e.ID, &e.OrganizationID, &e.AreaID, &e.Kind, &created,
		personDest(&e.Actor), &e.ActorRole, &e.Name, &e.Owner, &e.PreviousOwner, &e.Description, &e.Examples,
		&e.Retired, &e.PreviousRetired,
		&e.Version, &e.Text, &e.ProposalState, personDest(&e.DecidedBy),
		&decided, &e.DecisionComment, &e.ProposalID)...)
	e.CreateTime = fromMillis(created)
	e.DecideTime = optMillis(decided)
	return e, err
}

// areaOrg returns the organisation of an area, or ErrNotFound.
func areaOrg(ctx context.Context, q querier, id int64) (int64, error) {
	var org int64
	err := q.QueryRowContext(ctx, `SELECT organization_id FROM areas WHERE id = ?`, id).Scan(&org)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, ErrNotFound
	}
	if err != nil {
		return 0, fmt.Errorf("select area: %w", err)
	}
	return org, nil
}

// Area returns an area if viewer may see the role split of its organisation.
func (s *Store) Area(ctx context.Context, viewer Viewer, id int64) (Area, error) {
	org, err := areaOrg(ctx, s.r, id)
	if err != nil {
		return Area{}, err
	}
	st, err := s.viewerStanding(ctx, viewer, org)
	if err != nil {
		return Area{}, err
	}
	return s.area(ctx, id, st)
}

// area reads an area for someone whose standing is st.
func (s *Store) area(ctx context.Context, id int64, st standing) (Area, error) {
	a, err := scanArea(s.r.QueryRowContext(ctx, `SELECT `+areaColumns+areaFrom+` WHERE a.id = ? AND ?`, id, st.seesRoleSplit()))
	if errors.Is(err, sql.ErrNoRows) {
		return Area{}, ErrNotFound
	}
	if err != nil {
		return Area{}, fmt.Errorf("select area: %w", err)
	}
	return a, nil
}

// seeRoleSplit checks that viewer may see the organisation's role split.
func (s *Store) seeRoleSplit(ctx context.Context, viewer Viewer, orgID int64) error {
	st, err := s.viewerStanding(ctx, viewer, orgID)
	if err == nil && !st.seesRoleSplit() {
		err = ErrNotFound
	}
	return err
}

// ListAreas lists an organisation's active areas by name, or with retired its retired ones.
func (s *Store) ListAreas(ctx context.Context, viewer Viewer, orgID int64, retired bool, p Page) ([]Area, string, error) {
	if err := s.seeRoleSplit(ctx, viewer, orgID); err != nil {
		return nil, "", err
	}
	c, err := p.cursor()
	if err != nil {
		return nil, "", err
	}
	out, err := query(ctx, s.r, scanArea, `SELECT `+areaColumns+areaFrom+`
		WHERE a.organization_id = ? AND a.retired = ? AND (a.name, a.id) > (?, ?)
		ORDER BY a.name, a.id LIMIT ?`, orgID, retired, c.Key, c.ID, p.size()+1)
	if err != nil {
		return nil, "", fmt.Errorf("list areas: %w", err)
	}
	out, next := trim(out, p, func(a Area) cursor { return cursor{Key: a.Name, ID: a.ID} })
	return out, next, nil
}

// CreateArea adds an area at version 1. Only the chair may: the width of the grey zone
// is the chair's call.
func (s *Store) CreateArea(ctx context.Context, actor Actor, orgID int64, f AreaFields, reason string) (Area, error) {
	if err := f.check(); err != nil {
		return Area{}, err
	}
	if err := nonBlank("reason", reason); err != nil {
		return Area{}, err
	}
	var id int64
	var st standing
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var err error
		now := s.now()
		st, err = standingIn(ctx, tx, actor.PersonID, false, orgID, s.today())
		if err != nil {
			return err
		}
		if err := st.require(RoleChair); err != nil {
			return err
		}
		id, err = insertArea(ctx, tx, now, orgID, f)
		if err != nil {
			return err
		}
		if _, err := insertAreaEvent(ctx, tx, now, AreaEvent{OrganizationID: orgID, AreaID: id, Kind: AreaChange,
			Actor: Person{ID: actor.PersonID}, ActorRole: st.pairRole, AreaFields: f, Version: 1, Text: reason}); err != nil {
			return err
		}
		return auditTx(ctx, tx, now, actor, "area.create", true, fmt.Sprintf("area:%d", id))
	})
	if err != nil {
		return Area{}, err
	}
	return s.area(ctx, id, st)
}

func insertArea(ctx context.Context, tx *sql.Tx, now time.Time, orgID int64, f AreaFields) (int64, error) {
	res, err := tx.ExecContext(ctx, `
		INSERT INTO areas (organization_id, name, owner, description, examples, version, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, 1, ?, ?)`, orgID, f.Name, f.Owner, f.Description, f.Examples, millis(now), millis(now))
	if isUnique(err) {
		return 0, &InvalidError{Field: "name", Description: "another area has this name"}
	}
	if err != nil {
		return 0, fmt.Errorf("insert area: %w", err)
	}
	return res.LastInsertId()
}

func insertAreaEvent(ctx context.Context, tx *sql.Tx, now time.Time, e AreaEvent) (int64, error) {
	res, err := tx.ExecContext(ctx, `
		INSERT INTO area_events (organization_id, area_id, kind, actor_id, actor_role, created_at, name, owner, previous_owner,
			description, examples, retired, previous_retired, version, text, proposal_state, proposal_id)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		e.OrganizationID, nullID(e.AreaID), e.Kind, e.Actor.ID, e.ActorRole, millis(now), e.Name, e.Owner, e.PreviousOwner,
		e.Description, e.Examples, e.Retired, e.PreviousRetired, e.Version, e.Text, e.ProposalState, nullID(e.ProposalID))
	if err != nil {
		return 0, fmt.Errorf("insert area event: %w", err)
	}
	return res.LastInsertId()
}

// UpdateArea applies the chair's change to the fields named in mask (name, owner,
// description, examples) at once, as a new version that keeps the reason.
func (s *Store) UpdateArea(ctx context.Context, actor Actor, id int64, f AreaFields, mask []string, reason string) (Area, error) {
	if err := nonBlank("reason", reason); err != nil {
		return Area{}, err
	}
	var st standing
	err := s.tx(ctx, func(tx *sql.Tx) error {
		now := s.now()
		cur, err := currentArea(ctx, tx, id)
		if err != nil {
			return err
		}
		st, err = standingIn(ctx, tx, actor.PersonID, false, cur.OrganizationID, s.today())
		if err != nil {
			return err
		}
		if err := st.require(RoleChair); err != nil {
			return err
		}
		if cur.Retired {
			return errRetired
		}
		next, err := applyMask(cur.AreaFields, f, mask)
		if err != nil {
			return err
		}
		return changeArea(ctx, tx, now, actor, st.pairRole, cur, next, reason, 0)
	})
	if err != nil {
		return Area{}, err
	}
	return s.area(ctx, id, st)
}

// currentArea reads an area's current fields inside a transaction.
func currentArea(ctx context.Context, tx *sql.Tx, id int64) (Area, error) {
	var a Area
	err := tx.QueryRowContext(ctx, `SELECT id, organization_id, name, owner, description, examples, retired, version FROM areas WHERE id = ?`, id).
		Scan(&a.ID, &a.OrganizationID, &a.Name, &a.Owner, &a.Description, &a.Examples, &a.Retired, &a.Version)
	if errors.Is(err, sql.ErrNoRows) {
		return Area{}, ErrNotFound
	}
	if err != nil {
		return Area{}, fmt.Errorf("select area: %w", err)
	}
	return a, nil
}

// applyMask returns cur with the fields named in mask taken from f.
func applyMask(cur, f AreaFields, mask []string) (AreaFields, error) {
	if len(mask) == 0 {
		return cur, &InvalidError{Field: "update_mask", Description: "names no field"}
	}
	next := cur
	for _, path := range mask {
		switch path {
		case "name":
			next.Name = f.Name
		case "owner":
			next.Owner = f.Owner
		case "description":
			next.Description = f.Description
		case "examples":
			next.Examples = f.Examples
		default:
			return cur, &InvalidError{Field: "update_mask", Description: fmt.Sprintf("%q is not a field that can be changed", path)}
		}
	}
	return next, next.check()
}

// changeArea stores next as the area's new version, with the change in its history.
func changeArea(ctx context.Context, tx *sql.Tx, now time.Time, actor Actor, role int32, cur Area, next AreaFields, reason string, proposalID int64) error {
	if next == cur.AreaFields {
		return &InvalidError{Field: "update_mask", Description: "the change leaves the area as it is"}
	}
	_, err := tx.ExecContext(ctx, `
		UPDATE areas SET name = ?, owner = ?, description = ?, examples = ?, retired = ?, version = version + 1, updated_at = ?
		WHERE id = ?`, next.Name, next.Owner, next.Description, next.Examples, next.Retired, millis(now), cur.ID)
	if isUnique(err) {
		return &InvalidError{Field: "name", Description: "another area has this name"}
	}
	if err != nil {
		return fmt.Errorf("update area: %w", err)
	}
	if _, err := insertAreaEvent(ctx, tx, now, AreaEvent{OrganizationID: cur.OrganizationID, AreaID: cur.ID, Kind: AreaChange,
		Actor: Person{ID: actor.PersonID}, ActorRole: role, AreaFields: next, PreviousOwner: cur.Owner, PreviousRetired: cur.Retired,
		Version: cur.Version + 1, Text: reason, ProposalID: proposalID}); err != nil {
		return err
	}
	action := "area.update"
	switch {
	case next.Retired && !cur.Retired:
		action = "area.retire"
	case cur.Retired && !next.Retired:
		action = "area.restore"
	}
	return auditTx(ctx, tx, now, actor, action, true, fmt.Sprintf("area:%d", cur.ID))
}

// errRetired refuses a change to a retired area other than restoring it.
var errRetired = fmt.Errorf("%w: the area is retired; restore it first", ErrConflict)

// RetireArea retires (avvecklar) an active area, or with retired false restores a
// retired one: the chair's change, a new version with the reason in the history. A
// retired area leaves the active list and keeps its history and precedents.
func (s *Store) RetireArea(ctx context.Context, actor Actor, id int64, retired bool, reason string) (Area, error) {
	if err := nonBlank("reason", reason); err != nil {
		return Area{}, err
	}
	var st standing
	err := s.tx(ctx, func(tx *sql.Tx) error {
		cur, err := currentArea(ctx, tx, id)
		if err != nil {
			return err
		}
		if st, err = standingIn(ctx, tx, actor.PersonID, false, cur.OrganizationID, s.today()); err != nil {
			return err
		}
		if err := st.require(RoleChair); err != nil {
			return err
		}
		if cur.Retired == retired && retired {
			return fmt.Errorf("%w: the area is already retired", ErrConflict)
		}
		if cur.Retired == retired {
			return fmt.Errorf("%w: the area is not retired", ErrConflict)
		}
		next := cur.AreaFields
		next.Retired = retired
		return changeArea(ctx, tx, s.now(), actor, st.pairRole, cur, next, reason, 0)
	})
	if err != nil {
		return Area{}, err
	}
	return s.area(ctx, id, st)
}

// ProposeAreaChange stores the director's proposal for an area (areaID) or for a new
// area (areaID zero); it waits for the chair.
func (s *Store) ProposeAreaChange(ctx context.Context, actor Actor, orgID, areaID int64, f AreaFields, reason string) (AreaEvent, error) {
	if err := f.check(); err != nil {
		return AreaEvent{}, err
	}
	if err := nonBlank("reason", reason); err != nil {
		return AreaEvent{}, err
	}
	var id int64
	err := s.tx(ctx, func(tx *sql.Tx) error {
		now := s.now()
		st, err := standingIn(ctx, tx, actor.PersonID, false, orgID, s.today())
		if err != nil {
			return err
		}
		if err := st.require(RoleDirector); err != nil {
			return err
		}
		e := AreaEvent{OrganizationID: orgID, AreaID: areaID, Kind: AreaProposal, Actor: Person{ID: actor.PersonID},
			ActorRole: st.pairRole, AreaFields: f, Text: reason, ProposalState: ProposalOpen}
		if areaID != 0 {
			cur, err := currentArea(ctx, tx, areaID)
			if err != nil || cur.OrganizationID != orgID {
				return &InvalidError{Field: "area_id", Description: "is not an area of the organisation"}
			}
			if f == cur.AreaFields {
				return &InvalidError{Field: "area_id", Description: "the proposal leaves the area as it is"}
			}
			if cur.Retired && f.Retired {
				return errRetired
			}
			e.PreviousOwner, e.PreviousRetired = cur.Owner, cur.Retired
		} else if f.Retired {
			return &InvalidError{Field: "retired", Description: "a new area cannot be proposed retired"}
		} else if taken, err := areaNameTaken(ctx, tx, orgID, f.Name); err != nil {
			return err
		} else if taken {
			return &InvalidError{Field: "name", Description: "another area has this name"}
		}
		id, err = insertAreaEvent(ctx, tx, now, e)
		if err != nil {
			return err
		}
		return auditTx(ctx, tx, now, actor, "area.propose", true, fmt.Sprintf("area_event:%d", id))
	})
	if err != nil {
		return AreaEvent{}, err
	}
	return s.areaEvent(ctx, id)
}

func areaNameTaken(ctx context.Context, tx *sql.Tx, orgID int64, name string) (bool, error) {
	var taken bool
	err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM areas WHERE organization_id = ? AND name = ?)`, orgID, name).Scan(&taken)
	return taken, err
}

func (s *Store) areaEvent(ctx context.Context, id int64) (AreaEvent, error) {
	e, err := scanAreaEvent(s.r.QueryRowContext(ctx, `SELECT `+areaEventColumns+` WHERE e.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return AreaEvent{}, ErrNotFound
	}
	return e, err
}

// openProposal reads a proposal inside a transaction and checks that actor is the chair
// of its organisation and that it is still open.
func openProposal(ctx context.Context, tx *sql.Tx, actor Actor, id int64, today string) (AreaEvent, standing, error) {
	var e AreaEvent
	var areaID sql.NullInt64
	err := tx.QueryRowContext(ctx, `
		SELECT organization_id, area_id, name, owner, description, examples, retired, previous_retired, text, proposal_state
		FROM area_events WHERE id = ? AND kind = ?`, id, AreaProposal).
		Scan(&e.OrganizationID, &areaID, &e.Name, &e.Owner, &e.Description, &e.Examples, &e.Retired, &e.PreviousRetired, &e.Text, &e.ProposalState)
	if errors.Is(err, sql.ErrNoRows) {
		return e, standing{}, ErrNotFound
	}
	if err != nil {
		return e, standing{}, fmt.Errorf("select proposal: %w", err)
	}
	e.ID, e.AreaID = id, areaID.Int64
	st, err := standingIn(ctx, tx, actor.PersonID, false, e.OrganizationID, today)
	if err != nil {
		return e, st, err
	}
	if err := st.require(RoleChair); err != nil {
		return e, st, err
	}
	if e.ProposalState != ProposalOpen {
		return e, st, fmt.Errorf("%w: the proposal has already been decided", ErrConflict)
	}
	return e, st, nil
}

// decideProposal records the chair's decision on an open proposal.
func decideProposal(ctx context.Context, tx *sql.Tx, now time.Time, actor Actor, id, areaID int64, state int32, comment string) error {
	_, err := tx.ExecContext(ctx, `
		UPDATE area_events SET proposal_state = ?, decided_by = ?, decided_at = ?, decision_comment = ?, area_id = coalesce(area_id, ?)
		WHERE id = ? AND proposal_state = ?`, state, actor.PersonID, millis(now), comment, nullID(areaID), id, ProposalOpen)
	if err != nil {
		return fmt.Errorf("decide proposal: %w", err)
	}
	return nil
}

// AcceptAreaProposal applies an open proposal as the chair's change; a proposed new area
// is created.
func (s *Store) AcceptAreaProposal(ctx context.Context, actor Actor, proposalID int64, comment string) (Area, error) {
	var areaID int64
	var st standing
	err := s.tx(ctx, func(tx *sql.Tx) error {
		now := s.now()
		p, pst, err := openProposal(ctx, tx, actor, proposalID, s.today())
		if err != nil {
			return err
		}
		st = pst
		areaID = p.AreaID
		if areaID == 0 {
			if areaID, err = insertArea(ctx, tx, now, p.OrganizationID, p.AreaFields); err != nil {
				return err
			}
			if _, err := insertAreaEvent(ctx, tx, now, AreaEvent{OrganizationID: p.OrganizationID, AreaID: areaID, Kind: AreaChange,
				Actor: Person{ID: actor.PersonID}, ActorRole: st.pairRole, AreaFields: p.AreaFields, Version: 1,
				Text: p.Text, ProposalID: p.ID}); err != nil {
				return err
			}
		} else {
			cur, err := currentArea(ctx, tx, areaID)
			if err != nil {
				return err
			}
			// A proposal that said nothing of retiring, made before the area was retired,
			// does not bring it back: a retired area takes no change but its restoring.
			if cur.Retired && p.Retired == p.PreviousRetired {
				return errRetired
			}
			if err := changeArea(ctx, tx, now, actor, st.pairRole, cur, p.AreaFields, p.Text, p.ID); err != nil {
				return err
			}
		}
		if err := decideProposal(ctx, tx, now, actor, p.ID, areaID, ProposalAccepted, comment); err != nil {
			return err
		}
		return auditTx(ctx, tx, now, actor, "area.proposal.accept", true, fmt.Sprintf("area_event:%d area:%d", p.ID, areaID))
	})
	if err != nil {
		return Area{}, err
	}
	return s.area(ctx, areaID, st)
}

// DeclineAreaProposal declines an open proposal with the chair's comment.
func (s *Store) DeclineAreaProposal(ctx context.Context, actor Actor, proposalID int64, comment string) (AreaEvent, error) {
	if err := nonBlank("comment", comment); err != nil {
		return AreaEvent{}, err
	}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		now := s.now()
		p, _, err := openProposal(ctx, tx, actor, proposalID, s.today())
		if err != nil {
			return err
		}
		if err := decideProposal(ctx, tx, now, actor, p.ID, 0, ProposalDeclined, comment); err != nil {
			return err
		}
		return auditTx(ctx, tx, now, actor, "area.proposal.decline", true, fmt.Sprintf("area_event:%d", p.ID))
	})
	if err != nil {
		return AreaEvent{}, err
	}
	return s.areaEvent(ctx, proposalID)
}

// ListAreaProposals lists an organisation's proposals, newest first; openOnly keeps
// those that wait for the chair.
func (s *Store) ListAreaProposals(ctx context.Context, viewer Viewer, orgID int64, openOnly bool, p Page) ([]AreaEvent, string, error) {
	if err := s.seeRoleSplit(ctx, viewer, orgID); err != nil {
		return nil, "", err
	}
	c, err := p.cursor()
	if err != nil {
		return nil, "", err
	}
	out, err := query(ctx, s.r, scanAreaEvent, `SELECT `+areaEventColumns+`
		WHERE e.organization_id = ? AND e.kind = ? AND (NOT ? OR e.proposal_state = ?) AND e.id < ?
		ORDER BY e.id DESC LIMIT ?`, orgID, AreaProposal, openOnly, ProposalOpen, beforeID(c), p.size()+1)
	if err != nil {
		return nil, "", fmt.Errorf("list area proposals: %w", err)
	}
	out, next := trim(out, p, func(e AreaEvent) cursor { return cursor{ID: e.ID} })
	return out, next, nil
}

// CommentOnArea adds the chair's or the director's comment to an area's history.
func (s *Store) CommentOnArea(ctx context.Context, actor Actor, areaID int64, text string) (AreaEvent, error) {
	if err := nonBlank("text", text); err != nil {
		return AreaEvent{}, err
	}
	var id int64
	err := s.tx(ctx, func(tx *sql.Tx) error {
		now := s.now()
		org, err := areaOrg(ctx, tx, areaID)
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
		id, err = insertAreaEvent(ctx, tx, now, AreaEvent{OrganizationID: org, AreaID: areaID, Kind: AreaComment,
			Actor: Person{ID: actor.PersonID}, ActorRole: st.pairRole, Text: text})
		if err != nil {
			return err
		}
		return auditTx(ctx, tx, now, actor, "area.comment", true, fmt.Sprintf("area:%d", areaID))
	})
	if err != nil {
		return AreaEvent{}, err
	}
	return s.areaEvent(ctx, id)
}

// ListAreaEvents lists an area's history, newest first.
func (s *Store) ListAreaEvents(ctx context.Context, viewer Viewer, areaID int64, p Page) ([]AreaEvent, string, error) {
	if _, err := s.Area(ctx, viewer, areaID); err != nil {
		return nil, "", err
	}
	c, err := p.cursor()
	if err != nil {
		return nil, "", err
	}
	out, err := query(ctx, s.r, scanAreaEvent, `SELECT `+areaEventColumns+`
		WHERE e.area_id = ? AND e.id < ? ORDER BY e.id DESC LIMIT ?`, areaID, beforeID(c), p.size()+1)
	if err != nil {
		return nil, "", fmt.Errorf("list area events: %w", err)
	}
	out, next := trim(out, p, func(e AreaEvent) cursor { return cursor{ID: e.ID} })
	return out, next, nil
}

// nonBlank refuses a text that is empty or only whitespace.
func nonBlank(field, text string) error {
	if strings.TrimSpace(text) == "" {
		return &InvalidError{Field: field, Description: "must not be blank"}
	}
	return nil
}
