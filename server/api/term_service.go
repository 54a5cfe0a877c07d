package api

import (
	"context"

	samspelv1 "github.com/samspel/samspel/server/gen/samspel/v1"
)

type termService struct {
	samspelv1.UnimplementedTermServiceServer
	*deps
}

func (s *termService) ListTerms(ctx context.Context, req *samspelv1.ListTermsRequest) (*samspelv1.ListTermsResponse, error) {
	terms, next, err := s.store.ListTerms(ctx, caller(ctx).viewer(), req.OrganizationId, page(req.PageSize, req.PageToken))
	if err != nil {
		return nil, s.status(ctx, err)
	}
	resp := &samspelv1.ListTermsResponse{NextPageToken: next}
	for _, t := range terms {
		resp.Terms = append(resp.Terms, termToProto(t))
	}
	return resp, nil
}

func (s *termService) CreateTerm(ctx context.Context, req *samspelv1.CreateTermRequest) (*samspelv1.CreateTermResponse, error) {
	t, err := s.store.CreateTerm(ctx, caller(ctx).actor(), req.OrganizationId, req.StartDate, req.EndDate)
	if err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.CreateTermResponse{Term: termToProto(t)}, nil
}
