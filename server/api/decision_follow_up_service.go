package api

import (
	"context"

	samspelv1 "github.com/samspel/samspel/server/gen/samspel/v1"
	"github.com/samspel/samspel/server/store"
)

type decisionFollowUpService struct {
	samspelv1.UnimplementedDecisionFollowUpServiceServer
	*deps
}

func (s *decisionFollowUpService) CreatePoliticalDecision(ctx context.Context, req *samspelv1.CreatePoliticalDecisionRequest) (*samspelv1.CreatePoliticalDecisionResponse, error) {
	d, err := s.store.CreatePoliticalDecision(ctx, caller(ctx).actor(), store.NewPoliticalDecision{
		OrganizationID: req.OrganizationId, Body: req.Body, DecisionDate: req.DecisionDate, Paragraph: req.Paragraph,
		Title: req.Title, Description: req.Description, ResponsibleID: req.ResponsiblePersonId, ExpectedDate: req.ExpectedCompletionDate,
	})
	if err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.CreatePoliticalDecisionResponse{PoliticalDecision: politicalDecisionToProto(d)}, nil
}

func (s *decisionFollowUpService) GetPoliticalDecision(ctx context.Context, req *samspelv1.GetPoliticalDecisionRequest) (*samspelv1.GetPoliticalDecisionResponse, error) {
	viewer := caller(ctx).viewer()
	d, err := s.store.PoliticalDecision(ctx, viewer, req.Id)
	if err != nil {
		return nil, s.status(ctx, err)
	}
	updates, err := s.store.PoliticalDecisionUpdates(ctx, viewer, req.Id)
	if err != nil {
		return nil, s.status(ctx, err)
	}
	resp := &samspelv1.GetPoliticalDecisionResponse{PoliticalDecision: politicalDecisionToProto(d)}
	for _, u := range updates {
		resp.Updates = append(resp.Updates, &samspelv1.PoliticalDecisionUpdate{
			Id: u.ID, Status: samspelv1.PoliticalDecisionStatus(u.Status), Comment: u.Comment,
			Author: personRef(u.Author), CreateTime: timestamp(u.CreatedAt),
		})
	}
	return resp, nil
}

func (s *decisionFollowUpService) ListPoliticalDecisions(ctx context.Context, req *samspelv1.ListPoliticalDecisionsRequest) (*samspelv1.ListPoliticalDecisionsResponse, error) {
	list, next, err := s.store.ListPoliticalDecisions(ctx, caller(ctx).viewer(), store.PoliticalDecisionFilter{
		OrganizationID: req.OrganizationId, TermID: req.TermId, OpenOnly: req.OpenOnly, OverdueOnly: req.OverdueOnly,
	}, page(req.PageSize, req.PageToken))
	if err != nil {
		return nil, s.status(ctx, err)
	}
	resp := &samspelv1.ListPoliticalDecisionsResponse{NextPageToken: next}
	for _, d := range list {
		resp.PoliticalDecisions = append(resp.PoliticalDecisions, politicalDecisionToProto(d))
	}
	return resp, nil
}

func (s *decisionFollowUpService) UpdatePoliticalDecision(ctx context.Context, req *samspelv1.UpdatePoliticalDecisionRequest) (*samspelv1.UpdatePoliticalDecisionResponse, error) {
	set, err := maskPaths(req.UpdateMask, "title", "description", "responsible", "expected_completion_date")
	if err != nil {
		return nil, s.status(ctx, err)
	}
	in := req.PoliticalDecision
	d, err := s.store.UpdatePoliticalDecision(ctx, caller(ctx).actor(), in.Id, store.PoliticalDecisionChange{
		Title:         ptrIf(set, "title", in.Title),
		Description:   ptrIf(set, "description", in.Description),
		ResponsibleID: ptrIf(set, "responsible", in.GetResponsible().GetId()),
		ExpectedDate:  ptrIf(set, "expected_completion_date", in.ExpectedCompletionDate),
	})
	if err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.UpdatePoliticalDecisionResponse{PoliticalDecision: politicalDecisionToProto(d)}, nil
}

func (s *decisionFollowUpService) ReportPoliticalDecisionStatus(ctx context.Context, req *samspelv1.ReportPoliticalDecisionStatusRequest) (*samspelv1.ReportPoliticalDecisionStatusResponse, error) {
	d, err := s.store.ReportPoliticalDecisionStatus(ctx, caller(ctx).actor(), req.Id, int32(req.Status), req.Comment)
	if err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.ReportPoliticalDecisionStatusResponse{PoliticalDecision: politicalDecisionToProto(d)}, nil
}

func (s *decisionFollowUpService) SummarizePoliticalDecisions(ctx context.Context, req *samspelv1.SummarizePoliticalDecisionsRequest) (*samspelv1.SummarizePoliticalDecisionsResponse, error) {
	sum, err := s.store.SummarizePoliticalDecisions(ctx, caller(ctx).viewer(), req.OrganizationId, req.TermId)
	if err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.SummarizePoliticalDecisionsResponse{
		NotStarted: sum.NotStarted, InProgress: sum.InProgress, Done: sum.Done, Cancelled: sum.Cancelled, Overdue: sum.Overdue,
	}, nil
}

func politicalDecisionToProto(d store.PoliticalDecision) *samspelv1.PoliticalDecision {
	return &samspelv1.PoliticalDecision{
		Id: d.ID, OrganizationId: d.OrganizationID, TermId: d.TermID, Body: d.Body, DecisionDate: d.DecisionDate,
		Paragraph: d.Paragraph, Reference: d.Reference(), Title: d.Title, Description: d.Description,
		Responsible: personRef(d.Responsible), ExpectedCompletionDate: d.ExpectedDate,
		Status: samspelv1.PoliticalDecisionStatus(d.Status), Overdue: d.Overdue, LatestComment: d.LatestComment,
		StatusTime: timestamp(d.StatusAt),
	}
}
