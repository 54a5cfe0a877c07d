package browser

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/samspel/samspel/server/apptest"
	"github.com/samspel/samspel/server/demo"
	samspelv1 "github.com/samspel/samspel/server/gen/samspel/v1"
	"github.com/samspel/samspel/server/store"
)

// TestTheDirectorMarksACheckInItemForTheOpposition: in the meeting screen the director
// marks an item of a check-in "informera oppositionen"; the item says so, and the parity
// ledger now holds it as a gap for every opposition party. The chair has no such button.
func TestTheDirectorMarksACheckInItemForTheOpposition(t *testing.T) {
	s := apptest.Start(t)
	bg := context.Background()
	director := apptest.Bearer(bg, s.Token(t, demo.Director.Email))
	meetings := samspelv1.NewMeetingServiceClient(s.Conn)
	// The majority hears of a check-in's items on its day, so the ledger counts an item
	// from then: take a check-in up to today whose notes are still open.
	today := time.Now().Format(time.DateOnly)
	list, err := meetings.ListMeetings(director, &samspelv1.ListMeetingsRequest{OrganizationId: 1, FromDate: "2026-10-15", ToDate: today, PageSize: 200})
	if err != nil {
		t.Fatal(err)
	}
	var checkIn int64
	for _, m := range list.Meetings {
		if m.Kind == samspelv1.MeetingKind_MEETING_KIND_AVSTAMNING && !m.Finalized && m.Date <= today {
			checkIn = m.Id
		}
	}
	if checkIn == 0 {
		t.Fatal("no open check-in up to today in the demo")
	}
	const title = "Nedläggningen av biblioteksfilialen i Åsen"
	added, err := meetings.AddAgendaItem(director, &samspelv1.AddAgendaItemRequest{MeetingId: checkIn, Title: title})
	if err != nil {
		t.Fatal(err)
	}
	item := strconv.FormatInt(added.AgendaItem.Id, 10)
	meetingURL := s.URL + "/moten/" + strconv.FormatInt(checkIn, 10)

	browser := startBrowser(t)
	chair := newPage(t, browser)
	chair.signInWithInvite(s.Invite(t, demo.Chair.Email, store.RoleChair, ""), "")
	chair.open(meetingURL, "meeting")
	chair.waitText("#main", title)
	t.Run("the chair has no button to mark items for the opposition", func(t *testing.T) {
		if n := eval[int](chair.with(t), `document.querySelectorAll("#inform-`+item+`").length`); n != 0 {
			t.Errorf("the chair sees %d such buttons", n)
		}
	})

	dir := newPage(t, startBrowser(t))
	dir.signInWithInvite(s.Invite(t, demo.Director.Email, store.RoleDirector, ""), "")
	dir.open(meetingURL, "meeting")
	dir.tap("#inform-" + item)
	dir.waitText("#opposition-"+item, "Oppositionen ska informeras")
	t.Run("the meeting screen with a marked item is accessible", func(t *testing.T) { checkAxe(t, dir.with(t)) })

	t.Run("the ledger holds the item as a gap for every opposition party", func(t *testing.T) {
		entries, err := samspelv1.NewOppositionServiceClient(s.Conn).ListParityEntries(director, &samspelv1.ListParityEntriesRequest{OrganizationId: 1, GapsOnly: true, PageSize: 500})
		if err != nil {
			t.Fatal(err)
		}
		parties := map[string]bool{}
		for _, e := range entries.Entries {
			if e.Topic.GetAgendaItemId() == added.AgendaItem.Id {
				parties[e.Party] = true
			}
		}
		if !parties[demo.PartyA] || !parties[demo.PartyB] {
			t.Errorf("the item is a gap for %v; want both %s and %s", parties, demo.PartyA, demo.PartyB)
		}
	})
}
