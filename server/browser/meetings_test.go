package browser

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/samspel/samspel/server/apptest"
	"github.com/samspel/samspel/server/demo"
	"github.com/samspel/samspel/server/store"
)

// The meeting screens in real Chromium: two people on two phones prepare, hold and
// follow up a check-in; what is missed shows; a finalised record is corrected with its
// history kept; the opposition finds nothing; and axe-core finds nothing to fault.

// TestTwoPeoplePrepareHoldAndFollowUpACheckIn is the shared agenda from start to finish:
// both add items from their phones, the meeting is held, notes, a decision and an action
// with a due date are written, and the next meeting opens with Uppföljning.
func TestTwoPeoplePrepareHoldAndFollowUpACheckIn(t *testing.T) {
	s := apptest.Start(t)
	browser := startBrowser(t)
	chair := newPage(t, browser)
	director := newPage(t, browser)
	chair.signInWithInvite(s.Invite(t, demo.Chair.Email, store.RoleChair, ""), "")
	director.signInWithInvite(s.Invite(t, demo.Director.Email, store.RoleDirector, ""), "")

	// Both open the next check-in from Möten in the bottom bar.
	for _, p := range []*Page{chair, director} {
		p.step("open Möten", centredClick("#nav-moten"))
		p.waitScreen("moten")
		p.step("open the next check-in", centredClick("#next-checkin"))
		p.waitScreen("meeting")
	}
	meetingURL := run(chair, "read the address", chromedp.Location())
	if got := chair.text("#meeting h1"); got != demo.CheckInTitle {
		t.Errorf("meeting heading = %q; want %q", got, demo.CheckInTitle)
	}
	if got := chair.text("#meeting-visibility"); !strings.Contains(got, demo.Chair.Name) || !strings.Contains(got, demo.Director.Name) {
		t.Errorf("#meeting-visibility = %q; want it to name who sees the meeting", got)
	}

	chair.addItem("Budget 2027")
	director.addItem("Snökanoner till skidbacken")
	t.Run("each sees the other's item", func(t *testing.T) {
		chair := chair.with(t)
		// Coming back to the app fetches the meeting again.
		chair.exec(`document.dispatchEvent(new Event("visibilitychange"))`)
		chair.waitText("#agenda-items", "Snökanoner till skidbacken")
		if got := director.with(t).text("#agenda-items"); !strings.Contains(got, "Budget 2027") {
			t.Errorf("the director's agenda %q lacks the chair's item", got)
		}
	})

	director.step("mark the meeting held", centredClick("#hold"))
	director.waitText("#meeting-status", "Hållet")

	budget := director.itemID("Budget 2027")
	snow := director.itemID("Snökanoner till skidbacken")
	director.step("write a note on the budget item",
		centredClick("#note-"+budget+"-open"),
		chromedp.WaitVisible(chromedp.CSS("#note-"+budget+"-text")),
		chromedp.SendKeys(chromedp.CSS("#note-"+budget+"-text"), "Ramarna presenterades. Socialnämnden ligger över."),
		centredClick("#note-"+budget+"-submit"),
	)
	director.waitText(`[data-item-id="`+budget+`"]`, "Socialnämnden ligger över")

	chair.exec(`document.dispatchEvent(new Event("visibilitychange"))`)
	chair.waitText("#meeting-status", "Hållet")
	chair.selectByLabel("#decision-by", demo.Director.Name)
	chair.selectByLabel("#decision-item", "Snökanoner till skidbacken")
	chair.step("write down the decision",
		chromedp.SendKeys(chromedp.CSS("#decision-text"), "Inga snökanoner köps in i vinter."),
		centredClick("#decision-submit"),
	)
	chair.waitText("#decision-list", "Ställningstagande: "+demo.Director.Name)

	due := time.Now().AddDate(0, 0, 4).Format(time.DateOnly)
	chair.selectByLabel("#action-owner", demo.Director.Name)
	chair.step("write down an action with a due date",
		chromedp.SendKeys(chromedp.CSS("#action-text"), "Svara skidklubben om snökanonerna"),
		chromedp.SetValue(chromedp.CSS("#action-due"), due),
		centredClick("#action-submit"),
	)
	chair.waitText("#action-list", "Svara skidklubben om snökanonerna")
	chair.step("close the budget item", centredClick("#close-"+budget))
	chair.waitText(`[data-item-id="`+budget+`"] .item-title`, "Klar")
	chair.fullScreenshot("meeting-held")

	director.step("open the next meeting", centredClick("#next-meeting"))
	director.waitScreen("meeting")
	director.fullScreenshot("meeting-next")
	t.Run("the next meeting follows up the action under Uppföljning", func(t *testing.T) {
		p := director.with(t)
		got := p.text("#uppfoljning #follow-up-actions")
		for _, want := range []string{"Svara skidklubben om snökanonerna", "Ansvarig: " + demo.Director.Name, "senast " + dayLabel(due)} {
			if !strings.Contains(got, want) {
				t.Errorf("Uppföljning's actions %q lack %q", got, want)
			}
		}
	})
	t.Run("the unclosed item carries over with its history, the closed one does not", func(t *testing.T) {
		p := director.with(t)
		got := p.text("#uppfoljning #carried-items")
		if !strings.Contains(got, "Snökanoner till skidbacken") {
			t.Errorf("carried items %q lack the unclosed item", got)
		}
		if strings.Contains(got, "Budget 2027") {
			t.Errorf("the closed item carried over: %q", got)
		}
		if n := eval[int](p, `document.querySelectorAll('#carried-items [data-item-id="`+snow+`"]').length`); n != 1 {
			t.Errorf("the snow cannon item shows %d times under Uppföljning; want once", n)
		}
	})
	t.Run("the last meeting's decision is recalled", func(t *testing.T) {
		if got := director.with(t).text("#previous-decisions"); !strings.Contains(got, "Inga snökanoner köps in i vinter.") {
			t.Errorf("previous decisions %q", got)
		}
	})

	t.Run("after finalising, a correction keeps the earlier text visible", func(t *testing.T) {
		p := chair.with(t)
		p.step("finalise the notes",
			centredClick("#finalize"),
			chromedp.WaitVisible(chromedp.CSS("#finalize-warning")),
		)
		if got := p.text("#finalize-warning"); !strings.Contains(got, "allmänna handling") {
			t.Errorf("the warning %q does not say the notes become a public record", got)
		}
		p.step("confirm", centredClick("#finalize-confirm"))
		p.waitText("#meeting-status", "justerat")
		if n := eval[int](p, `document.querySelectorAll("#decision-text, #action-text, #new-item-title").length`); n != 0 {
			t.Errorf("%d forms still write to the finalised record", n)
		}
		decision := eval[string](p, `document.querySelector("#decision-list [data-decision-id]").dataset.decisionId`)
		key := "correct-decision-" + decision
		p.step("correct the decision",
			centredClick("#"+key),
			chromedp.WaitVisible(chromedp.CSS("#"+key+"-text")),
			chromedp.SetValue(chromedp.CSS("#"+key+"-text"), "Inga snökanoner köps in i vinter. Direktören sa nej: ingen budget."),
			chromedp.SendKeys(chromedp.CSS("#"+key+"-reason"), "Skälet saknades."),
			centredClick("#"+key+"-form-submit"),
		)
		p.waitText("#decision-list", "Tidigare lydelse")
		got := p.text("#decision-list")
		for _, want := range []string{"Direktören sa nej: ingen budget.", "”Inga snökanoner köps in i vinter.”", "Skäl: Skälet saknades.", demo.Chair.Name} {
			if !strings.Contains(got, want) {
				t.Errorf("the corrected decision %q lacks %q", got, want)
			}
		}
		p.fullScreenshot("meeting-corrected")
	})

	t.Run("an opposition politician opening the meeting's address is told it does not exist", func(t *testing.T) {
		p := newPage(t, browser)
		p.signInWithInvite(s.Invite(t, demo.Opposition.Email, store.RoleOpposition, demo.PartyA), "")
		if n := eval[int](p, `document.querySelectorAll("#nav-moten").length`); n != 0 {
			t.Errorf("the opposition has Möten in the bottom bar")
		}
		p.open(meetingURL, "meeting")
		p.waitText("#meeting-failed", "finns inte")
		if got := eval[string](p, `document.getElementById("main").textContent`); strings.Contains(got, "Snökanoner") || strings.Contains(got, "Budget 2027") {
			t.Errorf("the opposition's screen shows the meeting's content: %q", got)
		}
	})
}

// TestThePairMovesAMeetingAndInvitesANoteTaker: one meeting moves, the series keeps its
// rhythm; staff are invited to take notes, or not.
func TestThePairMovesAMeetingAndInvitesANoteTaker(t *testing.T) {
	s := apptest.Start(t)
	browser := startBrowser(t)
	p := newPage(t, browser)
	p.signInWithInvite(s.Invite(t, demo.Chair.Email, store.RoleChair, ""), "")
	p.step("open Möten", centredClick("#nav-moten"))
	p.waitScreen("moten")
	p.step("open the next check-in", centredClick("#next-checkin"))
	p.waitScreen("meeting")

	t.Run("a staff member is taken off the series and invited again", func(t *testing.T) {
		p := p.with(t)
		p.step("open the participants", centredClick("#participants-open"), chromedp.WaitVisible(chromedp.CSS("#participants-h")))
		p.waitText("#participants-list", demo.Staff.Name)
		staff := eval[string](p, `document.querySelector("[id^=participant-remove-]").id`)
		p.step("remove the staff member", centredClick("#"+staff))
		p.waitText("#arrangements", "Ingen annan är inbjuden.")
		if got := p.text("#meeting-visibility"); strings.Contains(got, demo.Staff.Name) {
			t.Errorf("#meeting-visibility = %q still names the staff member", got)
		}
		p.selectByLabel("#participant-new", demo.Staff.Name)
		p.step("invite the staff member", centredClick("#invite-participant-submit"))
		p.waitText("#participants-list", demo.Staff.Name)
		p.waitText("#meeting-visibility", demo.Staff.Name)
		if n := eval[int](p, `[...document.querySelectorAll("#participant-new option")].filter((o) => o.textContent === `+jsString(demo.Opposition.Name)+`).length`); n != 0 {
			t.Errorf("the opposition is offered as a participant")
		}
	})
	t.Run("the meeting moves to another day, time and place", func(t *testing.T) {
		p := p.with(t)
		day := eval[string](p, `document.getElementById("move-date")?.value ?? ""`)
		if day == "" {
			p.step("open the move form", centredClick("#move-open"), chromedp.WaitVisible(chromedp.CSS("#move-date")))
			day = eval[string](p, `document.getElementById("move-date").value`)
		}
		d, err := time.Parse(time.DateOnly, day)
		if err != nil {
			t.Fatalf("the move form's day %q: %v", day, err)
		}
		moved := d.AddDate(0, 0, 1).Format(time.DateOnly)
		p.step("move it",
			chromedp.SetValue(chromedp.CSS("#move-date"), moved),
			chromedp.SetValue(chromedp.CSS("#move-time"), "13:15"),
			chromedp.SetValue(chromedp.CSS("#move-place"), "Kommunhuset, rum 12"),
			centredClick("#move-submit"),
		)
		p.waitText("#meeting-when", "13:15")
		if got := p.text("#meeting-when"); !strings.Contains(got, dayLabel(moved)) || !strings.Contains(got, "Kommunhuset, rum 12") {
			t.Errorf("#meeting-when = %q; want %s 13:15 in Kommunhuset, rum 12", got, dayLabel(moved))
		}
		if got := p.text("#next-meeting"); !strings.Contains(got, dayLabel(d.AddDate(0, 0, 7).Format(time.DateOnly))) {
			t.Errorf("the next meeting is %q; want the series' rhythm kept (%s)", got, dayLabel(d.AddDate(0, 0, 7).Format(time.DateOnly)))
		}
	})
}

// TestMissedCheckInsShowOnIdagAndInMöten: the demo's last check-in before today was
// neither held nor cancelled.
func TestMissedCheckInsShowOnIdagAndInMöten(t *testing.T) {
	s := apptest.Start(t)
	browser := startBrowser(t)
	p := newPage(t, browser)
	p.signInWithInvite(s.Invite(t, demo.Director.Email, store.RoleDirector, ""), "")
	missed := lastMissedCheckIn(t, s)

	p.waitText("#idag-moten", "Missad avstämning")
	if got := p.text("#idag-missed"); !strings.Contains(got, dayLabel(missed)) {
		t.Errorf("#idag-missed = %q; want %s", got, dayLabel(missed))
	}
	if got := p.text("#idag-drift"); !strings.Contains(got, "sedan senaste avstämningen") {
		t.Errorf("#idag-drift = %q; want the days since the last check-in", got)
	}
	p.fullScreenshot("idag-meetings")
	p.step("open Möten", centredClick("#nav-moten"))
	p.waitScreen("moten")
	got := eval[string](p, `[...document.querySelectorAll("#past-list li")].map((li) => li.textContent).find((t) => t.startsWith(`+jsString(demo.CheckInTitle)+`)) ?? ""`)
	if !strings.Contains(got, "Missad avstämning") || !strings.Contains(got, dayLabel(missed)) {
		t.Errorf("the latest past check-in reads %q; want it marked missed on %s", got, dayLabel(missed))
	}
}

// lastMissedCheckIn is the date of the demo's missed check-in in the current term.
func lastMissedCheckIn(t *testing.T, s *apptest.Server) string {
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
		if m.Kind == store.KindAvstamning && m.Status == store.MeetingMissed {
			return m.Date
		}
	}
	t.Fatal("the demo has no missed check-in")
	return ""
}

// addItem puts an item on the open meeting's agenda and waits until it shows.
func (p *Page) addItem(title string) {
	p.t.Helper()
	p.step("add the agenda item "+title,
		chromedp.SendKeys(chromedp.CSS("#new-item-title"), title),
		centredClick("#new-item-submit"),
	)
	p.waitText("#agenda-items", title)
	if got := eval[string](p, `document.getElementById("new-item-title").value`); got != "" {
		p.t.Errorf("the new-item field still holds %q after adding", got)
	}
}

// itemID finds the id of the agenda item whose title begins with title.
func (p *Page) itemID(title string) string {
	p.t.Helper()
	id := eval[string](p, `([...document.querySelectorAll("[data-item-id]")].find((li) =>
		li.querySelector(".item-title").textContent.startsWith(`+jsString(title)+`)) || {dataset: {}}).dataset.itemId || ""`)
	if id == "" {
		p.t.Fatalf("no agenda item %q on the screen", title)
	}
	return id
}

// selectByLabel chooses the option of a select whose text is label.
func (p *Page) selectByLabel(sel, label string) {
	p.t.Helper()
	ok := eval[bool](p, `(() => { const s = document.querySelector(`+jsString(sel)+`);
		const o = [...s.options].find((o) => o.textContent === `+jsString(label)+`);
		if (!o) return false; s.value = o.value; return true; })()`)
	if !ok {
		p.t.Fatalf("%s has no option %q", sel, label)
	}
}

// waitText waits until the element sel contains text.
func (p *Page) waitText(sel, text string) {
	p.t.Helper()
	js := fmt.Sprintf(`(document.querySelector(%s)?.textContent ?? "").includes(%s)`, jsString(sel), jsString(text))
	ctx, cancel := contextWithStep(p)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](js, chromedp.WithPollingInterval(50*time.Millisecond))); err != nil {
		got, _ := chromedp.Run(p.ctx, chromedp.Evaluate[string](fmt.Sprintf(`document.querySelector(%s)?.textContent ?? "(no such element)"`, jsString(sel))))
		p.fullScreenshot("failed-wait")
		p.t.Fatalf("wait for %s to contain %q: %v; it reads %q", sel, text, err, got)
	}
}

// fullScreenshot saves the whole page, not only the viewport, for a person to look at.
func (p *Page) fullScreenshot(name string) {
	p.t.Helper()
	png := run(p, "take a full-page screenshot", chromedp.FullScreenshot(100))
	path := filepath.Join(artefactDir(p.t), name+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		p.t.Fatal(err)
	}
	p.t.Logf("screenshot: %s", path)
}

// dayLabel writes a date as the PWA does: "mån 30 nov".
func dayLabel(iso string) string {
	d, err := time.Parse(time.DateOnly, iso)
	if err != nil {
		return iso
	}
	weekdays := []string{"sön", "mån", "tis", "ons", "tor", "fre", "lör"}
	months := []string{"jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"}
	label := fmt.Sprintf("%s %d %s", weekdays[d.Weekday()], d.Day(), months[d.Month()-1])
	if d.Year() != time.Now().Year() {
		label += fmt.Sprintf(" %d", d.Year())
	}
	return label
}

// contextWithStep bounds one step of p, as step and run do.
func contextWithStep(p *Page) (context.Context, context.CancelFunc) {
	return context.WithTimeout(p.ctx, stepTimeout)
}
