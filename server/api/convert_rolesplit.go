package api

import (
	"time"

	"google.golang.org/protobuf/types/known/timestamppb"

	samspelv1 "github.com/samspel/samspel/server/gen/samspel/v1"
	"github.com/samspel/samspel/server/store"
	"github.com/samspel/samspel/server/textdiff"
)

// Conversions for the role split, the instruction and the pair's records.

// optTime converts an instant that may be unset; unset stays nil on the wire.
func optTime(t time.Time) *timestamppb.Timestamp {
	if t.IsZero() {
		return nil
	}
	return timestamppb.New(t)
}

// optPerson converts a person who may be unset (id zero); unset stays nil on the wire.
func optPerson(p store.Person) *samspelv1.Person {
	if p.ID == 0 {
		return nil
	}
	return personToProto(p)
}

func areaToProto(a store.Area) *samspelv1.Area {
	return &samspelv1.Area{
		Id:                a.ID,
		OrganizationId:    a.OrganizationID,
		Name:              a.Name,
		Owner:             samspelv1.AreaOwner(a.Owner),
		Description:       a.Description,
		Examples:          a.Examples,
		Version:           a.Version,
		UpdateTime:        timestamppb.New(a.UpdateTime),
		UpdatedBy:         personToProto(a.UpdatedBy),
		UpdateReason:      a.UpdateReason,
		OpenProposalCount: a.OpenProposals,
		PrecedentCount:    a.Precedents,
		Retired:           a.Retired,
	}
}

func areaFields(name string, owner samspelv1.AreaOwner, description, examples string) store.AreaFields {
	return store.AreaFields{Name: name, Owner: int32(owner), Description: description, Examples: examples}
}

func areaEventToProto(e store.AreaEvent) *samspelv1.AreaEvent {
	return &samspelv1.AreaEvent{
		Id:              e.ID,
		AreaId:          e.AreaID,
		Kind:            samspelv1.AreaEventKind(e.Kind),
		CreateTime:      timestamppb.New(e.CreateTime),
		Actor:           personToProto(e.Actor),
		ActorRole:       samspelv1.Role(e.ActorRole),
		Name:            e.Name,
		Owner:           samspelv1.AreaOwner(e.Owner),
		PreviousOwner:   samspelv1.AreaOwner(e.PreviousOwner),
		Description:     e.Description,
		Examples:        e.Examples,
		Version:         e.Version,
		Text:            e.Text,
		ProposalState:   samspelv1.ProposalState(e.ProposalState),
		DecidedBy:       optPerson(e.DecidedBy),
		DecideTime:      optTime(e.DecideTime),
		DecisionComment: e.DecisionComment,
		ProposalId:      e.ProposalID,
		Retired:         e.Retired,
		PreviousRetired: e.PreviousRetired,
	}
}

func precedentToProto(p store.Precedent) *samspelv1.Precedent {
	return &samspelv1.Precedent{
		Id:          p.ID,
		AreaId:      p.AreaID,
		Summary:     p.Summary,
		OccurredOn:  p.OccurredOn,
		DeviationId: p.DeviationID,
		Reference:   p.Reference,
		LinkedBy:    personToProto(p.LinkedBy),
		CreateTime:  timestamppb.New(p.CreateTime),
		DecisionId:  p.DecisionID,
		QuickNoteId: p.QuickNoteID,
		MeetingId:   p.MeetingID,
		SourceText:  p.SourceText,
	}
}

func instructionToProto(v store.InstructionVersion) *samspelv1.InstructionVersion {
	out := &samspelv1.InstructionVersion{
		Id:                v.ID,
		OrganizationId:    v.OrganizationID,
		Number:            v.Number,
		State:             samspelv1.InstructionState(v.State),
		Title:             v.Title,
		ChangeReason:      v.ChangeReason,
		BasedOnId:         v.BasedOnID,
		CreatedBy:         personToProto(v.CreatedBy),
		CreateTime:        timestamppb.New(v.CreateTime),
		UpdatedBy:         personToProto(v.UpdatedBy),
		UpdateTime:        timestamppb.New(v.UpdateTime),
		BoardDecisionDate: v.BoardDecisionDate,
		BoardDecisionRef:  v.BoardDecisionRef,
		AdoptedBy:         optPerson(v.AdoptedBy),
		AdoptTime:         optTime(v.AdoptTime),
		SupersededById:    v.SupersededByID,
		LastReviewDate:    v.LastReviewDate,
		LastReviewedBy:    optPerson(v.LastReviewedBy),
		ReviewDue:         samspelv1.InstructionReviewDue(v.ReviewDue),
	}
	for _, s := range v.Sections {
		out.Sections = append(out.Sections, &samspelv1.InstructionSection{Heading: s.Heading, Body: s.Body})
	}
	return out
}

// withoutSections is a version as lists and diffs show it.
func withoutSections(v store.InstructionVersion) *samspelv1.InstructionVersion {
	v.Sections = nil
	return instructionToProto(v)
}

func chunksToProto(chunks []textdiff.Chunk) []*samspelv1.DiffChunk {
	out := make([]*samspelv1.DiffChunk, 0, len(chunks))
	for _, c := range chunks {
		op := samspelv1.DiffOp_DIFF_OP_EQUAL
		switch c.Op {
		case textdiff.Insert:
			op = samspelv1.DiffOp_DIFF_OP_INSERT
		case textdiff.Delete:
			op = samspelv1.DiffOp_DIFF_OP_DELETE
		}
		out = append(out, &samspelv1.DiffChunk{Op: op, Text: c.Text})
	}
	return out
}

var sectionChanges = map[textdiff.SectionChange]samspelv1.SectionChange{
	textdiff.Unchanged: samspelv1.SectionChange_SECTION_CHANGE_UNCHANGED,
	textdiff.Changed:   samspelv1.SectionChange_SECTION_CHANGE_CHANGED,
	textdiff.Added:     samspelv1.SectionChange_SECTION_CHANGE_ADDED,
	textdiff.Removed:   samspelv1.SectionChange_SECTION_CHANGE_REMOVED,
}

func agreementToProto(a store.Agreement) *samspelv1.Agreement {
	return &samspelv1.Agreement{
		Id:                 a.ID,
		OrganizationId:     a.OrganizationID,
		TermId:             a.TermID,
		Text:               a.Text,
		State:              samspelv1.AgreementState(a.State),
		AwaitingRole:       samspelv1.Role(a.AwaitingRole),
		AwaitingYou:        a.AwaitingYou,
		ProposedBy:         personToProto(a.ProposedBy),
		ProposedByRole:     samspelv1.Role(a.ProposedByRole),
		ProposeTime:        timestamppb.New(a.ProposeTime),
		AgreeTime:          optTime(a.AgreeTime),
		RevisitRequested:   !a.RevisitTime.IsZero(),
		RevisitRequestedBy: optPerson(a.RevisitBy),
		RevisitTime:        optTime(a.RevisitTime),
		RevisitReason:      a.RevisitReason,
		ReplacesId:         a.ReplacesID,
		UpdateTime:         timestamppb.New(a.UpdateTime),
	}
}

func agreementEventToProto(e store.AgreementEvent) *samspelv1.AgreementEvent {
	return &samspelv1.AgreementEvent{
		Id:         e.ID,
		Kind:       samspelv1.AgreementEventKind(e.Kind),
		Actor:      personToProto(e.Actor),
		ActorRole:  samspelv1.Role(e.ActorRole),
		CreateTime: timestamppb.New(e.CreateTime),
		Text:       e.Text,
		Comment:    e.Comment,
	}
}

func deviationToProto(d store.Deviation) *samspelv1.Deviation {
	return &samspelv1.Deviation{
		Id:              d.ID,
		OrganizationId:  d.OrganizationID,
		TermId:          d.TermID,
		Kind:            samspelv1.DeviationKind(d.Kind),
		AreaId:          d.AreaID,
		AreaName:        d.AreaName,
		AgreementId:     d.AgreementID,
		AgreementText:   d.AgreementText,
		What:            d.What,
		Reason:          d.Reason,
		OccurredOn:      d.OccurredOn,
		LoggedBy:        personToProto(d.LoggedBy),
		LoggedByRole:    samspelv1.Role(d.LoggedByRole),
		LogTime:         timestamppb.New(d.LogTime),
		InCrisis:        d.InCrisis,
		AcknowledgedBy:  optPerson(d.AcknowledgedBy),
		AcknowledgeTime: optTime(d.AcknowledgeTime),
		AwaitingYou:     d.AwaitingYou,
		CommentCount:    d.Comments,
	}
}

func deviationCommentToProto(c store.DeviationComment) *samspelv1.DeviationComment {
	return &samspelv1.DeviationComment{
		Id:              c.ID,
		Author:          personToProto(c.Author),
		AuthorRole:      samspelv1.Role(c.AuthorRole),
		CreateTime:      timestamppb.New(c.CreateTime),
		Text:            c.Text,
		Acknowledgement: c.Acknowledgement,
	}
}

func crisisToProto(c store.CrisisPeriod) *samspelv1.CrisisPeriod {
	return &samspelv1.CrisisPeriod{
		Id:             c.ID,
		OrganizationId: c.OrganizationID,
		TermId:         c.TermID,
		Reason:         c.Reason,
		StartedBy:      personToProto(c.StartedBy),
		StartTime:      timestamppb.New(c.StartTime),
		EndedBy:        optPerson(c.EndedBy),
		EndTime:        optTime(c.EndTime),
		EndNote:        c.EndNote,
	}
}

// mapList converts a page of store values to protos.
func mapList[T, P any](in []T, conv func(T) P) []P {
	out := make([]P, 0, len(in))
	for _, v := range in {
		out = append(out, conv(v))
	}
	return out
}
