// Command build bundles Samspel's phone app from pwa/src into pwa/dist.
//
// It runs from the repository root (scripts/build-pwa does that) and writes:
//
//	index.html             references the hashed JS and CSS; no inline script or style (CSP)
//	assets/main-HASH.js    the minified app and its CSS, named by content hash; the server
//	assets/app-HASH.css    lets everything under /assets/ be cached forever
//	manifest.webmanifest   the install manifest, in Swedish
//	icon-*.png             drawn here, pixel by pixel, so no image tool is needed
//	sw.js                  the service worker, told which files make up this version of the shell
//
// The output is byte-identical from run to run: CI rebuilds dist and fails on any diff.
// Files in dist that this run did not write (old hashed bundles) are removed.
package main

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/evanw/esbuild/pkg/api"
)

const (
	srcDir  = "pwa/src"
	distDir = "pwa/dist"

	// budget is the most the first load may weigh, gzipped: HTML, JS, CSS and manifest.
	budget = 60 * 1024
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "build-pwa:", err)
		os.Exit(1)
	}
}

func run() error {
	root, err := os.Getwd()
	if err != nil {
		return err
	}
	if _, err := os.Stat(filepath.Join(root, srcDir, "main.ts")); err != nil {
		return fmt.Errorf("run me from the repository root: %w", err)
	}

	out := map[string][]byte{} // file name in dist -> contents

	js, css, chunks, err := bundleApp(root, out)
	if err != nil {
		return err
	}
	html, err := renderIndex(js, css)
	if err != nil {
		return err
	}
	out["index.html"] = html

	manifest, err := manifestJSON()
	if err != nil {
		return err
	}
	out["manifest.webmanifest"] = manifest

	for _, ic := range icons {
		b, err := ic.png()
		if err != nil {
			return fmt.Errorf("icon %s: %w", ic.name, err)
		}
		out[ic.name] = b
	}

	// The service worker is built last: it needs the names and the combined hash of
	// everything it precaches. sw.js itself is not precached; the browser checks it for
	// updates on its own.
	shell := []string{"/", "/" + js, "/" + css, "/manifest.webmanifest"}
	for _, ic := range icons {
		shell = append(shell, "/"+ic.name)
	}
	// Every chunk too, loaded at once or on first use, so each screen starts offline.
	for _, c := range chunks.all {
		shell = append(shell, "/"+c)
	}
	sw, err := bundleServiceWorker(root, shell, shellVersion(out))
	if err != nil {
		return err
	}
	out["sw.js"] = sw

	if err := writeDist(filepath.Join(root, distDir), out); err != nil {
		return err
	}
	return reportSizes(out, append([]string{"index.html", js, css, "manifest.webmanifest"}, chunks.static...))
}

// chunkSet names the JS chunks besides the entry: those the entry imports statically
// (part of the first load) and all of them (screens loaded on first use included).
type chunkSet struct {
	static, all []string
}

// bundleApp builds main.ts and app.css into content-hashed files, adds them to out and
// returns their names. Code behind a dynamic import() goes into chunks of its own, so
// a feature's screens and generated clients stay out of the first load.
func bundleApp(root string, out map[string][]byte) (js, css string, chunks chunkSet, err error) {
	res := api.Build(api.BuildOptions{
		AbsWorkingDir:     root,
		EntryPoints:       []string{srcDir + "/main.ts", srcDir + "/app.css"},
		Outdir:            distDir,
		EntryNames:        "assets/[name]-[hash]",
		ChunkNames:        "assets/chunk-[hash]",
		Splitting:         true,
		Metafile:          true,
		Bundle:            true,
		Format:            api.FormatESModule,
		Platform:          api.PlatformBrowser,
		Target:            api.ES2020,
		MinifyWhitespace:  true,
		MinifyIdentifiers: true,
		MinifySyntax:      true,
		Charset:           api.CharsetUTF8,
		TreeShaking:       api.TreeShakingTrue,
		LogLevel:          api.LogLevelWarning,
		Write:             false,
	})
	if len(res.Errors) > 0 {
		return "", "", chunks, fmt.Errorf("esbuild: %d error(s) in the app bundle", len(res.Errors))
	}
	for _, f := range res.OutputFiles {
		name, err := filepath.Rel(filepath.Join(root, distDir), f.Path)
		if err != nil {
			return "", "", chunks, err
		}
		name = filepath.ToSlash(name)
		out[name] = f.Contents
		switch {
		case filepath.Ext(name) == ".css":
			css = name
		case strings.HasPrefix(name, "assets/main-") && filepath.Ext(name) == ".js":
			js = name
		case filepath.Ext(name) == ".js":
			chunks.all = append(chunks.all, name)
		}
	}
	if js == "" || css == "" {
		return "", "", chunks, errors.New("esbuild wrote no JS or no CSS")
	}
	sort.Strings(chunks.all)
	chunks.static, err = staticImports(res.Metafile, distDir+"/"+js)
	return js, css, chunks, err
}

// staticImports lists the chunks that entry imports with import statements, directly
// or through other chunks: the browser fetches them before the app can start.
func staticImports(metafile, entry string) ([]string, error) {
	var meta struct {
		Outputs map[string]struct {
			Imports []struct {
				Path string `json:"path"`
				Kind string `json:"kind"`
			} `json:"imports"`
		} `json:"outputs"`
	}
	if err := json.Unmarshal([]byte(metafile), &meta); err != nil {
		return nil, fmt.Errorf("esbuild metafile: %w", err)
	}
	seen := map[string]bool{}
	var walk func(string)
	walk = func(path string) {
		for _, imp := range meta.Outputs[path].Imports {
			if imp.Kind == "import-statement" && !seen[imp.Path] {
				seen[imp.Path] = true
				walk(imp.Path)
			}
		}
	}
	walk(entry)
	var out []string
	for path := range seen {
		out = append(out, strings.TrimPrefix(path, distDir+"/"))
	}
	sort.Strings(out)
	return out, nil
}

// renderIndex fills src/index.html with the hashed bundle names.
func renderIndex(js, css string) ([]byte, error) {
	tmpl, err := template.ParseFiles(filepath.Join(srcDir, "index.html"))
	if err != nil {
		return nil, err
	}
	var b bytes.Buffer
	err = tmpl.Execute(&b, struct{ JS, CSS, ThemeLight, ThemeDark string }{
		JS:         "/" + js,
		CSS:        "/" + css,
		ThemeLight: themeLight,
		ThemeDark:  themeDark,
	})
	return b.Bytes(), err
}

// shellVersion hashes every file the service worker precaches, so any change to the
// shell gives a new cache name and the old cache is dropped on activate.
func shellVersion(out map[string][]byte) string {
	names := make([]string, 0, len(out))
	for name := range out {
		names = append(names, name)
	}
	sort.Strings(names)
	h := sha256.New()
	for _, name := range names {
		fmt.Fprintf(h, "%s %d\n", name, len(out[name]))
		h.Write(out[name])
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// bundleServiceWorker builds sw.ts as a classic script (module service workers are not
// supported everywhere yet), with the precache list and the cache name compiled in.
func bundleServiceWorker(root string, shell []string, version string) ([]byte, error) {
	list, err := json.Marshal(shell)
	if err != nil {
		return nil, err
	}
	name, err := json.Marshal("samspel-" + version)
	if err != nil {
		return nil, err
	}
	res := api.Build(api.BuildOptions{
		AbsWorkingDir:     root,
		EntryPoints:       []string{srcDir + "/sw.ts"},
		Outfile:           distDir + "/sw.js",
		Bundle:            true,
		Format:            api.FormatIIFE,
		Platform:          api.PlatformBrowser,
		Target:            api.ES2020,
		MinifyWhitespace:  true,
		MinifyIdentifiers: true,
		MinifySyntax:      true,
		Charset:           api.CharsetUTF8,
		LogLevel:          api.LogLevelWarning,
		Define: map[string]string{
			"SHELL_FILES": string(list),
			"CACHE_NAME":  string(name),
		},
		Write: false,
	})
	if len(res.Errors) > 0 {
		return nil, fmt.Errorf("esbuild: %d error(s) in the service worker", len(res.Errors))
	}
	if len(res.OutputFiles) != 1 {
		return nil, fmt.Errorf("esbuild wrote %d files for the service worker, want 1", len(res.OutputFiles))
	}
	return res.OutputFiles[0].Contents, nil
}

// writeDist makes dir hold exactly the files in out (names are slash-separated paths
// relative to dir): it removes the rest, so stale hashed bundles do not pile up in git,
// and writes the new ones.
func writeDist(dir string, out map[string][]byte) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	var stale []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(dir, path)
		if err != nil {
			return err
		}
		if _, keep := out[filepath.ToSlash(rel)]; !keep {
			stale = append(stale, path)
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, path := range stale {
		if err := os.Remove(path); err != nil {
			return err
		}
	}
	for name, b := range out {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, b, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// reportSizes prints every file's size and, for the first load, its gzipped size, and
// fails when the first load is over budget.
func reportSizes(out map[string][]byte, firstLoad []string) error {
	names := make([]string, 0, len(out))
	for name := range out {
		names = append(names, name)
	}
	sort.Strings(names)
	inFirst := map[string]bool{}
	for _, n := range firstLoad {
		inFirst[n] = true
	}
	total := 0
	for _, name := range names {
		line := fmt.Sprintf("  %-28s %7d B", name, len(out[name]))
		if inFirst[name] {
			gz, err := gzipSize(out[name])
			if err != nil {
				return err
			}
			total += gz
			line += fmt.Sprintf("  %6d B gzipped", gz)
		}
		fmt.Println(line)
	}
	fmt.Printf("first load (%s): %d B gzipped of a %d B budget\n", strings.Join(firstLoad, ", "), total, budget)
	if total > budget {
		return fmt.Errorf("first load is %d B gzipped, over the %d B budget", total, budget)
	}
	return nil
}

func gzipSize(b []byte) (int, error) {
	var buf bytes.Buffer
	w, err := gzip.NewWriterLevel(&buf, gzip.DefaultCompression)
	if err != nil {
		return 0, err
	}
	if _, err := w.Write(b); err != nil {
		return 0, err
	}
	if err := w.Close(); err != nil {
		return 0, err
	}
	return buf.Len(), nil
}
