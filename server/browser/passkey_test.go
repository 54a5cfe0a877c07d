package browser

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/webauthn"
	"github.com/chromedp/chromedp"

	"github.com/samspel/samspel/server/apptest"
	"github.com/samspel/samspel/server/store"
)

// addAuthenticator gives the tab a phone's built-in passkey store: CTAP2, internal,
// resident keys, user verification that succeeds (the person's fingerprint), and a
// person who answers every prompt at once.
func (p *Page) addAuthenticator() webauthn.AuthenticatorID {
	p.t.Helper()
	call(p, "enable WebAuthn", webauthn.Enable, webauthn.EnableParams{})
	res := call(p, "add a virtual authenticator", webauthn.AddVirtualAuthenticator, webauthn.AddVirtualAuthenticatorParams{
		Options: &webauthn.VirtualAuthenticatorOptions{
			Protocol:                    webauthn.AuthenticatorProtocolCtap2,
			Ctap2version:                webauthn.Ctap2versionCtap21,
			Transport:                   webauthn.AuthenticatorTransportInternal,
			HasResidentKey:              true,
			HasUserVerification:         true,
			IsUserVerified:              true,
			AutomaticPresenceSimulation: true,
			// Only so that WebAuthn.addCredential accepts cdproto's credentials, which
			// always carry the CMTG fields; Samspel asks for no extension.
			HasCmtgKey: true,
		},
	})
	return res.AuthenticatorID
}

func (p *Page) credentials(id webauthn.AuthenticatorID) []*webauthn.Credential {
	p.t.Helper()
	return call(p, "list the authenticator's credentials", webauthn.GetCredentials, webauthn.GetCredentialsParams{AuthenticatorID: id}).Credentials
}

func (p *Page) removeAuthenticator(id webauthn.AuthenticatorID) {
	p.t.Helper()
	call(p, "remove the virtual authenticator", webauthn.RemoveVirtualAuthenticator, webauthn.RemoveVirtualAuthenticatorParams{AuthenticatorID: id})
}

func (p *Page) click(what, sel string) {
	p.t.Helper()
	// Centre the target first: Idag's blocks fill in after the screen appears, and the
	// fixed "Ny anteckning" button and the bottom bar must not be what the click hits.
	p.step(what,
		chromedp.WaitVisible(chromedp.CSS(sel)),
		chromedp.Evaluate[chromedp.Void](`document.querySelector(`+jsString(sel)+`).scrollIntoView({block: "center"})`),
		centredClick(sel))
}

// signInWithPasskey signs out if needed and signs in with the passkey button.
func (p *Page) signInWithPasskey() {
	p.t.Helper()
	p.click("sign in with a passkey", "#passkey-sign-in")
	p.waitScreen("idag")
}

func (p *Page) signOut() {
	p.t.Helper()
	p.click("sign out", "#sign-out")
	p.waitScreen("signed-out")
}

// TestPasskeys walks a person's passkeys from start to end: an invite, a passkey made
// on the phone, signing out and in again with it (no username typed), a second passkey
// added on another device, and the first one removed, after which it no longer works.
func TestPasskeys(t *testing.T) {
	s := apptest.Start(t)
	browser := startBrowser(t)
	p := newPage(t, browser)
	ctx := context.Background()
	phone := p.addAuthenticator()

	p.open(s.Invite(t, "pia.nyckel@exempelstad.example", 5, ""), "invite")
	p.step("type the name", chromedp.SendKeys(chromedp.CSS("#invite-name"), "Pia Nyckel"))
	p.click("redeem the invite", "#invite-submit")
	p.waitScreen("passkey-setup")
	p.step("name the passkey", chromedp.SendKeys(chromedp.CSS("#setup-passkey-name"), "Telefonen"))
	p.click("make the passkey", "#setup-passkey-submit")
	p.waitScreen("idag")
	person, err := s.Store.PersonByEmail(ctx, "pia.nyckel@exempelstad.example")
	if err != nil {
		t.Fatal(err)
	}

	t.Run("the invite made a passkey on the phone and on the server", func(t *testing.T) {
		creds := p.with(t).credentials(phone)
		if len(creds) != 1 || !creds[0].IsResidentCredential {
			t.Fatalf("the phone holds %d credentials (resident: %v); want one resident passkey", len(creds), len(creds) == 1 && creds[0].IsResidentCredential)
		}
		keys := passkeysOf(t, s, person.ID)
		if len(keys) != 1 || keys[0].Name != "Telefonen" {
			t.Fatalf("the server holds %v; want one passkey named Telefonen", names(keys))
		}
	})
	phoneCred := p.credentials(phone)[0]
	var laptop webauthn.AuthenticatorID

	t.Run("after signing out, the passkey signs the person in without a username", func(t *testing.T) {
		p := p.with(t)
		p.signOut()
		if n := eval[int](p, `document.querySelectorAll("#signed-out input").length`); n != 0 {
			t.Errorf("the sign-in screen has %d input fields; want none (no username)", n)
		}
		if first := eval[string](p, `document.querySelector("#signed-out button").id`); first != "passkey-sign-in" {
			t.Errorf("the first button on the sign-in screen is #%s; want the passkey button", first)
		}
		p.signInWithPasskey()
		checkWho(t, p, "Pia Nyckel")
		if p.sessionCookie(s.URL) == nil {
			t.Errorf("no session cookie after signing in with the passkey")
		}
		if s.AuditCount(t, "passkey.sign_in", true, "person:") == 0 {
			t.Errorf("the sign-in is not in the audit log")
		}
	})

	t.Run("a second passkey is added from another device under Mina inloggningar", func(t *testing.T) {
		p := p.with(t)
		// The laptop: the phone's authenticator leaves, another comes.
		p.removeAuthenticator(phone)
		laptop = p.addAuthenticator()
		p.click("open Mer", "#nav-mer")
		p.waitScreen("mer")
		p.click("open Mina inloggningar", "#more-logins")
		p.waitScreen("logins")
		p.step("name the new passkey", chromedp.SendKeys(chromedp.CSS("#new-passkey-name"), "Datorn"))
		p.click("add the passkey", "#new-passkey-submit")
		p.step("wait for the notice", chromedp.WaitVisible(chromedp.CSS("#notice")))
		if got := p.text("#notice"); got != "Nyckeln har lagts till." {
			t.Errorf("notice = %q", got)
		}
		if got := len(p.credentials(laptop)); got != 1 {
			t.Errorf("the laptop holds %d credentials; want 1", got)
		}
		keys := passkeysOf(t, s, person.ID)
		if strings.Join(names(keys), ",") != "Telefonen,Datorn" {
			t.Fatalf("the server holds %v; want Telefonen and Datorn", names(keys))
		}
		if got := p.text("#passkeys"); !strings.Contains(got, "Telefonen") || !strings.Contains(got, "Datorn") {
			t.Errorf("the list shows %q; want both names", got)
		}
	})

	t.Run("the first passkey is removed after a question, and the last cannot be", func(t *testing.T) {
		p := p.with(t)
		first := passkeysOf(t, s, person.ID)[0]
		id := strconv.FormatInt(first.ID, 10)
		p.click("ask to remove Telefonen", "#delete-passkey-"+id)
		p.click("confirm", "#confirm-delete-passkey-"+id)
		p.step("wait for the notice", chromedp.WaitVisible(chromedp.CSS("#notice")))
		if got := p.text("#notice"); got != "Telefonen är borttagen." {
			t.Errorf("notice = %q", got)
		}
		keys := passkeysOf(t, s, person.ID)
		if strings.Join(names(keys), ",") != "Datorn" {
			t.Fatalf("the server holds %v; want only Datorn", names(keys))
		}
		if n := len(run(p, "look for remove buttons", chromedp.Nodes(chromedp.CSS(`[id^="delete-passkey-"]`), chromedp.AtLeast(0)))); n != 0 {
			t.Errorf("the only passkey left has a remove button")
		}
		if got := p.text("#only-passkey"); !strings.Contains(got, "enda nyckel") {
			t.Errorf("no word that the last passkey cannot be removed: %q", got)
		}
	})

	t.Run("the remaining passkey signs the person in", func(t *testing.T) {
		p := p.with(t)
		p.open(s.URL, "idag")
		p.signOut()
		p.signInWithPasskey()
		checkWho(t, p, "Pia Nyckel")
	})

	t.Run("the removed passkey no longer works, and the person is told so", func(t *testing.T) {
		p := p.with(t)
		p.signOut()
		p.removeAuthenticator(laptop)
		old := p.addAuthenticator()
		call(p, "put the removed passkey back on the phone", webauthn.AddCredential, webauthn.AddCredentialParams{AuthenticatorID: old, Credential: &webauthn.Credential{
			CredentialID: phoneCred.CredentialID, IsResidentCredential: true, RpID: phoneCred.RpID,
			PrivateKey: phoneCred.PrivateKey, UserHandle: phoneCred.UserHandle, SignCount: phoneCred.SignCount + 10,
		}})
		p.click("sign in with the removed passkey", "#passkey-sign-in")
		p.step("wait for the error summary", chromedp.WaitVisible(chromedp.CSS("#error-summary")))
		if got := p.text("#error-summary p"); !strings.HasPrefix(got, "Nyckeln godtogs inte.") {
			t.Errorf("error = %q", got)
		}
		if s.AuditCount(t, "passkey.sign_in", false, "person:") == 0 {
			t.Errorf("the refused sign-in is not in the audit log")
		}
	})
}

// TestPasskeyProblemsAreExplained covers what a person sees when the phone cannot help:
// no passkey support, or a cancelled prompt.
func TestPasskeyProblemsAreExplained(t *testing.T) {
	s := apptest.Start(t)
	browser := startBrowser(t)
	tests := []struct {
		name    string
		prepare func(p *Page)
		want    string
	}{
		{
			name:    "a browser without passkey support is told what to do instead",
			prepare: func(p *Page) { p.exec(`delete window.PublicKeyCredential`) },
			want:    "Den här telefonen eller webbläsaren kan inte använda nycklar.",
		},
		{
			name: "a cancelled prompt says it was cancelled",
			prepare: func(p *Page) {
				// Failing user verification is how the browser reports a cancel: NotAllowedError.
				id := p.addAuthenticator()
				call(p, "fail user verification", webauthn.SetUserVerified, webauthn.SetUserVerifiedParams{AuthenticatorID: id, IsUserVerified: false})
			},
			want: "Inloggningen avbröts. Försök igen när du är redo.",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := newPage(t, browser)
			p.open(s.URL, "signed-out")
			tc.prepare(p)
			p.click("sign in with a passkey", "#passkey-sign-in")
			p.step("wait for the error summary", chromedp.WaitVisible(chromedp.CSS("#error-summary")))
			if got := p.text("#error-summary p"); !strings.HasPrefix(got, tc.want) {
				t.Errorf("error = %q; want it to start %q", got, tc.want)
			}
			if focused := eval[string](p, `document.activeElement.id`); focused != "error-summary" {
				t.Errorf("focus is on %q; want the error summary", focused)
			}
		})
	}
}

func checkWho(t *testing.T, p *Page, who string) {
	t.Helper()
	if got := p.text("#who"); got != who {
		t.Errorf("#who = %q; want %q", got, who)
	}
}

func passkeysOf(t *testing.T, s *apptest.Server, personID int64) []store.Passkey {
	t.Helper()
	keys, err := s.Store.PersonPasskeys(context.Background(), personID)
	if err != nil {
		t.Fatal(err)
	}
	return keys
}

func names(keys []store.Passkey) []string {
	var out []string
	for _, k := range keys {
		out = append(out, k.Name)
	}
	return out
}

// withTwoPasskeys signs a new person up with a passkey on one device and adds a second
// from another, ending on Mina inloggningar.
func (p *Page) withTwoPasskeys(s *apptest.Server, email string) {
	p.t.Helper()
	first := p.addAuthenticator()
	p.open(s.Invite(p.t, email, 5, ""), "invite")
	p.step("type the name", chromedp.SendKeys(chromedp.CSS("#invite-name"), "Två Nycklar"))
	p.click("redeem the invite", "#invite-submit")
	p.waitScreen("passkey-setup")
	p.click("make the first passkey", "#setup-passkey-submit")
	p.waitScreen("idag")
	p.removeAuthenticator(first)
	p.addAuthenticator()
	p.open(s.URL+"/mer/inloggningar", "logins")
	p.click("add a second passkey", "#new-passkey-submit")
	p.step("wait for the notice", chromedp.WaitVisible(chromedp.CSS("#notice")))
}

// TestMinaInloggningarFitsANarrowPhone saves what Mina inloggningar looks like at 360 px,
// in light and dark colours, and checks that nothing is wider than the screen.
func TestMinaInloggningarFitsANarrowPhone(t *testing.T) {
	s := apptest.Start(t)
	browser := startBrowser(t)
	p := newPage(t, browser)
	p.withTwoPasskeys(s, "smal.telefon@exempelstad.example")
	call(p, "make the screen 360 px wide", emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{
		Width: 360, Height: 780, DeviceScaleFactor: 2, Mobile: true,
	})
	for _, scheme := range []string{"light", "dark"} {
		t.Run("Mina inloggningar fits 360 px in "+scheme+" colours", func(t *testing.T) {
			p := p.with(t)
			p.setColorScheme(scheme)
			if sw, w := eval[int](p, `document.documentElement.scrollWidth`), eval[int](p, `window.innerWidth`); sw > w {
				t.Errorf("the page is %d px wide on a %d px screen", sw, w)
			}
			p.screenshot("mina-inloggningar-" + scheme)
		})
	}
}
