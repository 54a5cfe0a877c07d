package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Instruction states as in samspel.v1.InstructionState.
const (
	InstructionDraft      = 1
	InstructionAdopted    = 2
	InstructionSuperseded = 3
)

// Reasons a review of the adopted instruction is due, as in samspel.v1.InstructionReviewDue.
const (
	ReviewNotDue  = 0
	ReviewNewTerm = 1
	ReviewYearly  = 2
)

// DefaultInstructionTitle names a first draft that copies nothing.
const DefaultInstructionTitle = "Instruktion för direktören"

// maxSections bounds a version; real instructions have a dozen or so.
const maxSections = 200

// InstructionSection is one section of the instruction.
type InstructionSection struct {
	Heading string
	Body    string
}

// InstructionVersion is one version of the instruction for the director.
type InstructionVersion struct {
	ID                int64
	OrganizationID    int64
	Number            int32
	State             int32
	Title             string
	Sections          []InstructionSection // filled by InstructionVersion, not by lists
	ChangeReason      string
	BasedOnID         int64
	CreatedBy         Person
	CreateTime        time.Time
	UpdatedBy         Person
	UpdateTime        time.Time
	BoardDecisionDate string
	BoardDecisionRef  string
	AdoptedBy         Person
	AdoptTime         time.Time
	SupersededByID    int64
	LastReviewDate    string
	LastReviewedBy    Person
	ReviewDue         int32 // for the adopted version
}

const instructionColumns = `v.id, v.organization_id, v.number, v.state, v.title, v.change_reason, coalesce(v.based_on_id, 0),
	` + `c.id, c.email, c.display_name, v.created_at, u.id, u.email, u.display_name, v.updated_at,
	v.board_decision_date, v.board_decision_ref, ` + `coalesce(a.id, 0), coalesce(a.email, ''), coalesce(a.display_name, ''),
	coalesce(v.adopted_at, 0), coalesce(v.superseded_by_id, 0), coalesce(r.reviewed_on, ''),
	coalesce(rp.id, 0), coalesce(rp.email, ''), coalesce(rp.display_name, ''),
	coalesce((SELECT t.start_date FROM terms t WHERE t.organization_id = v.organization_id AND t.start_date <= ?1 AND t.end_date >= ?1), '')
	FROM instruction_versions v
	JOIN people c ON c.id = v.created_by
	JOIN people u ON u.id = v.updated_by
	LEFT JOIN people a ON a.id = v.adopted_by
	LEFT JOIN instruction_reviews r ON r.id = (
		SELECT id FROM instruction_reviews WHERE version_id = v.id ORDER BY reviewed_on DESC, id DESC LIMIT 1)
	LEFT JOIN people rp ON rp.id = r.reviewed_by`

// scanInstruction scans instructionColumns; the query's ?1 must be today, which also
// decides whether the adopted version is due for review.
func scanInstruction(today string) func(sc scanner) (InstructionVersion, error) {
	return func(sc scanner) (InstructionVersion, error) {
		var v InstructionVersion
		var created, updated, adopted int64
		var termStart string
		err := sc.Scan(dest(&v.ID, &v.OrganizationID, &v.Number, &v.State, &v.Title, &v.ChangeReason, &v.BasedOnID,
			personDest(&v.CreatedBy), &created, personDest(&v.UpdatedBy), &updated,
			&v.BoardDecisionDate, &v.BoardDecisionRef, personDest(&v.AdoptedBy), &adopted, &v.SupersededByID,
			&v.LastReviewDate, personDest(&v.LastReviewedBy), &termStart)...)
		v.CreateTime, v.UpdateTime, v.AdoptTime = fromMillis(created), fromMillis(updated), optMillis(adopted)
		if v.State == InstructionAdopted {
			v.ReviewDue = reviewDue(max(v.BoardDecisionDate, v.LastReviewDate), termStart, today)
		}
		return v, err
	}
}

// reviewDue says why an instruction last gone through on day last is due for review on
// day today, when the current term began on termStart: at the start of each term, and
// once a year.
func reviewDue(last, termStart, today string) int32 {
	if termStart != "" && last < termStart {
		return ReviewNewTerm
	}
	t, err := time.Parse(time.DateOnly, today)
	if err == nil && last <= t.AddDate(-1, 0, 0).Format(time.DateOnly) {
		return ReviewYearly
	}
	return ReviewNotDue
}

// instructionOrg returns the organisation and state of a version, or ErrNotFound.
func instructionOrg(ctx context.Context, q querier, id int64) (org int64, state int32, err error) {
	err = q.QueryRowContext(ctx, `SELECT organization_id, state FROM instruction_versions WHERE id = ?`, id).Scan(&org, &state)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, 0, ErrNotFound
	}
	if err != nil {
		return 0, 0, fmt.Errorf("select instruction version: %w", err)
	}
	return org, state, nil
}

// InstructionVersion returns a version with its sections if viewer may see it: drafts
// only the pair, staff and administrators; adopted and superseded versions every member.
func (s *Store) InstructionVersion(ctx context.Context, viewer Viewer, id int64) (InstructionVersion, error) {
	org, _, err := instructionOrg(ctx, s.r, id)
	if err != nil {
		return InstructionVersion{}, err
	}
	st, err := s.viewerStanding(ctx, viewer, org)
	if err != nil {
		return InstructionVersion{}, err
	}
	return s.instructionVersion(ctx, id, st)
}

func (s *Store) instructionVersion(ctx context.Context, id int64, st standing) (InstructionVersion, error) {
	today := s.today()
	v, err := scanInstruction(today)(s.r.QueryRowContext(ctx, `SELECT `+instructionColumns+`
		WHERE v.id = ?2 AND ?3 AND (v.state <> ?4 OR ?5)`, today, id, st.seesAdopted(), InstructionDraft, st.seesRoleSplit()))
	if errors.Is(err, sql.ErrNoRows) {
		return InstructionVersion{}, ErrNotFound
	}
	if err != nil {
		return InstructionVersion{}, fmt.Errorf("select instruction version: %w", err)
	}
	v.Sections, err = query(ctx, s.r, func(sc scanner) (sec InstructionSection, err error) {
		return sec, sc.Scan(&sec.Heading, &sec.Body)
	}, `SELECT heading, body FROM instruction_sections WHERE version_id = ? ORDER BY position`, id)
	if err != nil {
		return InstructionVersion{}, fmt.Errorf("select instruction sections: %w", err)
	}
	return v, nil
}

// ListInstructionVersions lists the versions viewer may see, newest first, without sections.
func (s *Store) ListInstructionVersions(ctx context.Context, viewer Viewer, orgID int64, p Page) ([]InstructionVersion, string, error) {
	st, err := s.viewerStanding(ctx, viewer, orgID)
	if err != nil {
		return nil, "", err
	}
	if !st.seesAdopted() {
		return nil, "", ErrNotFound
	}
	c, err := p.cursor()
	if err != nil {
		return nil, "", err
	}
	today := s.today()
	out, err := query(ctx, s.r, scanInstruction(today), `SELECT `+instructionColumns+`
		WHERE v.organization_id = ?2 AND (v.state <> ?3 OR ?4) AND v.id < ?5
		ORDER BY v.id DESC LIMIT ?6`, today, orgID, InstructionDraft, st.seesRoleSplit(), beforeID(c), p.size()+1)
	if err != nil {
		return nil, "", fmt.Errorf("list instruction versions: %w", err)
	}
	out, next := trim(out, p, func(v InstructionVersion) cursor { return cursor{ID: v.ID} })
	return out, next, nil
}

// CreateInstructionDraft starts a draft as a copy of basedOnID, or of the adopted
// version when basedOnID is zero (empty when none is adopted). An organisation has at
// most one draft; a second is refused with ErrConflict.
func (s *Store) CreateInstructionDraft(ctx context.Context, actor Actor, orgID, basedOnID int64, reason string) (InstructionVersion, error) {
	if err := nonBlank("change_reason", reason); err != nil {
		return InstructionVersion{}, err
	}
	var id int64
	var st standing
	err := s.tx(ctx, func(tx *sql.Tx) error {
		now := s.now()
		var err error
		st, err = standingIn(ctx, tx, actor.PersonID, false, orgID, s.today())
		if err != nil {
			return err
		}
		if err := st.require(RoleChair, RoleDirector); err != nil {
			return err
		}
		var draft int32
		err = tx.QueryRowContext(ctx, `SELECT number FROM instruction_versions WHERE organization_id = ? AND state = ?`, orgID, InstructionDraft).Scan(&draft)
		if err == nil {
			return fmt.Errorf("%w: version %d is already a draft; change that one", ErrConflict, draft)
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		title := DefaultInstructionTitle
		if basedOnID == 0 {
			err := tx.QueryRowContext(ctx, `SELECT id FROM instruction_versions WHERE organization_id = ? AND state = ?`, orgID, InstructionAdopted).Scan(&basedOnID)
			if err != nil && !errors.Is(err, sql.ErrNoRows) {
				return err
			}
		}
		if basedOnID != 0 {
			err := tx.QueryRowContext(ctx, `SELECT title FROM instruction_versions WHERE id = ? AND organization_id = ?`, basedOnID, orgID).Scan(&title)
			if errors.Is(err, sql.ErrNoRows) {
				return &InvalidError{Field: "based_on_id", Description: "is not a version of the organisation's instruction"}
			}
			if err != nil {
				return err
			}
		}
		res, err := tx.ExecContext(ctx, `
			INSERT INTO instruction_versions (organization_id, number, state, title, change_reason, based_on_id,
				created_by, created_at, updated_by, updated_at)
			VALUES (?1, (SELECT coalesce(max(number), 0) + 1 FROM instruction_versions WHERE organization_id = ?1),
				?2, ?3, ?4, ?5, ?6, ?7, ?6, ?7)`,
			orgID, InstructionDraft, title, reason, nullID(basedOnID), actor.PersonID, millis(now))
		if err != nil {
			return fmt.Errorf("insert instruction version: %w", err)
		}
		id, _ = res.LastInsertId()
		if basedOnID != 0 {
			if _, err := tx.ExecContext(ctx, `
				INSERT INTO instruction_sections (version_id, position, heading, body)
				SELECT ?, position, heading, body FROM instruction_sections WHERE version_id = ?`, id, basedOnID); err != nil {
				return fmt.Errorf("copy instruction sections: %w", err)
			}
		}
		return auditTx(ctx, tx, now, actor, "instruction.draft", true, fmt.Sprintf("instruction_version:%d", id))
	})
	if err != nil {
		return InstructionVersion{}, err
	}
	return s.instructionVersion(ctx, id, st)
}

// UpdateInstructionDraft changes the fields of a draft named in mask (title, sections,
// change_reason). An adopted or superseded version is a board decision and cannot be
// changed: that is ErrConflict.
func (s *Store) UpdateInstructionDraft(ctx context.Context, actor Actor, v InstructionVersion, mask []string) (InstructionVersion, error) {
	if len(mask) == 0 {
		return InstructionVersion{}, &InvalidError{Field: "update_mask", Description: "names no field"}
	}
	set := map[string]bool{}
	for _, path := range mask {
		switch path {
		case "title":
			if err := nonBlank("version.title", v.Title); err != nil {
				return InstructionVersion{}, err
			}
		case "change_reason":
			if err := nonBlank("version.change_reason", v.ChangeReason); err != nil {
				return InstructionVersion{}, err
			}
		case "sections":
			if err := checkSections(v.Sections); err != nil {
				return InstructionVersion{}, err
			}
		default:
			return InstructionVersion{}, &InvalidError{Field: "update_mask", Description: fmt.Sprintf("%q is not a field that can be changed", path)}
		}
		set[path] = true
	}
	return s.changeInstruction(ctx, actor, v.ID, "instruction.update", func(tx *sql.Tx, now time.Time, org int64, state int32) error {
		if state != InstructionDraft {
			return fmt.Errorf("%w: an adopted instruction is a board decision and cannot be changed; start a new draft", ErrConflict)
		}
		if set["title"] {
			if _, err := tx.ExecContext(ctx, `UPDATE instruction_versions SET title = ? WHERE id = ?`, v.Title, v.ID); err != nil {
				return fmt.Errorf("update instruction title: %w", err)
			}
		}
		if set["change_reason"] {
			if _, err := tx.ExecContext(ctx, `UPDATE instruction_versions SET change_reason = ? WHERE id = ?`, v.ChangeReason, v.ID); err != nil {
				return fmt.Errorf("update instruction reason: %w", err)
			}
		}
		if set["sections"] {
			if err := replaceSections(ctx, tx, v.ID, v.Sections); err != nil {
				return err
			}
		}
		_, err := tx.ExecContext(ctx, `UPDATE instruction_versions SET updated_by = ?, updated_at = ? WHERE id = ?`, actor.PersonID, millis(now), v.ID)
		return err
	})
}

// changeInstruction runs change on version id inside a transaction, after checking that
// actor is the chair or the director of its organisation, audits it as action, and
// returns the version as it is after.
func (s *Store) changeInstruction(ctx context.Context, actor Actor, id int64, action string,
	change func(tx *sql.Tx, now time.Time, org int64, state int32) error) (InstructionVersion, error) {
	st, err := s.instructionTx(ctx, actor, id, action, change)
	if err != nil {
		return InstructionVersion{}, err
	}
	return s.instructionVersion(ctx, id, st)
}

// DeleteInstructionDraft deletes a draft with its sections; whoever may edit drafts may.
// An adopted or superseded version is a board decision and is never deleted: that is
// ErrConflict.
func (s *Store) DeleteInstructionDraft(ctx context.Context, actor Actor, id int64) error {
	_, err := s.instructionTx(ctx, actor, id, "instruction.delete", func(tx *sql.Tx, _ time.Time, _ int64, state int32) error {
		if state != InstructionDraft {
			return fmt.Errorf("%w: an adopted instruction is a board decision and is never deleted", ErrConflict)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM instruction_sections WHERE version_id = ?`, id); err != nil {
			return fmt.Errorf("delete instruction sections: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM instruction_versions WHERE id = ?`, id); err != nil {
			return fmt.Errorf("delete instruction version: %w", err)
		}
		return nil
	})
	return err
}

// instructionTx is changeInstruction without reading the version after: it returns the
// actor's standing.
func (s *Store) instructionTx(ctx context.Context, actor Actor, id int64, action string,
	change func(tx *sql.Tx, now time.Time, org int64, state int32) error) (standing, error) {
	var st standing
	err := s.tx(ctx, func(tx *sql.Tx) error {
		now := s.now()
		org, state, err := instructionOrg(ctx, tx, id)
		if err != nil {
			return err
		}
		if st, err = standingIn(ctx, tx, actor.PersonID, false, org, s.today()); err != nil {
			return err
		}
		if err := st.require(RoleChair, RoleDirector); err != nil {
			return err
		}
		if err := change(tx, now, org, state); err != nil {
			return err
		}
		return auditTx(ctx, tx, now, actor, action, true, fmt.Sprintf("instruction_version:%d", id))
	})
	return st, err
}

func checkSections(secs []InstructionSection) error {
	if len(secs) > maxSections {
		return &InvalidError{Field: "version.sections", Description: fmt.Sprintf("at most %d sections", maxSections)}
	}
	seen := map[string]bool{}
	for i, sec := range secs {
		if err := nonBlank(fmt.Sprintf("version.sections[%d].heading", i), sec.Heading); err != nil {
			return err
		}
		if seen[sec.Heading] {
			// Headings tell sections apart, in the diff and for readers.
			return &InvalidError{Field: fmt.Sprintf("version.sections[%d].heading", i), Description: "another section has this heading"}
		}
		seen[sec.Heading] = true
	}
	return nil
}

func replaceSections(ctx context.Context, tx *sql.Tx, id int64, secs []InstructionSection) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM instruction_sections WHERE version_id = ?`, id); err != nil {
		return fmt.Errorf("delete instruction sections: %w", err)
	}
	for i, sec := range secs {
		if _, err := tx.ExecContext(ctx, `INSERT INTO instruction_sections (version_id, position, heading, body) VALUES (?, ?, ?, ?)`,
			id, i+1, sec.Heading, sec.Body); err != nil {
			return fmt.Errorf("insert instruction section: %w", err)
		}
	}
	return nil
}

// AdoptInstructionVersion records the board's decision to adopt a draft. The version
// in force until then becomes superseded in the same transaction.
func (s *Store) AdoptInstructionVersion(ctx context.Context, actor Actor, id int64, boardDate, boardRef string) (InstructionVersion, error) {
	if !validDate(boardDate) {
		return InstructionVersion{}, &InvalidError{Field: "board_decision_date", Description: "is not a date"}
	}
	if boardDate > s.today() {
		return InstructionVersion{}, &InvalidError{Field: "board_decision_date", Description: "lies in the future; record the decision once the board has made it"}
	}
	if err := nonBlank("board_decision_ref", boardRef); err != nil {
		return InstructionVersion{}, err
	}
	return s.changeInstruction(ctx, actor, id, "instruction.adopt", func(tx *sql.Tx, now time.Time, org int64, state int32) error {
		if state != InstructionDraft {
			return fmt.Errorf("%w: the version is already adopted", ErrConflict)
		}
		var sections int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM instruction_sections WHERE version_id = ?`, id).Scan(&sections); err != nil {
			return err
		}
		if sections == 0 {
			return &InvalidError{Field: "id", Description: "the draft has no sections; write it before it is adopted"}
		}
		var prevID int64
		var prevDate string
		err := tx.QueryRowContext(ctx, `SELECT id, board_decision_date FROM instruction_versions WHERE organization_id = ? AND state = ?`,
			org, InstructionAdopted).Scan(&prevID, &prevDate)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if prevID != 0 {
			if boardDate < prevDate {
				return &InvalidError{Field: "board_decision_date", Description: "comes before the adoption of the version in force (" + prevDate + ")"}
			}
			if _, err := tx.ExecContext(ctx, `UPDATE instruction_versions SET state = ?, superseded_by_id = ? WHERE id = ?`,
				InstructionSuperseded, id, prevID); err != nil {
				return fmt.Errorf("supersede instruction version: %w", err)
			}
		}
		_, err = tx.ExecContext(ctx, `
			UPDATE instruction_versions SET state = ?, board_decision_date = ?, board_decision_ref = ?, adopted_by = ?, adopted_at = ?
			WHERE id = ?`, InstructionAdopted, boardDate, boardRef, actor.PersonID, millis(now), id)
		return err
	})
}

// RecordInstructionReview records that the pair went through the adopted version today.
func (s *Store) RecordInstructionReview(ctx context.Context, actor Actor, id int64, note string) (InstructionVersion, error) {
	return s.changeInstruction(ctx, actor, id, "instruction.review", func(tx *sql.Tx, now time.Time, org int64, state int32) error {
		if state != InstructionAdopted {
			return fmt.Errorf("%w: only the version in force is reviewed", ErrConflict)
		}
		_, err := tx.ExecContext(ctx, `
			INSERT INTO instruction_reviews (version_id, reviewed_on, reviewed_by, note, created_at) VALUES (?, ?, ?, ?, ?)`,
			id, s.today(), actor.PersonID, note, millis(now))
		return err
	})
}

// adoptedInstruction returns the id of the organisation's version in force and whether
// it is due for review, for the pair's status.
func (s *Store) adoptedInstruction(ctx context.Context, orgID int64) (int64, int32, error) {
	today := s.today()
	v, err := scanInstruction(today)(s.r.QueryRowContext(ctx, `SELECT `+instructionColumns+`
		WHERE v.organization_id = ?2 AND v.state = ?3`, today, orgID, InstructionAdopted))
	if errors.Is(err, sql.ErrNoRows) {
		return 0, ReviewNotDue, nil
	}
	if err != nil {
		return 0, 0, fmt.Errorf("select adopted instruction: %w", err)
	}
	return v.ID, v.ReviewDue, nil
}
