package browser

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/webauthn"
	"github.com/chromedp/chromedp"
	"google.golang.org/grpc/codes"

	"github.com/samspel/samspel/server/app"
	"github.com/samspel/samspel/server/apptest"
	"github.com/samspel/samspel/server/demo"
	samspelv1 "github.com/samspel/samspel/server/gen/samspel/v1"
	"github.com/samspel/samspel/server/idp"
	"github.com/samspel/samspel/server/store"
)

// TestAccessibility runs axe-core's WCAG 2.1 A and AA rules on every screen the PWA has,
// in light and in dark colours, and allows no violation at all.
func TestAccessibility(t *testing.T) {
	s := apptest.Start(t)
	withProvider := apptest.StartWith(t, apptest.Options{Configure: func(c *app.Config) {
		// Listed on the sign-in screen; never reached in this test.
		c.OIDC = []idp.Provider{{ID: "exempelstad", DisplayName: "Exempelstads kommun", Issuer: "http://127.0.0.1:9", ClientID: "samspel"}}
	}})
	browser := startBrowser(t)

	screens := []struct {
		name  string
		reach func(t *testing.T, p *Page)
	}{
		{"the welcome screen behind an invite link", func(t *testing.T, p *Page) {
			p.open(s.Invite(t, "ny.person@exempelstad.example", 5, ""), "invite")
		}},
		{"the welcome screen with an error for a used link", func(t *testing.T, p *Page) {
			invite := s.Invite(t, "anvand.lank@exempelstad.example", 5, "")
			redeemOutsideBrowser(t, s, invite)
			p.open(invite, "invite")
			p.step("sign in with the used link",
				centredClick("#invite-submit"),
				chromedp.WaitVisible(chromedp.CSS("#error-summary")))
		}},
		{"Idag", func(t *testing.T, p *Page) {
			p.signInWithInvite(s.Invite(t, demo.Director.Email, store.RoleDirector, ""), "")
		}},
		{"Idag while the server cannot be reached", func(t *testing.T, p *Page) {
			p.signInWithInvite(s.Invite(t, demo.Vice.Email, 3, ""), "")
			p.blockGetMe(s.URL)
			p.step("reload", chromedp.Reload())
			p.step("wait for the offline note", chromedp.WaitVisible(chromedp.CSS("#offline")))
			if got := p.text("#offline"); got != "Ingen anslutning" {
				t.Fatalf("#offline = %q; want %q", got, "Ingen anslutning")
			}
		}},
		{"the signed-out screen", func(t *testing.T, p *Page) {
			p.open(s.URL, "signed-out")
		}},
		{"the no-connection screen", func(t *testing.T, p *Page) {
			p.blockGetMe(s.URL)
			p.open(s.URL, "no-connection")
		}},
		{"the sign-in screen with the organisation's provider", func(t *testing.T, p *Page) {
			p.open(withProvider.URL, "signed-out")
			p.step("wait for the provider's button", chromedp.WaitVisible(chromedp.CSS("#oidc-exempelstad")))
		}},
		{"the sign-in screen after a cancelled passkey prompt", func(t *testing.T, p *Page) {
			p.open(s.URL, "signed-out")
			id := p.addAuthenticator()
			call(p, "fail user verification", webauthn.SetUserVerified, webauthn.SetUserVerifiedParams{AuthenticatorID: id, IsUserVerified: false})
			p.click("sign in with a passkey", "#passkey-sign-in")
			p.step("wait for the error summary", chromedp.WaitVisible(chromedp.CSS("#error-summary")))
		}},
		{"the passkey setup after an invite", func(t *testing.T, p *Page) {
			p.addAuthenticator()
			p.open(s.Invite(t, "ny.nyckel@exempelstad.example", 5, ""), "invite")
			p.step("type the name", chromedp.SendKeys(chromedp.CSS("#invite-name"), "Ny Nyckel"))
			p.click("redeem the invite", "#invite-submit")
			p.waitScreen("passkey-setup")
		}},
		{"Mer", func(t *testing.T, p *Page) {
			p.signInWithInvite(s.Invite(t, demo.Opposition.Email, store.RoleOpposition, demo.PartyA), "")
			p.click("open Mer", "#nav-mer")
			p.waitScreen("mer")
		}},
		{"Mina inloggningar with two passkeys, one being renamed", func(t *testing.T, p *Page) {
			p.withTwoPasskeys(s, "tva.nycklar@exempelstad.example")
			p.click("rename the first passkey", `[id^="rename-passkey-"]`)
			p.step("wait for the rename form", chromedp.WaitVisible(chromedp.CSS(`[id^="save-passkey-"]`)))
		}},
		{"Mina inloggningar asking before a passkey is removed", func(t *testing.T, p *Page) {
			p.withTwoPasskeys(s, "ta.bort@exempelstad.example")
			p.click("ask to remove the first passkey", `[id^="delete-passkey-"]`)
			p.step("wait for the question", chromedp.WaitVisible(chromedp.CSS(`[id^="confirm-delete-passkey-"]`)))
		}},
	}
	for _, sc := range screens {
		t.Run(sc.name, func(t *testing.T) {
			p := newPage(t, browser)
			sc.reach(t, p)
			checkAxe(t, p)
		})
	}
}

// blockGetMe makes the browser's GetMe calls fail as if the server could not be reached.
func (p *Page) blockGetMe(base string) {
	p.t.Helper()
	call(p, "block GetMe", network.SetBlockedURLs, network.SetBlockedURLsParams{
		URLPatterns: []*network.BlockPattern{{URLPattern: base + "/samspel.v1.AuthService/GetMe", Block: true}},
	})
}

// redeemOutsideBrowser uses an invite link over raw grpc-web, so the browser meets a used one.
func redeemOutsideBrowser(t *testing.T, s *apptest.Server, invite string) {
	t.Helper()
	_, token, ok := strings.Cut(invite, "#invite=")
	if !ok {
		t.Fatalf("invite link without #invite=: %s", redact(invite))
	}
	ctx, cancel := context.WithTimeout(context.Background(), stepTimeout)
	defer cancel()
	res, err := s.GRPCWeb(ctx, "/samspel.v1.AuthService/RedeemInvite", &samspelv1.RedeemInviteRequest{Token: token, DisplayName: "Förbrukad"}, nil, nil)
	if err != nil {
		t.Fatalf("redeem outside the browser: %v", err)
	}
	if res.Status.Code() != codes.OK {
		t.Fatalf("redeem outside the browser: %v %s", res.Status.Code(), res.Status.Message())
	}
}
