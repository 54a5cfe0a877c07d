package web_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"

	"google.golang.org/grpc"
	"google.golang.org/grpc/metadata"

	"github.com/samspel/samspel/server/apptest"
	samspelv1 "github.com/samspel/samspel/server/gen/samspel/v1"
	"github.com/samspel/samspel/server/idp"
)

// request is one kind of response Samspel gives; together they cover every route.
type request struct {
	name, method, path string
	header             http.Header
	body               string
}

func requests(t *testing.T, base string) []request {
	t.Helper()
	res, err := http.Get(base + "/")
	if err != nil {
		t.Fatal(err)
	}
	html, _ := io.ReadAll(res.Body)
	res.Body.Close()
	asset := regexp.MustCompile(`/assets/main-[A-Z0-9]+\.js`).FindString(string(html))
	if asset == "" {
		t.Fatalf("no hashed script in the app's page")
	}
	grpcWeb := http.Header{"Content-Type": {"application/grpc-web+proto"}, "X-Grpc-Web": {"1"}}
	return []request{
		{name: "the app's page", method: "GET", path: "/"},
		{name: "a hashed script", method: "GET", path: asset},
		{name: "the service worker", method: "GET", path: "/sw.js"},
		{name: "the manifest", method: "GET", path: "/manifest.webmanifest"},
		{name: "the health probe", method: "GET", path: "/healthz"},
		{name: "a missing file", method: "GET", path: "/nowhere"},
		{name: "a redirect", method: "GET", path: "/index.html"},
		{name: "a refused method", method: "POST", path: "/", body: "x"},
		{name: "a grpc-web answer", method: "POST", path: samspelv1.AuthService_GetMe_FullMethodName, header: grpcWeb, body: "\x00\x00\x00\x00\x00"},
		{name: "a refused cross-site grpc-web call", method: "POST", path: samspelv1.AuthService_GetMe_FullMethodName,
			header: http.Header{"Content-Type": {"application/grpc-web+proto"}, "X-Grpc-Web": {"1"}, "Sec-Fetch-Site": {"cross-site"}}, body: "\x00\x00\x00\x00\x00"},
		{name: "the identity provider's redirect back", method: "GET", path: idp.CallbackPath + "?state=x&code=y"},
	}
}

// want is what every response must say, whatever it is.
var want = []struct{ header, pattern string }{
	{"Content-Security-Policy", `frame-ancestors 'none'`},
	{"X-Content-Type-Options", `^nosniff$`},
	{"Referrer-Policy", `^no-referrer$`},
	{"X-Frame-Options", `^DENY$`},
}

func checkHeaders(t *testing.T, h http.Header, tls bool) {
	t.Helper()
	for _, w := range want {
		if got := h.Get(w.header); !regexp.MustCompile(w.pattern).MatchString(got) {
			t.Errorf("%s = %q; want it to match %s", w.header, got, w.pattern)
		}
	}
	csp := h.Get("Content-Security-Policy")
	for _, bad := range []string{"'unsafe-inline'", "'unsafe-eval'", "*"} {
		if strings.Contains(csp, bad) {
			t.Errorf("the CSP allows %s: %s", bad, csp)
		}
	}
	hsts := h.Get("Strict-Transport-Security")
	switch {
	case tls && !strings.HasPrefix(hsts, "max-age="):
		t.Errorf("served over TLS without Strict-Transport-Security")
	case !tls && hsts != "":
		t.Errorf("Strict-Transport-Security over plain HTTP, where browsers ignore it: %q", hsts)
	}
}

func TestEveryResponseCarriesTheSecurityHeaders(t *testing.T) {
	s := apptest.Start(t)
	tlsSrv := httptest.NewTLSServer(s.Handler)
	t.Cleanup(tlsSrv.Close)
	for _, tc := range []struct {
		scheme string
		base   string
		client *http.Client
		tls    bool
	}{
		{"plain HTTP", s.URL, http.DefaultClient, false},
		{"TLS", tlsSrv.URL, tlsSrv.Client(), true},
	} {
		for _, r := range requests(t, s.URL) {
			t.Run(r.name+" over "+tc.scheme+" carries the security headers", func(t *testing.T) {
				req, _ := http.NewRequest(r.method, tc.base+r.path, strings.NewReader(r.body))
				for k, v := range r.header {
					req.Header[k] = v
				}
				client := *tc.client
				client.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
				res, err := client.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				io.Copy(io.Discard, res.Body)
				res.Body.Close()
				t.Logf("%s %s -> %d", r.method, r.path, res.StatusCode)
				checkHeaders(t, res.Header, tc.tls)
			})
		}
	}
	t.Run("a native gRPC answer carries the security headers", func(t *testing.T) {
		var md metadata.MD
		samspelv1.NewAuthServiceClient(s.Conn).GetMe(context.Background(), &samspelv1.GetMeRequest{}, grpc.Header(&md))
		h := http.Header{}
		for k, v := range md {
			h[http.CanonicalHeaderKey(k)] = v
		}
		checkHeaders(t, h, false)
	})
}
