package api

import (
	"context"

	samspelv1 "github.com/samspel/samspel/server/gen/samspel/v1"
	"github.com/samspel/samspel/server/store"
)

type roleSplitService struct {
	samspelv1.UnimplementedRoleSplitServiceServer
	*deps
}

func (s *roleSplitService) ListAreas(ctx context.Context, req *samspelv1.ListAreasRequest) (*samspelv1.ListAreasResponse, error) {
	areas, next, err := s.store.ListAreas(ctx, caller(ctx).viewer(), req.OrganizationId, req.Retired, page(req.PageSize, req.PageToken))
	if err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.ListAreasResponse{Areas: mapList(areas, areaToProto), NextPageToken: next}, nil
}

func (s *roleSplitService) GetArea(ctx context.Context, req *samspelv1.GetAreaRequest) (*samspelv1.GetAreaResponse, error) {
	a, err := s.store.Area(ctx, caller(ctx).viewer(), req.Id)
	if err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.GetAreaResponse{Area: areaToProto(a)}, nil
}

func (s *roleSplitService) CreateArea(ctx context.Context, req *samspelv1.CreateAreaRequest) (*samspelv1.CreateAreaResponse, error) {
	a, err := s.store.CreateArea(ctx, caller(ctx).actor(), req.OrganizationId,
		areaFields(req.Name, req.Owner, req.Description, req.Examples), req.Reason)
	if err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.CreateAreaResponse{Area: areaToProto(a)}, nil
}

func (s *roleSplitService) UpdateArea(ctx context.Context, req *samspelv1.UpdateAreaRequest) (*samspelv1.UpdateAreaResponse, error) {
	a := req.Area
	updated, err := s.store.UpdateArea(ctx, caller(ctx).actor(), a.Id,
		areaFields(a.Name, a.Owner, a.Description, a.Examples), req.UpdateMask.GetPaths(), req.Reason)
	if err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.UpdateAreaResponse{Area: areaToProto(updated)}, nil
}

func (s *roleSplitService) ProposeAreaChange(ctx context.Context, req *samspelv1.ProposeAreaChangeRequest) (*samspelv1.ProposeAreaChangeResponse, error) {
	f := areaFields(req.Name, req.Owner, req.Description, req.Examples)
	f.Retired = req.Retired
	e, err := s.store.ProposeAreaChange(ctx, caller(ctx).actor(), req.OrganizationId, req.AreaId, f, req.Reason)
	if err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.ProposeAreaChangeResponse{Proposal: areaEventToProto(e)}, nil
}

func (s *roleSplitService) AcceptAreaProposal(ctx context.Context, req *samspelv1.AcceptAreaProposalRequest) (*samspelv1.AcceptAreaProposalResponse, error) {
	a, err := s.store.AcceptAreaProposal(ctx, caller(ctx).actor(), req.ProposalId, req.Comment)
	if err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.AcceptAreaProposalResponse{Area: areaToProto(a)}, nil
}

func (s *roleSplitService) DeclineAreaProposal(ctx context.Context, req *samspelv1.DeclineAreaProposalRequest) (*samspelv1.DeclineAreaProposalResponse, error) {
	e, err := s.store.DeclineAreaProposal(ctx, caller(ctx).actor(), req.ProposalId, req.Comment)
	if err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.DeclineAreaProposalResponse{Proposal: areaEventToProto(e)}, nil
}

func (s *roleSplitService) ListAreaProposals(ctx context.Context, req *samspelv1.ListAreaProposalsRequest) (*samspelv1.ListAreaProposalsResponse, error) {
	es, next, err := s.store.ListAreaProposals(ctx, caller(ctx).viewer(), req.OrganizationId, req.OpenOnly, page(req.PageSize, req.PageToken))
	if err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.ListAreaProposalsResponse{Proposals: mapList(es, areaEventToProto), NextPageToken: next}, nil
}

func (s *roleSplitService) CommentOnArea(ctx context.Context, req *samspelv1.CommentOnAreaRequest) (*samspelv1.CommentOnAreaResponse, error) {
	e, err := s.store.CommentOnArea(ctx, caller(ctx).actor(), req.AreaId, req.Text)
	if err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.CommentOnAreaResponse{Comment: areaEventToProto(e)}, nil
}

func (s *roleSplitService) ListAreaEvents(ctx context.Context, req *samspelv1.ListAreaEventsRequest) (*samspelv1.ListAreaEventsResponse, error) {
	es, next, err := s.store.ListAreaEvents(ctx, caller(ctx).viewer(), req.AreaId, page(req.PageSize, req.PageToken))
	if err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.ListAreaEventsResponse{Events: mapList(es, areaEventToProto), NextPageToken: next}, nil
}

func (s *roleSplitService) LinkPrecedent(ctx context.Context, req *samspelv1.LinkPrecedentRequest) (*samspelv1.LinkPrecedentResponse, error) {
	p, err := s.store.LinkPrecedent(ctx, caller(ctx).actor(), store.Precedent{
		AreaID: req.AreaId, DeviationID: req.DeviationId, DecisionID: req.DecisionId, QuickNoteID: req.QuickNoteId,
		Reference: req.Reference, Summary: req.Summary, OccurredOn: req.OccurredOn,
	})
	if err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.LinkPrecedentResponse{Precedent: precedentToProto(p)}, nil
}

func (s *roleSplitService) ListPrecedents(ctx context.Context, req *samspelv1.ListPrecedentsRequest) (*samspelv1.ListPrecedentsResponse, error) {
	ps, next, err := s.store.ListPrecedents(ctx, caller(ctx).viewer(), req.AreaId, page(req.PageSize, req.PageToken))
	if err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.ListPrecedentsResponse{Precedents: mapList(ps, precedentToProto), NextPageToken: next}, nil
}

func (s *roleSplitService) RetireArea(ctx context.Context, req *samspelv1.RetireAreaRequest) (*samspelv1.RetireAreaResponse, error) {
	a, err := s.store.RetireArea(ctx, caller(ctx).actor(), req.AreaId, true, req.Reason)
	if err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.RetireAreaResponse{Area: areaToProto(a)}, nil
}

func (s *roleSplitService) RestoreArea(ctx context.Context, req *samspelv1.RestoreAreaRequest) (*samspelv1.RestoreAreaResponse, error) {
	a, err := s.store.RetireArea(ctx, caller(ctx).actor(), req.AreaId, false, req.Reason)
	if err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.RestoreAreaResponse{Area: areaToProto(a)}, nil
}
