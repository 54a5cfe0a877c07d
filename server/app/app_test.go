package app_test

import (
	"context"
	"testing"

	healthpb "google.golang.org/grpc/health/grpc_health_v1"

	"github.com/samspel/samspel/server/apptest"
)

func TestHealthFollowsTheDatabase(t *testing.T) {
	s := apptest.Start(t)
	ctx := context.Background()
	check := func() healthpb.HealthCheckResponse_ServingStatus {
		resp, err := healthpb.NewHealthClient(s.Conn).Check(ctx, &healthpb.HealthCheckRequest{})
		if err != nil {
			t.Fatal(err)
		}
		return resp.Status
	}
	s.CheckHealth(ctx)
	if got := check(); got != healthpb.HealthCheckResponse_SERVING {
		t.Fatalf("with the database up: %v", got)
	}
	s.Store.Close() // the database goes away under the running server
	s.CheckHealth(ctx)
	if got := check(); got != healthpb.HealthCheckResponse_NOT_SERVING {
		t.Fatalf("with the database gone: %v", got)
	}
}
