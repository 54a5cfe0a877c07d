package browser

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/samspel/samspel/server/apptest"
	"github.com/samspel/samspel/server/demo"
	"github.com/samspel/samspel/server/store"
)

// TestMeetingScreensAreAccessible runs axe-core's WCAG 2.1 A and AA rules on every
// meeting screen, in light and dark colours, with their forms, warnings, error
// summaries and corrected records showing, and checks that none scrolls sideways.
func TestMeetingScreensAreAccessible(t *testing.T) {
	s := apptest.Start(t)
	browser := startBrowser(t)
	f := meetingScreenFixtures(t, s)
	p := newPage(t, browser)
	p.signInWithInvite(s.Invite(t, demo.Chair.Email, store.RoleChair, ""), "")

	screens := []struct {
		name  string
		reach func(p *Page)
	}{
		{"Idag with the meetings block", func(p *Page) {
			p.open(s.URL+"/", "idag")
			p.waitText("#idag-moten", "Nästa avstämning")
		}},
		{"Möten", func(p *Page) { p.open(s.URL+"/moten", "moten") }},
		{"a check-in ahead, with the cancel form and a note form open", func(p *Page) {
			p.open(s.URL+"/moten/"+f.next, "meeting")
			p.step("open the cancel form", centredClick("#cancel-open"), chromedp.WaitVisible(chromedp.CSS("#cancel-reason")))
			item := p.itemID("Budgetdialogen med nämnderna")
			p.step("open a note form", centredClick("#note-"+item+"-open"), chromedp.WaitVisible(chromedp.CSS("#note-"+item+"-text")))
		}},
		{"a check-in with the move form and the participants open", func(p *Page) {
			p.open(s.URL+"/moten/"+f.next, "meeting")
			p.step("open the move form", centredClick("#move-open"), chromedp.WaitVisible(chromedp.CSS("#move-date")))
			p.step("open the participants", centredClick("#participants-open"), chromedp.WaitVisible(chromedp.CSS("#participants-h")))
		}},
		{"a check-in with an error summary for an empty agenda item", func(p *Page) {
			p.open(s.URL+"/moten/"+f.next, "meeting")
			p.step("add an item without a title", centredClick("#new-item-submit"), chromedp.WaitVisible(chromedp.CSS("#error-summary")))
			if got := p.text("#new-item-title-error"); !strings.Contains(got, "Skriv vad punkten handlar om") {
				p.t.Errorf("field error = %q", got)
			}
		}},
		{"a held check-in with the finalise warning", func(p *Page) {
			p.open(s.URL+"/moten/"+f.held, "meeting")
			p.step("ask to finalise", centredClick("#finalize"), chromedp.WaitVisible(chromedp.CSS("#finalize-warning")))
		}},
		{"a finalised check-in with a corrected decision and the correction form open", func(p *Page) {
			p.open(s.URL+"/moten/"+f.finalized, "meeting")
			p.waitText("#decision-list", "Tidigare lydelse")
			key := "correct-decision-" + f.decision
			p.step("open the correction form", centredClick("#"+key), chromedp.WaitVisible(chromedp.CSS("#"+key+"-reason")))
		}},
		{"a missed check-in", func(p *Page) {
			p.open(s.URL+"/moten/"+f.missed, "meeting")
			p.waitText("#meeting-status", "Missad avstämning")
		}},
		{"a reflection talk with both parties' shared answers", func(p *Page) {
			p.open(s.URL+"/moten/"+f.reflectionShared, "meeting")
			p.waitText("#reflection", "Dina svar")
		}},
		{"a reflection talk still to answer", func(p *Page) {
			p.open(s.URL+"/moten/"+f.reflectionAhead, "meeting")
			p.step("wait for the questions", chromedp.WaitVisible(chromedp.CSS("#answer-5")))
		}},
		{"the action items", func(p *Page) { p.open(s.URL+"/moten/atgarder", "atgarder") }},
		{"the follow-up of decisions with the new-decision form", func(p *Page) {
			p.open(s.URL+"/moten/beslut", "beslut")
			p.step("open the form", centredClick("#beslut-new"), chromedp.WaitVisible(chromedp.CSS("#pd-title")))
		}},
		{"the overdue decisions of the finished term", func(p *Page) {
			p.open(s.URL+"/moten/beslut?visa=forsenade", "beslut")
			p.step("switch to the finished term", centredClick(`a[href^="/moten/beslut?visa=forsenade&period="]`))
			p.waitText("#beslut-list", "2026")
			if got := eval[int](p, `document.querySelectorAll("#beslut-list li").length`); got < 5 {
				p.t.Errorf("the finished term shows %d overdue decisions; the demo has more", got)
			}
		}},
		{"one followed-up decision with its reports", func(p *Page) { p.open(s.URL+"/moten/beslut/"+f.politicalDecision, "beslut-detalj") }},
		{"the calendar with a new subscription link", func(p *Page) {
			p.open(s.URL+"/moten/kalender", "kalender")
			p.step("make a link", centredClick("#calendar-create"), chromedp.WaitVisible(chromedp.CSS("#calendar-url")))
			if got := eval[string](p, `document.getElementById("calendar-url").value`); !strings.Contains(got, "/kalender/sc_") {
				p.t.Errorf("calendar URL = %q", got)
			}
			if got := p.text("#calendar-state"); !houseDay.MatchString(got) {
				p.t.Errorf("the link's day is not written as mån 30 nov: %q", got)
			}
		}},
		{"search results", func(p *Page) {
			p.open(s.URL+"/moten/sok?q=budget", "sok")
			p.step("wait for hits", chromedp.WaitVisible(chromedp.CSS("#search-hits")))
		}},
		{"a new series", func(p *Page) { p.open(s.URL+"/moten/ny", "ny-serie") }},
	}
	for _, sc := range screens {
		t.Run(sc.name, func(t *testing.T) {
			p := p.with(t)
			p.setColorScheme("light")
			sc.reach(p)
			p.fullScreenshot("meetings-" + strings.ReplaceAll(sc.name, " ", "-"))
			checkAxe(t, p)
			t.Run("fits a phone without scrolling sideways", func(t *testing.T) {
				p := p.with(t)
				if sw, w := eval[int](p, `document.documentElement.scrollWidth`), eval[int](p, `window.innerWidth`); sw > w {
					t.Errorf("the page is %d px wide on a %d px screen", sw, w)
				}
			})
		})
	}
}

// screenFixture holds ids (as the PWA writes them in addresses) of the demo's meetings
// in the states the accessibility test visits, and of rows written for it.
type screenFixture struct {
	next, held, finalized, missed     string
	decision                          string
	reflectionShared, reflectionAhead string
	politicalDecision                 string
}

func meetingScreenFixtures(t *testing.T, s *apptest.Server) screenFixture {
	t.Helper()
	ctx := context.Background()
	chair, err := s.Store.PersonByEmail(ctx, demo.Chair.Email)
	if err != nil {
		t.Fatal(err)
	}
	viewer, actor := store.Viewer{PersonID: chair.ID}, store.Actor{PersonID: chair.ID}
	var f screenFixture
	list, _, err := s.Store.ListMeetings(ctx, viewer, store.MeetingFilter{}, store.Page{Size: 500})
	if err != nil {
		t.Fatal(err)
	}
	var heldDraft, anyHeld store.Meeting
	for _, m := range list {
		switch {
		case m.Kind == store.KindAvstamning && m.Status == store.MeetingScheduled && f.next == "":
			f.next = id(m.ID)
		case m.Kind == store.KindAvstamning && m.Status == store.MeetingMissed:
			f.missed = id(m.ID)
		case m.Kind == store.KindAvstamning && m.Status == store.MeetingHeld && !m.Finalized():
			heldDraft = m
		case m.Kind == store.KindAvstamning && m.Status == store.MeetingHeld:
			anyHeld = m
		case m.Kind == store.KindReflektion && m.Date == "2025-01-27":
			f.reflectionShared = id(m.ID)
		case m.Kind == store.KindReflektion && m.Status == store.MeetingScheduled:
			f.reflectionAhead = id(m.ID)
		}
	}
	if f.next == "" || f.missed == "" || heldDraft.ID == 0 || anyHeld.ID == 0 || f.reflectionShared == "" || f.reflectionAhead == "" {
		t.Fatalf("the demo lacks a meeting the test needs: %+v", f)
	}
	f.held = id(heldDraft.ID)

	// A record corrected after finalising: the held draft gets a decision, is finalised
	// and the decision corrected.
	d, err := s.Store.AddDecision(ctx, actor, store.NewDecision{MeetingID: heldDraft.ID, Text: "Ramarna hålls."})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Store.FinalizeMeeting(ctx, actor, heldDraft.ID); err != nil {
		t.Fatal(err)
	}
	text := "Ramarna hålls för alla nämnder."
	if _, err := s.Store.UpdateDecision(ctx, actor, d.ID, store.DecisionChange{Text: &text}, "Förtydligande."); err != nil {
		t.Fatal(err)
	}
	f.finalized, f.decision = id(heldDraft.ID), id(d.ID)
	// The finalise warning needs a held meeting with draft notes: hold the next check-in,
	// and visit the one after it as the check-in ahead.
	next, err := s.Store.HoldMeeting(ctx, actor, parseID(t, f.next))
	if err != nil {
		t.Fatal(err)
	}
	f.held = id(next.ID)
	upcoming, _, err := s.Store.ListMeetings(ctx, viewer, store.MeetingFilter{SeriesID: next.SeriesID, FromDate: next.Date}, store.Page{Size: 3})
	if err != nil || len(upcoming) < 2 {
		t.Fatalf("upcoming: %v, %v", upcoming, err)
	}
	f.next = id(upcoming[1].ID)

	pds, _, err := s.Store.ListPoliticalDecisions(ctx, viewer, store.PoliticalDecisionFilter{OrganizationID: 1}, store.Page{Size: 1})
	if err != nil || len(pds) == 0 {
		t.Fatalf("political decisions: %v, %v", pds, err)
	}
	f.politicalDecision = id(pds[0].ID)
	return f
}

func id(n int64) string { return strconv.FormatInt(n, 10) }

func parseID(t *testing.T, s string) int64 {
	t.Helper()
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// checkAxe runs axe-core's WCAG 2.1 A and AA rules on the page as it is, in light and in
// dark colours, as two subtests of t, and allows no violation.
func checkAxe(t *testing.T, p *Page) {
	t.Helper()
	for _, scheme := range []string{"light", "dark"} {
		t.Run("has no violations in "+scheme+" colours", func(t *testing.T) {
			p := p.with(t)
			p.setColorScheme(scheme)
			violations, passes := p.axe()
			if passes == 0 {
				t.Fatalf("axe passed no rule at all: it did not check the page")
			}
			for _, v := range violations {
				t.Errorf("axe %s (%s): %s\n\t%s", v.ID, v.Impact, v.Help, strings.Join(v.Nodes, "\n\t"))
			}
		})
	}
}
