package api

import (
	"context"

	samspelv1 "github.com/samspel/samspel/server/gen/samspel/v1"
	"github.com/samspel/samspel/server/store"
)

type meetingService struct {
	samspelv1.UnimplementedMeetingServiceServer
	*deps
}

func (s *meetingService) CreateMeetingSeries(ctx context.Context, req *samspelv1.CreateMeetingSeriesRequest) (*samspelv1.CreateMeetingSeriesResponse, error) {
	ms, err := s.store.CreateMeetingSeries(ctx, caller(ctx).actor(), store.NewMeetingSeries{
		OrganizationID: req.OrganizationId, Kind: int32(req.Kind), Title: req.Title, Place: req.Place,
		StartTime: req.StartTime, DurationMinutes: req.DurationMinutes, IntervalWeeks: req.IntervalWeeks,
		StartDate: req.StartDate, EndDate: req.EndDate, ParticipantIDs: req.ParticipantIds,
	})
	if err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.CreateMeetingSeriesResponse{MeetingSeries: seriesToProto(ms)}, nil
}

func (s *meetingService) GetMeetingSeries(ctx context.Context, req *samspelv1.GetMeetingSeriesRequest) (*samspelv1.GetMeetingSeriesResponse, error) {
	ms, err := s.store.MeetingSeries(ctx, caller(ctx).viewer(), req.Id)
	if err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.GetMeetingSeriesResponse{MeetingSeries: seriesToProto(ms)}, nil
}

func (s *meetingService) ListMeetingSeries(ctx context.Context, req *samspelv1.ListMeetingSeriesRequest) (*samspelv1.ListMeetingSeriesResponse, error) {
	list, next, err := s.store.ListMeetingSeries(ctx, caller(ctx).viewer(), req.OrganizationId, page(req.PageSize, req.PageToken))
	if err != nil {
		return nil, s.status(ctx, err)
	}
	resp := &samspelv1.ListMeetingSeriesResponse{NextPageToken: next}
	for _, ms := range list {
		resp.MeetingSeries = append(resp.MeetingSeries, seriesToProto(ms))
	}
	return resp, nil
}

func (s *meetingService) UpdateMeetingSeries(ctx context.Context, req *samspelv1.UpdateMeetingSeriesRequest) (*samspelv1.UpdateMeetingSeriesResponse, error) {
	set, err := maskPaths(req.UpdateMask, "title", "place", "start_time", "duration_minutes", "end_date", "participants")
	if err != nil {
		return nil, s.status(ctx, err)
	}
	in := req.MeetingSeries
	var participants []int64
	for _, p := range in.Participants {
		participants = append(participants, p.GetId())
	}
	ms, err := s.store.UpdateMeetingSeries(ctx, caller(ctx).actor(), in.Id, store.SeriesChange{
		Title:           ptrIf(set, "title", in.Title),
		Place:           ptrIf(set, "place", in.Place),
		StartTime:       ptrIf(set, "start_time", in.StartTime),
		DurationMinutes: ptrIf(set, "duration_minutes", in.DurationMinutes),
		EndDate:         ptrIf(set, "end_date", in.EndDate),
		ParticipantIDs:  ptrIf(set, "participants", participants),
	})
	if err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.UpdateMeetingSeriesResponse{MeetingSeries: seriesToProto(ms)}, nil
}

func (s *meetingService) ListMeetings(ctx context.Context, req *samspelv1.ListMeetingsRequest) (*samspelv1.ListMeetingsResponse, error) {
	list, next, err := s.store.ListMeetings(ctx, caller(ctx).viewer(), store.MeetingFilter{
		OrganizationID: req.OrganizationId, SeriesID: req.SeriesId, FromDate: req.FromDate, ToDate: req.ToDate,
		NewestFirst: req.OrderBy == "date desc",
	}, page(req.PageSize, req.PageToken))
	if err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.ListMeetingsResponse{Meetings: each(meetingToProto, list), NextPageToken: next}, nil
}

func (s *meetingService) GetMeeting(ctx context.Context, req *samspelv1.GetMeetingRequest) (*samspelv1.GetMeetingResponse, error) {
	v, err := s.store.MeetingView(ctx, caller(ctx).viewer(), req.Id)
	if err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.GetMeetingResponse{
		Meeting:             meetingToProto(v.Meeting),
		Participants:        each(personToProto, v.Participants),
		AgendaItems:         each(agendaItemToProto, v.AgendaItems),
		CarriedOverItems:    each(agendaItemToProto, v.CarriedItems),
		FollowUpActionItems: each(actionToProto, v.FollowUpActions),
		PreviousDecisions:   each(decisionToProto, v.PreviousDecisions),
		PreviousMeeting:     meetingRef(v.PreviousMeeting),
		Notes:               each(noteToProto, v.Notes),
		Decisions:           each(decisionToProto, v.Decisions),
		ActionItems:         each(actionToProto, v.Actions),
		NextMeeting:         meetingRef(v.NextMeeting),
	}, nil
}

func (s *meetingService) GetMeetingOverview(ctx context.Context, req *samspelv1.GetMeetingOverviewRequest) (*samspelv1.GetMeetingOverviewResponse, error) {
	o, err := s.store.MeetingOverview(ctx, caller(ctx).viewer(), req.OrganizationId)
	if err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.GetMeetingOverviewResponse{
		NextCheckIn:          meetingRef(o.NextCheckIn),
		LastCheckIn:          meetingRef(o.LastCheckIn),
		DaysSinceLastCheckIn: o.DaysSinceLastCheckIn,
		MissedCheckIns:       each(meetingToProto, o.MissedCheckIns),
		OverdueActionItems:   each(actionToProto, o.OverdueActions),
	}, nil
}

func (s *meetingService) UpdateMeeting(ctx context.Context, req *samspelv1.UpdateMeetingRequest) (*samspelv1.UpdateMeetingResponse, error) {
	set, err := maskPaths(req.UpdateMask, "date", "start_time", "duration_minutes", "place")
	if err != nil {
		return nil, s.status(ctx, err)
	}
	in := req.Meeting
	m, err := s.store.UpdateMeeting(ctx, caller(ctx).actor(), in.Id, store.MeetingChange{
		Date:            ptrIf(set, "date", in.Date),
		StartTime:       ptrIf(set, "start_time", in.StartTime),
		DurationMinutes: ptrIf(set, "duration_minutes", in.DurationMinutes),
		Place:           ptrIf(set, "place", in.Place),
	})
	if err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.UpdateMeetingResponse{Meeting: meetingToProto(m)}, nil
}

func (s *meetingService) HoldMeeting(ctx context.Context, req *samspelv1.HoldMeetingRequest) (*samspelv1.HoldMeetingResponse, error) {
	m, err := s.store.HoldMeeting(ctx, caller(ctx).actor(), req.Id)
	if err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.HoldMeetingResponse{Meeting: meetingToProto(m)}, nil
}

func (s *meetingService) CancelMeeting(ctx context.Context, req *samspelv1.CancelMeetingRequest) (*samspelv1.CancelMeetingResponse, error) {
	m, err := s.store.CancelMeeting(ctx, caller(ctx).actor(), req.Id, req.Reason)
	if err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.CancelMeetingResponse{Meeting: meetingToProto(m)}, nil
}

func (s *meetingService) FinalizeMeeting(ctx context.Context, req *samspelv1.FinalizeMeetingRequest) (*samspelv1.FinalizeMeetingResponse, error) {
	m, err := s.store.FinalizeMeeting(ctx, caller(ctx).actor(), req.Id)
	if err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.FinalizeMeetingResponse{Meeting: meetingToProto(m)}, nil
}

func (s *meetingService) AddAgendaItem(ctx context.Context, req *samspelv1.AddAgendaItemRequest) (*samspelv1.AddAgendaItemResponse, error) {
	a, err := s.store.AddAgendaItem(ctx, caller(ctx).actor(), store.NewAgendaItem{
		MeetingID: req.MeetingId, Title: req.Title, Description: req.Description,
		SourceKind: req.GetSource().GetKind(), SourceID: req.GetSource().GetId(),
	})
	if err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.AddAgendaItemResponse{AgendaItem: agendaItemToProto(a)}, nil
}

func (s *meetingService) UpdateAgendaItem(ctx context.Context, req *samspelv1.UpdateAgendaItemRequest) (*samspelv1.UpdateAgendaItemResponse, error) {
	set, err := maskPaths(req.UpdateMask, "title", "description")
	if err != nil {
		return nil, s.status(ctx, err)
	}
	in := req.AgendaItem
	a, err := s.store.UpdateAgendaItem(ctx, caller(ctx).actor(), in.Id, store.AgendaItemChange{
		Title:       ptrIf(set, "title", in.Title),
		Description: ptrIf(set, "description", in.Description),
	})
	if err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.UpdateAgendaItemResponse{AgendaItem: agendaItemToProto(a)}, nil
}

func (s *meetingService) CloseAgendaItem(ctx context.Context, req *samspelv1.CloseAgendaItemRequest) (*samspelv1.CloseAgendaItemResponse, error) {
	a, err := s.store.CloseAgendaItem(ctx, caller(ctx).actor(), req.Id, req.MeetingId)
	if err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.CloseAgendaItemResponse{AgendaItem: agendaItemToProto(a)}, nil
}

func (s *meetingService) ReopenAgendaItem(ctx context.Context, req *samspelv1.ReopenAgendaItemRequest) (*samspelv1.ReopenAgendaItemResponse, error) {
	a, err := s.store.ReopenAgendaItem(ctx, caller(ctx).actor(), req.Id)
	if err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.ReopenAgendaItemResponse{AgendaItem: agendaItemToProto(a)}, nil
}

func (s *meetingService) AddMeetingNote(ctx context.Context, req *samspelv1.AddMeetingNoteRequest) (*samspelv1.AddMeetingNoteResponse, error) {
	n, err := s.store.AddMeetingNote(ctx, caller(ctx).actor(), store.NewMeetingNote{
		MeetingID: req.MeetingId, AgendaItemID: req.AgendaItemId, Body: req.Body, Private: req.Private,
	})
	if err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.AddMeetingNoteResponse{MeetingNote: noteToProto(n)}, nil
}

func (s *meetingService) UpdateMeetingNote(ctx context.Context, req *samspelv1.UpdateMeetingNoteRequest) (*samspelv1.UpdateMeetingNoteResponse, error) {
	if _, err := maskPaths(req.UpdateMask, "body"); err != nil {
		return nil, s.status(ctx, err)
	}
	n, err := s.store.UpdateMeetingNote(ctx, caller(ctx).actor(), req.MeetingNote.Id, req.MeetingNote.Body, req.CorrectionReason)
	if err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.UpdateMeetingNoteResponse{MeetingNote: noteToProto(n)}, nil
}

func (s *meetingService) AddDecision(ctx context.Context, req *samspelv1.AddDecisionRequest) (*samspelv1.AddDecisionResponse, error) {
	d, err := s.store.AddDecision(ctx, caller(ctx).actor(), store.NewDecision{
		MeetingID: req.MeetingId, AgendaItemID: req.AgendaItemId, Text: req.Text, TakenBy: req.TakenByPersonId,
	})
	if err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.AddDecisionResponse{Decision: decisionToProto(d)}, nil
}

func (s *meetingService) UpdateDecision(ctx context.Context, req *samspelv1.UpdateDecisionRequest) (*samspelv1.UpdateDecisionResponse, error) {
	set, err := maskPaths(req.UpdateMask, "text", "taken_by")
	if err != nil {
		return nil, s.status(ctx, err)
	}
	in := req.Decision
	d, err := s.store.UpdateDecision(ctx, caller(ctx).actor(), in.Id, store.DecisionChange{
		Text:    ptrIf(set, "text", in.Text),
		TakenBy: ptrIf(set, "taken_by", in.GetTakenBy().GetId()),
	}, req.CorrectionReason)
	if err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.UpdateDecisionResponse{Decision: decisionToProto(d)}, nil
}

func (s *meetingService) AddActionItem(ctx context.Context, req *samspelv1.AddActionItemRequest) (*samspelv1.AddActionItemResponse, error) {
	a, err := s.store.AddActionItem(ctx, caller(ctx).actor(), store.NewActionItem{
		MeetingID: req.MeetingId, AgendaItemID: req.AgendaItemId, Text: req.Text, OwnerID: req.OwnerPersonId, DueDate: req.DueDate,
	})
	if err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.AddActionItemResponse{ActionItem: actionToProto(a)}, nil
}

func (s *meetingService) UpdateActionItem(ctx context.Context, req *samspelv1.UpdateActionItemRequest) (*samspelv1.UpdateActionItemResponse, error) {
	set, err := maskPaths(req.UpdateMask, "status", "text", "owner", "due_date")
	if err != nil {
		return nil, s.status(ctx, err)
	}
	in := req.ActionItem
	a, err := s.store.UpdateActionItem(ctx, caller(ctx).actor(), in.Id, store.ActionChange{
		Text:    ptrIf(set, "text", in.Text),
		OwnerID: ptrIf(set, "owner", in.GetOwner().GetId()),
		DueDate: ptrIf(set, "due_date", in.DueDate),
		Status:  ptrIf(set, "status", int32(in.Status)),
	}, req.CorrectionReason)
	if err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.UpdateActionItemResponse{ActionItem: actionToProto(a)}, nil
}

func (s *meetingService) ListActionItems(ctx context.Context, req *samspelv1.ListActionItemsRequest) (*samspelv1.ListActionItemsResponse, error) {
	list, next, err := s.store.ListActionItems(ctx, caller(ctx).viewer(), store.ActionFilter{
		OrganizationID: req.OrganizationId, OpenOnly: req.OpenOnly, OverdueOnly: req.OverdueOnly, OwnerID: req.OwnerPersonId,
	}, page(req.PageSize, req.PageToken))
	if err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.ListActionItemsResponse{ActionItems: each(actionToProto, list), NextPageToken: next}, nil
}

func (s *meetingService) SearchMeetings(ctx context.Context, req *samspelv1.SearchMeetingsRequest) (*samspelv1.SearchMeetingsResponse, error) {
	hits, next, err := s.store.SearchMeetings(ctx, caller(ctx).viewer(), req.OrganizationId, req.Query, page(req.PageSize, req.PageToken))
	if err != nil {
		return nil, s.status(ctx, err)
	}
	resp := &samspelv1.SearchMeetingsResponse{NextPageToken: next}
	for _, h := range hits {
		resp.Hits = append(resp.Hits, &samspelv1.MeetingSearchHit{Kind: h.Kind, Id: h.ID, Meeting: meetingToProto(h.Meeting), Snippet: h.Snippet})
	}
	return resp, nil
}
