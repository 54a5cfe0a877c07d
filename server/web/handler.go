// Package web puts native gRPC, grpc-web, the health probe and the PWA on one port.
package web

import (
	"context"
	"io/fs"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/improbable-eng/grpc-web/go/grpcweb"
	"google.golang.org/grpc"

	"github.com/samspel/samspel/server/export"
)

// Pinger answers whether the database is reachable.
type Pinger interface {
	Ping(ctx context.Context) error
}

// csp allows nothing inline and nothing from elsewhere: the PWA is one origin.
// csp allows nothing inline except the handover dossier's stylesheet, by its hash.
var csp = "default-src 'self'; script-src 'self'; style-src 'self' " + export.HandoverStyleSource() + "; img-src 'self' data:; connect-src 'self'; " +
	"manifest-src 'self'; worker-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"

// Route is a plain HTTP endpoint beside gRPC, such as the identity provider's redirect
// back. It gets the same security headers as everything else and must do its own rate
// limiting and auditing.
type Route struct {
	Path    string
	Handler http.Handler
}

// NewHandler routes a request: HTTP/2 application/grpc to the gRPC server, grpc-web to
// the wrapper (same origin only), /healthz to the probe, /metrics to Prometheus, routes
// to their handlers, and the rest to the PWA.
func NewHandler(gs *grpc.Server, pwa fs.FS, db Pinger, metrics http.Handler, routes ...Route) http.Handler {
	// The wrapper's own CORS handling stays at its default, which allows no other origin:
	// the PWA is same-origin and nothing else should call it from a browser.
	wrapped := grpcweb.WrapServer(gs)
	static := http.FileServerFS(pwa)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// Every response carries the security headers, native gRPC too: a browser never
		// renders those, but "every" is easier to check than "every that matters". Setting
		// headers is safe; writing them early is what breaks gRPC's trailers-only errors.
		securityHeaders(w.Header(), r)
		ct := r.Header.Get("Content-Type")
		if r.ProtoMajor == 2 && strings.HasPrefix(ct, "application/grpc") && !strings.HasPrefix(ct, "application/grpc-web") {
			gs.ServeHTTP(w, r)
			return
		}
		if wrapped.IsGrpcWebRequest(r) {
			if !sameOrigin(r) {
				http.Error(w, "cross-origin requests are not allowed", http.StatusForbidden)
				return
			}
			wrapped.HandleGrpcWebRequest(w, r)
			return
		}
		for _, rt := range routes {
			if r.URL.Path == rt.Path {
				rt.Handler.ServeHTTP(w, r)
				return
			}
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		if r.URL.Path == "/healthz" {
			healthz(w, r, db)
			return
		}
		if r.URL.Path == "/metrics" {
			metrics.ServeHTTP(w, r)
			return
		}
		if appPath(pwa, r.URL.Path) {
			// The PWA routes by path: /anteckningar is the app shell, like / is.
			r = r.Clone(r.Context())
			r.URL.Path = "/"
		}
		cacheHeaders(w.Header(), r.URL.Path)
		static.ServeHTTP(w, r)
	})
}

func securityHeaders(h http.Header, r *http.Request) {
	h.Set("Content-Security-Policy", csp)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	h.Set("Cross-Origin-Resource-Policy", "same-origin")
	h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()")
	if r.TLS != nil {
		h.Set("Strict-Transport-Security", "max-age=63072000; includeSubDomains")
	}
}

// cacheHeaders lets hashed assets live forever and makes everything else revalidate, so
// a new release reaches phones on their next start.
func cacheHeaders(h http.Header, path string) {
	if strings.HasPrefix(path, "/assets/") {
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
		return
	}
	h.Set("Cache-Control", "no-cache")
}

// sameOrigin refuses browser requests from other sites. Browsers send Sec-Fetch-Site;
// older ones send Origin on POST; scripts send neither and are let through, since they
// must present a bearer token anyway.
func sameOrigin(r *http.Request) bool {
	switch r.Header.Get("Sec-Fetch-Site") {
	case "", "same-origin", "none":
	default:
		return false
	}
	origin := r.Header.Get("Origin")
	if origin == "" {
		return true
	}
	u, err := url.Parse(origin)
	return err == nil && u.Host == r.Host
}

func healthz(w http.ResponseWriter, r *http.Request, db Pinger) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	if err := db.Ping(ctx); err != nil {
		w.WriteHeader(http.StatusServiceUnavailable)
		w.Write([]byte("database unavailable\n"))
		return
	}
	w.Write([]byte("ok\n"))
}

// appPath reports whether path is one of the PWA's own screens rather than a file: no
// such file, and no extension in its last segment (a missing /x.js stays a 404).
func appPath(pwa fs.FS, path string) bool {
	name := strings.TrimPrefix(path, "/")
	if name == "" || strings.HasPrefix(name, "assets/") || strings.Contains(name[strings.LastIndex(name, "/")+1:], ".") {
		return false
	}
	_, err := fs.Stat(pwa, name)
	return err != nil
}
