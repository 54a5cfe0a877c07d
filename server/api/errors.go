package api

import (
	"context"
	"errors"
	"log/slog"

	"github.com/mattn/go-sqlite3"
	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/durationpb"

	"github.com/samspel/samspel/server/auth"
	"github.com/samspel/samspel/server/store"
)

// toStatus is the one place where store and handler errors become gRPC codes. Anything
// it does not recognise is logged and reaches the client only as "internal error".
func toStatus(ctx context.Context, log *slog.Logger, err error) error {
	if err == nil {
		return nil
	}
	if _, ok := status.FromError(err); ok {
		return err
	}
	var inv *store.InvalidError
	var se sqlite3.Error
	var rl *auth.RateLimitedError
	switch {
	case errors.As(err, &rl):
		return rateLimited(rl)
	case errors.Is(err, auth.ErrPasskeyRefused):
		return status.Error(codes.Unauthenticated, err.Error())
	case errors.As(err, &inv):
		return invalid(fieldViolation{inv.Field, inv.Description})
	case errors.Is(err, store.ErrNotFound):
		return status.Error(codes.NotFound, "not found")
	case errors.Is(err, store.ErrConflict):
		return withReason(codes.FailedPrecondition, err)
	case errors.Is(err, store.ErrPermission):
		return status.Error(codes.PermissionDenied, "your role in this organisation does not allow this")
	case errors.Is(err, store.ErrStale):
		// AIP-154: a stale revision (etag) is ABORTED, so clients can tell "read it again
		// and retry" from FAILED_PRECONDITION, "not in this state".
		return status.Error(codes.Aborted, err.Error())
	case errors.Is(err, context.Canceled):
		return status.Error(codes.Canceled, "canceled")
	case errors.Is(err, context.DeadlineExceeded):
		return status.Error(codes.DeadlineExceeded, "deadline exceeded")
	case errors.As(err, &se) && (se.Code == sqlite3.ErrFull || se.Code == sqlite3.ErrReadonly || se.Code == sqlite3.ErrIoErr || se.Code == sqlite3.ErrBusy):
		// The request was fine; the storage was not. The client may retry later.
		log.ErrorContext(ctx, "storage unavailable", "err", err)
		return status.Error(codes.Unavailable, "storage unavailable, nothing was changed; try again later")
	}
	log.ErrorContext(ctx, "internal error", "err", err)
	return status.Error(codes.Internal, "internal error")
}

// ErrorDomain is the google.rpc.ErrorInfo domain of Samspel's own error reasons.
const ErrorDomain = "samspel.se"

// withReason builds a status with err's message and, when err carries a
// store.ReasonError, a google.rpc.ErrorInfo with its stable reason, which clients use
// instead of the English message.
func withReason(code codes.Code, err error) error {
	var re *store.ReasonError
	if !errors.As(err, &re) {
		return status.Error(code, err.Error())
	}
	st, derr := status.New(code, err.Error()).WithDetails(&errdetails.ErrorInfo{Reason: re.Reason, Domain: ErrorDomain})
	if derr != nil {
		return status.Error(code, err.Error())
	}
	return st.Err()
}

type fieldViolation struct {
	field, description string
}

// invalid builds InvalidArgument with google.rpc.BadRequest field violations, which
// clients can map to the form fields at fault.
func invalid(vs ...fieldViolation) error {
	br := &errdetails.BadRequest{}
	msg := "invalid request:"
	for _, v := range vs {
		br.FieldViolations = append(br.FieldViolations, &errdetails.BadRequest_FieldViolation{Field: v.field, Description: v.description})
		msg += " " + v.field + ": " + v.description + ";"
	}
	st, err := status.New(codes.InvalidArgument, msg[:len(msg)-1]).WithDetails(br)
	if err != nil {
		return status.Error(codes.InvalidArgument, msg)
	}
	return st.Err()
}

// rateLimited builds ResourceExhausted with google.rpc.RetryInfo, so a client knows
// when to try again without guessing.
func rateLimited(rl *auth.RateLimitedError) error {
	st, err := status.New(codes.ResourceExhausted, rl.Error()).WithDetails(&errdetails.RetryInfo{RetryDelay: durationpb.New(rl.RetryAfter)})
	if err != nil {
		return status.Error(codes.ResourceExhausted, rl.Error())
	}
	return st.Err()
}
