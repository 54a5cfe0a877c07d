package browser

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/samspel/samspel/server/apptest"
	"github.com/samspel/samspel/server/demo"
	"github.com/samspel/samspel/server/store"
)

// The role split in the browser: the chair and the director each in their own browser
// context on a phone, working on the same demo organisation.

// tap clicks the element sel, first scrolled to the middle of the screen: Click
// clicks at the element's position, and at the bottom edge the sticky bar of places
// would take the click.
func (p *Page) tap(sel string) {
	p.t.Helper()
	p.step("click "+sel,
		chromedp.WaitVisible(chromedp.CSS(sel)),
		chromedp.Evaluate[chromedp.Void](`document.querySelector(`+jsString(sel)+`).scrollIntoView({block: "center"})`),
		centredClick(sel))
}

// clickSearch is tap for an XPath expression.
func (p *Page) clickSearch(what, xpath string) {
	p.t.Helper()
	p.markStale()
	p.step("click "+what,
		chromedp.WaitVisible(chromedp.Search(xpath)),
		chromedp.Evaluate[chromedp.Void](`document.evaluate(`+jsString(xpath)+`, document, null, XPathResult.FIRST_ORDERED_NODE_TYPE, null).singleNodeValue.scrollIntoView({block: "center"})`),
		chromedp.Click(chromedp.Search(xpath)))
}

// typeInto types text into the field sel.
func (p *Page) typeInto(sel, text string) {
	p.t.Helper()
	p.step("type into "+sel, chromedp.SendKeys(chromedp.CSS(sel), text))
}

// waitXPath waits until an element matching the XPath expression is visible.
func (p *Page) waitXPath(what, xpath string) {
	p.t.Helper()
	p.step("wait for "+what, chromedp.WaitVisible(chromedp.Search(xpath)))
}

// markStale marks the screen shown now, so that a wait can tell the next screen from
// it: the app draws a screen with the same id again after an action.
func (p *Page) markStale() {
	p.t.Helper()
	p.exec(`document.querySelector("#main > *")?.setAttribute("data-stale", "")`)
}

// follow clicks sel and waits for a newly drawn screen with id screen.
func (p *Page) follow(sel, screen string) {
	p.t.Helper()
	p.markStale()
	p.tap(sel)
	p.step("wait for a new #"+screen, chromedp.WaitVisible(chromedp.CSS("#main > #"+screen+":not([data-stale])")))
}

// submit clicks the submit button sel of a form; waitNotice or an error summary follows.
func (p *Page) submit(sel string) {
	p.t.Helper()
	p.markStale()
	p.tap(sel)
}

// waitNotice waits for the notice that follows an action and returns its text.
func (p *Page) waitNotice() string {
	p.t.Helper()
	const sel = "#main > :not([data-stale]) #notice"
	p.step("wait for the notice", chromedp.WaitVisible(chromedp.CSS(sel)))
	return p.text(sel)
}

// goTo follows the app's own links: the bottom bar's place, then the entry on the
// Samspel screen.
func (p *Page) goTo(entry, screen string) {
	p.t.Helper()
	p.follow("#nav-samspel", "samspel")
	p.follow("#"+entry, screen)
}

// xpathLiteral quotes s for XPath (the demo's texts hold no double quotes).
func xpathLiteral(s string) string { return `"` + s + `"` }

// areaID finds a demo area's id by name.
func areaID(t *testing.T, s *apptest.Server, name string) int64 {
	t.Helper()
	chair, err := s.Store.PersonByEmail(context.Background(), demo.Chair.Email)
	if err != nil {
		t.Fatal(err)
	}
	areas, _, err := s.Store.ListAreas(context.Background(), store.Viewer{PersonID: chair.ID}, 1, false, store.Page{Size: 500})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range areas {
		if a.Name == name {
			return a.ID
		}
	}
	t.Fatalf("no area %q in the demo", name)
	return 0
}

// TestRoleSplitBetweenChairAndDirector is the walk through, two people in two
// browser contexts: the chair moves an area from the grey zone to the director with a
// reason, and the director sees the change and its history; the director proposes an
// agreement and the chair accepts it; the director logs a deviation, the chair's start
// screen shows it at once, and the chair acknowledges it.
func TestRoleSplitBetweenChairAndDirector(t *testing.T) {
	s := apptest.Start(t)
	browser := startBrowser(t)
	chair := newPage(t, browser)
	director := newPage(t, browser)
	chair.signInWithInvite(s.Invite(t, demo.Chair.Email, store.RoleChair, ""), "")
	director.signInWithInvite(s.Invite(t, demo.Director.Email, store.RoleDirector, ""), "")
	business := areaID(t, s, demo.AreaBusiness)
	areaLink := fmt.Sprintf(`#roller a[href="/samspel/roller/%d"]`, business)
	const reason = "Näringslivsenheten tar kontakterna från och med nu."

	t.Run("the chair moves an area from the grey zone to the director, with a reason", func(t *testing.T) {
		chair := chair.with(t)
		chair.goTo("to-roller", "roller")
		chair.follow(areaLink, "omrade")
		if got := chair.text("#area-owner"); got != "Gråzonen (delat)" {
			t.Fatalf("the area's owner before: %q", got)
		}
		chair.tap("#area-owner-choice-2") // Direktören (hur)
		chair.typeInto("#area-reason", reason)
		chair.submit("#area-form-submit")
		if got := chair.waitNotice(); got != "Ändringen är sparad och gäller nu." {
			t.Errorf("notice = %q", got)
		}
		if got := chair.text("#area-owner"); got != "Direktören (hur)" {
			t.Errorf("the area's owner after: %q", got)
		}
	})
	t.Run("the director sees the change and its history", func(t *testing.T) {
		director := director.with(t)
		director.goTo("to-roller", "roller")
		director.follow(areaLink, "omrade")
		if got := director.text("#area-owner"); got != "Direktören (hur)" {
			t.Errorf("the director sees the owner %q", got)
		}
		latest := director.text("#historik li:first-child")
		for _, want := range []string{demo.Chair.Name + " (ordförande) flyttade området från Gråzonen (delat) till Direktören (hur)", "Skäl: " + reason} {
			if !strings.Contains(latest, want) {
				t.Errorf("the latest history entry %q lacks %q", latest, want)
			}
		}
		if n := len(run(director, "count history entries", chromedp.Nodes(chromedp.CSSAll("#historik li"), chromedp.AtLeast(2)))); n < 2 {
			t.Errorf("the history has %d entries; want the first version too", n)
		}
		if found := len(run(director, "look for the chair's change form", chromedp.Nodes(chromedp.CSS("#area-form-submit"), chromedp.AtLeast(0)))); found != 1 ||
			director.text("#area-form-submit") != "Skicka förslaget" {
			t.Errorf("the director's form should propose, not change")
		}
	})

	const agreement = "Vi ringer varandra innan någon av oss uttalar sig om budgeten."
	t.Run("the director proposes an agreement and the chair accepts it", func(t *testing.T) {
		director := director.with(t)
		director.goTo("to-overenskommelser", "overenskommelser")
		director.typeInto("#agreement-text", agreement)
		director.submit("#agreement-form-submit")
		if got := director.waitNotice(); got != "Förslaget är skickat till ordföranden." {
			t.Errorf("notice = %q", got)
		}
		if got := director.text("#agreement-state"); got != "Förslag" {
			t.Errorf("state after proposing: %q", got)
		}

		chair := chair.with(t)
		chair.goTo("to-overenskommelser", "overenskommelser")
		chair.clickSearch("the proposal that awaits the chair", `//section[@id="vantar-pa-dig"]//a[.=`+xpathLiteral(agreement)+`]`)
		chair.waitScreen("overenskommelse")
		chair.submit("#accept-agreement")
		if got := chair.waitNotice(); got != "Ni är överens. Överenskommelsen gäller nu." {
			t.Errorf("notice = %q", got)
		}
		if got := chair.text("#agreement-state"); got != "Överenskommen" {
			t.Errorf("state after accepting: %q", got)
		}

		director.follow("#nav-samspel", "samspel")
		director.follow("#to-overenskommelser", "overenskommelser")
		director.waitXPath("the agreement among the agreed", `//section[@id="overenskomna"]//a[.=`+xpathLiteral(agreement)+`]`)
	})

	const what = "Svarade Exempelstads Tidning om den nya simhallen."
	t.Run("the director logs a deviation and the chair's start screen shows it at once", func(t *testing.T) {
		director := director.with(t)
		director.goTo("to-avsteg", "avsteg")
		director.follow("#new-deviation", "nytt-avsteg")
		director.step("choose the area", chromedp.SetValue(chromedp.CSS("#deviation-area"), fmt.Sprint(areaID(t, s, demo.AreaMedia))))
		director.typeInto("#deviation-what", what)
		director.typeInto("#deviation-reason", "Du satt i fullmäktige och reportern hade deadline.")
		director.submit("#deviation-form-submit")
		if got := director.waitNotice(); got != "Loggat. Ordföranden ser det nu." {
			t.Errorf("notice = %q", got)
		}

		chair := chair.with(t)
		chair.follow("#nav-idag", "idag")
		chair.waitXPath("the deviation on Idag", `//section[@id="idag-samspel"]//a[.=`+xpathLiteral(what)+`]`)
		// The demo leaves one deviation for the chair to acknowledge; this is the second.
		if got := strings.Join(strings.Fields(chair.text("#deviation-badge")), " "); got != "2 avsteg att kvittera" {
			t.Errorf("the badge says %q", got)
		}
	})
	t.Run("the chair acknowledges it, and it leaves the start screen", func(t *testing.T) {
		chair := chair.with(t)
		chair.clickSearch("the deviation on Idag", `//section[@id="idag-samspel"]//a[.=`+xpathLiteral(what)+`]`)
		chair.waitScreen("avsteg-sida")
		chair.typeInto("#ack-comment", "Okej, men ring mig nästa gång.")
		chair.submit("#ack-form-submit")
		if got := chair.waitNotice(); got != "Kvitterat." {
			t.Errorf("notice = %q", got)
		}
		if got := chair.text("#kommentarer"); !strings.Contains(got, demo.Chair.Name+" (ordförande) kvitterade") {
			t.Errorf("comments: %q", got)
		}
		chair.follow("#nav-idag", "idag")
		chair.waitXPath("the badge with one left", `//span[@id="deviation-badge" and starts-with(., "1 ")]`)
		if n := len(run(chair, "look for the acknowledged deviation", chromedp.Nodes(chromedp.Search(`//section[@id="idag-samspel"]//a[.=`+xpathLiteral(what)+`]`), chromedp.AtLeast(0)))); n != 0 {
			t.Errorf("the acknowledged deviation is still on Idag")
		}
	})
}

// TestCrisisLeadsTheStartScreenWithTheRoleSplit: either party switches to crisis with a
// reason; Idag then shows a banner and the role split first, and a deviation without a
// reason is refused in the form.
func TestCrisisLeadsTheStartScreenWithTheRoleSplit(t *testing.T) {
	s := apptest.Start(t)
	browser := startBrowser(t)
	director := newPage(t, browser)
	director.signInWithInvite(s.Invite(t, demo.Director.Email, store.RoleDirector, ""), "")

	director.goTo("to-kris", "kris")
	director.typeInto("#crisis-reason", "Storm och elavbrott i hela kommunen")
	director.follow("#crisis-form-submit", "idag")
	director.step("wait for the crisis banner", chromedp.WaitVisible(chromedp.CSS("#idag-samspel #crisis-banner")))
	order := eval[[]string](director, `[...document.querySelectorAll("#idag > *")].map((e) => e.id || e.tagName)`)
	if len(order) < 3 || order[1] != "today" || order[2] != "idag-samspel" {
		t.Errorf("Idag's order is %v; want the role split's block right after the date", order)
	}
	if got := director.text("#crisis-banner"); !strings.Contains(got, "Storm och elavbrott i hela kommunen") {
		t.Errorf("banner: %q", got)
	}
	if got := director.text("#crisis-roles"); !strings.Contains(got, "Direktören (hur)") || !strings.Contains(got, demo.AreaMedia) {
		t.Errorf("the role split on Idag: %q", got)
	}

	director.goTo("to-avsteg", "avsteg")
	director.follow("#new-deviation", "nytt-avsteg")
	director.step("choose the area", chromedp.SetValue(chromedp.CSS("#deviation-area"), fmt.Sprint(areaID(t, s, demo.AreaMedia))))
	director.typeInto("#deviation-what", "Gick ut med information om evakuering.")
	director.submit("#deviation-form-submit")
	director.step("wait for the error summary", chromedp.WaitVisible(chromedp.CSS("#error-summary")))
	if got := director.text("#error-summary"); !strings.Contains(got, "i kris måste ett avsteg ha ett skäl") {
		t.Errorf("error summary: %q", got)
	}

	// With a reason but a day still to come, the server refuses occurred_on: the summary
	// links to the date, not to the reason the crisis would suggest.
	director.typeInto("#deviation-reason", "Ingen annan kunde nås under natten.")
	director.step("choose a day to come", chromedp.SetValue(chromedp.CSS("#deviation-day"), "2099-01-01"))
	director.submit("#deviation-form-submit")
	director.waitXPath("the summary's link to the date", `//*[@id="error-summary"]//a[@href="#deviation-day"]`)
	if got := director.text("#error-summary"); !strings.Contains(got, "Kontrollera datumet") {
		t.Errorf("error summary after the server's refusal: %q", got)
	}
	if got := director.text("#deviation-day-error"); !strings.Contains(got, "Kontrollera datumet") {
		t.Errorf("the date's own error: %q", got)
	}
}

// TestRoleSplitAccessibility runs axe-core's WCAG 2.1 A and AA rules on every screen of
// the Samspel place and the opposition's instruction, in light and dark colours.
func TestRoleSplitAccessibility(t *testing.T) {
	s := apptest.Start(t)
	browser := startBrowser(t)
	chair := newPage(t, browser)
	chair.signInWithInvite(s.Invite(t, demo.Chair.Email, store.RoleChair, ""), "")
	director := newPage(t, browser)
	director.signInWithInvite(s.Invite(t, demo.Director.Email, store.RoleDirector, ""), "")
	opposition := newPage(t, browser)
	opposition.signInWithInvite(s.Invite(t, demo.Opposition.Email, store.RoleOpposition, demo.PartyA), "")
	// The area with the longest word in its name: the heading must wrap, not widen the page.
	longName := areaID(t, s, "Organisationsförändringar")

	screens := []struct {
		name  string
		page  *Page
		reach func(p *Page)
	}{
		{"Idag with the role split's block", chair, func(p *Page) {
			p.follow("#nav-idag", "idag")
			p.step("wait for the block", chromedp.WaitVisible(chromedp.CSS("#idag-samspel")))
		}},
		{"the Samspel screen", chair, func(p *Page) { p.follow("#nav-samspel", "samspel") }},
		{"the role split", chair, func(p *Page) { p.goTo("to-roller", "roller") }},
		{"an area with the chair's form", chair, func(p *Page) {
			p.follow(fmt.Sprintf(`a[href="/samspel/roller/%d"]`, longName), "omrade")
		}},
		{"an area with an error in the form", chair, func(p *Page) {
			p.submit("#area-form-submit")
			p.step("wait for the error summary", chromedp.WaitVisible(chromedp.CSS("#error-summary")))
		}},
		{"the director's proposal", chair, func(p *Page) {
			p.goTo("to-roller", "roller")
			p.follow(`#forslag a`, "forslag-sida")
		}},
		{"a new area", director, func(p *Page) {
			p.goTo("to-roller", "roller")
			p.follow("#new-area", "nytt-omrade")
		}},
		{"the agreements", chair, func(p *Page) { p.goTo("to-overenskommelser", "overenskommelser") }},
		{"an agreement awaiting an answer", chair, func(p *Page) {
			p.follow(`#vantar-pa-dig a`, "overenskommelse")
		}},
		{"the agreements of the finished term", chair, func(p *Page) {
			p.goTo("to-overenskommelser", "overenskommelser")
			p.tap(`nav.terms a`)
			p.waitXPath("the finished term", `//p[.="Mandatperiod 2022–2026"]`)
		}},
		{"the deviations", chair, func(p *Page) { p.goTo("to-avsteg", "avsteg") }},
		{"a deviation to acknowledge", chair, func(p *Page) {
			p.follow(`#att-kvittera a`, "avsteg-sida")
		}},
		{"the form for a deviation", director, func(p *Page) {
			p.goTo("to-avsteg", "avsteg")
			p.follow("#new-deviation", "nytt-avsteg")
		}},
		{"the instruction's versions with the review reminder", chair, func(p *Page) {
			p.goTo("to-instruktion", "instruktion")
			p.step("wait for the reminder", chromedp.WaitVisible(chromedp.CSS("#review-due")))
		}},
		{"the adopted instruction", chair, func(p *Page) {
			p.follow(`#versioner li:first-child a`, "instruktion-version")
		}},
		{"the diff between versions", chair, func(p *Page) {
			p.follow("#compare", "jamforelse")
		}},
		{"a draft in the editor", director, func(p *Page) {
			p.goTo("to-instruktion", "instruktion")
			p.typeInto("#draft-reason", "Ny mandatperiod")
			p.follow("#draft-form-submit", "instruktion-version")
			p.step("wait for the editor", chromedp.WaitVisible(chromedp.CSS("#draft-edit-form")))
		}},
		{"crisis or everyday", chair, func(p *Page) { p.goTo("to-kris", "kris") }},
		{"the opposition's instruction", opposition, func(p *Page) {
			p.follow("#nav-instruktion", "instruktion")
		}},
	}
	for _, sc := range screens {
		t.Run(sc.name, func(t *testing.T) {
			p := sc.page.with(t)
			sc.reach(p)
			for _, scheme := range []string{"light", "dark"} {
				p.setColorScheme(scheme)
				violations, passes := p.axe()
				if passes == 0 {
					t.Fatalf("axe passed no rule in %s colours: it did not check the page", scheme)
				}
				for _, v := range violations {
					t.Errorf("%s colours: axe %s (%s): %s\n\t%s", scheme, v.ID, v.Impact, v.Help, strings.Join(v.Nodes, "\n\t"))
				}
			}
			// Against the screen, not innerWidth: a phone widens its layout viewport to fit
			// content that is too wide, and then the two agree.
			if sw, w := eval[int](p, `document.documentElement.scrollWidth`), eval[int](p, `screen.width`); sw > w {
				t.Errorf("the page is %d px wide on a %d px screen: it scrolls sideways or shrinks", sw, w)
			}
		})
	}
}
