package api

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"buf.build/go/protovalidate"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/peer"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"

	"github.com/samspel/samspel/server/auth"
	samspelv1 "github.com/samspel/samspel/server/gen/samspel/v1"
	"github.com/samspel/samspel/server/store"
)

// interceptors holds what the chain needs. The chain runs in the order
// log -> recover -> authenticate -> authorize -> validate -> handler.
type interceptors struct {
	store     *store.Store
	log       *slog.Logger
	validator protovalidate.Validator
	clients   *auth.Limiter // per client address and method, for the public methods
}

func (ic *interceptors) unary() []grpc.UnaryServerInterceptor {
	return []grpc.UnaryServerInterceptor{ic.logUnary, ic.recoverUnary, ic.authUnary}
}

// logUnary writes one line per RPC: method, code, duration and user id. Never request
// content: notes are private.
func (ic *interceptors) logUnary(ctx context.Context, req any, info *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (any, error) {
	start := time.Now()
	holder := &principalHolder{}
	resp, err := handler(context.WithValue(ctx, holderKey{}, holder), req)
	var userID int64
	if holder.p != nil {
		userID = holder.p.person.ID
	}
	ic.log.InfoContext(ctx, "rpc", "method", info.FullMethod, "code", status.Code(err).String(),
		"duration_ms", float64(time.Since(start).Microseconds())/1000, "user_id", userID)
	return resp, err
}

// principalHolder lets the log line learn who the caller was once authenticate ran.
type principalHolder struct{ p *principal }
type holderKey struct{}

func (ic *interceptors) recoverUnary(ctx context.Context, req any, info *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (resp any, err error) {
	defer func() {
		if r := recover(); r != nil {
			ic.log.ErrorContext(ctx, "panic", "method", info.FullMethod, "panic", r, "stack", string(debug.Stack()))
			err = status.Error(codes.Internal, "internal error")
		}
	}()
	return handler(ctx, req)
}

// authUnary authenticates, applies the policy table and validates, in that order, so an
// unauthenticated caller learns nothing about what a valid request looks like.
func (ic *interceptors) authUnary(ctx context.Context, req any, info *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (any, error) {
	if !strings.HasPrefix(info.FullMethod, "/samspel.v1.") {
		return handler(ctx, req) // health and reflection
	}
	r, ok := policy[info.FullMethod]
	if !ok {
		return nil, status.Error(codes.PermissionDenied, "method has no policy")
	}
	if r.public {
		if err := ic.limitClient(ctx, info.FullMethod); err != nil {
			return nil, err
		}
	} else {
		p, err := ic.authenticate(ctx)
		if err != nil {
			return nil, err
		}
		if h, ok := ctx.Value(holderKey{}).(*principalHolder); ok {
			h.p = p
		}
		if !r.signedIn && !slices.ContainsFunc(r.roles, func(role samspelv1.Role) bool { return p.roles[role] }) {
			return nil, status.Error(codes.PermissionDenied, "your role does not allow this")
		}
		ctx = withPrincipal(ctx, p)
	}
	if msg, ok := req.(proto.Message); ok {
		if err := ic.validator.Validate(msg); err != nil {
			return nil, validationStatus(err)
		}
	}
	return handler(ctx, req)
}

// limitClient rate-limits a method that needs no credentials, per client address, so
// nobody can hammer sign-in or fill the database with half-begun ceremonies. The first
// refusal in a minute is audited; auditing every one would let an attacker busy the
// one database writer.
func (ic *interceptors) limitClient(ctx context.Context, method string) error {
	ip := clientIP(ctx)
	report, err := ic.clients.Allow(method + "|" + ip)
	if err == nil {
		return nil
	}
	if report {
		action := "rate_limit." + method[strings.LastIndex(method, "/")+1:]
		if aerr := ic.store.Audit(ctx, store.Actor{ClientIP: ip}, action, false, "client:"+ip); aerr != nil {
			return toStatus(ctx, ic.log, aerr)
		}
	}
	return toStatus(ctx, ic.log, err)
}

var errUnauthenticated = status.Error(codes.Unauthenticated, "sign in first")

// authenticate finds the caller from a bearer token (scripts) or the session cookie (the
// PWA). A credential that is present but wrong is audited.
func (ic *interceptors) authenticate(ctx context.Context) (*principal, error) {
	md, _ := metadata.FromIncomingContext(ctx)
	ip := clientIP(ctx)
	var person store.Person
	var sessionHash []byte
	var err error
	if bearer := bearerToken(md.Get("authorization")); bearer != "" {
		person, err = ic.store.TokenPerson(ctx, auth.Hash(bearer))
		if errors.Is(err, store.ErrNotFound) {
			if aerr := ic.store.Audit(ctx, store.Actor{ClientIP: ip}, "token.reject", false, ""); aerr != nil {
				return nil, toStatus(ctx, ic.log, aerr)
			}
			return nil, errUnauthenticated
		}
	} else if secret := auth.SessionFromCookieHeader(md.Get("cookie")); secret != "" {
		sessionHash = auth.Hash(secret)
		person, err = ic.store.SessionPerson(ctx, sessionHash, store.SessionPolicy{Idle: auth.SessionIdle, Absolute: auth.SessionAbsolute})
		if errors.Is(err, store.ErrNotFound) {
			return nil, errUnauthenticated
		}
	} else {
		return nil, errUnauthenticated
	}
	if err != nil {
		return nil, toStatus(ctx, ic.log, err)
	}
	p := &principal{person: person, roles: map[samspelv1.Role]bool{}, sessionHash: sessionHash, clientIP: ip}
	if person.Admin {
		p.roles[samspelv1.Role_ROLE_ADMIN] = true
	}
	ras, err := ic.store.CurrentAssignments(ctx, person.ID)
	if err != nil {
		return nil, toStatus(ctx, ic.log, err)
	}
	for _, ra := range ras {
		p.roles[samspelv1.Role(ra.Role)] = true
	}
	p.assignments = ras
	return p, nil
}

func bearerToken(values []string) string {
	for _, v := range values {
		if t, ok := strings.CutPrefix(v, "Bearer "); ok && strings.HasPrefix(t, auth.PrefixToken) {
			return t
		}
	}
	return ""
}

func clientIP(ctx context.Context) string {
	p, ok := peer.FromContext(ctx)
	if !ok || p.Addr == nil {
		return ""
	}
	host, _, err := net.SplitHostPort(p.Addr.String())
	if err != nil {
		return p.Addr.String()
	}
	return host
}

func validationStatus(err error) error {
	var ve *protovalidate.ValidationError
	if !errors.As(err, &ve) {
		return status.Error(codes.InvalidArgument, "invalid request")
	}
	vs := make([]fieldViolation, 0, len(ve.Violations))
	for _, v := range ve.Violations {
		vs = append(vs, fieldViolation{protovalidate.FieldPathString(v.Proto.GetField()), v.Proto.GetMessage()})
	}
	return invalid(vs...)
}
