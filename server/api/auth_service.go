package api

import (
	"context"
	"strings"

	"google.golang.org/grpc"
	"google.golang.org/grpc/metadata"

	"github.com/samspel/samspel/server/auth"
	samspelv1 "github.com/samspel/samspel/server/gen/samspel/v1"
	"github.com/samspel/samspel/server/store"
)

type authService struct {
	samspelv1.UnimplementedAuthServiceServer
	*deps
}

func (s *authService) RedeemInvite(ctx context.Context, req *samspelv1.RedeemInviteRequest) (*samspelv1.RedeemInviteResponse, error) {
	md, _ := metadata.FromIncomingContext(ctx)
	secret, hash := auth.NewSecret(auth.PrefixSession)
	person, err := s.store.RedeemInvite(ctx, store.Actor{ClientIP: clientIP(ctx)}, auth.Hash(req.Token), req.DisplayName,
		store.NewSession{SecretHash: hash, UserAgent: truncate(strings.Join(md.Get("user-agent"), " "), 300)},
		store.SessionPolicy{Idle: auth.SessionIdle, Absolute: auth.SessionAbsolute})
	if err != nil {
		return nil, s.status(ctx, err)
	}
	if err := grpc.SetHeader(ctx, metadata.Pairs("set-cookie", auth.SessionCookie(secret))); err != nil {
		return nil, s.status(ctx, err)
	}
	me, err := s.me(ctx, person)
	if err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.RedeemInviteResponse{Me: me}, nil
}

func (s *authService) SignOut(ctx context.Context, req *samspelv1.SignOutRequest) (*samspelv1.SignOutResponse, error) {
	p := caller(ctx)
	if p.sessionHash != nil {
		if err := s.store.EndSession(ctx, p.actor(), p.sessionHash); err != nil {
			return nil, s.status(ctx, err)
		}
	}
	if err := grpc.SetHeader(ctx, metadata.Pairs("set-cookie", auth.ClearCookie())); err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.SignOutResponse{}, nil
}

func (s *authService) GetMe(ctx context.Context, req *samspelv1.GetMeRequest) (*samspelv1.GetMeResponse, error) {
	me, err := s.me(ctx, caller(ctx).person)
	if err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.GetMeResponse{Me: me}, nil
}

// me gathers the person's roles today, grouped by organisation with its current term.
func (s *authService) me(ctx context.Context, p store.Person) (*samspelv1.Me, error) {
	me := &samspelv1.Me{Person: personToProto(p), Admin: p.Admin}
	ras, err := s.store.CurrentAssignments(ctx, p.ID)
	if err != nil {
		return nil, err
	}
	byOrg := map[int64]*samspelv1.Membership{}
	for _, ra := range ras {
		m, ok := byOrg[ra.OrganizationID]
		if !ok {
			org, err := s.store.Organization(ctx, store.Viewer{PersonID: p.ID}, ra.OrganizationID)
			if err != nil {
				return nil, err
			}
			term, err := s.store.CurrentTerm(ctx, ra.OrganizationID)
			if err != nil {
				return nil, err
			}
			m = &samspelv1.Membership{Organization: organizationToProto(org), Term: termToProto(term)}
			byOrg[ra.OrganizationID] = m
			me.Memberships = append(me.Memberships, m)
		}
		m.RoleAssignments = append(m.RoleAssignments, roleAssignmentToProto(ra))
	}
	return me, nil
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}
