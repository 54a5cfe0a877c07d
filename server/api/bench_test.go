package api_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/samspel/samspel/server/apptest"
	"github.com/samspel/samspel/server/demo"
	samspelv1 "github.com/samspel/samspel/server/gen/samspel/v1"
	"github.com/samspel/samspel/server/store"
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

// BenchmarkListPeopleOfALargeRegion lists the first page of people in a term that holds
// a thousand of them besides the demo's, as a region's staff and politicians would be.
// A correlated subquery once made this 100 ms a page; the soak's throughput collapsed
// with it at a thousand people.
func BenchmarkListPeopleOfALargeRegion(b *testing.B) {
	s := apptest.Start(b)
	ctx := context.Background()
	exp := time.Now().Add(time.Hour)
	pol := store.SessionPolicy{Idle: time.Hour, Absolute: time.Hour}
	for i := range 1000 {
		secret := []byte(fmt.Sprintf("bench-invite-%d", i))
		if err := s.Store.CreateInvite(ctx, store.Actor{}, store.Invite{SecretHash: secret, Email: fmt.Sprintf("person%04d@region.example", i),
			Role: store.RoleStaff, OrganizationID: 1, ExpireTime: exp}); err != nil {
			b.Fatal(err)
		}
		if _, err := s.Store.RedeemInvite(ctx, store.Actor{}, secret, fmt.Sprintf("Person %04d", i), store.NewSession{SecretHash: []byte(fmt.Sprintf("bench-session-%d", i))}, pol); err != nil {
			b.Fatal(err)
		}
	}
	client := samspelv1.NewPersonServiceClient(s.Conn)
	caller := apptest.Bearer(ctx, s.Token(b, "person0000@region.example"))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		resp, err := client.ListPeople(caller, &samspelv1.ListPeopleRequest{OrganizationId: 1})
		if err != nil {
			b.Fatal(err)
		}
		if resp.NextPageToken == "" {
			b.Fatal("a thousand people fit on one page")
		}
	}
}
