package browser

import (
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/samspel/samspel/server/app"
	"github.com/samspel/samspel/server/apptest"
	"github.com/samspel/samspel/server/idp"
	"github.com/samspel/samspel/server/store"
)

// TestSignInThroughTheProviderInTheBrowser goes through the organisation's identity
// provider in Chromium: from the invite screen to the provider's own login form and back,
// signed in; then again from the sign-in screen, as the linked person. The provider is on
// another site (127.0.0.1, Samspel on localhost), so the cookies' SameSite rules are
// tested as they work for real.
func TestSignInThroughTheProviderInTheBrowser(t *testing.T) {
	provider := apptest.StartProvider(t,
		apptest.ProviderUser{Subject: "sub-kim", Username: "kim", GivenName: "Kim", FamilyName: "Berg", Email: "kim.berg@exempelstad.example"},
		apptest.ProviderUser{Subject: "sub-okand", Username: "okand", GivenName: "Okänd", FamilyName: "Person", Email: "okand@exempelstad.example"},
	)
	s := apptest.StartWith(t, apptest.Options{Configure: func(c *app.Config) {
		c.OIDC = []idp.Provider{{ID: "exempelstad", DisplayName: "Exempelstads kommun", Issuer: provider.Issuer, ClientID: "samspel", ClientSecret: "hemligt"}}
	}})
	provider.Register("samspel", "hemligt", s.URL+idp.CallbackPath)
	browser := startBrowser(t)

	login := func(p *Page, username string) {
		p.t.Helper()
		p.step("log in at the provider",
			chromedp.WaitVisible(chromedp.CSS("#username")),
			chromedp.SendKeys(chromedp.CSS("#username"), username),
			chromedp.SendKeys(chromedp.CSS("#password"), apptest.ProviderPassword),
			centredClick(`button[type="submit"]`),
		)
	}

	t.Run("an invited person links their account and lands in the app signed in", func(t *testing.T) {
		p := newPage(t, browser)
		p.open(s.Invite(t, "kim.berg@exempelstad.example", store.RoleDirector, ""), "invite")
		p.step("wait for the provider's button", chromedp.WaitVisible(chromedp.CSS("#oidc-exempelstad")))
		if got := p.text("#oidc-exempelstad"); got != "Logga in via organisationen" {
			t.Errorf("button = %q", got)
		}
		p.click("sign in via the organisation", "#oidc-exempelstad")
		login(p, "kim")
		p.waitScreen("idag")
		checkWho(t, p, "Kim Berg")
		if p.sessionCookie(s.URL) == nil {
			t.Errorf("no session cookie after the provider's redirect back")
		}

		p.signOut()
		p.step("wait for the provider's button", chromedp.WaitVisible(chromedp.CSS("#oidc-exempelstad")))
		p.click("sign in via the organisation again", "#oidc-exempelstad")
		login(p, "kim")
		p.waitScreen("idag")
		checkWho(t, p, "Kim Berg")
	})
	t.Run("an account linked to nobody is sent back with a plain explanation", func(t *testing.T) {
		p := newPage(t, browser)
		p.open(s.URL, "signed-out")
		p.step("wait for the provider's button", chromedp.WaitVisible(chromedp.CSS("#oidc-exempelstad")))
		p.click("sign in via the organisation", "#oidc-exempelstad")
		login(p, "okand")
		p.waitScreen("signed-out")
		p.step("wait for the error summary", chromedp.WaitVisible(chromedp.CSS("#error-summary")))
		if got := p.text("#error-summary p"); got != "Ditt konto hos organisationen är inte kopplat till Samspel. Första gången loggar du in med inbjudningslänken från din administratör." {
			t.Errorf("error = %q", got)
		}
		if loc := run(p, "read the location", chromedp.Location()); loc != s.URL+"/" {
			t.Errorf("the address is %q; want the error gone from it", loc)
		}
	})
}
