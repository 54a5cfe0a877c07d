// Package api implements the samspel.v1 gRPC services over the store. Handlers
// validate, call the store and convert to protos; errors cross into gRPC codes only in
// errors.go, and who may call what is decided only in policy.go.
package api

import (
	"context"
	"fmt"
	"log/slog"

	"buf.build/go/protovalidate"
	"google.golang.org/grpc"
	"google.golang.org/grpc/health"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/reflection"

	"github.com/samspel/samspel/server/auth"
	samspelv1 "github.com/samspel/samspel/server/gen/samspel/v1"
	"github.com/samspel/samspel/server/idp"
	"github.com/samspel/samspel/server/store"
)

// deps is what every service needs.
type deps struct {
	store *store.Store
	log   *slog.Logger
	// publicURL is where people reach Samspel; invite links start with it.
	publicURL string
	Identity
}

// Identity is what signing in needs besides the store.
type Identity struct {
	Passkeys *auth.Passkeys
	// IdP holds the organisations' identity providers; nil or empty when none is configured.
	IdP *idp.Service
	// Clients limits the calls that need no credentials, per client address and method.
	Clients *auth.Limiter
}

func (d *deps) status(ctx context.Context, err error) error { return toStatus(ctx, d.log, err) }

// Server is the gRPC server with every samspel.v1 service, health and reflection.
type Server struct {
	*grpc.Server
	// Health reports SERVING while the database answers.
	Health *health.Server
}

// NewServer builds the gRPC server with the interceptor chain and all services. outer
// options come first, so interceptors chained in them run around everything (metrics).
func NewServer(st *store.Store, log *slog.Logger, publicURL string, id Identity, outer ...grpc.ServerOption) (*Server, error) {
	v, err := protovalidate.New()
	if err != nil {
		return nil, fmt.Errorf("protovalidate: %w", err)
	}
	ic := &interceptors{store: st, log: log, validator: v, clients: id.Clients}
	gs := grpc.NewServer(append(outer, grpc.ChainUnaryInterceptor(ic.unary()...), grpc.ChainStreamInterceptor(ic.stream()...))...)
	d := &deps{store: st, log: log, publicURL: publicURL, Identity: id}
	samspelv1.RegisterAuthServiceServer(gs, &authService{deps: d})
	samspelv1.RegisterOrganizationServiceServer(gs, &organizationService{deps: d})
	samspelv1.RegisterTermServiceServer(gs, &termService{deps: d})
	samspelv1.RegisterPersonServiceServer(gs, &personService{deps: d})
	samspelv1.RegisterInviteServiceServer(gs, &inviteService{deps: d})
	samspelv1.RegisterAuditServiceServer(gs, &auditService{deps: d})
	samspelv1.RegisterMeetingServiceServer(gs, &meetingService{deps: d})
	samspelv1.RegisterReflectionServiceServer(gs, &reflectionService{deps: d})
	samspelv1.RegisterDecisionFollowUpServiceServer(gs, &decisionFollowUpService{deps: d})
	samspelv1.RegisterCalendarServiceServer(gs, &calendarService{deps: d})
	samspelv1.RegisterPasskeyServiceServer(gs, &passkeyService{deps: d})
	samspelv1.RegisterSessionServiceServer(gs, &sessionService{deps: d})
	samspelv1.RegisterRoleSplitServiceServer(gs, &roleSplitService{deps: d})
	samspelv1.RegisterInstructionServiceServer(gs, &instructionService{deps: d})
	samspelv1.RegisterPairServiceServer(gs, &pairService{deps: d})
	samspelv1.RegisterNoteServiceServer(gs, &noteService{deps: d})
	samspelv1.RegisterOppositionServiceServer(gs, &oppositionService{deps: d})
	samspelv1.RegisterExportServiceServer(gs, &exportService{deps: d})
	hs := health.NewServer()
	healthpb.RegisterHealthServer(gs, hs)
	reflection.Register(gs)
	return &Server{Server: gs, Health: hs}, nil
}
