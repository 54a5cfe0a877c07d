// Package pwa holds Samspel's phone app: the TypeScript sources under src/ and the built,
// committed files under dist/ that the server embeds and serves.
//
// dist/ is written by scripts/build-pwa and committed, so building the server needs
// neither Node nor a bundler; CI rebuilds it and fails when the result differs.
package pwa

import (
	"embed"
	"io/fs"
)

// dist is the built app. "all:" keeps files whose names start with "." or "_", so what
// the build writes is exactly what gets served.
//
//go:embed all:dist
var dist embed.FS

// FS returns the built app with dist/ as its root: index.html, the content-hashed
// JavaScript and CSS, manifest.webmanifest, the icons and sw.js.
func FS() fs.FS {
	sub, err := fs.Sub(dist, "dist")
	if err != nil {
		// fs.Sub fails only for an invalid path name, and "dist" is a constant.
		panic(err)
	}
	return sub
}
