package api

import (
	"context"

	"google.golang.org/protobuf/types/known/timestamppb"

	samspelv1 "github.com/samspel/samspel/server/gen/samspel/v1"
	"github.com/samspel/samspel/server/store"
)

type oppositionService struct {
	samspelv1.UnimplementedOppositionServiceServer
	*deps
}

func briefingToProto(b store.Briefing) *samspelv1.Briefing {
	out := &samspelv1.Briefing{
		Id: b.ID, OrganizationId: b.OrganizationID, Kind: samspelv1.BriefingKind(b.Kind), Title: b.Title, Date: b.Date,
		Notes: b.Notes, Material: b.Material, HeldTime: optTime(b.HeldAt), CreatedBy: optPerson(b.CreatedBy),
		Topics: each(topicToProto, b.Topics),
	}
	for _, p := range b.Parties {
		out.Parties = append(out.Parties, &samspelv1.BriefingParty{Party: p.Party, Attended: p.Attended})
	}
	return out
}

func topicToProto(t store.ParityTopic) *samspelv1.ParityTopic {
	return &samspelv1.ParityTopic{AgendaItemId: t.AgendaItemID, Title: t.Title, InformedDate: t.InformedDate}
}

func questionToProto(q store.Question) *samspelv1.Question {
	return &samspelv1.Question{
		Id: q.ID, OrganizationId: q.OrganizationID, Party: q.Party, AskedBy: optPerson(q.AskedBy),
		AskTime: timestamppb.New(q.AskedAt), Body: q.Body, BudgetWork: q.BudgetWork, Released: q.Released,
		Status: samspelv1.QuestionStatus(q.Status()), Owner: optPerson(q.Owner), DueDate: q.DueDate, Overdue: q.Overdue,
		Answer: q.Answer, AnsweredBy: optPerson(q.AnsweredBy), AnswerTime: optTime(q.AnsweredAt),
	}
}

func (s *oppositionService) CreateBriefing(ctx context.Context, req *samspelv1.CreateBriefingRequest) (*samspelv1.CreateBriefingResponse, error) {
	b, err := s.store.CreateBriefing(ctx, caller(ctx).actor(), store.NewBriefing{
		OrganizationID: req.OrganizationId, Kind: int32(req.Kind), Title: req.Title, Date: req.Date,
		Parties: req.Parties, AgendaItemIDs: req.AgendaItemIds, Material: req.Material,
	})
	if err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.CreateBriefingResponse{Briefing: briefingToProto(b)}, nil
}

func (s *oppositionService) GetBriefing(ctx context.Context, req *samspelv1.GetBriefingRequest) (*samspelv1.GetBriefingResponse, error) {
	b, err := s.store.Briefing(ctx, caller(ctx).viewer(), req.Id)
	if err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.GetBriefingResponse{Briefing: briefingToProto(b)}, nil
}

func (s *oppositionService) ListBriefings(ctx context.Context, req *samspelv1.ListBriefingsRequest) (*samspelv1.ListBriefingsResponse, error) {
	list, next, err := s.store.ListBriefings(ctx, caller(ctx).viewer(), req.OrganizationId, page(req.PageSize, req.PageToken))
	if err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.ListBriefingsResponse{Briefings: each(briefingToProto, list), NextPageToken: next}, nil
}

func (s *oppositionService) HoldBriefing(ctx context.Context, req *samspelv1.HoldBriefingRequest) (*samspelv1.HoldBriefingResponse, error) {
	b, err := s.store.HoldBriefing(ctx, caller(ctx).actor(), req.Id, req.Notes, req.Material, req.AttendedParties)
	if err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.HoldBriefingResponse{Briefing: briefingToProto(b)}, nil
}

func (s *oppositionService) InformOpposition(ctx context.Context, req *samspelv1.InformOppositionRequest) (*samspelv1.InformOppositionResponse, error) {
	if err := s.store.InformOpposition(ctx, caller(ctx).actor(), req.AgendaItemId); err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.InformOppositionResponse{}, nil
}

func (s *oppositionService) WithholdTopic(ctx context.Context, req *samspelv1.WithholdTopicRequest) (*samspelv1.WithholdTopicResponse, error) {
	if err := s.store.WithholdTopic(ctx, caller(ctx).actor(), req.AgendaItemId, req.Reason); err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.WithholdTopicResponse{}, nil
}

func (s *oppositionService) ListParityEntries(ctx context.Context, req *samspelv1.ListParityEntriesRequest) (*samspelv1.ListParityEntriesResponse, error) {
	list, next, err := s.store.ListParityEntries(ctx, caller(ctx).viewer(), store.ParityFilter{
		OrganizationID: req.OrganizationId, TermID: req.TermId, Party: req.Party, GapsOnly: req.GapsOnly,
	}, page(req.PageSize, req.PageToken))
	if err != nil {
		return nil, s.status(ctx, err)
	}
	resp := &samspelv1.ListParityEntriesResponse{NextPageToken: next}
	for _, e := range list {
		resp.Entries = append(resp.Entries, &samspelv1.ParityEntry{
			Topic: topicToProto(e.Topic), Party: e.Party, Briefed: e.Briefed, BriefedDate: e.BriefedDate, LagDays: e.LagDays,
		})
	}
	return resp, nil
}

func (s *oppositionService) GetParitySummary(ctx context.Context, req *samspelv1.GetParitySummaryRequest) (*samspelv1.GetParitySummaryResponse, error) {
	list, term, err := s.store.ParitySummary(ctx, caller(ctx).viewer(), req.OrganizationId, req.TermId)
	if err != nil {
		return nil, s.status(ctx, err)
	}
	withheld, err := s.store.WithheldTopics(ctx, caller(ctx).viewer(), req.OrganizationId, term)
	if err != nil {
		return nil, s.status(ctx, err)
	}
	resp := &samspelv1.GetParitySummaryResponse{TermId: term, WithheldTopics: withheld}
	for _, p := range list {
		resp.Parties = append(resp.Parties, &samspelv1.PartyParity{
			Party: p.Party, Topics: p.Topics, Briefed: p.Briefed, MedianLagDays: p.MedianLagDays,
			OpenGaps: p.OpenGaps, OldestGapDays: p.OldestGapDays,
		})
	}
	return resp, nil
}

func (s *oppositionService) AskQuestion(ctx context.Context, req *samspelv1.AskQuestionRequest) (*samspelv1.AskQuestionResponse, error) {
	q, err := s.store.AskQuestion(ctx, caller(ctx).actor(), req.OrganizationId, req.Body, req.BudgetWork)
	if err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.AskQuestionResponse{Question: questionToProto(q)}, nil
}

func (s *oppositionService) GetQuestion(ctx context.Context, req *samspelv1.GetQuestionRequest) (*samspelv1.GetQuestionResponse, error) {
	q, err := s.store.Question(ctx, caller(ctx).viewer(), req.Id)
	if err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.GetQuestionResponse{Question: questionToProto(q)}, nil
}

func (s *oppositionService) ListQuestions(ctx context.Context, req *samspelv1.ListQuestionsRequest) (*samspelv1.ListQuestionsResponse, error) {
	list, next, err := s.store.ListQuestions(ctx, caller(ctx).viewer(), store.QuestionFilter{
		OrganizationID: req.OrganizationId, OverdueOnly: req.OverdueOnly,
	}, page(req.PageSize, req.PageToken))
	if err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.ListQuestionsResponse{Questions: each(questionToProto, list), NextPageToken: next}, nil
}

func (s *oppositionService) SearchQuestions(ctx context.Context, req *samspelv1.SearchQuestionsRequest) (*samspelv1.SearchQuestionsResponse, error) {
	list, next, err := s.store.ListQuestions(ctx, caller(ctx).viewer(), store.QuestionFilter{
		OrganizationID: req.OrganizationId, Query: req.Query,
	}, page(req.PageSize, req.PageToken))
	if err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.SearchQuestionsResponse{Questions: each(questionToProto, list), NextPageToken: next}, nil
}

func (s *oppositionService) AssignQuestion(ctx context.Context, req *samspelv1.AssignQuestionRequest) (*samspelv1.AssignQuestionResponse, error) {
	q, err := s.store.AssignQuestion(ctx, caller(ctx).actor(), req.Id, req.OwnerPersonId, req.DueDate)
	if err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.AssignQuestionResponse{Question: questionToProto(q)}, nil
}

func (s *oppositionService) AnswerQuestion(ctx context.Context, req *samspelv1.AnswerQuestionRequest) (*samspelv1.AnswerQuestionResponse, error) {
	q, err := s.store.AnswerQuestion(ctx, caller(ctx).actor(), req.Id, req.Answer)
	if err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.AnswerQuestionResponse{Question: questionToProto(q)}, nil
}

func (s *oppositionService) ReleaseQuestion(ctx context.Context, req *samspelv1.ReleaseQuestionRequest) (*samspelv1.ReleaseQuestionResponse, error) {
	q, err := s.store.ReleaseQuestion(ctx, caller(ctx).actor(), req.Id)
	if err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.ReleaseQuestionResponse{Question: questionToProto(q)}, nil
}
