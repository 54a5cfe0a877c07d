package api

import (
	"context"

	"github.com/samspel/samspel/server/auth"
	samspelv1 "github.com/samspel/samspel/server/gen/samspel/v1"
)

type calendarService struct {
	samspelv1.UnimplementedCalendarServiceServer
	*deps
}

func (s *calendarService) GetCalendarFeed(ctx context.Context, req *samspelv1.GetCalendarFeedRequest) (*samspelv1.GetCalendarFeedResponse, error) {
	f, err := s.store.CalendarFeed(ctx, caller(ctx).person.ID)
	if err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.GetCalendarFeedResponse{Active: f.Active, CreateTime: timestamp(f.CreatedAt), LastFetchTime: timestamp(f.LastFetchedAt)}, nil
}

// CreateCalendarFeed makes a new secret, keeps only its hash and shows the URL once.
func (s *calendarService) CreateCalendarFeed(ctx context.Context, req *samspelv1.CreateCalendarFeedRequest) (*samspelv1.CreateCalendarFeedResponse, error) {
	secret, hash := auth.NewSecret(auth.PrefixCalendar)
	created, err := s.store.CreateCalendarFeed(ctx, caller(ctx).actor(), hash)
	if err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.CreateCalendarFeedResponse{Url: auth.CalendarURL(s.publicURL, secret), CreateTime: timestamp(created)}, nil
}

func (s *calendarService) RevokeCalendarFeed(ctx context.Context, req *samspelv1.RevokeCalendarFeedRequest) (*samspelv1.RevokeCalendarFeedResponse, error) {
	if err := s.store.RevokeCalendarFeed(ctx, caller(ctx).actor()); err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.RevokeCalendarFeedResponse{}, nil
}
