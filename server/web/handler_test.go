package web_test

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/samspel/samspel/server/apptest"
)

func TestAppPathsServeTheShellAndMissingFilesAre404(t *testing.T) {
	s := apptest.Start(t)
	for _, c := range []struct {
		path      string
		status    int
		wantShell bool
	}{
		{"/", 200, true},
		{"/anteckningar", 200, true},
		{"/moten/12", 200, true},
		{"/assets/nothing.js", 404, false},
		{"/nothing.png", 404, false},
		{"/manifest.webmanifest", 200, false},
	} {
		t.Run(c.path+" answers "+http.StatusText(c.status), func(t *testing.T) {
			res, err := http.Get(s.URL + c.path)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if res.StatusCode != c.status {
				t.Fatalf("status %d, want %d", res.StatusCode, c.status)
			}
			if shell := strings.Contains(string(body), `<main id="main">`); shell != c.wantShell {
				t.Errorf("shell served: %v, want %v", shell, c.wantShell)
			}
			if res.Header.Get("Content-Security-Policy") == "" {
				t.Error("no Content-Security-Policy header")
			}
		})
	}
}

func TestCrossSiteGRPCWebIsRefused(t *testing.T) {
	s := apptest.Start(t)
	req, _ := http.NewRequest(http.MethodPost, s.URL+"/samspel.v1.AuthService/GetMe", strings.NewReader("\x00\x00\x00\x00\x00"))
	req.Header.Set("Content-Type", "application/grpc-web+proto")
	req.Header.Set("Origin", "https://evil.example")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusForbidden {
		t.Errorf("status %d, want 403", res.StatusCode)
	}
}
