package api

import (
	"context"

	samspelv1 "github.com/samspel/samspel/server/gen/samspel/v1"
	"github.com/samspel/samspel/server/store"
)

type personService struct {
	samspelv1.UnimplementedPersonServiceServer
	*deps
}

func (s *personService) ListPeople(ctx context.Context, req *samspelv1.ListPeopleRequest) (*samspelv1.ListPeopleResponse, error) {
	people, next, err := s.store.ListPeople(ctx, caller(ctx).viewer(), req.OrganizationId, req.TermId, page(req.PageSize, req.PageToken))
	if err != nil {
		return nil, s.status(ctx, err)
	}
	resp := &samspelv1.ListPeopleResponse{NextPageToken: next}
	for _, p := range people {
		resp.People = append(resp.People, personToProto(p))
	}
	return resp, nil
}

func (s *personService) ListRoleAssignments(ctx context.Context, req *samspelv1.ListRoleAssignmentsRequest) (*samspelv1.ListRoleAssignmentsResponse, error) {
	ras, next, err := s.store.ListRoleAssignments(ctx, caller(ctx).viewer(), req.OrganizationId, req.TermId, req.PersonId, page(req.PageSize, req.PageToken))
	if err != nil {
		return nil, s.status(ctx, err)
	}
	resp := &samspelv1.ListRoleAssignmentsResponse{NextPageToken: next}
	for _, ra := range ras {
		resp.RoleAssignments = append(resp.RoleAssignments, roleAssignmentToProto(ra))
	}
	return resp, nil
}

func (s *personService) AssignRole(ctx context.Context, req *samspelv1.AssignRoleRequest) (*samspelv1.AssignRoleResponse, error) {
	ra, err := s.store.AssignRole(ctx, caller(ctx).actor(), store.RoleAssignment{
		Person:         store.Person{ID: req.PersonId},
		OrganizationID: req.OrganizationId,
		TermID:         req.TermId,
		Role:           int32(req.Role),
		Party:          req.Party,
		StartDate:      req.StartDate,
	})
	if err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.AssignRoleResponse{RoleAssignment: roleAssignmentToProto(ra)}, nil
}

func (s *personService) EndRoleAssignment(ctx context.Context, req *samspelv1.EndRoleAssignmentRequest) (*samspelv1.EndRoleAssignmentResponse, error) {
	ra, err := s.store.EndRoleAssignment(ctx, caller(ctx).actor(), req.Id, req.EndDate)
	if err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.EndRoleAssignmentResponse{RoleAssignment: roleAssignmentToProto(ra)}, nil
}

// ListPairPeriods returns every period at once: a term has a handful at most, so the
// page token is accepted but never needed.
func (s *personService) ListPairPeriods(ctx context.Context, req *samspelv1.ListPairPeriodsRequest) (*samspelv1.ListPairPeriodsResponse, error) {
	pps, err := s.store.ListPairPeriods(ctx, caller(ctx).viewer(), req.OrganizationId, req.TermId)
	if err != nil {
		return nil, s.status(ctx, err)
	}
	resp := &samspelv1.ListPairPeriodsResponse{}
	for _, pp := range pps {
		resp.PairPeriods = append(resp.PairPeriods, &samspelv1.PairPeriod{
			Chair: personToProto(pp.Chair), Director: personToProto(pp.Director), StartDate: pp.StartDate, EndDate: pp.EndDate,
		})
	}
	return resp, nil
}

func (s *personService) DisablePerson(ctx context.Context, req *samspelv1.DisablePersonRequest) (*samspelv1.DisablePersonResponse, error) {
	sessions, tokens, err := s.store.DisablePerson(ctx, caller(ctx).actor(), req.PersonId)
	if err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.DisablePersonResponse{SessionsEnded: int32(sessions), TokensRevoked: int32(tokens)}, nil
}

func (s *personService) EnablePerson(ctx context.Context, req *samspelv1.EnablePersonRequest) (*samspelv1.EnablePersonResponse, error) {
	p, was, err := s.store.EnablePerson(ctx, caller(ctx).actor(), req.PersonId)
	if err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.EnablePersonResponse{Person: personToProto(p), WasDisabled: was}, nil
}
