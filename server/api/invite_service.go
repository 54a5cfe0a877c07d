package api

import (
	"context"
	"strings"

	"google.golang.org/protobuf/types/known/timestamppb"

	"github.com/samspel/samspel/server/auth"
	samspelv1 "github.com/samspel/samspel/server/gen/samspel/v1"
	"github.com/samspel/samspel/server/store"
)

type inviteService struct {
	samspelv1.UnimplementedInviteServiceServer
	*deps
}

func (s *inviteService) CreateInvite(ctx context.Context, req *samspelv1.CreateInviteRequest) (*samspelv1.CreateInviteResponse, error) {
	url, expires, err := auth.CreateInvite(ctx, s.store, caller(ctx).actor(), s.publicURL, store.Invite{
		Email: strings.ToLower(req.Email), Role: int32(req.Role), OrganizationID: req.OrganizationId, Party: strings.TrimSpace(req.Party),
	})
	if err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.CreateInviteResponse{Url: url, ExpireTime: timestamppb.New(expires)}, nil
}
