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
	secret, ns := newSession(ctx, store.MethodInvite)
	person, err := s.store.RedeemInvite(ctx, store.Actor{ClientIP: clientIP(ctx)}, auth.Hash(req.Token), req.DisplayName, ns, sessionPolicy)
	if err != nil {
		return nil, s.status(ctx, err)
	}
	me, err := s.signedIn(ctx, secret, person)
	if err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.RedeemInviteResponse{Me: me}, nil
}

var sessionPolicy = store.SessionPolicy{Idle: auth.SessionIdle, Absolute: auth.SessionAbsolute}

// newSession makes a fresh session secret for a sign-in, and describes the session: the
// browser it is for, and the session cookie it replaces, if the browser came with one.
func newSession(ctx context.Context, method string) (string, store.NewSession) {
	md, _ := metadata.FromIncomingContext(ctx)
	secret, hash := auth.NewSecret(auth.PrefixSession)
	ns := store.NewSession{SecretHash: hash, UserAgent: truncate(strings.Join(md.Get("user-agent"), " "), 300), Method: method}
	if old := auth.SessionFromCookieHeader(md.Get("cookie")); old != "" {
		ns.Replaces = auth.Hash(old)
	}
	return secret, ns
}

// signedIn sets the new session's cookie and returns who signed in.
func (s *authService) signedIn(ctx context.Context, secret string, person store.Person) (*samspelv1.Me, error) {
	if err := grpc.SetHeader(ctx, metadata.Pairs("set-cookie", auth.SessionCookie(secret))); err != nil {
		return nil, err
	}
	return s.me(ctx, person)
}

func (s *authService) GetSignInOptions(ctx context.Context, req *samspelv1.GetSignInOptionsRequest) (*samspelv1.GetSignInOptionsResponse, error) {
	resp := &samspelv1.GetSignInOptionsResponse{}
	for _, p := range s.IdP.Providers() {
		resp.IdentityProviders = append(resp.IdentityProviders, &samspelv1.IdentityProvider{Id: p.ID, DisplayName: p.DisplayName})
	}
	return resp, nil
}

func (s *authService) BeginPasskeySignIn(ctx context.Context, req *samspelv1.BeginPasskeySignInRequest) (*samspelv1.BeginPasskeySignInResponse, error) {
	id, options, err := s.Passkeys.BeginSignIn(ctx)
	if err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.BeginPasskeySignInResponse{CeremonyId: id, OptionsJson: string(options)}, nil
}

func (s *authService) FinishPasskeySignIn(ctx context.Context, req *samspelv1.FinishPasskeySignInRequest) (*samspelv1.FinishPasskeySignInResponse, error) {
	secret, ns := newSession(ctx, store.MethodPasskey)
	person, err := s.Passkeys.FinishSignIn(ctx, store.Actor{ClientIP: clientIP(ctx)}, req.CeremonyId, []byte(req.CredentialJson), ns, sessionPolicy)
	if err != nil {
		return nil, s.status(ctx, err)
	}
	me, err := s.signedIn(ctx, secret, person)
	if err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.FinishPasskeySignInResponse{Me: me}, nil
}

func (s *authService) BeginOidcSignIn(ctx context.Context, req *samspelv1.BeginOidcSignInRequest) (*samspelv1.BeginOidcSignInResponse, error) {
	url, cookie, err := s.IdP.Begin(ctx, req.ProviderId, req.InviteToken)
	if err != nil {
		return nil, s.status(ctx, err)
	}
	if err := grpc.SetHeader(ctx, metadata.Pairs("set-cookie", cookie)); err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.BeginOidcSignInResponse{AuthorizationUrl: url}, nil
}

func (s *authService) SignOut(ctx context.Context, req *samspelv1.SignOutRequest) (*samspelv1.SignOutResponse, error) {
	p := caller(ctx)
	if p.sessionHash != nil {
		if err := s.store.EndSession(ctx, p.actor(), p.sessionHash); err != nil {
			return nil, s.status(ctx, err)
		}
	}
	// Clear-Site-Data empties the browser's HTTP cache and cookies for Samspel, but not
	// "storage": notes written offline and not yet sent wait there, and must survive until
	// the same person signs in again. The PWA wipes the rest of its storage itself.
	if err := grpc.SetHeader(ctx, metadata.Pairs("set-cookie", auth.ClearCookie(), "clear-site-data", `"cache", "cookies"`)); err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.SignOutResponse{}, nil
}

func (s *authService) GetMe(ctx context.Context, req *samspelv1.GetMeRequest) (*samspelv1.GetMeResponse, error) {
	p := caller(ctx)
	me, err := s.meFrom(ctx, p.person, p.assignments)
	if err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.GetMeResponse{Me: me}, nil
}

// me gathers the person's roles today, grouped by organisation with its current term.
func (s *authService) me(ctx context.Context, p store.Person) (*samspelv1.Me, error) {
	ras, err := s.store.CurrentAssignments(ctx, p.ID)
	if err != nil {
		return nil, err
	}
	return s.meFrom(ctx, p, ras)
}

// meFrom is me for assignments already loaded (by authentication, for GetMe).
func (s *authService) meFrom(ctx context.Context, p store.Person, ras []store.RoleAssignment) (*samspelv1.Me, error) {
	me := &samspelv1.Me{Person: personToProto(p), Admin: p.Admin}
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
