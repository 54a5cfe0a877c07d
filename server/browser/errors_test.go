package browser

import (
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"google.golang.org/grpc/codes"

	"github.com/samspel/samspel/server/apptest"
)

// TestErrorCodesReachTheBrowser proves that the real gRPC code arrives through the
// browser's grpc-web client: middleware that writes headers early turns every error into
// Unknown there, which the PWA would show as "no connection". Each case checks the code
// on the wire as Chromium saw it and the screen the PWA chose from it.
func TestErrorCodesReachTheBrowser(t *testing.T) {
	s := apptest.Start(t)
	browser := startBrowser(t)

	tests := []struct {
		name   string
		method string
		code   codes.Code
		act    func(t *testing.T, p *Page)
		check  func(t *testing.T, p *Page)
	}{
		{
			name:   "a used invite link arrives as NotFound and the PWA says the link is gone",
			method: "/samspel.v1.AuthService/RedeemInvite",
			code:   codes.NotFound,
			act: func(t *testing.T, p *Page) {
				invite := s.Invite(t, "redan.anvand@exempelstad.example", 5, "")
				redeemOutsideBrowser(t, s, invite)
				p.open(invite, "invite")
				p.step("type a name and sign in",
					chromedp.SendKeys(chromedp.CSS("#invite-name"), "Sen Ankomst"),
					centredClick("#invite-submit"),
					chromedp.WaitVisible(chromedp.CSS("#error-summary")))
			},
			check: func(t *testing.T, p *Page) {
				// The PWA shows "Ingen anslutning. …" for Unknown and "Något gick fel. …"
				// for other codes; only NotFound (or FailedPrecondition) gives this text.
				if got := p.text("#error-summary p"); got != goneText {
					t.Errorf("error summary = %q; want the NotFound text %q", got, goneText)
				}
			},
		},
		{
			name:   "a visit without a session arrives as Unauthenticated and the PWA shows signed out",
			method: "/samspel.v1.AuthService/GetMe",
			code:   codes.Unauthenticated,
			act: func(t *testing.T, p *Page) {
				p.open(s.URL, "signed-out")
			},
			check: func(t *testing.T, p *Page) {
				// Unknown would have shown the no-connection screen instead.
				if got := p.text("#signed-out h1"); got != "Du är inte inloggad" {
					t.Errorf("heading = %q; want %q", got, "Du är inte inloggad")
				}
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := newPage(t, browser)
			tc.act(t, p)
			want := strconv.Itoa(int(tc.code))
			// The response event can trail the screen by a moment.
			got := p.grpcStatuses(tc.method)
			for deadline := time.Now().Add(2 * time.Second); !slices.Contains(got, want) && time.Now().Before(deadline); {
				time.Sleep(20 * time.Millisecond)
				got = p.grpcStatuses(tc.method)
			}
			if !slices.Contains(got, want) {
				t.Errorf("grpc-status headers of the browser's %s calls = %q; want one %s (%v)", tc.method, got, want, tc.code)
			}
			tc.check(t, p)
		})
	}
}
