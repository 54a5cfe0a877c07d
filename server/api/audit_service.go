package api

import (
	"context"

	"google.golang.org/protobuf/types/known/timestamppb"

	samspelv1 "github.com/samspel/samspel/server/gen/samspel/v1"
)

type auditService struct {
	samspelv1.UnimplementedAuditServiceServer
	*deps
}

func (s *auditService) ListAuditEvents(ctx context.Context, req *samspelv1.ListAuditEventsRequest) (*samspelv1.ListAuditEventsResponse, error) {
	events, next, err := s.store.ListAuditEvents(ctx, page(req.PageSize, req.PageToken))
	if err != nil {
		return nil, s.status(ctx, err)
	}
	resp := &samspelv1.ListAuditEventsResponse{NextPageToken: next}
	for _, e := range events {
		resp.AuditEvents = append(resp.AuditEvents, &samspelv1.AuditEvent{
			Id: e.ID, CreateTime: timestamppb.New(e.CreateTime), ActorPersonId: e.ActorPersonID,
			Action: e.Action, Success: e.Success, Subject: e.Subject, ClientIp: e.ClientIP, ActorDisplayName: e.ActorName,
		})
	}
	return resp, nil
}
