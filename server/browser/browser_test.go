package browser

// The harness: one Chromium per test function, a fresh browser context (cookies, storage,
// service workers) per page, and a record of what the page reported on the way (CSP
// violations, uncaught exceptions, grpc-web answers) that fails the test at the end.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/device"
)

const (
	chromiumPath = "/usr/bin/chromium"
	// browserTimeout bounds everything one test function does in its browser.
	browserTimeout = 60 * time.Second
	// stepTimeout bounds one step (a navigation, a wait for a screen), so a screen that
	// never comes fails in seconds with the step's name.
	stepTimeout = 10 * time.Second
	// axePath is axe-core from the PWA's npm packages, relative to this directory.
	axePath = "../../pwa/node_modules/axe-core/axe.min.js"
	// meKey is where the PWA keeps the signed-in person for an offline start.
	meKey = "samspel.me.v1"
	// cspBinding is the page global a CDP-injected listener calls for each CSP violation.
	cspBinding = "__samspelCSPViolation"
)

// startBrowser starts a headless Chromium with its own profile for test t, and returns
// the context that new pages hang off. It skips when Chromium is missing, except in CI.
func startBrowser(t *testing.T) context.Context {
	t.Helper()
	if _, err := os.Stat(chromiumPath); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is missing; CI must run the browser tests (apt-get install -y chromium): %v", chromiumPath, err)
		}
		t.Skipf("skipping browser test: %s is missing (apt-get install -y chromium); in CI this fails", chromiumPath)
	}
	ctx, cancel := context.WithTimeout(context.Background(), browserTimeout)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromiumPath),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
	)
	actx, acancel := chromedp.NewExecAllocator(ctx, opts...)
	bctx, bcancel := chromedp.NewContext(actx)
	t.Cleanup(func() {
		bcancel()
		acancel()
		cancel()
	})
	if err := chromedp.Do(bctx); err != nil {
		t.Fatalf("start Chromium: %v", err)
	}
	return bctx
}

// Page is one tab in its own browser context, emulating a Pixel 5.
type Page struct {
	t   *testing.T // the test that steps fail
	ctx context.Context
	rec *recorder
}

// with returns the same tab, failing subtest t instead.
func (p *Page) with(t *testing.T) *Page {
	return &Page{t: t, ctx: p.ctx, rec: p.rec}
}

// recorder keeps what the tab reported.
type recorder struct {
	mu         sync.Mutex
	csp        []string            // CSP violations, from the DOM event and the console
	exceptions []string            // uncaught exceptions
	errors     []string            // other console errors, logged for diagnosis only
	grpcStatus map[string][]string // grpc-web path -> grpc-status response headers seen (trailers-only)

	workers map[target.ID]context.Context // attached service workers (see Page.worker)
	closers []context.CancelFunc          // detach them
}

// newPage opens a tab in a new browser context of browser. When the test ends it fails
// on any CSP violation or uncaught exception the page reported, unless taken by takeCSP.
func newPage(t *testing.T, browser context.Context) *Page {
	t.Helper()
	rec := &recorder{grpcStatus: map[string][]string{}, workers: map[target.ID]context.Context{}}
	ctx, cancel := chromedp.NewContext(browser, chromedp.WithNewBrowserContext(), chromedp.WithListener(rec.record))
	p := &Page{t: t, ctx: ctx, rec: rec}
	t.Cleanup(func() {
		rec.mu.Lock()
		closers := rec.closers
		rec.mu.Unlock()
		for _, c := range closers {
			c()
		}
		cancel()
		rec.mu.Lock()
		defer rec.mu.Unlock()
		for _, e := range rec.errors {
			t.Logf("console error (not a failure by itself): %s", e)
		}
		for _, v := range rec.csp {
			t.Errorf("Content Security Policy violation: %s", v)
		}
		for _, e := range rec.exceptions {
			t.Errorf("uncaught exception in the page: %s", e)
		}
	})
	// The listener is added by CDP, so the page's CSP does not apply to it, and it runs
	// before any of the page's own scripts in every document this tab loads.
	listener := `document.addEventListener("securitypolicyviolation", (e) => ` + cspBinding + `(JSON.stringify({
		directive: e.effectiveDirective, blocked: e.blockedURI, source: e.sourceFile, line: e.lineNumber, sample: e.sample})));`
	// The first Do opens the tab and ties its life to the context it gets: give it the
	// page's own context, not a step's, which ends when the step does.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("open a tab: %v", err)
	}
	p.step("make the tab phone-sized and watch for CSP violations",
		chromedp.Emulate(device.Pixel5),
		chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			if _, err := cdp.Call(ctx, tg, runtime.AddBinding, runtime.AddBindingParams{Name: cspBinding}); err != nil {
				return err
			}
			_, err := cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: listener})
			return err
		}),
	)
	return p
}

// record runs in the tab's event loop: it must return fast and send no command.
func (r *recorder) record(ev any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	switch ev := ev.(type) {
	case *runtime.EventBindingCalled:
		if ev.Name == cspBinding {
			r.csp = append(r.csp, "securitypolicyviolation "+ev.Payload)
		}
	case *log.EventEntryAdded:
		text := ev.Entry.Text
		switch {
		case strings.Contains(text, "Content Security Policy"):
			r.csp = append(r.csp, "console: "+text)
		case ev.Entry.Level == log.EntryLevelError:
			r.errors = append(r.errors, fmt.Sprintf("%s (%s)", text, ev.Entry.URL))
		}
	case *runtime.EventConsoleAPICalled:
		var parts []string
		for _, a := range ev.Args {
			if a.Value != nil {
				parts = append(parts, string(a.Value))
			} else {
				parts = append(parts, a.Description)
			}
		}
		text := strings.Join(parts, " ")
		switch {
		case strings.Contains(text, "Content Security Policy"):
			r.csp = append(r.csp, "console: "+text)
		case ev.Type == runtime.ConsoleAPICalledTypeError:
			r.errors = append(r.errors, text)
		}
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		text := d.Text
		if d.Exception != nil && d.Exception.Description != "" {
			text += " " + d.Exception.Description
		}
		if strings.Contains(text, "Content Security Policy") {
			r.csp = append(r.csp, "exception: "+text)
		} else {
			r.exceptions = append(r.exceptions, text)
		}
	case *network.EventResponseReceived:
		path := ev.Response.URL
		if i := strings.Index(path, "/samspel.v1."); i >= 0 {
			path = path[i:]
			r.grpcStatus[path] = append(r.grpcStatus[path], header(ev.Response.Headers, "grpc-status"))
		}
	}
}

// header reads a response header from CDP's map, whatever its case.
func header(h network.Headers, name string) string {
	for k, v := range h {
		if strings.EqualFold(k, name) {
			s, _ := v.(string)
			return s
		}
	}
	return ""
}

// takeCSP returns the CSP violations recorded so far and forgets them, for a test that
// causes one on purpose.
func (p *Page) takeCSP() []string {
	p.rec.mu.Lock()
	defer p.rec.mu.Unlock()
	v := p.rec.csp
	p.rec.csp = nil
	return v
}

// grpcStatuses returns the grpc-status headers of the browser's calls to method so far
// (empty strings for answers whose status came in the body's trailers).
func (p *Page) grpcStatuses(method string) []string {
	p.rec.mu.Lock()
	defer p.rec.mu.Unlock()
	return append([]string(nil), p.rec.grpcStatus[method]...)
}

// step runs actions with a time limit and fails the test, naming what, if they fail.
func (p *Page) step(what string, actions ...chromedp.Action[chromedp.Void]) {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, stepTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		p.t.Fatalf("%s: %v", what, err)
	}
}

// run is step for one action that returns a value.
func run[T any](p *Page, what string, a chromedp.Action[T]) T {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, stepTimeout)
	defer cancel()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		p.t.Fatalf("%s: %v", what, err)
	}
	return v
}

// call sends one CDP command to the tab.
func call[P, R any](p *Page, what string, cmd cdp.Command[P, R], params P) R {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, stepTimeout)
	defer cancel()
	r, err := chromedp.Call(ctx, cmd, params)
	if err != nil {
		p.t.Fatalf("%s: %v", what, err)
	}
	return r
}

// open navigates to url and waits until the screen with id shows.
func (p *Page) open(url, screen string) {
	p.t.Helper()
	p.step("open "+redact(url)+" and wait for #"+screen,
		chromedp.Navigate(url),
		chromedp.WaitVisible(chromedp.CSS("#main > #"+screen)),
	)
}

// waitScreen waits until the screen with id shows.
func (p *Page) waitScreen(screen string) {
	p.t.Helper()
	p.step("wait for #"+screen, chromedp.WaitVisible(chromedp.CSS("#main > #"+screen)))
}

// text returns the visible text of the element sel.
func (p *Page) text(sel string) string {
	p.t.Helper()
	return strings.TrimSpace(run(p, "read "+sel, chromedp.Text(chromedp.CSS(sel))))
}

// eval evaluates a JavaScript expression in the page and decodes its value.
func eval[T any](p *Page, js string) T {
	p.t.Helper()
	return run(p, "evaluate "+js, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
}

// exec runs JavaScript in the page for its effect.
func (p *Page) exec(js string) {
	p.t.Helper()
	p.step("run "+redact(js), chromedp.Evaluate[chromedp.Void](js))
}

// signInWithInvite opens an invite link, types name (if any) and signs in. Everyone
// lands on Idag, except an administrator with no role, who lands on Personer.
func (p *Page) signInWithInvite(invite, name string) {
	p.t.Helper()
	p.open(invite, "invite")
	if name != "" {
		p.step("type the name", chromedp.SendKeys(chromedp.CSS("#invite-name"), name))
	}
	p.step("sign in", centredClick("#invite-submit"))
	// An invite leads to making a passkey; these tests have no authenticator, so skip it.
	p.waitScreen("passkey-setup")
	p.step("skip making a passkey", centredClick("#skip-passkey"))
	p.step("wait for #idag or #personer", chromedp.WaitVisible(chromedp.CSS("#main > #idag, #main > #personer")))
}

// sessionCookie returns the browser's __Host-session cookie for url, or nil.
func (p *Page) sessionCookie(url string) *network.Cookie {
	p.t.Helper()
	res := call(p, "read cookies", network.GetCookies, network.GetCookiesParams{URLs: []string{url}})
	for _, c := range res.Cookies {
		if c.Name == "__Host-session" {
			return c
		}
	}
	return nil
}

// setColorScheme emulates prefers-color-scheme.
func (p *Page) setColorScheme(scheme string) {
	p.t.Helper()
	call(p, "emulate prefers-color-scheme: "+scheme, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
	})
	if !eval[bool](p, `matchMedia("(prefers-color-scheme: `+scheme+`)").matches`) {
		p.t.Fatalf("the page does not see prefers-color-scheme: %s", scheme)
	}
}

// setOffline cuts the tab off the network and tells navigator.onLine so; offline false
// restores both. The page's emulation does not reach its service worker, whose fetches
// would still get through (Chromium 156): the worker's own target gets the same
// conditions, when there is a worker.
func (p *Page) setOffline(offline bool) {
	p.t.Helper()
	conditions := network.EmulateNetworkConditionsByRuleParams{
		EmulateOfflineServiceWorker: &offline,
		MatchedNetworkConditions:    []*network.Conditions{{Offline: offline, DownloadThroughput: -1, UploadThroughput: -1}},
	}
	call(p, "emulate network conditions", network.EmulateNetworkConditionsByRule, conditions)
	call(p, "override the network state", network.OverrideNetworkState, network.OverrideNetworkStateParams{
		Offline: offline, DownloadThroughput: -1, UploadThroughput: -1,
	})
	for _, sw := range p.serviceWorkers() {
		ctx, cancel := context.WithTimeout(p.worker(sw), stepTimeout)
		_, err := chromedp.Call(ctx, network.EmulateNetworkConditionsByRule, conditions)
		cancel()
		if err != nil {
			p.t.Fatalf("emulate network conditions in the service worker: %v", err)
		}
	}
}

// worker returns a context attached to the service worker target id. It stays attached
// until the page closes, since a session's emulation ends when the session does.
func (p *Page) worker(id target.ID) context.Context {
	p.t.Helper()
	p.rec.mu.Lock()
	ctx, ok := p.rec.workers[id]
	p.rec.mu.Unlock()
	if ok {
		return ctx
	}
	// Detach, never close, when done: closing the target would stop the worker.
	ctx, cancel := chromedp.NewContext(p.ctx, chromedp.WithTargetID(id), chromedp.WithDetachOnCancel())
	p.rec.mu.Lock()
	p.rec.workers[id] = ctx
	p.rec.closers = append(p.rec.closers, cancel)
	p.rec.mu.Unlock()
	// Attach with the lasting context, not a step's: the first Do ties the session to
	// the context it gets. Not under the lock, which the tab's event loop needs.
	if err := chromedp.Do(ctx); err != nil {
		p.t.Fatalf("attach to the service worker: %v", err)
	}
	return ctx
}

// serviceWorkers lists the service worker targets of the tab's browser context.
func (p *Page) serviceWorkers() []target.ID {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(p.ctx, stepTimeout)
	defer cancel()
	infos, err := chromedp.Targets(ctx)
	if err != nil {
		p.t.Fatalf("list targets: %v", err)
	}
	bc := chromedp.FromContext(p.ctx).BrowserContextID
	var ids []target.ID
	for _, in := range infos {
		if in.Type == "service_worker" && in.BrowserContextID == bc {
			ids = append(ids, in.TargetID)
		}
	}
	return ids
}

// waitServiceWorker waits until a service worker controls the page, so the shell is
// cached and a reload goes through the worker.
func (p *Page) waitServiceWorker() {
	p.t.Helper()
	run(p, "wait for the service worker to control the page", chromedp.Poll[bool](
		`navigator.serviceWorker.controller !== null`,
		chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(stepTimeout)))
}

// screenshot saves the viewport as a PNG in the artefact directory and returns its path.
func (p *Page) screenshot(name string) string {
	p.t.Helper()
	png := run(p, "take a screenshot", chromedp.CaptureScreenshot())
	dir := artefactDir(p.t)
	path := filepath.Join(dir, name+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		p.t.Fatal(err)
	}
	p.t.Logf("screenshot: %s", path)
	return path
}

// artefactDir is $SAMSPEL_ARTEFACTS when set (CI keeps it), else a temporary directory.
func artefactDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("SAMSPEL_ARTEFACTS")
	if dir == "" {
		return t.TempDir()
	}
	dir = filepath.Join(dir, "browser")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// axeViolation is one rule axe-core found broken, with the elements that break it.
type axeViolation struct {
	ID     string   `json:"id"`
	Impact string   `json:"impact"`
	Help   string   `json:"help"`
	Nodes  []string `json:"nodes"`
}

var axeSource = sync.OnceValues(func() (string, error) {
	b, err := os.ReadFile(axePath)
	if errors.Is(err, os.ErrNotExist) {
		return "", fmt.Errorf("axe-core is missing at %s: run npm ci in pwa/", axePath)
	}
	return string(b), err
})

// axe runs axe-core's WCAG 2.1 A and AA rules on the page as it is now. It returns the
// violations and how many rules passed (more than none, or axe checked nothing).
func (p *Page) axe() ([]axeViolation, int) {
	p.t.Helper()
	src, err := axeSource()
	if err != nil {
		p.t.Fatal(err)
	}
	// Runtime.evaluate is not subject to the page's CSP, so axe needs no 'unsafe-eval'.
	if !eval[bool](p, `typeof window.axe === "object"`) {
		run(p, "inject axe-core", chromedp.Evaluate[chromedp.Void](src))
	}
	var res struct {
		Violations []axeViolation `json:"violations"`
		Passes     int            `json:"passes"`
	}
	raw := eval[json.RawMessage](p, `axe.run(document, {
		runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
		resultTypes: ["violations"],
	}).then((r) => ({
		passes: r.passes.length,
		violations: r.violations.map((v) => ({
			id: v.id, impact: v.impact || "", help: v.help,
			nodes: v.nodes.map((n) => n.target.map(String).join(" >>> ")),
		})),
	}))`)
	if err := json.Unmarshal(raw, &res); err != nil {
		p.t.Fatalf("decode axe results: %v", err)
	}
	return res.Violations, res.Passes
}

// redact hides an invite token in a URL, for messages and logs.
func redact(url string) string {
	if i := strings.Index(url, "#invite="); i >= 0 {
		return url[:i] + "#invite=…"
	}
	return url
}

// cookieHeader builds a Cookie request header that carries a session secret.
func cookieHeader(secret string) http.Header {
	return http.Header{"Cookie": {"__Host-session=" + secret}}
}

// clickThrough clicks sel until the screen with id screen shows, at most three times. A
// list that redraws when the server answers (a note acknowledged, a sync) can replace
// the element between finding it and clicking it; a person would simply tap again.
func (p *Page) clickThrough(sel, screen string) {
	p.t.Helper()
	js := `!!document.querySelector("#main > #` + screen + `")`
	for try := 1; ; try++ {
		ctx, cancel := context.WithTimeout(p.ctx, 3*time.Second)
		err := chromedp.Do(ctx,
			chromedp.WaitVisible(chromedp.CSS(sel)),
			chromedp.Evaluate[chromedp.Void](`document.querySelector(`+jsString(sel)+`).scrollIntoView({block: "center"})`),
			chromedp.Click(chromedp.CSS(sel)))
		if err == nil {
			_, err = chromedp.Run(ctx, chromedp.Poll[bool](js, chromedp.WithPollingInterval(50*time.Millisecond)))
		}
		cancel()
		if err == nil {
			return
		}
		if try == 3 {
			p.t.Fatalf("click %s three times and wait for #%s: %v", sel, screen, err)
		}
	}
}

// centredClick clicks the element sel after scrolling it to the middle of the screen: the
// sticky bottom bar and the fixed capture button cover the screen's lower edge, and a
// click there would land on them instead.
func centredClick(sel string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		for try := 1; ; try++ {
			err := chromedp.Do(ctx,
				chromedp.WaitVisible(chromedp.CSS(sel)),
				chromedp.Evaluate[chromedp.Void](`document.querySelector(`+jsString(sel)+`).scrollIntoView({block: "center"})`),
				chromedp.Click(chromedp.CSS(sel)))
			// A list that redraws (a sync arrived) between finding the node and clicking it
			// leaves chromedp holding a node that no longer exists: find it again.
			if err == nil || try == 3 || !strings.Contains(err.Error(), "Could not find node with given id") {
				return err
			}
		}
	})
}
