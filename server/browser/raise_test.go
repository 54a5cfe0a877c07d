package browser

import (
	"context"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/samspel/samspel/server/apptest"
	"github.com/samspel/samspel/server/demo"
	samspelv1 "github.com/samspel/samspel/server/gen/samspel/v1"
	"github.com/samspel/samspel/server/store"
)

// TestAFlaggedNoteGoesOnTheNextCheckInsAgenda: on her phone, without signal, the chair
// writes a note marked "Ta upp på nästa avstämning". Back online, Idag says a note waits
// for the next check-in; she opens it, finds the note offered with its words to edit,
// shortens the title and adds it. The director sees the item on the agenda, and the
// note itself is still not found for him.
func TestAFlaggedNoteGoesOnTheNextCheckInsAgenda(t *testing.T) {
	s := apptest.Start(t)
	p := newPage(t, startBrowser(t))
	p.signInWithInvite(s.Invite(t, demo.Chair.Email, store.RoleChair, ""), "")
	p.waitServiceWorker()
	p.openNotes()

	const body = "Handlarna på Storgatan klagar på snöröjningen\nDe vill ha ett möte före jul. Ta med Maria."
	p.setOffline(true)
	p.step("tap Ny anteckning", centredClick("#list-new-note"))
	p.waitScreen("ny-anteckning")
	p.step("write the note and flag it for the next check-in",
		chromedp.SendKeys(chromedp.CSS("#note-body"), body),
		centredClick(".more summary"),
		centredClick("#note-raise"),
		centredClick("#note-save"))
	p.waitScreen("anteckningar")
	p.waitCount(`#note-list li[data-waiting="true"]`, 1)
	p.setOffline(false)
	run(p, "wait until the note is sent", chromedp.Poll[bool](`document.querySelectorAll('#note-list li[data-waiting]').length === 0`,
		chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(stepTimeout)))

	var note *samspelv1.QuickNote
	for _, q := range serverNotes(t, s, demo.Chair.Email) {
		if q.Body == body {
			note = q
		}
	}
	if note == nil || !note.RaiseAtNextCheckIn {
		t.Fatalf("the note written offline reached the server as %v; want it flagged", note)
	}

	// The demo leaves a flagged note or two of its own from the last week.
	chair := apptest.Bearer(context.Background(), s.Token(t, demo.Chair.Email))
	waiting, err := samspelv1.NewNoteServiceClient(s.Conn).ListNextCheckInQuickNotes(chair, &samspelv1.ListNextCheckInQuickNotesRequest{PageSize: 50})
	if err != nil {
		t.Fatal(err)
	}
	want := "1 anteckning att ta upp"
	if n := len(waiting.QuickNotes); n != 1 {
		want = strconv.Itoa(n) + " anteckningar att ta upp"
	}
	p.step("go to Idag", centredClick("#nav-idag"))
	p.waitText("#idag-raised", want)
	p.clickThrough("#idag-raised a", "meeting")
	key := "raise-" + note.Id
	p.waitText("#att-ta-upp", "Att ta upp från dina anteckningar")
	if got := eval[string](p, `document.getElementById("`+key+`-title").value`); got != "Handlarna på Storgatan klagar på snöröjningen" {
		t.Errorf("the title is prefilled with %q; want the note's first line", got)
	}
	t.Run("the next check-in with a note to raise is accessible", func(t *testing.T) { checkAxe(t, p.with(t)) })

	const title = "Snöröjningen på Storgatan"
	p.exec(`document.getElementById("` + key + `-title").value = ""`)
	p.step("shorten the title and add it to the agenda",
		chromedp.SendKeys(chromedp.CSS("#"+key+"-title"), title),
		centredClick("#"+key+"-submit"))
	p.waitText("#agenda-items", title)
	if n := p.count("#" + key); n != 0 {
		t.Errorf("the note is still offered after it was added")
	}

	meetingID, err := strconv.ParseInt(eval[string](p, `location.pathname.split("/").pop()`), 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	director := apptest.Bearer(context.Background(), s.Token(t, demo.Director.Email))
	t.Run("the director sees the item on the agenda, with the chair's words and not the note's", func(t *testing.T) {
		m, err := samspelv1.NewMeetingServiceClient(s.Conn).GetMeeting(director, &samspelv1.GetMeetingRequest{Id: meetingID})
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, it := range m.AgendaItems {
			if it.Title == title {
				found = true
				if it.Description != "De vill ha ett möte före jul. Ta med Maria." || it.GetSource().GetKind() != "quick_note" {
					t.Errorf("the item reads %q with source %v", it.Description, it.Source)
				}
			}
		}
		if !found {
			t.Errorf("the director does not see %q on the agenda", title)
		}
	})
	t.Run("the note itself is still not found for the director", func(t *testing.T) {
		if got := getNoteAs(t, s, demo.Director.Email, note.Id); got != "NotFound" {
			t.Errorf("the director's Get answered %s", got)
		}
	})
	t.Run("an inbox note opens as an action item form, accessible, with the note's text", func(t *testing.T) {
		p := p.with(t)
		p.open(s.URL+"/anteckningar/inkorg", "inkorg")
		p.tap(`#inbox-list button[id^="to-action-"]`)
		p.waitText("#inbox-list form", "Lägg till åtgärden")
		if got := eval[string](p, `document.querySelector("#inbox-list form textarea").value`); got == "" {
			t.Error("the action's text is not prefilled from the note")
		}
		if n := p.count(`#inbox-list button[id^="to-topic-"]`); n != 0 {
			t.Errorf("the chair is offered %d opposition topics; only the director may make them", n)
		}
		checkAxe(t, p)
	})
	t.Run("the note is no longer flagged and says what it became", func(t *testing.T) {
		p := p.with(t)
		p.open(s.URL+"/anteckningar/"+note.Id, "anteckning")
		p.waitText("#note-outcome", "Blev en punkt på dagordningen för avstämningen ")
		// One sentence for what it became, and one that the note itself stayed private.
		if got := p.text("#note-outcome"); !regexp.MustCompile(`^Blev en punkt på dagordningen för avstämningen (mån|tis|ons|tor|fre|lör|sön) \d{1,2} [a-z]{3}( \d{4})?\. Själva anteckningen är fortfarande bara din\.$`).MatchString(got) {
			t.Errorf("#note-outcome reads %q", got)
		}
		p.wantTarget("#all-notes")
		if got := p.text(".note-facts"); strings.Contains(got, "Tas upp på nästa avstämning") {
			t.Errorf("the note still says it is to be raised: %q", got)
		}
	})
}
