package web_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"

	"google.golang.org/grpc/codes"

	"github.com/samspel/samspel/server/app"
	"github.com/samspel/samspel/server/apptest"
	"github.com/samspel/samspel/server/auth"
	samspelv1 "github.com/samspel/samspel/server/gen/samspel/v1"
	"github.com/samspel/samspel/server/web"
)

func TestTheClientAddressBehindTrustedProxies(t *testing.T) {
	trusted, err := web.ParsePrefixes("10.0.0.0/8, 192.0.2.7")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, remote string
		xff          []string
		want         string
	}{
		{"a client straight from the internet keeps its address", "203.0.113.5:4000", nil, "203.0.113.5:4000"},
		{"an untrusted client cannot claim another address", "203.0.113.5:4000", []string{"198.51.100.1"}, "203.0.113.5:4000"},
		{"one trusted proxy names the client", "192.0.2.7:5000", []string{"198.51.100.1"}, "198.51.100.1:5000"},
		{"through two proxies the right-most untrusted hop is the client", "10.1.1.1:5000", []string{"6.6.6.6, 198.51.100.1", "10.2.2.2"}, "198.51.100.1:5000"},
		{"a forged hop left of the client is ignored", "192.0.2.7:5000", []string{"10.9.9.9, 198.51.100.1"}, "198.51.100.1:5000"},
		{"IPv6 clients", "192.0.2.7:5000", []string{"2001:db8::1"}, "[2001:db8::1]:5000"},
		{"a malformed header leaves the proxy's address", "192.0.2.7:5000", []string{"not-an-address"}, "192.0.2.7:5000"},
		{"no header leaves the proxy's address", "192.0.2.7:5000", nil, "192.0.2.7:5000"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got string
			h := web.BehindProxies(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { got = r.RemoteAddr }), trusted)
			r := httptest.NewRequest(http.MethodGet, "/", nil)
			r.RemoteAddr = tc.remote
			for _, v := range tc.xff {
				r.Header.Add("X-Forwarded-For", v)
			}
			h.ServeHTTP(httptest.NewRecorder(), r)
			if got != tc.want {
				t.Errorf("RemoteAddr %q, want %q", got, tc.want)
			}
		})
	}
	for _, bad := range []string{"10.0.0.0/33", "samspel.example.se", "10.0.0.1/8/8"} {
		if _, err := web.ParsePrefixes(bad); err == nil {
			t.Errorf("ParsePrefixes(%q) took it", bad)
		}
	}
}

// Behind a trusted proxy, sign-in limits apply per person's address, not to everyone at
// once: one client hammering sign-in does not lock out the next.
func TestRateLimitsBehindATrustedProxyApplyPerClient(t *testing.T) {
	s := apptest.StartWith(t, apptest.Options{Configure: func(c *app.Config) {
		c.TrustedProxies = []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8"), netip.MustParsePrefix("::1/128")}
	}})
	redeem := func(client string) codes.Code {
		t.Helper()
		res, err := s.GRPCWeb(context.Background(), samspelv1.AuthService_RedeemInvite_FullMethodName,
			&samspelv1.RedeemInviteRequest{Token: "si_" + strings.Repeat("B", 43)}, nil, http.Header{"X-Forwarded-For": {client}})
		if err != nil {
			t.Fatal(err)
		}
		return res.Status.Code()
	}
	for range auth.ClientLimit.Burst {
		if got := redeem("198.51.100.1"); got == codes.ResourceExhausted {
			t.Fatal("refused within the burst")
		}
	}
	if got := redeem("198.51.100.1"); got != codes.ResourceExhausted {
		t.Fatalf("the hammering client got %v after its burst, want RESOURCE_EXHAUSTED", got)
	}
	if got := redeem("198.51.100.2"); got == codes.ResourceExhausted {
		t.Fatal("another client behind the same proxy was refused too")
	}
}
