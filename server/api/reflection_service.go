package api

import (
	"context"

	samspelv1 "github.com/samspel/samspel/server/gen/samspel/v1"
	"github.com/samspel/samspel/server/store"
)

type reflectionService struct {
	samspelv1.UnimplementedReflectionServiceServer
	*deps
}

func (s *reflectionService) GetReflection(ctx context.Context, req *samspelv1.GetReflectionRequest) (*samspelv1.GetReflectionResponse, error) {
	r, err := s.store.Reflection(ctx, caller(ctx).viewer(), req.MeetingId)
	if err != nil {
		return nil, s.status(ctx, err)
	}
	return reflectionToProto(r), nil
}

func (s *reflectionService) SaveReflectionAnswers(ctx context.Context, req *samspelv1.SaveReflectionAnswersRequest) (*samspelv1.SaveReflectionAnswersResponse, error) {
	answers := make([]store.ReflectionAnswer, 0, len(req.Answers))
	for _, a := range req.Answers {
		answers = append(answers, store.ReflectionAnswer{Question: a.QuestionNumber, Text: a.Text})
	}
	r, err := s.store.SaveReflectionAnswers(ctx, caller(ctx).actor(), req.MeetingId, answers)
	if err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.SaveReflectionAnswersResponse{Reflection: reflectionToProto(r)}, nil
}

func (s *reflectionService) SubmitReflection(ctx context.Context, req *samspelv1.SubmitReflectionRequest) (*samspelv1.SubmitReflectionResponse, error) {
	r, err := s.store.SubmitReflection(ctx, caller(ctx).actor(), req.MeetingId, req.Share)
	if err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.SubmitReflectionResponse{Reflection: reflectionToProto(r)}, nil
}

func reflectionToProto(r store.Reflection) *samspelv1.GetReflectionResponse {
	resp := &samspelv1.GetReflectionResponse{Mine: partyToProto(r.Mine), Other: partyToProto(r.Other)}
	for i, q := range store.ReflectionQuestions {
		resp.Questions = append(resp.Questions, &samspelv1.ReflectionQuestion{Number: int32(i + 1), Text: q})
	}
	return resp
}

func partyToProto(p store.ReflectionParty) *samspelv1.ReflectionParty {
	if p.Person.ID == 0 {
		return nil
	}
	pb := &samspelv1.ReflectionParty{Person: personToProto(p.Person), Answered: p.Answered, AnswerTime: timestamp(p.AnsweredAt), Shares: p.Shares}
	for _, a := range p.Answers {
		pb.Answers = append(pb.Answers, &samspelv1.ReflectionAnswer{QuestionNumber: a.Question, Text: a.Text})
	}
	return pb
}
