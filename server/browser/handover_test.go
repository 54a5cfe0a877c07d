package browser

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/samspel/samspel/server/apptest"
	"github.com/samspel/samspel/server/export"
)

// TestHandoverDossierReadsWellOnAPhone renders the demo's finished term's handover
// dossier in Chromium on a Pixel 5, saves a full-page screenshot as an artefact, checks
// it with axe-core in light and dark colours, and that it never scrolls sideways.
func TestHandoverDossierReadsWellOnAPhone(t *testing.T) {
	s := apptest.Start(t)
	ctx := context.Background()
	term, err := s.Store.FindTerm(ctx, 0, "2022-2026")
	if err != nil {
		t.Fatal(err)
	}
	h, err := s.Store.Handover(ctx, term)
	if err != nil {
		t.Fatal(err)
	}
	var page bytes.Buffer
	if err := export.WriteHandover(&page, h); err != nil {
		t.Fatal(err)
	}
	// The dossier is a file people keep; it is served here exactly as written.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
		w.Write(page.Bytes())
	}))
	defer srv.Close()

	browser := startBrowser(t)
	p := newPage(t, browser)
	p.step("open the dossier", chromedp.Navigate(srv.URL+"/overlamning.html"), chromedp.WaitVisible(chromedp.CSS("h1")))
	if got := p.text("h1"); got != "Överlämning: Exempelstads kommun" {
		t.Errorf("heading %q", got)
	}
	p.screenshot("handover-dossier-pixel5-first-screen")
	p.fullScreenshot("handover-dossier-pixel5")
	if eval[bool](p, `document.documentElement.scrollWidth > window.innerWidth`) {
		t.Error("the dossier scrolls sideways on a phone")
	}
	checkAxe(t, p)
}
