package api

import (
	"context"

	samspelv1 "github.com/samspel/samspel/server/gen/samspel/v1"
	"github.com/samspel/samspel/server/store"
	"github.com/samspel/samspel/server/textdiff"
)

type instructionService struct {
	samspelv1.UnimplementedInstructionServiceServer
	*deps
}

func (s *instructionService) ListInstructionVersions(ctx context.Context, req *samspelv1.ListInstructionVersionsRequest) (*samspelv1.ListInstructionVersionsResponse, error) {
	vs, next, err := s.store.ListInstructionVersions(ctx, caller(ctx).viewer(), req.OrganizationId, page(req.PageSize, req.PageToken))
	if err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.ListInstructionVersionsResponse{Versions: mapList(vs, withoutSections), NextPageToken: next}, nil
}

func (s *instructionService) GetInstructionVersion(ctx context.Context, req *samspelv1.GetInstructionVersionRequest) (*samspelv1.GetInstructionVersionResponse, error) {
	v, err := s.store.InstructionVersion(ctx, caller(ctx).viewer(), req.Id)
	if err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.GetInstructionVersionResponse{Version: instructionToProto(v)}, nil
}

func (s *instructionService) CreateInstructionDraft(ctx context.Context, req *samspelv1.CreateInstructionDraftRequest) (*samspelv1.CreateInstructionDraftResponse, error) {
	v, err := s.store.CreateInstructionDraft(ctx, caller(ctx).actor(), req.OrganizationId, req.BasedOnId, req.ChangeReason)
	if err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.CreateInstructionDraftResponse{Version: instructionToProto(v)}, nil
}

func (s *instructionService) UpdateInstructionDraft(ctx context.Context, req *samspelv1.UpdateInstructionDraftRequest) (*samspelv1.UpdateInstructionDraftResponse, error) {
	in := store.InstructionVersion{ID: req.Version.Id, Title: req.Version.Title, ChangeReason: req.Version.ChangeReason}
	for _, sec := range req.Version.Sections {
		in.Sections = append(in.Sections, store.InstructionSection{Heading: sec.Heading, Body: sec.Body})
	}
	v, err := s.store.UpdateInstructionDraft(ctx, caller(ctx).actor(), in, req.UpdateMask.GetPaths())
	if err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.UpdateInstructionDraftResponse{Version: instructionToProto(v)}, nil
}

func (s *instructionService) AdoptInstructionVersion(ctx context.Context, req *samspelv1.AdoptInstructionVersionRequest) (*samspelv1.AdoptInstructionVersionResponse, error) {
	v, err := s.store.AdoptInstructionVersion(ctx, caller(ctx).actor(), req.Id, req.BoardDecisionDate, req.BoardDecisionRef)
	if err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.AdoptInstructionVersionResponse{Version: instructionToProto(v)}, nil
}

// DiffInstructionVersions compares two versions the caller may both see: title word by
// word, sections matched by heading, bodies line by line and then word by word.
func (s *instructionService) DiffInstructionVersions(ctx context.Context, req *samspelv1.DiffInstructionVersionsRequest) (*samspelv1.DiffInstructionVersionsResponse, error) {
	viewer := caller(ctx).viewer()
	from, err := s.store.InstructionVersion(ctx, viewer, req.FromId)
	if err != nil {
		return nil, s.status(ctx, err)
	}
	to, err := s.store.InstructionVersion(ctx, viewer, req.ToId)
	if err != nil {
		return nil, s.status(ctx, err)
	}
	if from.OrganizationID != to.OrganizationID {
		return nil, s.status(ctx, &store.InvalidError{Field: "to_id", Description: "is a version of another organisation's instruction"})
	}
	resp := &samspelv1.DiffInstructionVersionsResponse{
		From:        withoutSections(from),
		To:          withoutSections(to),
		TitleChunks: chunksToProto(textdiff.Text(from.Title, to.Title)),
	}
	for _, d := range textdiff.Sections(sections(from), sections(to)) {
		resp.Sections = append(resp.Sections, &samspelv1.SectionDiff{
			Change: sectionChanges[d.Change], Heading: d.Heading, Chunks: chunksToProto(d.Chunks),
		})
	}
	return resp, nil
}

func sections(v store.InstructionVersion) []textdiff.Section {
	out := make([]textdiff.Section, 0, len(v.Sections))
	for _, s := range v.Sections {
		out = append(out, textdiff.Section{Heading: s.Heading, Body: s.Body})
	}
	return out
}

func (s *instructionService) RecordInstructionReview(ctx context.Context, req *samspelv1.RecordInstructionReviewRequest) (*samspelv1.RecordInstructionReviewResponse, error) {
	v, err := s.store.RecordInstructionReview(ctx, caller(ctx).actor(), req.Id, req.Note)
	if err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.RecordInstructionReviewResponse{Version: instructionToProto(v)}, nil
}

func (s *instructionService) DeleteInstructionDraft(ctx context.Context, req *samspelv1.DeleteInstructionDraftRequest) (*samspelv1.DeleteInstructionDraftResponse, error) {
	if err := s.store.DeleteInstructionDraft(ctx, caller(ctx).actor(), req.Id); err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.DeleteInstructionDraftResponse{}, nil
}
