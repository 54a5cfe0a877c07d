package api

import (
	"context"

	samspelv1 "github.com/samspel/samspel/server/gen/samspel/v1"
)

type organizationService struct {
	samspelv1.UnimplementedOrganizationServiceServer
	*deps
}

func (s *organizationService) ListOrganizations(ctx context.Context, req *samspelv1.ListOrganizationsRequest) (*samspelv1.ListOrganizationsResponse, error) {
	orgs, next, err := s.store.ListOrganizations(ctx, caller(ctx).viewer(), page(req.PageSize, req.PageToken))
	if err != nil {
		return nil, s.status(ctx, err)
	}
	resp := &samspelv1.ListOrganizationsResponse{NextPageToken: next}
	for _, o := range orgs {
		resp.Organizations = append(resp.Organizations, organizationToProto(o))
	}
	return resp, nil
}

func (s *organizationService) GetOrganization(ctx context.Context, req *samspelv1.GetOrganizationRequest) (*samspelv1.GetOrganizationResponse, error) {
	o, err := s.store.Organization(ctx, caller(ctx).viewer(), req.Id)
	if err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.GetOrganizationResponse{Organization: organizationToProto(o)}, nil
}

func (s *organizationService) CreateOrganization(ctx context.Context, req *samspelv1.CreateOrganizationRequest) (*samspelv1.CreateOrganizationResponse, error) {
	o, err := s.store.CreateOrganization(ctx, caller(ctx).actor(), int32(req.Kind), req.Name)
	if err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.CreateOrganizationResponse{Organization: organizationToProto(o)}, nil
}
