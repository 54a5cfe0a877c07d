package browser

// The app as a Swedish chair, opposition politician, majority politician and
// administrator meet it on a phone: one word for one thing, dates in the house style
// ("mån 30 nov", 24-hour times), links on a line of their own big enough to tap, a way
// back from every screen under a place, and no action offered that the role cannot take.

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/samspel/samspel/server/apptest"
	"github.com/samspel/samspel/server/demo"
	"github.com/samspel/samspel/server/store"
)

// houseDay is a date as the app writes it: "mån 30 nov", with the year when not this one.
var houseDay = regexp.MustCompile(`(mån|tis|ons|tor|fre|lör|sön) \d{1,2} (jan|feb|mar|apr|maj|jun|jul|aug|sep|okt|nov|dec)`)

// dottedTime is a time written "14.05", which the app does not use (it writes "14:05").
var dottedTime = regexp.MustCompile(`\b\d{2}\.\d{2}\b`)

// wantTarget fails unless the element sel is at least 44 by 44 CSS pixels (UX.md).
func (p *Page) wantTarget(sel string) {
	p.t.Helper()
	p.step("wait for "+sel, chromedp.WaitVisible(chromedp.CSS(sel)))
	size := eval[[]float64](p, `(() => { const r = document.querySelector(`+jsString(sel)+`).getBoundingClientRect(); return [r.width, r.height]; })()`)
	if size[0] < 44 || size[1] < 44 {
		p.t.Errorf("%s is %.0f x %.0f px; a touch target needs at least 44 x 44", sel, size[0], size[1])
	}
}

// TestChairScreensOnAPhone: the notes' list, search and a shared note, and the role
// split's deviations and areas, as the chair.
func TestChairScreensOnAPhone(t *testing.T) {
	s := apptest.Start(t)
	p := newPage(t, startBrowser(t))
	p.signInWithInvite(s.Invite(t, demo.Chair.Email, store.RoleChair, ""), "")

	t.Run("the notes' list leads to the inbox and search with links big enough to tap", func(t *testing.T) {
		p := p.with(t)
		p.openNotes()
		p.wantTarget("#inbox-link")
		p.wantTarget("#search-link")
	})
	t.Run("search says what it searches and leads back to the notes", func(t *testing.T) {
		p := p.with(t)
		p.follow("#search-link", "sok")
		if got := p.text("#main h1"); got != "Sök i anteckningar" {
			t.Errorf("the search screen's heading is %q", got)
		}
		p.wantTarget("#all-notes")
		p.follow("#all-notes", "anteckningar")
	})
	t.Run("a shared note leads back, and does not say it is only the chair's", func(t *testing.T) {
		p := p.with(t)
		p.waitText("#note-list", "Du och Maria Ek")
		href := eval[string](p, `[...document.querySelectorAll("#note-list li")].find((li) => li.textContent.includes("Du och Maria Ek"))?.querySelector("a")?.getAttribute("href") ?? ""`)
		if href == "" {
			t.Fatal("the demo's chair has no note shared with the director in the list")
		}
		p.open(s.URL+href, "anteckning")
		p.wantTarget("#make-precedent")
		p.wantTarget("#all-notes")
		if got := p.text("#note-region"); strings.Contains(got, "bara din") {
			t.Errorf("a shared note says it is only the chair's: %q", got)
		}
		checkAxe(t, p)
	})
	t.Run("deviations are dated mån 30 nov, at 14:05", func(t *testing.T) {
		p := p.with(t)
		p.open(s.URL+"/samspel/avsteg", "avsteg")
		p.waitText("#main", "Att kvittera")
		list := p.text("#main")
		if !houseDay.MatchString(list) || dottedTime.MatchString(list) {
			t.Errorf("the deviations are not dated in the house style:\n%s", list)
		}
		p.follow(`#main a[href^="/samspel/avsteg/"]:not([href$="/ny"])`, "avsteg-sida")
		page := p.text("#main")
		if !houseDay.MatchString(page) || !regexp.MustCompile(`\d{2}:\d{2}`).MatchString(page) || dottedTime.MatchString(page) {
			t.Errorf("the deviation is not dated in the house style:\n%s", page)
		}
		checkAxe(t, p)
	})
	t.Run("the role split's link to retired areas is big enough to tap", func(t *testing.T) {
		p := p.with(t)
		p.open(s.URL+"/samspel/roller", "roller")
		p.wantTarget("#to-retired")
		if got := p.text("#main"); dottedTime.MatchString(got) {
			t.Errorf("the role split writes a time with a full stop:\n%s", got)
		}
	})
}

// TestOppositionScreensOnAPhone: briefings, a question and the instruction, as an
// opposition politician.
func TestOppositionScreensOnAPhone(t *testing.T) {
	s := apptest.Start(t)
	p := newPage(t, startBrowser(t))
	p.signInWithInvite(s.Invite(t, demo.Opposition.Email, store.RoleOpposition, demo.PartyA), "")

	t.Run("a briefing with one topic says 1 ämne", func(t *testing.T) {
		p := p.with(t)
		p.follow("#nav-dragningar", "briefings")
		got := p.text("#main")
		if !strings.Contains(got, "Hållen, 1 ämne\n") && !strings.HasSuffix(got, "Hållen, 1 ämne") {
			t.Errorf("no briefing reads %q", "Hållen, 1 ämne")
		}
		if strings.Contains(got, "1 ämnen") {
			t.Errorf("a briefing reads %q", "1 ämnen")
		}
	})
	t.Run("a question says once who sees it, and leads back", func(t *testing.T) {
		p := p.with(t)
		p.follow("#nav-fragor", "questions")
		p.wantTarget("#ask-link")
		p.follow(`#main li a[href^="/fragor/"]`, "question")
		if got := p.text("#question-visibility"); strings.HasPrefix(got, "Syns för") {
			t.Errorf("the fact Syns för reads %q", got)
		}
		p.wantTarget(`#main a[href="/fragor"]`)
		checkAxe(t, p)
	})
	t.Run("the instruction offers no new version to someone who cannot start one", func(t *testing.T) {
		p := p.with(t)
		p.follow("#nav-instruktion", "instruktion")
		if got := p.text("#main"); !strings.Contains(got, "när ordföranden eller direktören slutar") || strings.Contains(got, "någon av er") {
			t.Errorf("the instruction's introduction reads:\n%s", got)
		}
		p.follow(`#main a[href^="/instruktion/"]`, "instruktion-version")
		if got := p.text("#main"); strings.Contains(got, "Påbörja en ny version") {
			t.Errorf("the opposition is told to start a new version:\n%s", got)
		}
		p.wantTarget("#compare")
		checkAxe(t, p)
	})
}

// TestMajorityAndAdministratorIdag: Idag names the majority's next meeting, not a
// check-in they do not take part in; an administrator has no Idag and starts on Personer.
func TestMajorityAndAdministratorIdag(t *testing.T) {
	s := apptest.Start(t)
	browser := startBrowser(t)

	t.Run("the majority's Idag names the next beredning, and its agenda is everyone's", func(t *testing.T) {
		p := newPage(t, browser)
		p.signInWithInvite(s.Invite(t, demo.Vice.Email, store.RoleMajority, ""), "")
		p.waitText("#idag-next-meeting", "Nästa möte: Kommunalrådsberedning")
		if got := p.text("#idag-moten"); strings.Contains(got, "avstämning") {
			t.Errorf("the majority's Idag speaks of check-ins: %q", got)
		}
		checkAxe(t, p)
		p.follow("#idag-next-meeting a", "meeting")
		if got := p.text("#new-item-title-hint"); got != "Alla deltagare kan lägga till punkter fram till mötet." {
			t.Errorf("the agenda's hint reads %q", got)
		}
	})
	t.Run("an administrator starts on Personer, and the bar is theirs", func(t *testing.T) {
		p := newPage(t, browser)
		p.signInWithInvite(s.Invite(t, demo.Admin.Email, store.RoleAdmin, ""), "")
		p.waitScreen("personer")
		if got := navIDs(p); !slices.Equal(got, []string{"nav-personer", "nav-inbjudningar", "nav-logg", "nav-export", "nav-mer"}) {
			t.Errorf("the administrator's bar is %v", got)
		}
		p.open(s.URL+"/", "personer")
	})
}

// navIDs lists the bottom bar's entries, left to right.
func navIDs(p *Page) []string {
	p.t.Helper()
	return eval[[]string](p, `[...document.querySelectorAll("#nav a")].map((a) => a.id)`)
}
