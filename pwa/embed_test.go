package pwa

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"image/png"
	"io/fs"
	"path"
	"regexp"
	"strings"
	"testing"
)

// These tests read the committed build, so a dist/ that is broken, over budget or at odds
// with the CSP fails `go test ./...` even before CI rebuilds it.

func readDist(t *testing.T, name string) []byte {
	t.Helper()
	b, err := fs.ReadFile(FS(), name)
	if err != nil {
		t.Fatalf("dist/%s: %v", name, err)
	}
	return b
}

var localRef = regexp.MustCompile(`(?:src|href)="(/[^"]*)"`)

func TestIndexReferencesOnlyFilesThatExist(t *testing.T) {
	html := string(readDist(t, "index.html"))
	refs := localRef.FindAllStringSubmatch(html, -1)
	if len(refs) == 0 {
		t.Fatal("index.html references no local files")
	}
	for _, m := range refs {
		if _, err := fs.Stat(FS(), strings.TrimPrefix(m[1], "/")); err != nil {
			t.Errorf("index.html references %s, which is not in dist: %v", m[1], err)
		}
	}
}

var scriptTag = regexp.MustCompile(`<script[^>]*>`)

func TestIndexNeedsNoUnsafeInline(t *testing.T) {
	html := string(readDist(t, "index.html"))
	for _, tag := range scriptTag.FindAllString(html, -1) {
		if !strings.Contains(tag, ` src="`) {
			t.Errorf("index.html has an inline script, which the CSP blocks: %s", tag)
		}
	}
	for what, re := range map[string]*regexp.Regexp{
		"a style element":            regexp.MustCompile(`<style`),
		"a style attribute":          regexp.MustCompile(`\sstyle=`),
		"an event handler attribute": regexp.MustCompile(`\son[a-z]+=`),
	} {
		if loc := re.FindStringIndex(html); loc != nil {
			t.Errorf("index.html has %s, which the CSP blocks: %q", what, html[loc[0]:min(loc[1]+40, len(html))])
		}
	}
	if !strings.Contains(html, `<html lang="sv">`) {
		t.Error(`index.html does not declare <html lang="sv">`)
	}
}

// staticImport finds esbuild's static imports (`from"./chunk.js"`, `import"./chunk.js"`),
// not dynamic ones (`import("./chunk.js")`).
var staticImport = regexp.MustCompile(`(?:from|import)"(\./[^"]+\.js)"`)

func TestFirstLoadIsWithinBudget(t *testing.T) {
	const budget = 60 * 1024
	html := readDist(t, "index.html")
	files := []string{"index.html", "manifest.webmanifest"}
	for _, m := range localRef.FindAllStringSubmatch(string(html), -1) {
		if strings.HasSuffix(m[1], ".js") || strings.HasSuffix(m[1], ".css") {
			files = append(files, strings.TrimPrefix(m[1], "/"))
		}
	}
	// The chunks the entry imports statically load before it runs, so they are part of
	// the first load too; import("...") chunks load when a screen needs them.
	seen := map[string]bool{}
	for i := 0; i < len(files); i++ {
		name := files[i]
		if !strings.HasSuffix(name, ".js") {
			continue
		}
		for _, m := range staticImport.FindAllStringSubmatch(string(readDist(t, name)), -1) {
			chunk := path.Join(path.Dir(name), m[1])
			if !seen[chunk] {
				seen[chunk] = true
				files = append(files, chunk)
			}
		}
	}
	if len(seen) == 0 {
		t.Fatal("the entry imports no chunks: has the build stopped splitting code, or this test stopped seeing it?")
	}
	total := 0
	for _, name := range files {
		var buf bytes.Buffer
		w := gzip.NewWriter(&buf)
		w.Write(readDist(t, name))
		w.Close()
		total += buf.Len()
	}
	if total > budget {
		t.Errorf("first load (%s) is %d B gzipped, over the %d B budget", strings.Join(files, ", "), total, budget)
	}
	t.Logf("first load: %d files, %d B gzipped of %d B", len(files), total, budget)
}

var shellList = regexp.MustCompile(`\["/"(?:,"[^"]+")*\]`)

func TestServiceWorkerPrecachesTheCurrentShell(t *testing.T) {
	sw := readDist(t, "sw.js")
	list := shellList.Find(sw)
	if list == nil {
		t.Fatal(`sw.js holds no precache list starting with "/"`)
	}
	var urls []string
	if err := json.Unmarshal(list, &urls); err != nil {
		t.Fatal(err)
	}
	html := string(readDist(t, "index.html"))
	for _, u := range urls[1:] {
		if _, err := fs.Stat(FS(), strings.TrimPrefix(u, "/")); err != nil {
			t.Errorf("sw.js precaches %s, which is not in dist", u)
		}
	}
	for _, m := range localRef.FindAllStringSubmatch(html, -1) {
		if !strings.Contains(string(list), `"`+m[1]+`"`) {
			t.Errorf("index.html needs %s, which sw.js does not precache: the shell would not start offline", m[1])
		}
	}
	if bytes.Contains(sw, []byte(`"/index.html"`)) {
		t.Error(`sw.js caches "/index.html"; Go's file server redirects it to "/"`)
	}
}

func TestManifestIsInstallable(t *testing.T) {
	var m struct {
		Name       string `json:"name"`
		Lang       string `json:"lang"`
		StartURL   string `json:"start_url"`
		Display    string `json:"display"`
		ThemeColor string `json:"theme_color"`
		Icons      []struct {
			Src, Sizes, Type, Purpose string
		} `json:"icons"`
	}
	if err := json.Unmarshal(readDist(t, "manifest.webmanifest"), &m); err != nil {
		t.Fatal(err)
	}
	if m.Name != "Samspel" || m.Lang != "sv" || m.StartURL != "/" || m.Display != "standalone" || m.ThemeColor == "" {
		t.Errorf("manifest = %+v; want name Samspel, lang sv, start_url /, display standalone and a theme colour", m)
	}
	seen := map[string]bool{}
	for _, ic := range m.Icons {
		img, err := png.Decode(bytes.NewReader(readDist(t, strings.TrimPrefix(ic.Src, "/"))))
		if err != nil {
			t.Errorf("icon %s: %v", ic.Src, err)
			continue
		}
		if got := fmt.Sprintf("%dx%d", img.Bounds().Dx(), img.Bounds().Dy()); got != ic.Sizes {
			t.Errorf("icon %s is %s, the manifest says %s", ic.Src, got, ic.Sizes)
		}
		seen[ic.Purpose+" "+ic.Sizes] = true
	}
	for _, want := range []string{"any 192x192", "any 512x512", "maskable 512x512"} {
		if !seen[want] {
			t.Errorf("manifest has no %s icon", want)
		}
	}
}
