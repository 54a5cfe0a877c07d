package browser

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/samspel/samspel/server/apptest"
	"github.com/samspel/samspel/server/demo"
	"github.com/samspel/samspel/server/store"
)

// TestOffline covers a phone without a network: the shell comes from the service worker
// and says who you are, and without a saved person the app says it cannot connect.
func TestOffline(t *testing.T) {
	s := apptest.Start(t)
	browser := startBrowser(t)

	t.Run("after signing in once the shell starts offline with the saved name", func(t *testing.T) {
		p := newPage(t, browser)
		p.signInWithInvite(s.Invite(t, demo.Director.Email, store.RoleDirector, ""), "")
		checkIdag(t, p, demo.Director.Name, "Direktör")
		p.waitServiceWorker()
		// The worker cached the shell by now. A second later, a document fetched from the
		// server would carry a later Date than the cached one.
		cached := time.Now()
		time.Sleep(1100 * time.Millisecond)

		p.setOffline(true)
		if eval[bool](p, `navigator.onLine`) {
			t.Errorf("navigator.onLine is true with the network off")
		}
		ctx, cancel := context.WithTimeout(p.ctx, stepTimeout)
		res, err := chromedp.RunResponse(ctx, chromedp.Reload())
		cancel()
		if err != nil {
			t.Fatalf("reload offline: %v", err)
		}
		if !res.FromServiceWorker {
			t.Errorf("the offline document did not come from the service worker (status %d)", res.Status)
		}
		if date, err := http.ParseTime(header(res.Headers, "Date")); err != nil || date.After(cached) {
			t.Errorf("the offline document has Date %q, after the shell was cached at %s: it came from the network", header(res.Headers, "Date"), cached.UTC().Format(http.TimeFormat))
		}
		if csp := header(res.Headers, "Content-Security-Policy"); csp == "" {
			t.Errorf("the cached shell has no Content-Security-Policy header")
		}
		p.waitScreen("idag")
		checkIdag(t, p, demo.Director.Name, "Direktör")
		p.step("wait for the offline note", chromedp.WaitVisible(chromedp.CSS("#offline")))
		if got := p.text("#offline"); got != "Ingen anslutning" {
			t.Errorf("#offline = %q; want %q", got, "Ingen anslutning")
		}

		// Back online, the app notices by itself (the online event) and drops the note.
		p.setOffline(false)
		run(p, "wait for the offline note to go", chromedp.Poll[bool](`document.getElementById("offline").textContent === ""`,
			chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(stepTimeout)))
		p.waitScreen("idag")
	})

	t.Run("with nothing saved and no server the app says there is no connection and recovers on retry", func(t *testing.T) {
		p := newPage(t, browser)
		p.blockGetMe(s.URL)
		p.open(s.URL, "no-connection")
		if got := p.text("#no-connection h1"); got != "Ingen anslutning" {
			t.Errorf("heading = %q; want %q", got, "Ingen anslutning")
		}
		// The screen's heading says it; the header note would say it twice.
		if got := p.text("#offline"); got != "" {
			t.Errorf("#offline = %q on the no-connection screen; want empty", got)
		}
		call(p, "unblock GetMe", network.SetBlockedURLs, network.SetBlockedURLsParams{URLPatterns: []*network.BlockPattern{}})
		p.step("retry", centredClick("#retry"))
		p.waitScreen("signed-out")
		if focused := eval[string](p, `document.activeElement.tagName`); focused != "H1" {
			t.Errorf("focus after retry is on %s; want the new screen's heading", focused)
		}
	})
}
