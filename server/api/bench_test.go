package api_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/samspel/samspel/server/apptest"
	"github.com/samspel/samspel/server/demo"
	samspelv1 "github.com/samspel/samspel/server/gen/samspel/v1"
)

// BenchmarkGetMe measures the cost every screen pays first: authenticating a bearer
// token, loading today's roles and answering, over native gRPC on loopback.
func BenchmarkGetMe(b *testing.B) {
	s := apptest.Start(b)
	ctx := apptest.Bearer(context.Background(), s.Token(b, demo.Chair.Email))
	client := samspelv1.NewAuthServiceClient(s.Conn)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := client.GetMe(ctx, &samspelv1.GetMeRequest{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGetMeParallel is the same with many callers at once, as at 08:00 on a Monday.
func BenchmarkGetMeParallel(b *testing.B) {
	s := apptest.Start(b)
	ctx := apptest.Bearer(context.Background(), s.Token(b, demo.Chair.Email))
	client := samspelv1.NewAuthServiceClient(s.Conn)
	b.ReportAllocs()
	b.SetParallelism(8)
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := client.GetMe(ctx, &samspelv1.GetMeRequest{}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkCreateOrganization measures one durable, audited write (synchronous=FULL).
func BenchmarkCreateOrganization(b *testing.B) {
	s := apptest.Start(b)
	ctx := apptest.Bearer(context.Background(), s.Token(b, demo.Admin.Email))
	client := samspelv1.NewOrganizationServiceClient(s.Conn)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i++
		if _, err := client.CreateOrganization(ctx, &samspelv1.CreateOrganizationRequest{
			Kind: samspelv1.OrganizationKind_ORGANIZATION_KIND_KOMMUN, Name: fmt.Sprintf("Benchstad %d", i),
		}); err != nil {
			b.Fatal(err)
		}
	}
}
