package api

import (
	"context"
	"time"

	"google.golang.org/protobuf/types/known/timestamppb"

	samspelv1 "github.com/samspel/samspel/server/gen/samspel/v1"
	"github.com/samspel/samspel/server/store"
)

type noteService struct {
	samspelv1.UnimplementedNoteServiceServer
	*deps
}

func (s *noteService) CreateQuickNote(ctx context.Context, req *samspelv1.CreateQuickNoteRequest) (*samspelv1.CreateQuickNoteResponse, error) {
	p := caller(ctx)
	n, err := s.store.CreateQuickNote(ctx, p.actor(), store.NewQuickNote{
		ID:                 req.Id,
		OrganizationID:     req.OrganizationId,
		Body:               req.Body,
		WithPersonID:       req.WithPersonId,
		WithText:           req.WithText,
		Tag:                req.Tag,
		RaiseAtNextCheckIn: req.RaiseAtNextCheckIn,
	})
	if err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.CreateQuickNoteResponse{QuickNote: quickNoteToProto(n, p)}, nil
}

func (s *noteService) GetQuickNote(ctx context.Context, req *samspelv1.GetQuickNoteRequest) (*samspelv1.GetQuickNoteResponse, error) {
	p := caller(ctx)
	n, err := s.store.QuickNote(ctx, p.viewer(), req.Id)
	if err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.GetQuickNoteResponse{QuickNote: quickNoteToProto(n, p)}, nil
}

func (s *noteService) ListQuickNotes(ctx context.Context, req *samspelv1.ListQuickNotesRequest) (*samspelv1.ListQuickNotesResponse, error) {
	p := caller(ctx)
	notes, next, err := s.store.ListQuickNotes(ctx, p.viewer(), req.UnsortedOnly, page(req.PageSize, req.PageToken))
	if err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.ListQuickNotesResponse{QuickNotes: quickNotesToProto(notes, p), NextPageToken: next}, nil
}

func (s *noteService) UpdateQuickNote(ctx context.Context, req *samspelv1.UpdateQuickNoteRequest) (*samspelv1.UpdateQuickNoteResponse, error) {
	p := caller(ctx)
	qn := req.QuickNote
	n, err := s.store.UpdateQuickNote(ctx, p.actor(), store.QuickNoteChange{
		ID:                 qn.Id,
		Revision:           qn.Revision,
		Fields:             req.UpdateMask.GetPaths(),
		Body:               qn.Body,
		WithPersonID:       qn.GetWithPerson().GetId(),
		WithText:           qn.WithText,
		Tag:                qn.Tag,
		RaiseAtNextCheckIn: qn.RaiseAtNextCheckIn,
		Sorted:             qn.Sorted,
		PartyRole:          qn.PartyRole,
	})
	if err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.UpdateQuickNoteResponse{QuickNote: quickNoteToProto(n, p)}, nil
}

func (s *noteService) DeleteQuickNote(ctx context.Context, req *samspelv1.DeleteQuickNoteRequest) (*samspelv1.DeleteQuickNoteResponse, error) {
	p := caller(ctx)
	n, err := s.store.DeleteQuickNote(ctx, p.actor(), req.Id, req.Revision)
	if err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.DeleteQuickNoteResponse{QuickNote: quickNoteToProto(n, p)}, nil
}

func (s *noteService) ShareQuickNote(ctx context.Context, req *samspelv1.ShareQuickNoteRequest) (*samspelv1.ShareQuickNoteResponse, error) {
	p := caller(ctx)
	n, err := s.store.ShareQuickNote(ctx, p.actor(), req.Id, req.Revision, req.ValidateOnly)
	if err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.ShareQuickNoteResponse{QuickNote: quickNoteToProto(n, p)}, nil
}

func (s *noteService) PullQuickNoteChanges(ctx context.Context, req *samspelv1.PullQuickNoteChangesRequest) (*samspelv1.PullQuickNoteChangesResponse, error) {
	p := caller(ctx)
	notes, more, err := s.store.PullQuickNoteChanges(ctx, p.viewer(), req.SinceSequence, int(req.PageSize))
	if err != nil {
		return nil, s.status(ctx, err)
	}
	resp := &samspelv1.PullQuickNoteChangesResponse{QuickNotes: quickNotesToProto(notes, p), Sequence: req.SinceSequence, More: more}
	if len(notes) > 0 {
		resp.Sequence = notes[len(notes)-1].Sequence
	}
	return resp, nil
}

func (s *noteService) SearchQuickNotes(ctx context.Context, req *samspelv1.SearchQuickNotesRequest) (*samspelv1.SearchQuickNotesResponse, error) {
	p := caller(ctx)
	notes, next, err := s.store.SearchQuickNotes(ctx, p.viewer(), req.Query, page(req.PageSize, req.PageToken))
	if err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.SearchQuickNotesResponse{QuickNotes: quickNotesToProto(notes, p), NextPageToken: next}, nil
}

func (s *noteService) ListQuickNoteRevisions(ctx context.Context, req *samspelv1.ListQuickNoteRevisionsRequest) (*samspelv1.ListQuickNoteRevisionsResponse, error) {
	revs, next, err := s.store.ListQuickNoteRevisions(ctx, caller(ctx).viewer(), req.Id, page(req.PageSize, req.PageToken))
	if err != nil {
		return nil, s.status(ctx, err)
	}
	resp := &samspelv1.ListQuickNoteRevisionsResponse{NextPageToken: next}
	for _, r := range revs {
		resp.QuickNoteRevisions = append(resp.QuickNoteRevisions, &samspelv1.QuickNoteRevision{
			NoteId:             req.Id,
			Revision:           r.Revision,
			Body:               r.Body,
			WithPerson:         optionalPerson(r.WithPerson),
			WithText:           r.WithText,
			Tag:                r.Tag,
			RaiseAtNextCheckIn: r.RaiseAtNextCheckIn,
			ReplaceTime:        timestamppb.New(r.ReplaceTime),
		})
	}
	return resp, nil
}

func (s *noteService) ListNextCheckInQuickNotes(ctx context.Context, req *samspelv1.ListNextCheckInQuickNotesRequest) (*samspelv1.ListNextCheckInQuickNotesResponse, error) {
	p := caller(ctx)
	next, notes, token, err := s.store.NextCheckInNotes(ctx, p.viewer(), req.OrganizationId, page(req.PageSize, req.PageToken))
	if err != nil {
		return nil, s.status(ctx, err)
	}
	resp := &samspelv1.ListNextCheckInQuickNotesResponse{QuickNotes: quickNotesToProto(notes, p), NextPageToken: token}
	if next != nil {
		resp.NextCheckIn = meetingToProto(*next)
	}
	return resp, nil
}

func (s *noteService) ConvertQuickNote(ctx context.Context, req *samspelv1.ConvertQuickNoteRequest) (*samspelv1.ConvertQuickNoteResponse, error) {
	p := caller(ctx)
	c := store.QuickNoteConversion{ID: req.Id, Revision: req.Revision, MeetingID: req.MeetingId}
	switch into := req.Into.(type) {
	case *samspelv1.ConvertQuickNoteRequest_AgendaItem:
		c.Kind, c.Title, c.Description = store.OutcomeAgendaItem, into.AgendaItem.Title, into.AgendaItem.Description
	case *samspelv1.ConvertQuickNoteRequest_OppositionTopic:
		c.Kind, c.Title, c.Description = store.OutcomeOppositionTopic, into.OppositionTopic.Title, into.OppositionTopic.Description
	case *samspelv1.ConvertQuickNoteRequest_ActionItem:
		c.Kind, c.Title, c.OwnerID, c.DueDate = store.OutcomeActionItem, into.ActionItem.Text, into.ActionItem.OwnerPersonId, into.ActionItem.DueDate
	}
	out, err := s.store.ConvertQuickNote(ctx, p.actor(), c)
	if err != nil {
		return nil, s.status(ctx, err)
	}
	resp := &samspelv1.ConvertQuickNoteResponse{QuickNote: quickNoteToProto(out.Note, p)}
	if out.AgendaItem != nil {
		resp.AgendaItem = agendaItemToProto(*out.AgendaItem)
	}
	if out.ActionItem != nil {
		resp.ActionItem = actionToProto(*out.ActionItem)
	}
	return resp, nil
}

func quickNotesToProto(notes []store.QuickNote, viewer *principal) []*samspelv1.QuickNote {
	out := make([]*samspelv1.QuickNote, 0, len(notes))
	for _, n := range notes {
		out = append(out, quickNoteToProto(n, viewer))
	}
	return out
}

func quickNoteToProto(n store.QuickNote, viewer *principal) *samspelv1.QuickNote {
	status := samspelv1.RecordStatus_RECORD_STATUS_WORKING_NOTE
	switch {
	case n.SharedWith.ID != 0:
		status = samspelv1.RecordStatus_RECORD_STATUS_ORGANIZATION_RECORD
	case n.PartyRole:
		status = samspelv1.RecordStatus_RECORD_STATUS_PARTY_ROLE
	}
	return &samspelv1.QuickNote{
		Id:                 n.ID,
		Author:             personToProto(n.Author),
		AuthorRole:         samspelv1.Role(n.AuthorRole),
		OrganizationId:     n.OrganizationID,
		TermId:             n.TermID,
		Body:               n.Body,
		WithPerson:         optionalPerson(n.WithPerson),
		WithText:           n.WithText,
		Tag:                n.Tag,
		RaiseAtNextCheckIn: n.RaiseAtNextCheckIn,
		Sorted:             n.Sorted,
		PartyRole:          n.PartyRole,
		RecordStatus:       status,
		SharedWith:         optionalPerson(n.SharedWith),
		ShareTime:          optionalTime(n.ShareTime),
		Revision:           n.Revision,
		Sequence:           n.Sequence,
		CreateTime:         timestamppb.New(n.CreateTime),
		UpdateTime:         timestamppb.New(n.UpdateTime),
		DeleteTime:         optionalTime(n.DeleteTime),
		ViewerIsAuthor:     n.Author.ID == viewer.person.ID,
		Outcome:            outcomeToProto(n.Outcome),
	}
}

func outcomeToProto(o store.QuickNoteOutcome) *samspelv1.QuickNoteOutcome {
	if o.Kind == 0 {
		return nil
	}
	return &samspelv1.QuickNoteOutcome{
		Kind:         samspelv1.QuickNoteOutcomeKind(o.Kind),
		MeetingId:    o.MeetingID,
		MeetingDate:  o.MeetingDate,
		AgendaItemId: o.AgendaItemID,
		ActionItemId: o.ActionItemID,
	}
}

func optionalPerson(p store.Person) *samspelv1.Person {
	if p.ID == 0 {
		return nil
	}
	return personToProto(p)
}

func optionalTime(t time.Time) *timestamppb.Timestamp {
	if t.IsZero() {
		return nil
	}
	return timestamppb.New(t)
}
