package browser

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/samspel/samspel/server/apptest"
	"github.com/samspel/samspel/server/demo"
	"github.com/samspel/samspel/server/export"
	"github.com/samspel/samspel/server/store"
)

// Private working notes of the chair and the director on the same check-in of the
// finished term: the chair's personal export must hold the first and not the second.
const (
	chairsPrivateNote    = "Ordförandens egen minnesanteckning: fråga om simhallens tidplan innan budgeten."
	directorsPrivateNote = "Direktörens egen minnesanteckning: bemanningen i socialtjänsten först nästa vecka."
)

// addPrivateNotes writes both notes on the first check-in both attended.
func addPrivateNotes(t *testing.T, s *apptest.Server) {
	t.Helper()
	ctx := context.Background()
	term, err := s.Store.FindTerm(ctx, 0, "2022-2026")
	if err != nil {
		t.Fatal(err)
	}
	chair, _ := s.Store.PersonByEmail(ctx, demo.Chair.Email)
	director, _ := s.Store.PersonByEmail(ctx, demo.Director.Email)
	db, err := sql.Open("sqlite3", "file:"+filepath.Join(s.DataDir, store.FileName)+"?_busy_timeout=5000&_txlock=immediate")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, n := range []struct {
		author int64
		body   string
	}{{chair.ID, chairsPrivateNote}, {director.ID, directorsPrivateNote}} {
		_, err := db.ExecContext(ctx, `INSERT INTO meeting_notes (meeting_id, author_id, body, private, created_at, updated_at)
			SELECT m.id, ?1, ?2, 1, 1, 1 FROM meetings m JOIN meeting_series s ON s.id = m.series_id
			WHERE s.term_id = ?3 AND s.kind = 1 AND m.date >= ?4 ORDER BY m.date LIMIT 1`, n.author, n.body, term.TermID, demo.DirectorChange)
		if err != nil {
			t.Fatal(err)
		}
	}
}

// throttle slows the tab's downloads to bytesPerSecond, or lifts the limit with -1, so
// the progress of an export can be seen while it runs.
func (p *Page) throttle(bytesPerSecond float64) {
	p.t.Helper()
	call(p, "throttle the network", network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{
		MatchedNetworkConditions: []*network.Conditions{{DownloadThroughput: bytesPerSecond, UploadThroughput: -1}},
	})
}

// downloadsTo makes the tab's browser context save downloads in dir under their own names.
func (p *Page) downloadsTo(dir string) {
	p.t.Helper()
	call(p, "save downloads in "+dir, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: dir,
		BrowserContextID: chromedp.FromContext(p.ctx).BrowserContextID,
	})
}

// waitFile waits until dir holds a finished download and returns its path.
func waitFile(t *testing.T, dir string) string {
	t.Helper()
	deadline := time.Now().Add(stepTimeout)
	for time.Now().Before(deadline) {
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if !strings.HasSuffix(e.Name(), ".crdownload") {
				return filepath.Join(dir, e.Name())
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("no download arrived in %s", dir)
	return ""
}

// TestTheChairSavesAPersonalExportOnAPhone: the chair opens Exportera under Mer, makes
// "Min personliga export" of the finished term, sees it arrive, and finds the saved ZIP
// holding the chair's private note and not the director's.
func TestTheChairSavesAPersonalExportOnAPhone(t *testing.T) {
	s := apptest.Start(t)
	addPrivateNotes(t, s)
	b := startBrowser(t)
	p := newPage(t, b)
	p.signInWithInvite(s.Invite(t, demo.Chair.Email, store.RoleChair, ""), "")
	downloads := t.TempDir()
	p.downloadsTo(downloads)

	p.clickThrough("#nav-mer", "mer")
	p.clickThrough("#more-export", "export")
	t.Run("the screen offers the finished term and what the chair may make of it", func(t *testing.T) {
		p := p.with(t)
		p.step("wait for the form", chromedp.WaitVisible(chromedp.CSS("#export-kind")))
		if got := eval[string](p, `document.querySelector("#export-term").selectedOptions[0].textContent`); got != "2022–2026 (avslutad)" {
			t.Errorf("the chosen term is %q", got)
		}
		labels := eval[[]string](p, `[...document.querySelectorAll("#export .radio-label")].map((e) => e.textContent)`)
		if strings.Join(labels, "|") != "Min personliga export|Överlämning" {
			t.Errorf("kinds offered: %q", labels)
		}
		if !eval[bool](p, `document.querySelector("#export-kind").checked`) {
			t.Error("Min personliga export is not chosen")
		}
		p.screenshot("export-form-pixel5")
		checkAxe(t, p)
	})

	t.Run("the export shows its progress while the file arrives", func(t *testing.T) {
		p := p.with(t)
		p.throttle(200_000)
		p.step("export", centredClick("#export-form-submit"))
		run(p, "see bytes arrive while the cancel button is there", chromedp.Poll[bool](
			`!!document.querySelector("#export-cancel") && /kB mottaget$/.test(document.querySelector("#export-progress-text")?.textContent ?? "")`,
			chromedp.WithPollingInterval(20*time.Millisecond)))
		p.screenshot("export-progress-pixel5")
		p.throttle(-1)
		p.step("wait until it is done", chromedp.WaitVisible(chromedp.CSS("#export-done")))
		done := p.text("#export-done")
		if !regexp.MustCompile(`^Klart: samspel-personlig-1-2022-2026\.zip \([0-9,]+ (kB|MB)\) sparas bland dina hämtade filer\.$`).MatchString(done) {
			t.Errorf("the notice says %q", done)
		}
		if !eval[bool](p, `document.querySelector("#export-progress").value === 1`) {
			t.Error("the progress bar is not full")
		}
		p.screenshot("export-done-pixel5")
		checkAxe(t, p)
	})

	t.Run("the saved ZIP holds the chair's private note and not the director's", func(t *testing.T) {
		file := waitFile(t, downloads)
		if filepath.Base(file) != "samspel-personlig-1-2022-2026.zip" {
			t.Errorf("saved as %s", filepath.Base(file))
		}
		f, err := os.Open(file)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		info, _ := f.Stat()
		pkg, err := export.Open(f, info.Size())
		if err != nil {
			t.Fatalf("the saved file does not open as a package: %v", err)
		}
		found := map[string]bool{}
		if err := pkg.Rows("meeting_notes", func(row map[string]any) error {
			found[row["body"].(string)] = true
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		if !found[chairsPrivateNote] {
			t.Error("the chair's private note is missing")
		}
		if found[directorsPrivateNote] {
			t.Error("the director's private note is in the chair's export")
		}
	})
}

// TestTheHandoverDossierOpensStyledFromTheExportScreen: the chair makes the dossier and
// opens it from the screen. The dossier is a blob: document, which inherits the app's
// Content-Security-Policy, so its inline stylesheet must be allowed by that policy.
func TestTheHandoverDossierOpensStyledFromTheExportScreen(t *testing.T) {
	s := apptest.Start(t)
	b := startBrowser(t)
	p := newPage(t, b)
	p.signInWithInvite(s.Invite(t, demo.Chair.Email, store.RoleChair, ""), "")
	p.downloadsTo(t.TempDir())
	p.clickThrough("#nav-mer", "mer")
	p.clickThrough("#more-export", "export")
	p.step("choose Överlämning and export",
		chromedp.WaitVisible(chromedp.CSS("#export-kind")),
		centredClick(`#export input[name="export-kind"][value="2"]`),
		centredClick("#export-form-submit"),
		chromedp.WaitVisible(chromedp.CSS("#export-open")))
	href := eval[string](p, `document.querySelector("#export-open").href`)
	if !strings.HasPrefix(href, "blob:") {
		t.Fatalf("Öppna överlämningen links to %q", href)
	}
	p.exec(`location.href = document.querySelector("#export-open").href`)
	// Poll from here: a poll inside the page dies with the page it started in.
	for deadline := time.Now().Add(stepTimeout); ; time.Sleep(50 * time.Millisecond) {
		opened, err := chromedp.Run(p.ctx, chromedp.Evaluate[bool](`location.protocol === "blob:" && document.readyState === "complete"`))
		if err == nil && opened {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the dossier did not open")
		}
	}
	if !eval[bool](p, `[...document.querySelectorAll("style")].every((s) => s.sheet !== null && s.sheet.cssRules.length > 0)`) {
		t.Fatal("the dossier's stylesheet was blocked when opened from the app")
	}
	p.screenshot("handover-opened-from-export-pixel5")
}
