package api_test

import (
	"context"
	"testing"

	"github.com/samspel/samspel/server/apptest"
	"github.com/samspel/samspel/server/demo"
	samspelv1 "github.com/samspel/samspel/server/gen/samspel/v1"
)

// BenchmarkIdagRoleSplitBlock measures what the chair's start screen asks of the role
// split each time it is shown: the pair's status and the deviations to acknowledge.
func BenchmarkIdagRoleSplitBlock(b *testing.B) {
	s := apptest.Start(b)
	ctx := apptest.Bearer(context.Background(), s.Token(b, demo.Chair.Email))
	client := samspelv1.NewPairServiceClient(s.Conn)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := client.GetPairStatus(ctx, &samspelv1.GetPairStatusRequest{OrganizationId: 1}); err != nil {
			b.Fatal(err)
		}
		if _, err := client.ListDeviations(ctx, &samspelv1.ListDeviationsRequest{OrganizationId: 1, AwaitingYouOnly: true, PageSize: 5}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkListDeviationsOfATerm lists the demo's finished term whole, about thirty
// deviations with their areas, agreements and comment counts.
func BenchmarkListDeviationsOfATerm(b *testing.B) {
	s := apptest.Start(b)
	ctx := apptest.Bearer(context.Background(), s.Token(b, demo.Chair.Email))
	f := seedRoleSplitFixture(b, s)
	client := samspelv1.NewPairServiceClient(s.Conn)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := client.ListDeviations(ctx, &samspelv1.ListDeviationsRequest{OrganizationId: 1, TermId: f.finishedTerm, PageSize: 500}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDiffInstructionVersions compares the demo's v1 and v2 (nine sections).
func BenchmarkDiffInstructionVersions(b *testing.B) {
	s := apptest.Start(b)
	ctx := apptest.Bearer(context.Background(), s.Token(b, demo.Opposition.Email))
	f := seedRoleSplitFixture(b, s)
	client := samspelv1.NewInstructionServiceClient(s.Conn)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := client.DiffInstructionVersions(ctx, &samspelv1.DiffInstructionVersionsRequest{FromId: f.v1, ToId: f.v2}); err != nil {
			b.Fatal(err)
		}
	}
}
