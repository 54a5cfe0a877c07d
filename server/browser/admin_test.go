package browser

import (
	"context"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"google.golang.org/grpc/codes"

	"github.com/samspel/samspel/server/apptest"
	"github.com/samspel/samspel/server/demo"
	"github.com/samspel/samspel/server/store"
)

// expiryInWords is how the invite screen says when its link stops working.
var expiryInWords = regexp.MustCompile(`^Länken gäller till (mån|tis|ons|tor|fre|lör|sön) \d{1,2} (jan|feb|mar|apr|maj|jun|jul|aug|sep|okt|nov|dec) \d{2}:\d{2}\.$`)

// TestAdministratorPlaces: on a phone, the administrator invites a new member of staff,
// who opens the link in a browser of their own and appears under Personer; the
// administrator gives and ends a role, disables the new person (whose session stops
// working at once), is refused an invite to them in words, enables them again (the
// Avstängd tag goes, the old session stays ended), and reads the invite, the disabling
// and the enabling in the Logg. Every new screen passes axe.
func TestAdministratorPlaces(t *testing.T) {
	s := apptest.Start(t)
	browser := startBrowser(t)
	admin := newPage(t, browser)
	admin.signInWithInvite(s.Invite(t, demo.Admin.Email, store.RoleAdmin, ""), "")
	admin.waitScreen("personer")

	t.Run("the bar is Personer, Inbjudningar, Logg, Export and Mer", func(t *testing.T) {
		p := admin.with(t)
		if got := navIDs(p); !slices.Equal(got, []string{"nav-personer", "nav-inbjudningar", "nav-logg", "nav-export", "nav-mer"}) {
			t.Errorf("the administrator's bar is %v", got)
		}
		if got := p.text("#people"); !strings.Contains(got, demo.Chair.Name) || !strings.Contains(got, "Ordförande") {
			t.Errorf("Personer does not list the chair with the role:\n%s", got)
		}
		checkAxe(t, p)
	})

	const email = "ny.stab@exempelstad.example"
	const name = "Nora Stab"
	var link string
	t.Run("an invite is refused with an error summary until it is complete", func(t *testing.T) {
		p := admin.with(t)
		p.follow("#nav-inbjudningar", "inbjudningar")
		checkAxe(t, p)
		p.typeInto("#invite-email", email)
		p.tap(`label[for="invite-role-3"]`) // Oppositionsföreträdare: the party appears
		p.step("wait for the party's field", chromedp.WaitVisible(chromedp.CSS("#invite-party")))
		p.submit("#invite-form-submit")
		p.step("wait for the error summary", chromedp.WaitVisible(chromedp.CSS("#main > :not([data-stale]) #error-summary")))
		if got := p.text("#error-summary"); !strings.Contains(got, "Skriv partiet") {
			t.Errorf("the error summary reads %q", got)
		}
		checkAxe(t, p)
	})
	t.Run("the invite shows its one-time link, its expiry in words and how to send it", func(t *testing.T) {
		p := admin.with(t)
		p.tap(`label[for="invite-role-4"]`) // Tjänsteperson i staben
		if eval[bool](p, `!document.querySelector("#invite-party-reveal").hidden`) {
			t.Error("the party's field still shows for staff")
		}
		p.submit("#invite-form-submit")
		p.waitScreen("invite-made")
		link = eval[string](p, `document.querySelector("#invite-link").value`)
		if !strings.HasPrefix(link, s.URL+"/#invite=") {
			t.Fatalf("the link is %q", redact(link))
		}
		if got := p.text("#invite-expiry"); !expiryInWords.MatchString(got) {
			t.Errorf("the expiry reads %q", got)
		}
		if got := p.text("#invite-private"); !strings.Contains(got, "privat") || !strings.Contains(got, "en gång") {
			t.Errorf("the advice on sending reads %q", got)
		}
		p.tap("#copy-link")
		run(p, "wait for the copy's status", chromedp.Poll[bool](`document.querySelector("#copy-status").textContent !== ""`))
		checkAxe(t, p)
	})
	if t.Failed() {
		return
	}

	newcomer := newPage(t, browser)
	newcomer.signInWithInvite(link, name)
	newcomer.waitScreen("idag")
	secret := newcomer.sessionCookie(s.URL).Value
	getMeWithCookie(t, s, secret, codes.OK)
	person, err := s.Store.PersonByEmail(context.Background(), email)
	if err != nil {
		t.Fatal(err)
	}
	pid := "#person-" + strconv.FormatInt(person.ID, 10)

	t.Run("the new person is under Personer with the role", func(t *testing.T) {
		p := admin.with(t)
		p.follow("#nav-personer", "personer")
		if got := p.text(pid); !strings.Contains(got, name) || !strings.Contains(got, "Tjänsteperson i staben") {
			t.Errorf("the row reads %q", got)
		}
		p.follow(pid+" a", "person")
		if got := p.text("#roles"); !strings.Contains(got, "Tjänsteperson i staben") || !strings.Contains(got, "pågår") {
			t.Errorf("the roles read %q", got)
		}
		checkAxe(t, p)
	})
	t.Run("a role is given and ended, with the history kept", func(t *testing.T) {
		p := admin.with(t)
		p.follow("#assign-role", "assign")
		p.tap(`label[for="assign-role-2"]`) // Majoritetsföreträdare
		checkAxe(t, p)
		p.submit("#assign-form-submit")
		if got := p.waitNotice(); !strings.Contains(got, "majoritetsföreträdare") {
			t.Errorf("the notice reads %q", got)
		}
		p.follow(`[id^="end-role-"][aria-label$="Majoritetsföreträdare"]`, "end-role")
		checkAxe(t, p)
		p.submit("#end-role-form-submit")
		if got := p.waitNotice(); !strings.Contains(got, "slutar") {
			t.Errorf("the notice reads %q", got)
		}
		if got := p.text("#roles"); !strings.Contains(got, "Majoritetsföreträdare") || !strings.Contains(got, " till ") {
			t.Errorf("the ended role is not in the history: %q", got)
		}
	})
	t.Run("disabling asks plainly, then ends the person's session at once", func(t *testing.T) {
		p := admin.with(t)
		p.follow("#disable-person", "disable")
		if got := p.text("#disable-effects"); !strings.Contains(got, "loggas ut") || !strings.Contains(got, "nycklar för skript") {
			t.Errorf("the question reads %q", got)
		}
		checkAxe(t, p)
		p.submit("#disable-confirm")
		if got := p.waitNotice(); !strings.Contains(got, "är avstängd") || !strings.Contains(got, "1 inloggning avslutades") {
			t.Errorf("the notice reads %q", got)
		}
		getMeWithCookie(t, s, secret, codes.Unauthenticated)
		p.follow("#nav-personer", "personer")
		if got := p.text(pid); !strings.Contains(got, "Avstängd") {
			t.Errorf("the row reads %q", got)
		}
	})
	t.Run("an invite to the disabled person is refused, in words, on the e-mail field", func(t *testing.T) {
		p := admin.with(t)
		p.follow("#nav-inbjudningar", "inbjudningar")
		p.typeInto("#invite-email", email)
		p.tap(`label[for="invite-role-4"]`) // Tjänsteperson i staben
		p.submit("#invite-form-submit")
		p.step("wait for the error summary", chromedp.WaitVisible(chromedp.CSS("#main > :not([data-stale]) #error-summary")))
		if got := p.text("#error-summary"); !strings.Contains(got, "Personen är avstängd. Aktivera personen först under Personer.") {
			t.Errorf("the error summary reads %q", got)
		}
		checkAxe(t, p)
	})
	t.Run("enabling again says what it does, then the Avstängd tag is gone", func(t *testing.T) {
		p := admin.with(t)
		p.follow("#nav-personer", "personer")
		p.follow(pid+" a", "person")
		p.follow("#enable-person", "enable")
		if got := p.text("#enable-effects"); !strings.Contains(got, "logga in igen") || !strings.Contains(got, "ny inbjudan") || !strings.Contains(got, "förblir avslutade") {
			t.Errorf("the question reads %q", got)
		}
		checkAxe(t, p)
		p.submit("#enable-confirm")
		if got := p.waitNotice(); !strings.Contains(got, "aktiverad igen") {
			t.Errorf("the notice reads %q", got)
		}
		if eval[bool](p, `!!document.querySelector("#person-disabled, #enable-person")`) {
			t.Error("the person's page still says they are disabled")
		}
		p.step("find the way to disable them again", chromedp.WaitVisible(chromedp.CSS("#disable-person")))
		checkAxe(t, p)
		getMeWithCookie(t, s, secret, codes.Unauthenticated) // the session ended at disabling stays ended
		p.follow("#nav-personer", "personer")
		if got := p.text(pid); strings.Contains(got, "Avstängd") || !strings.Contains(got, name) {
			t.Errorf("the row reads %q", got)
		}
	})
	t.Run("the Logg shows the invite, the disabling and the enabling in words, newest first", func(t *testing.T) {
		p := admin.with(t)
		p.follow("#nav-logg", "logg")
		actions := eval[[]string](p, `[...document.querySelectorAll("#log > li")].map((li) => li.dataset.action)`)
		at := func(a string) int { return slices.Index(actions, a) }
		if at("person.enable") < 0 || at("person.disable") < 0 || at("invite.redeem") < 0 || at("invite.create") < 0 ||
			at("person.enable") > at("person.disable") || at("person.disable") > at("invite.redeem") || at("invite.redeem") > at("invite.create") {
			t.Errorf("the log's actions, newest first: %v", actions)
		}
		row := `#log > li[data-action="person.disable"]`
		if got := p.text(row); !strings.Contains(got, "Person avstängd") || !strings.Contains(got, demo.Admin.Name) || !strings.Contains(got, "Lyckades") {
			t.Errorf("the disabling reads %q", got)
		}
		if got := p.text(`#log > li[data-action="person.enable"]`); !strings.Contains(got, "Person aktiverad igen") || !strings.Contains(got, demo.Admin.Name) {
			t.Errorf("the enabling reads %q", got)
		}
		if got := p.text(`#log > li[data-action="invite.create"]`); !strings.Contains(got, "Ny inbjudan") {
			t.Errorf("the invite reads %q", got)
		}
		checkAxe(t, p)
	})
	t.Run("Export is a place, and Mer has sign-out, Mina inloggningar and the read-only Samspel", func(t *testing.T) {
		p := admin.with(t)
		p.follow("#nav-export", "export")
		p.follow("#nav-mer", "mer")
		for _, sel := range []string{"#more-logins", "#more-samspel", "#sign-out"} {
			p.step("find "+sel, chromedp.WaitVisible(chromedp.CSS(sel)))
		}
		if eval[bool](p, `!!document.querySelector("#more-export")`) {
			t.Error("Mer offers Export too")
		}
		checkAxe(t, p)
		p.follow("#sign-out", "signed-out")
	})
}
