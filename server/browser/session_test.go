package browser

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"google.golang.org/grpc/codes"

	"github.com/samspel/samspel/server/apptest"
	"github.com/samspel/samspel/server/demo"
	samspelv1 "github.com/samspel/samspel/server/gen/samspel/v1"
	"github.com/samspel/samspel/server/store"
)

// goneText is what the PWA says when the server answers NotFound to an invite.
const goneText = "Inbjudningslänken fungerar inte längre. Den kan redan vara använd eller ha gått ut. Be din administratör om en ny."

// TestInviteSession walks the whole session: invite URL -> signed in -> reload keeps the
// session -> sign out -> the old cookie no longer works, and the link cannot be used twice.
func TestInviteSession(t *testing.T) {
	s := apptest.Start(t)
	browser := startBrowser(t)

	tests := []struct {
		name     string
		email    string
		role     int32
		party    string
		typeName string // typed into #invite-name; empty for someone already known
		wantWho  string
		wantRole string
	}{
		{
			name:  "a new staff member types a name and signs in",
			email: "lina.sjoberg@exempelstad.example", role: 5,
			typeName: "Lina Sjöberg",
			wantWho:  "Lina Sjöberg", wantRole: "Tjänsteperson i staben",
		},
		{
			name:  "the demo chair signs in without typing a name",
			email: demo.Chair.Email, role: store.RoleChair,
			wantWho: demo.Chair.Name, wantRole: "Ordförande",
		},
		{
			name:  "an opposition politician sees their party with the role",
			email: demo.Opposition.Email, role: store.RoleOpposition, party: demo.PartyA,
			wantWho: demo.Opposition.Name, wantRole: "Oppositionsföreträdare (" + demo.PartyA + ")",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := newPage(t, browser)
			invite := s.Invite(t, tc.email, tc.role, tc.party)

			p.signInWithInvite(invite, tc.typeName)
			checkIdag(t, p, tc.wantWho, tc.wantRole)
			if loc := run(p, "read the location", chromedp.Location()); strings.Contains(loc, "invite") || strings.Contains(loc, "#") {
				t.Errorf("after signing in the address is %q; want the invite token gone from it", redact(loc))
			}
			for _, e := range run(p, "read the history", chromedp.NavigationEntries()).Entries {
				if strings.Contains(e.URL, "invite=") {
					t.Errorf("the history still holds the invite link %s; want it replaced", redact(e.URL))
				}
			}

			c := p.sessionCookie(s.URL)
			if c == nil {
				t.Fatalf("no __Host-session cookie in the browser after signing in at %s", s.URL)
			}
			if !c.HTTPOnly || !c.Secure || c.SameSite != network.CookieSameSiteStrict || c.Path != "/" {
				t.Errorf("session cookie: HttpOnly=%v Secure=%v SameSite=%q Path=%q; want HttpOnly, Secure, Strict, /",
					c.HTTPOnly, c.Secure, c.SameSite, c.Path)
			}
			if got := eval[string](p, `document.cookie`); got != "" {
				t.Errorf("document.cookie = %q; want the session invisible to scripts", got)
			}
			secret := c.Value
			if who := getMeWithCookie(t, s, secret, codes.OK); who != tc.wantWho {
				t.Errorf("GetMe with the browser's cookie, from outside the browser, is %q; want %q", who, tc.wantWho)
			}

			// Forget the saved copy first: Idag after the reload can then only come from
			// the server accepting the cookie.
			p.exec(`localStorage.removeItem("` + meKey + `")`)
			p.step("reload", chromedp.Reload())
			p.waitScreen("idag")
			checkIdag(t, p, tc.wantWho, tc.wantRole)
			if got := p.text("#offline"); got != "" {
				t.Errorf("#offline after reload = %q; want empty (online)", got)
			}

			p.tap("#sign-out")
			p.waitScreen("signed-out")
			if got := p.text("#signed-out h1"); got != "Du är inte inloggad" {
				t.Errorf("signed-out heading = %q", got)
			}
			if c := p.sessionCookie(s.URL); c != nil {
				t.Errorf("the browser still holds a session cookie after signing out")
			}
			if saved := eval[bool](p, `localStorage.getItem("`+meKey+`") !== null`); saved {
				t.Errorf("%s is still in localStorage after signing out", meKey)
			}
			getMeWithCookie(t, s, secret, codes.Unauthenticated)

			p.step("reload after signing out", chromedp.Reload())
			p.waitScreen("signed-out")

			// The same link again, in the tab that shows the app: only the fragment changes.
			p.exec(`location.href = ` + jsString(invite))
			p.waitScreen("invite")
			p.step("sign in with the used link", centredClick("#invite-submit"))
			p.step("wait for the error summary", chromedp.WaitVisible(chromedp.CSS("#error-summary")))
			if got := p.text("#error-summary p"); got != goneText {
				t.Errorf("error summary for a used link = %q; want %q", got, goneText)
			}
			if n := len(run(p, "look for the form", chromedp.Nodes(chromedp.CSS("#invite-form"), chromedp.AtLeast(0)))); n != 0 {
				t.Errorf("the sign-in form is still shown for a link that can never work")
			}
			if focused := eval[string](p, `document.activeElement.id`); focused != "error-summary" {
				t.Errorf("focus is on %q; want the error summary", focused)
			}
			if title := eval[string](p, `document.title`); !strings.HasPrefix(title, "Fel: ") {
				t.Errorf("document.title = %q; want it to start with \"Fel: \"", title)
			}
			if c := p.sessionCookie(s.URL); c != nil {
				t.Errorf("a used invite link left a session cookie")
			}
		})
	}
}

// TestIdagScreenshot saves what a chair sees on a phone, in light and dark colours, for a
// person to look at, and checks that nothing is wider than the screen.
func TestIdagScreenshot(t *testing.T) {
	s := apptest.Start(t)
	browser := startBrowser(t)
	p := newPage(t, browser)
	p.signInWithInvite(s.Invite(t, demo.Chair.Email, store.RoleChair, ""), "")
	checkIdag(t, p, demo.Chair.Name, "Ordförande")
	for _, scheme := range []string{"light", "dark"} {
		t.Run("Idag fits a phone in "+scheme+" colours", func(t *testing.T) {
			p := p.with(t)
			p.setColorScheme(scheme)
			width := eval[int](p, `window.innerWidth`)
			if width < 360 || width > 412 {
				t.Errorf("viewport is %d CSS px wide; want a phone (360-412)", width)
			}
			if sw := eval[int](p, `document.documentElement.scrollWidth`); sw > width {
				t.Errorf("the page is %d px wide on a %d px screen: it scrolls sideways", sw, width)
			}
			p.screenshot("idag-" + scheme)
		})
	}
}

// checkIdag checks the Idag screen's account of who is signed in.
func checkIdag(t *testing.T, p *Page, who, role string) {
	t.Helper()
	for _, c := range []struct{ sel, want string }{
		{"#idag h1", "Idag"},
		{"#who", who},
		{"#role", role},
		{"#org", demo.OrganizationName},
		{"#term", "Mandatperiod 2026–2030"},
		{"#sign-out", "Logga ut"},
	} {
		if got := p.text(c.sel); got != c.want {
			t.Errorf("%s = %q; want %q", c.sel, got, c.want)
		}
	}
}

// getMeWithCookie replays a session secret outside the browser, over grpc-web as the PWA
// calls, and checks the code. It returns the display name on success.
func getMeWithCookie(t *testing.T, s *apptest.Server, secret string, want codes.Code) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), stepTimeout)
	defer cancel()
	var resp samspelv1.GetMeResponse
	res, err := s.GRPCWeb(ctx, "/samspel.v1.AuthService/GetMe", &samspelv1.GetMeRequest{}, &resp, cookieHeader(secret))
	if err != nil {
		t.Fatalf("grpc-web GetMe: %v", err)
	}
	if got := res.Status.Code(); got != want {
		t.Fatalf("grpc-web GetMe with the session cookie: %v (%s); want %v", got, res.Status.Message(), want)
	}
	return resp.GetMe().GetPerson().GetDisplayName()
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`).Replace(s) + `"`
}
