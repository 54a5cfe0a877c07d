package api

import (
	"context"

	"google.golang.org/protobuf/types/known/timestamppb"

	samspelv1 "github.com/samspel/samspel/server/gen/samspel/v1"
	"github.com/samspel/samspel/server/store"
)

type passkeyService struct {
	samspelv1.UnimplementedPasskeyServiceServer
	*deps
}

func (s *passkeyService) BeginPasskeyRegistration(ctx context.Context, req *samspelv1.BeginPasskeyRegistrationRequest) (*samspelv1.BeginPasskeyRegistrationResponse, error) {
	id, options, err := s.Passkeys.BeginRegistration(ctx, caller(ctx).person)
	if err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.BeginPasskeyRegistrationResponse{CeremonyId: id, OptionsJson: string(options)}, nil
}

func (s *passkeyService) FinishPasskeyRegistration(ctx context.Context, req *samspelv1.FinishPasskeyRegistrationRequest) (*samspelv1.FinishPasskeyRegistrationResponse, error) {
	p := caller(ctx)
	pk, err := s.Passkeys.FinishRegistration(ctx, p.actor(), p.person, req.CeremonyId, []byte(req.CredentialJson), req.Name)
	if err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.FinishPasskeyRegistrationResponse{Passkey: passkeyToProto(pk)}, nil
}

func (s *passkeyService) ListPasskeys(ctx context.Context, req *samspelv1.ListPasskeysRequest) (*samspelv1.ListPasskeysResponse, error) {
	pks, next, err := s.store.ListPasskeys(ctx, caller(ctx).person.ID, page(req.PageSize, req.PageToken))
	if err != nil {
		return nil, s.status(ctx, err)
	}
	resp := &samspelv1.ListPasskeysResponse{NextPageToken: next}
	for _, pk := range pks {
		resp.Passkeys = append(resp.Passkeys, passkeyToProto(pk))
	}
	return resp, nil
}

func (s *passkeyService) RenamePasskey(ctx context.Context, req *samspelv1.RenamePasskeyRequest) (*samspelv1.RenamePasskeyResponse, error) {
	p := caller(ctx)
	pk, err := s.store.RenamePasskey(ctx, p.actor(), p.person.ID, req.Id, req.Name)
	if err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.RenamePasskeyResponse{Passkey: passkeyToProto(pk)}, nil
}

func (s *passkeyService) DeletePasskey(ctx context.Context, req *samspelv1.DeletePasskeyRequest) (*samspelv1.DeletePasskeyResponse, error) {
	p := caller(ctx)
	if err := s.store.DeletePasskey(ctx, p.actor(), p.person.ID, req.Id); err != nil {
		return nil, s.status(ctx, err)
	}
	return &samspelv1.DeletePasskeyResponse{}, nil
}

func passkeyToProto(pk store.Passkey) *samspelv1.Passkey {
	out := &samspelv1.Passkey{Id: pk.ID, Name: pk.Name, CreateTime: timestamppb.New(pk.CreateTime), Synced: pk.Synced()}
	if !pk.LastUsed.IsZero() {
		out.LastUseTime = timestamppb.New(pk.LastUsed)
	}
	return out
}
