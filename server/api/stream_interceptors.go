package api

import (
	"context"
	"runtime/debug"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"
)

// stream is the chain for streaming RPCs, in the same order as unary():
// log -> recover -> authenticate -> authorize -> validate -> handler.
func (ic *interceptors) stream() []grpc.StreamServerInterceptor {
	return []grpc.StreamServerInterceptor{ic.logStream, ic.recoverStream, ic.authStream}
}

// contextStream replaces a stream's context, and validates each message it receives.
type contextStream struct {
	grpc.ServerStream
	ctx      context.Context
	validate func(proto.Message) error
}

func (s *contextStream) Context() context.Context { return s.ctx }

func (s *contextStream) RecvMsg(m any) error {
	if err := s.ServerStream.RecvMsg(m); err != nil {
		return err
	}
	if msg, ok := m.(proto.Message); ok && s.validate != nil {
		if err := s.validate(msg); err != nil {
			return validationStatus(err)
		}
	}
	return nil
}

func (ic *interceptors) logStream(srv any, ss grpc.ServerStream, info *grpc.StreamServerInfo, handler grpc.StreamHandler) error {
	start := time.Now()
	holder := &principalHolder{}
	ctx := context.WithValue(ss.Context(), holderKey{}, holder)
	err := handler(srv, &contextStream{ServerStream: ss, ctx: ctx})
	var userID int64
	if holder.p != nil {
		userID = holder.p.person.ID
	}
	ic.log.InfoContext(ctx, "rpc", "method", info.FullMethod, "code", status.Code(err).String(),
		"duration_ms", float64(time.Since(start).Microseconds())/1000, "user_id", userID)
	return err
}

func (ic *interceptors) recoverStream(srv any, ss grpc.ServerStream, info *grpc.StreamServerInfo, handler grpc.StreamHandler) (err error) {
	defer func() {
		if r := recover(); r != nil {
			ic.log.ErrorContext(ss.Context(), "panic", "method", info.FullMethod, "panic", r, "stack", string(debug.Stack()))
			err = status.Error(codes.Internal, "internal error")
		}
	}()
	return handler(srv, ss)
}

// authStream admits a streaming call exactly as authUnary admits a unary one, by running
// authUnary itself without a request; the request is validated when the handler reads it.
func (ic *interceptors) authStream(srv any, ss grpc.ServerStream, info *grpc.StreamServerInfo, handler grpc.StreamHandler) error {
	var admitted context.Context
	_, err := ic.authUnary(ss.Context(), nil, &grpc.UnaryServerInfo{FullMethod: info.FullMethod}, func(ctx context.Context, _ any) (any, error) {
		admitted = ctx
		return nil, nil
	})
	if err != nil {
		return err
	}
	return handler(srv, &contextStream{ServerStream: ss, ctx: admitted, validate: func(m proto.Message) error { return ic.validator.Validate(m) }})
}
