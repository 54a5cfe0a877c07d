package idp_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"sync"
	"testing"

	"google.golang.org/grpc/codes"

	"github.com/samspel/samspel/server/app"
	"github.com/samspel/samspel/server/apptest"
	"github.com/samspel/samspel/server/auth"
	"github.com/samspel/samspel/server/demo"
	samspelv1 "github.com/samspel/samspel/server/gen/samspel/v1"
	"github.com/samspel/samspel/server/idp"
)

const (
	clientID     = "samspel"
	clientSecret = "s3cret-that-must-never-be-logged"
	password     = apptest.ProviderPassword
)

// The provider's accounts. "anna" is new to Samspel; "olle" is linked to nobody; "mallory"
// carries the demo chair's e-mail address, which must not be enough to become the chair.
var users = []apptest.ProviderUser{
	{Subject: "sub-anna", Username: "anna", GivenName: "Anna", FamilyName: "Lind", Email: "anna.lind@exempelstad.example"},
	{Subject: "sub-olle", Username: "olle", GivenName: "Olle", FamilyName: "Okänd", Email: "olle@exempelstad.example"},
	{Subject: "sub-mallory", Username: "mallory", GivenName: "Mallory", FamilyName: "Mask", Email: demo.Chair.Email},
}

// env is Samspel wired to a real OpenID provider, both on loopback ports.
type env struct {
	s      *apptest.Server
	issuer string
	logs   *syncBuffer
}

func start(t *testing.T) *env {
	t.Helper()
	provider := apptest.StartProvider(t, users...)
	logs := &syncBuffer{}
	s := apptest.StartWith(t, apptest.Options{Configure: func(c *app.Config) {
		c.Log = slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
		c.OIDC = []idp.Provider{{ID: "exempelstad", DisplayName: "Exempelstads kommun", Issuer: provider.Issuer, ClientID: clientID, ClientSecret: clientSecret}}
	}})
	provider.Register(clientID, clientSecret, s.URL+idp.CallbackPath)
	return &env{s: s, issuer: provider.Issuer, logs: logs}
}

// attempt is one sign-in as a browser makes it, with hooks to tamper on the way.
type attempt struct {
	invite      string           // an invite token to link with
	user        string           // the provider account that signs in
	tamperAuth  func(url.Values) // changes the authorization request's parameters
	tamperBack  func(url.Values) // changes the redirect back to Samspel
	dropBinding bool             // the browser lacks the binding cookie (another browser)
}

// result is where Samspel sent the browser, and the session it gave, if any.
type result struct {
	status   int
	location string
	session  string
	// What the browser sent back to Samspel, for a replay.
	callbackURL, binding string
}

func (e *env) signIn(t *testing.T, a attempt) result {
	t.Helper()
	ctx := context.Background()
	var begin samspelv1.BeginOidcSignInResponse
	res, err := e.s.GRPCWeb(ctx, samspelv1.AuthService_BeginOidcSignIn_FullMethodName,
		&samspelv1.BeginOidcSignInRequest{ProviderId: "exempelstad", InviteToken: a.invite}, &begin, nil)
	if err != nil || res.Status.Code() != codes.OK {
		t.Fatalf("BeginOidcSignIn: %v %v", err, res.Status)
	}
	binding := cookieValue(res.Header, "__Host-oidc")
	if binding == "" {
		t.Fatalf("BeginOidcSignIn set no binding cookie: %v", res.Header.Values("Set-Cookie"))
	}
	authURL, _ := url.Parse(begin.AuthorizationUrl)
	q := authURL.Query()
	for _, p := range []string{"state", "nonce", "code_challenge"} {
		if q.Get(p) == "" {
			t.Fatalf("the authorization URL has no %s: %s", p, authURL)
		}
	}
	if q.Get("code_challenge_method") != "S256" {
		t.Fatalf("the authorization URL does not use PKCE with S256: %s", authURL)
	}
	if a.tamperAuth != nil {
		a.tamperAuth(q)
		authURL.RawQuery = q.Encode()
	}

	// At the provider: its login form, then its redirect back to Samspel, which this
	// client stops at (a browser would follow it with the binding cookie).
	jar, _ := cookiejar.New(nil)
	samspelHost := strings.TrimPrefix(e.s.URL, "http://")
	browser := &http.Client{Jar: jar, CheckRedirect: func(req *http.Request, _ []*http.Request) error {
		if req.URL.Host == samspelHost {
			return http.ErrUseLastResponse
		}
		return nil
	}}
	page, err := browser.Get(authURL.String())
	if err != nil {
		t.Fatalf("open the provider's login page: %v", err)
	}
	page.Body.Close()
	id := page.Request.URL.Query().Get("authRequestID")
	if id == "" {
		t.Fatalf("the provider did not show its login form: %s (%d)", page.Request.URL, page.StatusCode)
	}
	back, err := browser.PostForm(e.issuer+"/login/username", url.Values{"id": {id}, "username": {a.user}, "password": {password}})
	if err != nil {
		t.Fatalf("log in at the provider: %v", err)
	}
	back.Body.Close()
	callback, err := url.Parse(back.Header.Get("Location"))
	if err != nil || !strings.HasPrefix(callback.String(), e.s.URL+idp.CallbackPath) {
		t.Fatalf("the provider did not send the browser back to Samspel: %d %q", back.StatusCode, back.Header.Get("Location"))
	}
	if a.tamperBack != nil {
		cq := callback.Query()
		a.tamperBack(cq)
		callback.RawQuery = cq.Encode()
	}
	r := e.callback(t, callback.String(), binding, a.dropBinding)
	r.callbackURL, r.binding = callback.String(), binding
	return r
}

func (e *env) callback(t *testing.T, callbackURL, binding string, drop bool) result {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, callbackURL, nil)
	if !drop {
		req.Header.Set("Cookie", "__Host-oidc="+binding)
	}
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := noFollow.Do(req)
	if err != nil {
		t.Fatalf("the redirect back to Samspel: %v", err)
	}
	io.Copy(io.Discard, res.Body)
	res.Body.Close()
	return result{status: res.StatusCode, location: res.Header.Get("Location"), session: cookieValue(res.Header, auth.CookieName)}
}

func cookieValue(h http.Header, name string) string {
	for _, sc := range h.Values("Set-Cookie") {
		c, err := http.ParseSetCookie(sc)
		if err == nil && c.Name == name && c.MaxAge >= 0 {
			return c.Value
		}
	}
	return ""
}

func (e *env) whoIs(t *testing.T, session string) string {
	t.Helper()
	var me samspelv1.GetMeResponse
	res, err := e.s.GRPCWeb(context.Background(), samspelv1.AuthService_GetMe_FullMethodName, &samspelv1.GetMeRequest{}, &me,
		http.Header{"Cookie": {auth.CookieName + "=" + session}})
	if err != nil || res.Status.Code() != codes.OK {
		t.Fatalf("GetMe with the new session: %v %v", err, res.Status)
	}
	return me.GetMe().GetPerson().GetDisplayName()
}

func inviteToken(t *testing.T, s *apptest.Server, email string, role int32) string {
	t.Helper()
	_, tok, _ := strings.Cut(s.Invite(t, email, role, ""), "#invite=")
	return tok
}

func (e *env) refused(t *testing.T, r result, code, reason string) {
	t.Helper()
	if r.status != http.StatusSeeOther || r.location != "/#signin-error="+code {
		t.Errorf("sent to %d %q; want 303 /#signin-error=%s", r.status, r.location, code)
	}
	if r.session != "" {
		t.Errorf("a refused sign-in set a session cookie")
	}
	if e.s.AuditCount(t, "oidc.sign_in", false, reason) == 0 {
		t.Errorf("no failed oidc.sign_in with %q in the audit log", reason)
	}
}

func TestSignInThroughTheOrganisationsProvider(t *testing.T) {
	e := start(t)

	t.Run("the sign-in screen is told about the provider", func(t *testing.T) {
		var opts samspelv1.GetSignInOptionsResponse
		res, err := e.s.GRPCWeb(context.Background(), samspelv1.AuthService_GetSignInOptions_FullMethodName, &samspelv1.GetSignInOptionsRequest{}, &opts, nil)
		if err != nil || res.Status.Code() != codes.OK {
			t.Fatal(err, res.Status)
		}
		if len(opts.IdentityProviders) != 1 || opts.IdentityProviders[0].DisplayName != "Exempelstads kommun" {
			t.Errorf("providers = %v", opts.IdentityProviders)
		}
	})
	t.Run("an invited person signs in through the provider and is linked", func(t *testing.T) {
		r := e.signIn(t, attempt{invite: inviteToken(t, e.s, "anna.lind@exempelstad.example", 5), user: "anna"})
		if r.status != http.StatusSeeOther || r.location != "/" || r.session == "" {
			t.Fatalf("sent to %d %q with session %v; want 303 / with a session", r.status, r.location, r.session != "")
		}
		if who := e.whoIs(t, r.session); who != "Anna Lind" {
			t.Errorf("signed in as %q; want the provider's name for the new person, Anna Lind", who)
		}
		if e.s.AuditCount(t, "oidc.sign_in", true, "linked") == 0 {
			t.Errorf("no successful oidc.sign_in that says it linked the account")
		}
	})
	t.Run("the linked person signs in again without an invite", func(t *testing.T) {
		r := e.signIn(t, attempt{user: "anna"})
		if r.location != "/" || r.session == "" {
			t.Fatalf("sent to %q with session %v; want / with a session", r.location, r.session != "")
		}
		if who := e.whoIs(t, r.session); who != "Anna Lind" {
			t.Errorf("signed in as %q", who)
		}
	})
	t.Run("an unknown subject is refused", func(t *testing.T) {
		e.refused(t, e.signIn(t, attempt{user: "olle"}), "unknown", "subject:sub-olle reason:linked to nobody")
	})
	t.Run("an account with a known person's e-mail address is still refused: e-mail alone links nobody", func(t *testing.T) {
		e.refused(t, e.signIn(t, attempt{user: "mallory"}), "unknown", "subject:sub-mallory reason:linked to nobody")
	})
	t.Run("a tampered state is refused", func(t *testing.T) {
		e.refused(t, e.signIn(t, attempt{user: "anna", tamperBack: func(q url.Values) { q.Set("state", q.Get("state")+"x") }}),
			"failed", "reason:state mismatch")
	})
	t.Run("a tampered nonce is refused", func(t *testing.T) {
		e.refused(t, e.signIn(t, attempt{user: "anna", tamperAuth: func(q url.Values) { q.Set("nonce", "attacker-chosen-nonce") }}),
			"failed", "reason:nonce mismatch")
	})
	t.Run("a redirect back without this browser's binding cookie is refused", func(t *testing.T) {
		e.refused(t, e.signIn(t, attempt{user: "anna", dropBinding: true}), "expired", "reason:no flow cookie")
	})
	t.Run("a tampered code is refused", func(t *testing.T) {
		e.refused(t, e.signIn(t, attempt{user: "anna", tamperBack: func(q url.Values) { q.Set("code", "made-up") }}),
			"failed", "reason:code exchange failed")
	})
	t.Run("the client secret appears in no log line", func(t *testing.T) {
		if strings.Contains(e.logs.String(), clientSecret) {
			t.Errorf("the log holds the client secret")
		}
		if !strings.Contains(e.logs.String(), "BeginOidcSignIn") {
			t.Errorf("the log is empty; the check above proved nothing")
		}
	})
}

func TestTheRedirectBackCanBeUsedOnce(t *testing.T) {
	e := start(t)
	r := e.signIn(t, attempt{invite: inviteToken(t, e.s, "anna.lind@exempelstad.example", 5), user: "anna"})
	if r.session == "" {
		t.Fatalf("the first sign-in failed: %q", r.location)
	}
	// The same redirect with the same binding cookie, as someone who copied both would.
	e.refused(t, e.callback(t, r.callbackURL, r.binding, false), "expired", "reason:flow unknown, used or expired")
}

func TestHammeringTheRedirectBackIsRateLimited(t *testing.T) {
	e := start(t)
	var last result
	for i := 0; i < auth.ClientLimit.Burst+1; i++ {
		last = e.callback(t, e.s.URL+idp.CallbackPath+"?state=x&code=y", "", true)
	}
	if last.status != http.StatusTooManyRequests {
		t.Fatalf("attempt %d answered %d; want 429", auth.ClientLimit.Burst+1, last.status)
	}
	req, _ := http.NewRequest(http.MethodGet, e.s.URL+idp.CallbackPath, nil)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.Header.Get("Retry-After") == "" {
		t.Errorf("429 without Retry-After")
	}
	if e.s.AuditCount(t, "oidc.sign_in", false, "reason:rate limited") == 0 {
		t.Errorf("the refusal is not in the audit log")
	}
}

func TestSecretsDoNotShowThemselves(t *testing.T) {
	p := idp.Provider{ID: "x", ClientSecret: clientSecret}
	var logged bytes.Buffer
	slog.New(slog.NewJSONHandler(&logged, nil)).Info("provider", "provider", p, "secret", p.ClientSecret)
	b, _ := json.Marshal(p)
	for name, s := range map[string]string{
		"%v": fmt.Sprintf("%v", p), "%+v": fmt.Sprintf("%+v", p), "%#v": fmt.Sprintf("%#v", p), "%s": fmt.Sprintf("%s", p.ClientSecret),
		"slog": logged.String(), "JSON": string(b),
	} {
		t.Run("formatted with "+name, func(t *testing.T) {
			if strings.Contains(s, clientSecret) {
				t.Errorf("the secret shows: %s", s)
			}
		})
	}
}

// syncBuffer is a bytes.Buffer the server's goroutines may log to.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}
