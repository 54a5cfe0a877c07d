package api

import (
	"context"

	"google.golang.org/protobuf/types/known/timestamppb"

	"github.com/samspel/samspel/server/auth"
	samspelv1 "github.com/samspel/samspel/server/gen/samspel/v1"
	"github.com/samspel/samspel/server/store"
)

type sessionService struct {
	samspelv1.UnimplementedSessionServiceServer
	*deps
}

func (s *sessionService) ListSessions(ctx context.Context, req *samspelv1.ListSessionsRequest) (*samspelv1.ListSessionsResponse, error) {
	p := caller(ctx)
	ss, next, err := s.store.ListSessions(ctx, p.person.ID, p.sessionHash, sessionPolicy, page(req.PageSize, req.PageToken))
	if err != nil {
		return nil, s.status(ctx, err)
	}
	resp := &samspelv1.ListSessionsResponse{NextPageToken: next}
	for _, se := range ss {
		resp.Sessions = append(resp.Sessions, sessionToProto(se))
	}
	return resp, nil
}

func (s *sessionService) EndSession(ctx context.Context, req *samspelv1.EndSessionRequest) (*samspelv1.EndSessionResponse, error) {
	p := caller(ctx)
	if err := s.store.EndSessionByID(ctx, p.actor(), p.person.ID, req.Id); err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.EndSessionResponse{}, nil
}

var sessionMethods = map[string]samspelv1.SignInMethod{
	store.MethodInvite:  samspelv1.SignInMethod_SIGN_IN_METHOD_INVITE,
	store.MethodPasskey: samspelv1.SignInMethod_SIGN_IN_METHOD_PASSKEY,
	store.MethodOIDC:    samspelv1.SignInMethod_SIGN_IN_METHOD_OIDC,
}

func sessionToProto(se store.Session) *samspelv1.Session {
	browser, os := auth.Device(se.UserAgent)
	return &samspelv1.Session{
		Id: se.ID, Browser: browser, Os: os, Method: sessionMethods[se.Method],
		CreateTime: timestamppb.New(se.CreateTime), LastUseTime: timestamppb.New(se.LastSeen), Current: se.Current,
	}
}
