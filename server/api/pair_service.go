package api

import (
	"context"

	samspelv1 "github.com/samspel/samspel/server/gen/samspel/v1"
	"github.com/samspel/samspel/server/store"
)

type pairService struct {
	samspelv1.UnimplementedPairServiceServer
	*deps
}

func (s *pairService) GetPairStatus(ctx context.Context, req *samspelv1.GetPairStatusRequest) (*samspelv1.GetPairStatusResponse, error) {
	ps, err := s.store.PairStatus(ctx, caller(ctx).viewer(), req.OrganizationId)
	if err != nil {
		return nil, s.status(ctx, err)
	}
	resp := &samspelv1.GetPairStatusResponse{
		YourRole:                 samspelv1.Role(ps.Role),
		DeviationsToAcknowledge:  ps.DeviationsToAcknowledge,
		AgreementsAwaitingYou:    ps.AgreementsAwaitingYou,
		AreaProposalsAwaitingYou: ps.AreaProposalsAwaiting,
		AgreementsToRevisit:      ps.AgreementsToRevisit,
		InstructionReviewDue:     samspelv1.InstructionReviewDue(ps.ReviewDue),
		AdoptedInstructionId:     ps.AdoptedInstructionID,
	}
	if ps.InCrisis {
		resp.Crisis = crisisToProto(ps.Crisis)
	}
	return resp, nil
}

func (s *pairService) ListAgreements(ctx context.Context, req *samspelv1.ListAgreementsRequest) (*samspelv1.ListAgreementsResponse, error) {
	as, next, err := s.store.ListAgreements(ctx, caller(ctx).viewer(), req.OrganizationId, req.TermId, int32(req.State), page(req.PageSize, req.PageToken))
	if err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.ListAgreementsResponse{Agreements: mapList(as, agreementToProto), NextPageToken: next}, nil
}

func (s *pairService) GetAgreement(ctx context.Context, req *samspelv1.GetAgreementRequest) (*samspelv1.GetAgreementResponse, error) {
	a, events, err := s.store.Agreement(ctx, caller(ctx).viewer(), req.Id)
	if err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.GetAgreementResponse{Agreement: agreementToProto(a), Events: mapList(events, agreementEventToProto)}, nil
}

func (s *pairService) ProposeAgreement(ctx context.Context, req *samspelv1.ProposeAgreementRequest) (*samspelv1.ProposeAgreementResponse, error) {
	a, err := s.store.ProposeAgreement(ctx, caller(ctx).actor(), req.OrganizationId, req.Text, req.ReplacesId, req.Comment)
	if err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.ProposeAgreementResponse{Agreement: agreementToProto(a)}, nil
}

func (s *pairService) AcceptAgreement(ctx context.Context, req *samspelv1.AcceptAgreementRequest) (*samspelv1.AcceptAgreementResponse, error) {
	a, err := s.store.AcceptAgreement(ctx, caller(ctx).actor(), req.Id, req.Comment)
	if err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.AcceptAgreementResponse{Agreement: agreementToProto(a)}, nil
}

func (s *pairService) AmendAgreement(ctx context.Context, req *samspelv1.AmendAgreementRequest) (*samspelv1.AmendAgreementResponse, error) {
	a, err := s.store.AmendAgreement(ctx, caller(ctx).actor(), req.Id, req.Text, req.Comment)
	if err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.AmendAgreementResponse{Agreement: agreementToProto(a)}, nil
}

func (s *pairService) DeclineAgreement(ctx context.Context, req *samspelv1.DeclineAgreementRequest) (*samspelv1.DeclineAgreementResponse, error) {
	a, err := s.store.DeclineAgreement(ctx, caller(ctx).actor(), req.Id, req.Comment)
	if err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.DeclineAgreementResponse{Agreement: agreementToProto(a)}, nil
}

func (s *pairService) RequestAgreementRevisit(ctx context.Context, req *samspelv1.RequestAgreementRevisitRequest) (*samspelv1.RequestAgreementRevisitResponse, error) {
	a, err := s.store.RequestAgreementRevisit(ctx, caller(ctx).actor(), req.Id, req.Reason)
	if err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.RequestAgreementRevisitResponse{Agreement: agreementToProto(a)}, nil
}

func (s *pairService) ResolveAgreementRevisit(ctx context.Context, req *samspelv1.ResolveAgreementRevisitRequest) (*samspelv1.ResolveAgreementRevisitResponse, error) {
	a, err := s.store.ResolveAgreementRevisit(ctx, caller(ctx).actor(), req.Id, int32(req.Outcome), req.Comment)
	if err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.ResolveAgreementRevisitResponse{Agreement: agreementToProto(a)}, nil
}

func (s *pairService) ListDeviations(ctx context.Context, req *samspelv1.ListDeviationsRequest) (*samspelv1.ListDeviationsResponse, error) {
	ds, next, err := s.store.ListDeviations(ctx, caller(ctx).viewer(), req.OrganizationId, req.TermId, req.AwaitingYouOnly, page(req.PageSize, req.PageToken))
	if err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.ListDeviationsResponse{Deviations: mapList(ds, deviationToProto), NextPageToken: next}, nil
}

func (s *pairService) GetDeviation(ctx context.Context, req *samspelv1.GetDeviationRequest) (*samspelv1.GetDeviationResponse, error) {
	d, comments, err := s.store.Deviation(ctx, caller(ctx).viewer(), req.Id)
	if err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.GetDeviationResponse{Deviation: deviationToProto(d), Comments: mapList(comments, deviationCommentToProto)}, nil
}

func (s *pairService) LogDeviation(ctx context.Context, req *samspelv1.LogDeviationRequest) (*samspelv1.LogDeviationResponse, error) {
	d, err := s.store.LogDeviation(ctx, caller(ctx).actor(), store.Deviation{
		OrganizationID: req.OrganizationId, Kind: int32(req.Kind), AreaID: req.AreaId, AgreementID: req.AgreementId,
		What: req.What, Reason: req.Reason, OccurredOn: req.OccurredOn,
	})
	if err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.LogDeviationResponse{Deviation: deviationToProto(d)}, nil
}

func (s *pairService) AcknowledgeDeviation(ctx context.Context, req *samspelv1.AcknowledgeDeviationRequest) (*samspelv1.AcknowledgeDeviationResponse, error) {
	d, err := s.store.AcknowledgeDeviation(ctx, caller(ctx).actor(), req.Id, req.Comment)
	if err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.AcknowledgeDeviationResponse{Deviation: deviationToProto(d)}, nil
}

func (s *pairService) CommentOnDeviation(ctx context.Context, req *samspelv1.CommentOnDeviationRequest) (*samspelv1.CommentOnDeviationResponse, error) {
	c, err := s.store.CommentOnDeviation(ctx, caller(ctx).actor(), req.Id, req.Text)
	if err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.CommentOnDeviationResponse{Comment: deviationCommentToProto(c)}, nil
}

func (s *pairService) StartCrisis(ctx context.Context, req *samspelv1.StartCrisisRequest) (*samspelv1.StartCrisisResponse, error) {
	c, err := s.store.StartCrisis(ctx, caller(ctx).actor(), req.OrganizationId, req.Reason)
	if err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.StartCrisisResponse{Crisis: crisisToProto(c)}, nil
}

func (s *pairService) EndCrisis(ctx context.Context, req *samspelv1.EndCrisisRequest) (*samspelv1.EndCrisisResponse, error) {
	c, err := s.store.EndCrisis(ctx, caller(ctx).actor(), req.OrganizationId, req.Note)
	if err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.EndCrisisResponse{Crisis: crisisToProto(c)}, nil
}

func (s *pairService) ListCrisisPeriods(ctx context.Context, req *samspelv1.ListCrisisPeriodsRequest) (*samspelv1.ListCrisisPeriodsResponse, error) {
	cs, next, err := s.store.ListCrisisPeriods(ctx, caller(ctx).viewer(), req.OrganizationId, req.TermId, page(req.PageSize, req.PageToken))
	if err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.ListCrisisPeriodsResponse{CrisisPeriods: mapList(cs, crisisToProto), NextPageToken: next}, nil
}
