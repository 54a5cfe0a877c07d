package browser

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/samspel/samspel/server/apptest"
	"github.com/samspel/samspel/server/demo"
	"github.com/samspel/samspel/server/store"
)

// heldCheckInDecision records a decision on the latest held check-in of the current
// term, as the chair, and returns the meeting's and the decision's ids.
func heldCheckInDecision(t *testing.T, s *apptest.Server, text string) (meeting, decision int64) {
	t.Helper()
	chair, err := s.Store.PersonByEmail(t.Context(), demo.Chair.Email)
	if err != nil {
		t.Fatal(err)
	}
	list, _, err := s.Store.ListMeetings(t.Context(), store.Viewer{PersonID: chair.ID}, store.MeetingFilter{ToDate: s.Store.Today(), NewestFirst: true}, store.Page{Size: 20})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range list {
		if m.Kind == store.KindAvstamning && m.Status == store.MeetingHeld {
			d, err := s.Store.AddDecision(t.Context(), store.Actor{PersonID: chair.ID}, store.NewDecision{MeetingID: m.ID, Text: text})
			if err != nil {
				t.Fatal(err)
			}
			return m.ID, d.ID
		}
	}
	t.Fatal("the demo has no held check-in in the current term")
	return 0, 0
}

// TestTheChairMakesADecisionAPrecedentAndStaffReadIt: the chair opens a check-in and
// makes one of its decisions a precedent of an area, which then lists it with its text;
// a member of staff opens Samspel, reads the role split, the area with its precedents
// and the instruction, and is offered nothing to change and none of the pair's records.
func TestTheChairMakesADecisionAPrecedentAndStaffReadIt(t *testing.T) {
	s := apptest.Start(t)
	browser := startBrowser(t)
	const text = "Ordföranden svarar pressen om tomtpriserna; direktören tar fram siffrorna."
	meeting, decision := heldCheckInDecision(t, s, text)
	business := areaID(t, s, demo.AreaBusiness)

	t.Run("the chair makes a check-in's decision a precedent of an area", func(t *testing.T) {
		chair := newPage(t, browser)
		chair.signInWithInvite(s.Invite(t, demo.Chair.Email, store.RoleChair, ""), "")
		chair.open(fmt.Sprintf("%s/moten/%d", s.URL, meeting), "meeting")
		chair.follow(fmt.Sprintf(`a.precedent-link[href*="beslut=%d&"]`, decision), "nytt-prejudikat")
		if got := chair.text("#precedent-source"); got != text {
			t.Errorf("the form shows the source %q", got)
		}
		t.Run("the form", func(t *testing.T) { checkAxe(t, chair) })
		chair.submit("#precedent-form-submit")
		if got := chair.text("#precedent-area-error"); !strings.Contains(got, "Välj ett område") {
			t.Errorf("without an area the form says %q", got)
		}
		chair.step("choose the area", chromedp.SetValue(chromedp.CSS("#precedent-area"), fmt.Sprint(business)))
		chair.submit("#precedent-form-submit")
		if got := chair.waitNotice(); got != "Prejudikatet är sparat." {
			t.Errorf("notice = %q", got)
		}
		list := chair.text("#precedent-list")
		for _, want := range []string{"Beslut vid möte", text, "Visa mötet"} {
			if !strings.Contains(list, want) {
				t.Errorf("the area's precedents %q lack %q", list, want)
			}
		}
	})

	staff := newPage(t, browser)
	staff.signInWithInvite(s.Invite(t, demo.Staff.Email, store.RoleStaff, ""), "")
	none := func(p *Page, what, sel string) {
		t.Helper()
		if n := len(run(p, "look for "+what, chromedp.Nodes(chromedp.CSS(sel), chromedp.AtLeast(0)))); n != 0 {
			t.Errorf("staff are offered %s (%s)", what, sel)
		}
	}
	t.Run("staff find the role split and the instruction in Samspel, and nothing of the pair's own", func(t *testing.T) {
		staff := staff.with(t)
		staff.follow("#nav-samspel", "samspel")
		for _, sel := range []string{"#to-roller", "#to-instruktion"} {
			staff.step("wait for "+sel, chromedp.WaitVisible(chromedp.CSS(sel)))
		}
		none(staff, "agreements", "#to-overenskommelser")
		none(staff, "deviations", "#to-avsteg")
		none(staff, "the crisis switch", "#to-kris")
		t.Run("the screen", func(t *testing.T) { checkAxe(t, staff) })
	})
	t.Run("staff read the areas and an area with its precedents, read-only", func(t *testing.T) {
		staff := staff.with(t)
		staff.follow("#to-roller", "roller")
		none(staff, "a new area", "#new-area")
		staff.follow(fmt.Sprintf(`#roller a[href="/samspel/roller/%d"]`, business), "omrade")
		if got := staff.text("#precedent-list"); !strings.Contains(got, text) {
			t.Errorf("staff see the precedents %q, without the decision", got)
		}
		staff.step("wait for the history", chromedp.WaitVisible(chromedp.CSS("#historik li")))
		none(staff, "the change form", "#area-form")
		none(staff, "retiring the area", "#retire-form")
		none(staff, "commenting", "#comment-form")
		none(staff, "a link to the check-in they may not open", "#precedent-list a")
		t.Run("the area", func(t *testing.T) { checkAxe(t, staff) })
	})
	t.Run("staff read the instruction's versions with nothing to change", func(t *testing.T) {
		staff := staff.with(t)
		staff.follow("#nav-samspel", "samspel")
		staff.follow("#to-instruktion", "instruktion")
		staff.step("wait for the versions", chromedp.WaitVisible(chromedp.CSS("#versioner li a")))
		none(staff, "starting a draft", "#draft-form")
		staff.follow("#versioner li a", "instruktion-version")
		none(staff, "editing", "#draft-edit-form")
		none(staff, "deleting", "#delete-draft")
	})
}
