package browser

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/samspel/samspel/server/apptest"
)

// TestSecurityHeaders checks the headers of the document the browser loads.
func TestSecurityHeaders(t *testing.T) {
	s := apptest.Start(t)
	browser := startBrowser(t)
	p := newPage(t, browser)
	res := run(p, "open the app", chromedp.NavigateResponse(s.URL))
	p.waitScreen("signed-out")

	csp := header(res.Headers, "Content-Security-Policy")
	checks := []struct {
		name string
		ok   bool
	}{
		{"the document has a Content-Security-Policy", csp != ""},
		{"the CSP allows no inline script or style", !strings.Contains(csp, "'unsafe-inline'")},
		{"the CSP allows no eval", !strings.Contains(csp, "'unsafe-eval'")},
		{"the CSP forbids framing", strings.Contains(csp, "frame-ancestors 'none'")},
		{"the CSP limits scripts to the app's own origin", hasDirective(csp, "script-src 'self'")},
		{"the browser must not sniff content types", header(res.Headers, "X-Content-Type-Options") == "nosniff"},
		{"no referrer leaves the app", header(res.Headers, "Referrer-Policy") == "no-referrer"},
	}
	for _, c := range checks {
		t.Run(c.name, func(t *testing.T) {
			if !c.ok {
				t.Errorf("not so; the document's headers are %v", res.Headers)
			}
		})
	}
}

// hasDirective reports whether the policy has exactly this directive.
func hasDirective(csp, directive string) bool {
	for d := range strings.SplitSeq(csp, ";") {
		if strings.TrimSpace(d) == directive {
			return true
		}
	}
	return false
}

// TestCSPViolationsAreCaught proves that the CSP watch every page has (newPage) would
// notice a violation: the other tests pass only because there is none.
func TestCSPViolationsAreCaught(t *testing.T) {
	s := apptest.Start(t)
	browser := startBrowser(t)
	p := newPage(t, browser)
	p.open(s.URL, "signed-out")
	if v := p.takeCSP(); len(v) != 0 {
		t.Fatalf("CSP violations before the test caused any: %v", v)
	}
	// Reports of the violations caused below can trail in after their subtest; they
	// are expected, so drop them before newPage's cleanup would fail on them.
	t.Cleanup(func() {
		time.Sleep(100 * time.Millisecond)
		p.takeCSP()
	})

	tests := []struct {
		name    string
		js      string
		blocked string // an expression that is true when the CSP blocked it
	}{
		{
			name:    "an inline script is blocked and reported",
			js:      `const el = document.createElement("script"); el.textContent = "window.inlineRan = true"; document.body.append(el)`,
			blocked: `window.inlineRan === undefined`,
		},
		{
			name:    "an inline style attribute is blocked and reported",
			js:      `document.querySelector("h1").setAttribute("style", "color: red")`,
			blocked: `getComputedStyle(document.querySelector("h1")).color !== "rgb(255, 0, 0)"`,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := p.with(t)
			p.exec(tc.js)
			if !eval[bool](p, tc.blocked) {
				t.Errorf("the CSP did not block it")
			}
			var got []string
			for deadline := time.Now().Add(stepTimeout); len(got) == 0 && time.Now().Before(deadline); {
				time.Sleep(20 * time.Millisecond)
				got = p.takeCSP()
			}
			if len(got) == 0 {
				t.Fatalf("no CSP violation was recorded")
			}
			for _, v := range got {
				t.Logf("recorded, as expected: %s", v)
			}
		})
	}
}
