package api_test

import (
	"context"
	"testing"

	"google.golang.org/protobuf/proto"

	"github.com/samspel/samspel/server/apptest"
	"github.com/samspel/samspel/server/demo"
	samspelv1 "github.com/samspel/samspel/server/gen/samspel/v1"
	"github.com/samspel/samspel/server/store"
)

// Callers of the opposition rows of the policy matrix.
var (
	// briefingReaders see the fixture briefing: the director's side and the invited party.
	briefingReaders    = []string{demo.Chair.Email, demo.Director.Email, demo.Staff.Email, demo.Opposition.Email}
	notBriefingReaders = []string{demo.Vice.Email, demo.Admin.Email, outsiderEmail}
	theBriefers        = []string{demo.Director.Email, demo.Staff.Email}
	ledgerPeople       = []string{demo.Chair.Email, demo.Director.Email, demo.Staff.Email}
	// budgetReaders see the fixture's budget-work question: the asking party and the administration.
	budgetReaders    = []string{demo.Director.Email, demo.Staff.Email, demo.Opposition.Email}
	notBudgetReaders = []string{demo.Chair.Email, demo.Vice.Email, demo.Admin.Email, outsiderEmail}
	onlyOpposition   = []string{demo.Opposition.Email}
)

// oppositionFixture holds ids the opposition rows call with.
type oppositionFixture struct {
	staff, briefing, question int64
	newBriefing               func() proto.Message
}

func oppositionFixtures(t *testing.T, s *apptest.Server) *oppositionFixture {
	t.Helper()
	ctx := context.Background()
	person := func(email string) int64 {
		p, err := s.Store.PersonByEmail(ctx, email)
		if err != nil {
			t.Fatal(err)
		}
		return p.ID
	}
	director, opposition := store.Actor{PersonID: person(demo.Director.Email)}, store.Actor{PersonID: person(demo.Opposition.Email)}
	f := &oppositionFixture{staff: person(demo.Staff.Email)}
	newBriefing := func() int64 {
		b, err := s.Store.CreateBriefing(ctx, director, store.NewBriefing{
			OrganizationID: 1, Kind: store.BriefingAdHoc, Title: "Dragning om lokalerna", Date: s.Store.Today(), Parties: []string{demo.PartyA},
		})
		if err != nil {
			t.Fatal(err)
		}
		return b.ID
	}
	f.briefing = newBriefing()
	f.newBriefing = func() proto.Message {
		return &samspelv1.HoldBriefingRequest{Id: newBriefing(), Notes: "Genomgång.", AttendedParties: []string{demo.PartyA}}
	}
	q, err := s.Store.AskQuestion(ctx, opposition, 1, "Vad kostar en sänkt barngruppsstorlek?", true)
	if err != nil {
		t.Fatal(err)
	}
	f.question = q.ID
	return f
}
