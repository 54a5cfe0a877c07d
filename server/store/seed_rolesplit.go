package store

import "time"

// Seeding the role split, the instruction and the pair's records. Unlike the store's
// own methods these write history as it was: at given instants, by people who may no
// longer hold a role, with no check of who may do what. Each method writes what one
// step of the real flow writes.

// SeedStep is who did something, in which role, when, and what they wrote with it.
type SeedStep struct {
	At   time.Time
	By   int64
	Role int32
	Text string
}

// Area adds an area at version 1.
func (b *Seeder) Area(orgID int64, f AreaFields, s SeedStep) int64 {
	id := b.insert(`INSERT INTO areas (organization_id, name, owner, description, examples, version, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, 1, ?, ?)`, orgID, f.Name, f.Owner, f.Description, f.Examples, millis(s.At), millis(s.At))
	b.areaEvent(orgID, id, AreaChange, f, 0, 1, s, 0, 0)
	return id
}

// ChangeArea applies a change as a new version; proposalID names an accepted proposal.
func (b *Seeder) ChangeArea(areaID int64, f AreaFields, s SeedStep, proposalID int64) {
	if b.err != nil {
		return
	}
	var orgID int64
	var owner, version int32
	if b.err = b.tx.QueryRowContext(b.ctx, `SELECT organization_id, owner, version FROM areas WHERE id = ?`, areaID).
		Scan(&orgID, &owner, &version); b.err != nil {
		return
	}
	b.insert(`UPDATE areas SET name = ?, owner = ?, description = ?, examples = ?, version = ?, updated_at = ? WHERE id = ?`,
		f.Name, f.Owner, f.Description, f.Examples, version+1, millis(s.At), areaID)
	b.areaEvent(orgID, areaID, AreaChange, f, owner, version+1, s, 0, proposalID)
}

// ProposeArea adds an open proposal for an area, or for a new area when areaID is zero.
func (b *Seeder) ProposeArea(orgID, areaID int64, f AreaFields, previousOwner int32, s SeedStep) int64 {
	return b.areaEvent(orgID, areaID, AreaProposal, f, previousOwner, 0, s, ProposalOpen, 0)
}

// DecideAreaProposal records the chair's decision on a proposal; for an accepted one,
// also apply it with ChangeArea.
func (b *Seeder) DecideAreaProposal(id int64, state int32, s SeedStep) {
	b.insert(`UPDATE area_events SET proposal_state = ?, decided_by = ?, decided_at = ?, decision_comment = ? WHERE id = ?`,
		state, s.By, millis(s.At), s.Text, id)
}

// CommentOnArea adds a comment to an area's history.
func (b *Seeder) CommentOnArea(orgID, areaID int64, s SeedStep) {
	b.areaEvent(orgID, areaID, AreaComment, AreaFields{}, 0, 0, s, 0, 0)
}

func (b *Seeder) areaEvent(orgID, areaID int64, kind int32, f AreaFields, previousOwner, version int32, s SeedStep, state int32, proposalID int64) int64 {
	return b.insert(`
		INSERT INTO area_events (organization_id, area_id, kind, actor_id, actor_role, created_at, name, owner, previous_owner,
			description, examples, version, text, proposal_state, proposal_id)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		orgID, nullID(areaID), kind, s.By, s.Role, millis(s.At), f.Name, f.Owner, previousOwner,
		f.Description, f.Examples, version, s.Text, state, nullID(proposalID))
}

// InstructionDraft adds a draft version with its sections; s.Text is the change reason.
func (b *Seeder) InstructionDraft(orgID int64, number int32, title string, basedOn int64, secs []InstructionSection, s SeedStep) int64 {
	id := b.insert(`
		INSERT INTO instruction_versions (organization_id, number, state, title, change_reason, based_on_id,
			created_by, created_at, updated_by, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		orgID, number, InstructionDraft, title, s.Text, nullID(basedOn), s.By, millis(s.At), s.By, millis(s.At))
	for i, sec := range secs {
		b.insert(`INSERT INTO instruction_sections (version_id, position, heading, body) VALUES (?, ?, ?, ?)`, id, i+1, sec.Heading, sec.Body)
	}
	return id
}

// AdoptInstruction records the board's adoption of a draft; the version in force until
// then becomes superseded.
func (b *Seeder) AdoptInstruction(orgID, id int64, boardDate, boardRef string, s SeedStep) {
	b.insert(`UPDATE instruction_versions SET state = ?, superseded_by_id = ? WHERE organization_id = ? AND state = ?`,
		InstructionSuperseded, id, orgID, InstructionAdopted)
	b.insert(`UPDATE instruction_versions SET state = ?, board_decision_date = ?, board_decision_ref = ?, adopted_by = ?, adopted_at = ?
		WHERE id = ?`, InstructionAdopted, boardDate, boardRef, s.By, millis(s.At), id)
}

// ReviewInstruction records a review of the version in force on the day of s.At.
func (b *Seeder) ReviewInstruction(id int64, s SeedStep) {
	b.insert(`INSERT INTO instruction_reviews (version_id, reviewed_on, reviewed_by, note, created_at) VALUES (?, ?, ?, ?, ?)`,
		id, s.At.In(stockholm).Format(time.DateOnly), s.By, s.Text, millis(s.At))
}

// ProposeAgreement adds a proposal in a term, awaiting the other role.
func (b *Seeder) ProposeAgreement(orgID, termID int64, text string, replaces int64, s SeedStep) int64 {
	id := b.insert(`
		INSERT INTO agreements (organization_id, term_id, text, state, awaiting_role, proposed_by, proposed_by_role, proposed_at,
			replaces_id, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		orgID, termID, text, AgreementProposed, otherRole(s.Role), s.By, s.Role, millis(s.At), nullID(replaces), millis(s.At))
	b.agreementEvent(id, AgreementEventProposed, s, text, "")
	return id
}

// AgreementStep applies one answer or revisit step (AgreementEventAmended, Accepted,
// Declined, RevisitRequested, Kept or Ended) as the store's methods would. For an
// amendment s.Text is the new wording; otherwise it is the comment or reason.
func (b *Seeder) AgreementStep(id int64, kind int32, s SeedStep) {
	at := millis(s.At)
	switch kind {
	case AgreementEventAmended:
		b.insert(`UPDATE agreements SET text = ?, awaiting_role = ?, updated_at = ? WHERE id = ?`, s.Text, otherRole(s.Role), at, id)
		b.agreementEvent(id, kind, s, s.Text, "")
		return
	case AgreementEventAccepted:
		b.insert(`UPDATE agreements SET state = ?, awaiting_role = 0, agreed_at = ?, updated_at = ? WHERE id = ?`, AgreementAgreed, at, at, id)
		b.endReplaced(id, s)
	case AgreementEventDeclined:
		b.insert(`UPDATE agreements SET state = ?, awaiting_role = 0, updated_at = ? WHERE id = ?`, AgreementDeclined, at, id)
	case AgreementEventRevisitRequested:
		b.insert(`UPDATE agreements SET revisit_by = ?, revisit_at = ?, revisit_reason = ?, updated_at = ? WHERE id = ?`, s.By, at, s.Text, at, id)
	case AgreementEventKept:
		b.insert(`UPDATE agreements SET revisit_by = NULL, revisit_at = NULL, revisit_reason = '', updated_at = ? WHERE id = ?`, at, id)
	case AgreementEventEnded:
		b.insert(`UPDATE agreements SET state = ?, revisit_by = NULL, revisit_at = NULL, revisit_reason = '', updated_at = ? WHERE id = ?`,
			AgreementEnded, at, id)
	}
	b.agreementEvent(id, kind, s, "", s.Text)
}

// endReplaced ends the agreement that a newly agreed one replaces.
func (b *Seeder) endReplaced(id int64, s SeedStep) {
	if b.err != nil {
		return
	}
	var replaces int64
	var text string
	if b.err = b.tx.QueryRowContext(b.ctx, `SELECT coalesce(replaces_id, 0), text FROM agreements WHERE id = ?`, id).Scan(&replaces, &text); b.err != nil || replaces == 0 {
		return
	}
	b.insert(`UPDATE agreements SET state = ?, revisit_by = NULL, revisit_at = NULL, revisit_reason = '', updated_at = ? WHERE id = ?`,
		AgreementEnded, millis(s.At), replaces)
	b.agreementEvent(replaces, AgreementEventEnded, s, text, "")
}

func (b *Seeder) agreementEvent(id int64, kind int32, s SeedStep, text, comment string) {
	b.insert(`INSERT INTO agreement_events (agreement_id, kind, actor_id, actor_role, created_at, text, comment) VALUES (?, ?, ?, ?, ?, ?, ?)`,
		id, kind, s.By, s.Role, millis(s.At), text, comment)
}

// Deviation logs a deviation or stand-in; d.LoggedBy.ID, d.LoggedByRole and d.LogTime
// say who and when.
func (b *Seeder) Deviation(d Deviation) int64 {
	return b.insert(`
		INSERT INTO deviations (organization_id, term_id, kind, area_id, agreement_id, what, reason, occurred_on,
			logged_by, logged_by_role, logged_at, in_crisis)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		d.OrganizationID, d.TermID, d.Kind, nullID(d.AreaID), nullID(d.AgreementID), d.What, d.Reason, d.OccurredOn,
		d.LoggedBy.ID, d.LoggedByRole, millis(d.LogTime), d.InCrisis)
}

// AcknowledgeDeviation records the other party's acknowledgement, with s.Text as its
// comment when not empty.
func (b *Seeder) AcknowledgeDeviation(id int64, s SeedStep) {
	b.insert(`UPDATE deviations SET acknowledged_by = ?, acknowledged_at = ? WHERE id = ?`, s.By, millis(s.At), id)
	if s.Text != "" {
		b.deviationComment(id, s, true)
	}
}

// CommentOnDeviation adds a comment.
func (b *Seeder) CommentOnDeviation(id int64, s SeedStep) { b.deviationComment(id, s, false) }

func (b *Seeder) deviationComment(id int64, s SeedStep, ack bool) {
	b.insert(`INSERT INTO deviation_comments (deviation_id, author_id, author_role, created_at, text, acknowledgement) VALUES (?, ?, ?, ?, ?, ?)`,
		id, s.By, s.Role, millis(s.At), s.Text, ack)
}

// Precedent links a case to an area; p.LinkedBy.ID and p.CreateTime say who and when.
func (b *Seeder) Precedent(p Precedent) int64 {
	return b.insert(`
		INSERT INTO area_precedents (area_id, deviation_id, reference, summary, occurred_on, linked_by, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, p.AreaID, nullID(p.DeviationID), p.Reference, p.Summary, p.OccurredOn, p.LinkedBy.ID, millis(p.CreateTime))
}

// Crisis adds a crisis period from start to end; an end with a zero At leaves it going on.
func (b *Seeder) Crisis(orgID, termID int64, start, end SeedStep) int64 {
	id := b.insert(`INSERT INTO crisis_periods (organization_id, term_id, reason, started_by, started_at) VALUES (?, ?, ?, ?, ?)`,
		orgID, termID, start.Text, start.By, millis(start.At))
	if !end.At.IsZero() {
		b.insert(`UPDATE crisis_periods SET ended_by = ?, ended_at = ?, end_note = ? WHERE id = ?`, end.By, millis(end.At), end.Text, id)
	}
	return id
}
