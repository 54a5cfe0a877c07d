package api_test

import (
	"context"
	"sync/atomic"
	"testing"

	"google.golang.org/protobuf/proto"

	"github.com/samspel/samspel/server/apptest"
	"github.com/samspel/samspel/server/demo"
	samspelv1 "github.com/samspel/samspel/server/gen/samspel/v1"
	"github.com/samspel/samspel/server/store"
)

// Callers of the meeting rows of the policy matrix.
var (
	// organizers may call meetings and follow up decisions: everyone but the opposition.
	organizers = []string{demo.Chair.Email, demo.Director.Email, demo.Vice.Email, demo.Staff.Email}
	// checkInPeople see the demo's current check-ins: the pair and the staff member they invited.
	checkInPeople    = []string{demo.Chair.Email, demo.Director.Email, demo.Staff.Email}
	notCheckInPeople = []string{demo.Vice.Email, demo.Opposition.Email, demo.Admin.Email, outsiderEmail}
	// reporters register decisions and report how they go.
	reporters = []string{demo.Chair.Email, demo.Director.Email, demo.Staff.Email}
)

// meetingFixture holds ids in the demo's current term that the matrix calls with, and a
// few entries written for it on the next check-in.
type meetingFixture struct {
	chair                                  int64
	series, next, later, missed, heldDraft int64
	item, itemToClose, closedItem          int64
	note, decision, action                 int64
	reflection, politicalDecision          int64
	paragraph                              atomic.Int32
}

func meetingFixtures(t *testing.T, s *apptest.Server) *meetingFixture {
	t.Helper()
	ctx := context.Background()
	chair, err := s.Store.PersonByEmail(ctx, demo.Chair.Email)
	if err != nil {
		t.Fatal(err)
	}
	viewer, actor := store.Viewer{PersonID: chair.ID}, store.Actor{PersonID: chair.ID}
	f := &meetingFixture{chair: chair.ID}
	f.paragraph.Store(9000)
	f.series = currentSeries(t, s, chair.ID, store.KindAvstamning)

	upcoming, _, err := s.Store.ListMeetings(ctx, viewer, store.MeetingFilter{SeriesID: f.series, FromDate: s.Store.Today()}, store.Page{Size: 5})
	if err != nil || len(upcoming) < 5 {
		t.Fatalf("upcoming check-ins: %v, %v", upcoming, err)
	}
	f.next, f.later = upcoming[0].ID, upcoming[4].ID
	past, _, err := s.Store.ListMeetings(ctx, viewer, store.MeetingFilter{SeriesID: f.series, ToDate: s.Store.Today(), NewestFirst: true}, store.Page{})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range past {
		switch {
		case m.Status == store.MeetingMissed && f.missed == 0:
			f.missed = m.ID
		case m.Status == store.MeetingHeld && !m.Finalized() && f.heldDraft == 0:
			f.heldDraft = m.ID
		}
	}
	if f.missed == 0 || f.heldDraft == 0 {
		t.Fatalf("the demo has no missed check-in (%d) or no held check-in with draft notes (%d)", f.missed, f.heldDraft)
	}

	item := func(title string) int64 {
		a, err := s.Store.AddAgendaItem(ctx, actor, store.NewAgendaItem{MeetingID: f.next, Title: title})
		if err != nil {
			t.Fatal(err)
		}
		return a.ID
	}
	f.item, f.itemToClose, f.closedItem = item("Budgetdialogen"), item("Sommarjobben"), item("Medarbetarenkäten")
	if _, err := s.Store.CloseAgendaItem(ctx, actor, f.closedItem, f.next); err != nil {
		t.Fatal(err)
	}
	n, err := s.Store.AddMeetingNote(ctx, actor, store.NewMeetingNote{MeetingID: f.next, AgendaItemID: f.item, Body: "Genomgång."})
	if err != nil {
		t.Fatal(err)
	}
	d, err := s.Store.AddDecision(ctx, actor, store.NewDecision{MeetingID: f.next, Text: "Ramarna hålls."})
	if err != nil {
		t.Fatal(err)
	}
	a, err := s.Store.AddActionItem(ctx, actor, store.NewActionItem{MeetingID: f.next, Text: "Boka budgetdialogen", OwnerID: chair.ID})
	if err != nil {
		t.Fatal(err)
	}
	f.note, f.decision, f.action = n.ID, d.ID, a.ID

	refl := currentSeries(t, s, chair.ID, store.KindReflektion)
	ms, _, err := s.Store.ListMeetings(ctx, viewer, store.MeetingFilter{SeriesID: refl}, store.Page{})
	if err != nil || len(ms) != 1 {
		t.Fatalf("reflection talk: %v, %v", ms, err)
	}
	f.reflection = ms[0].ID

	pds, _, err := s.Store.ListPoliticalDecisions(ctx, viewer, store.PoliticalDecisionFilter{OrganizationID: 1}, store.Page{Size: 1})
	if err != nil || len(pds) == 0 {
		t.Fatalf("political decisions of the current term: %v, %v", pds, err)
	}
	f.politicalDecision = pds[0].ID
	return f
}

// newPoliticalDecision is a decision with a paragraph no earlier call used.
func (f *meetingFixture) newPoliticalDecision() proto.Message {
	return &samspelv1.CreatePoliticalDecisionRequest{
		OrganizationId: 1, Body: "KS", DecisionDate: "2026-11-10", Paragraph: f.paragraph.Add(1),
		Title: "Uppdrag att se över lokalerna", ExpectedCompletionDate: "2027-05-31",
	}
}

// currentSeries finds the demo's series of a kind in the current term.
func currentSeries(t *testing.T, s *apptest.Server, chair int64, kind int32) int64 {
	t.Helper()
	ctx := context.Background()
	term, err := s.Store.CurrentTerm(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	list, _, err := s.Store.ListMeetingSeries(ctx, store.Viewer{PersonID: chair}, 1, store.Page{})
	if err != nil {
		t.Fatal(err)
	}
	for _, ms := range list {
		if ms.Kind == kind && ms.TermID == term.ID {
			return ms.ID
		}
	}
	t.Fatalf("no series of kind %d in the current term", kind)
	return 0
}

// today is the server's day in Sweden.
