package auth

import (
	"strings"
	"testing"
)

func TestSessionFromCookieHeader(t *testing.T) {
	secret, _ := NewSecret(PrefixSession)
	for _, c := range []struct {
		name   string
		header []string
		want   string
	}{
		{"finds the session among other cookies", []string{"a=1; " + CookieName + "=" + secret + "; b=2"}, secret},
		{"ignores a cookie without the session prefix", []string{CookieName + "=spt_x"}, ""},
		{"ignores other names", []string{"session=" + secret}, ""},
		{"survives garbage", []string{";;==;"}, ""},
		{"is empty without a header", nil, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := SessionFromCookieHeader(c.header); got != c.want {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
}

// FuzzSessionFromCookieHeader feeds arbitrary Cookie headers: parsing must never panic
// and may only ever return a value that carries the session prefix.
func FuzzSessionFromCookieHeader(f *testing.F) {
	f.Add(CookieName + "=ss_abc; other=1")
	f.Add("=;=;" + CookieName)
	f.Add(strings.Repeat(CookieName+"=ss_", 50))
	f.Fuzz(func(t *testing.T, header string) {
		got := SessionFromCookieHeader([]string{header})
		if got != "" && !strings.HasPrefix(got, PrefixSession) {
			t.Fatalf("returned %q", got)
		}
	})
}
