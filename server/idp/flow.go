package idp

import (
	"context"
	"crypto/subtle"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"

	"github.com/samspel/samspel/server/auth"
	"github.com/samspel/samspel/server/store"
)

// CallbackPath is where providers send the browser back; register
// PUBLIC_URL + CallbackPath as the client's redirect URI at the provider.
const CallbackPath = "/auth/oidc/callback"

// FlowLifetime is how long a person has to sign in at the provider.
const FlowLifetime = 10 * time.Minute

// bindingCookie ties a flow to the browser that began it. SameSite=Lax, not Strict: the
// provider's redirect back is a cross-site navigation, on which a Strict cookie would
// not be sent. It holds no session, only the right to finish this one flow.
const bindingCookie = "__Host-oidc"

// Service runs sign-ins through the configured providers.
type Service struct {
	st        *store.Store
	log       *slog.Logger
	publicURL string
	clients   *auth.Limiter // per client address
	accounts  *auth.Limiter // per provider account
	// HTTPClient reaches the providers; tests may replace it.
	HTTPClient *http.Client

	order     []Provider
	providers map[string]*provider
}

// provider is a configured provider and, once its discovery document has been read,
// what the flow needs from it. Discovery is lazy and retried, so Samspel starts (and
// passkeys work) while a provider is unreachable.
type provider struct {
	cfg Provider

	mu       sync.Mutex
	op       *oidc.Provider
	oauth    *oauth2.Config
	verifier *oidc.IDTokenVerifier
}

// New returns a Service for providers (already checked by Check).
func New(st *store.Store, log *slog.Logger, publicURL string, providers []Provider, clients, accounts *auth.Limiter) *Service {
	s := &Service{st: st, log: log, publicURL: strings.TrimRight(publicURL, "/"), clients: clients, accounts: accounts,
		HTTPClient: &http.Client{Timeout: 15 * time.Second}, providers: map[string]*provider{}}
	for _, p := range providers {
		s.order = append(s.order, p)
		s.providers[p.ID] = &provider{cfg: p}
	}
	return s
}

// Providers lists the configured providers in configuration order.
func (s *Service) Providers() []Provider {
	if s == nil {
		return nil
	}
	return s.order
}

// discover reads the provider's discovery document the first time it is needed.
func (s *Service) discover(ctx context.Context, p *provider) (*oauth2.Config, *oidc.IDTokenVerifier, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.oauth != nil {
		return p.oauth, p.verifier, nil
	}
	ctx = oidc.ClientContext(ctx, s.HTTPClient)
	op, err := oidc.NewProvider(ctx, p.cfg.Issuer)
	if err != nil {
		return nil, nil, fmt.Errorf("discover provider %s: %w", p.cfg.ID, err)
	}
	p.oauth = &oauth2.Config{
		ClientID:     p.cfg.ClientID,
		ClientSecret: p.cfg.ClientSecret.Reveal(),
		Endpoint:     op.Endpoint(),
		RedirectURL:  s.publicURL + CallbackPath,
		Scopes:       []string{oidc.ScopeOpenID, "profile"},
	}
	p.verifier = op.Verifier(&oidc.Config{ClientID: p.cfg.ClientID})
	p.op = op
	return p.oauth, p.verifier, nil
}

// Begin starts a flow at the provider with this id and returns the provider's
// authorization URL and the Set-Cookie value binding the flow to this browser.
// inviteToken, when not empty, is redeemed if the provider's account is new to Samspel.
func (s *Service) Begin(ctx context.Context, providerID, inviteToken string) (authURL, setCookie string, err error) {
	p, ok := s.lookup(providerID)
	if !ok {
		return "", "", &store.InvalidError{Field: "provider_id", Description: "no such identity provider"}
	}
	oc, _, err := s.discover(ctx, p)
	if err != nil {
		return "", "", err
	}
	state, _ := auth.NewSecret("")
	nonce, _ := auth.NewSecret("")
	binding, bindingHash := auth.NewSecret(auth.PrefixOIDC)
	verifier := oauth2.GenerateVerifier()
	f := store.OIDCFlow{BindingHash: bindingHash, Provider: p.cfg.ID, State: state, Nonce: nonce, Verifier: verifier,
		ExpireTime: time.Now().Add(FlowLifetime)}
	if inviteToken != "" {
		f.InviteHash = auth.Hash(inviteToken)
	}
	if err := s.st.BeginOIDCFlow(ctx, f); err != nil {
		return "", "", err
	}
	c := &http.Cookie{Name: bindingCookie, Value: binding, Path: "/", MaxAge: int(FlowLifetime.Seconds()),
		Secure: true, HttpOnly: true, SameSite: http.SameSiteLaxMode}
	return oc.AuthCodeURL(state, oidc.Nonce(nonce), oauth2.S256ChallengeOption(verifier)), c.String(), nil
}

func (s *Service) lookup(id string) (*provider, bool) {
	if s == nil {
		return nil, false
	}
	p, ok := s.providers[id]
	return p, ok
}

// What the PWA is told after a failed sign-in, in the fragment of the address it is
// sent back to (#signin-error=…): enough to say something useful, nothing more.
const (
	errUnknown   = "unknown"   // the account is linked to nobody and no invite came with it
	errCancelled = "cancelled" // the person stopped at the provider
	errExpired   = "expired"   // no flow for this browser: too slow, or used twice
	errFailed    = "failed"    // anything else; the audit log says what
)

// ServeHTTP handles the provider's redirect back: it checks the browser's binding
// cookie, the state, the code (with the PKCE verifier), the ID token's signature,
// audience, expiry and nonce, then signs the person in and sends the browser to the
// app. Every outcome is audited; the browser learns only a coarse reason.
func (s *Service) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	ip := remoteIP(r)
	actor := store.Actor{ClientIP: ip}
	w.Header().Set("Cache-Control", "no-store")
	if r.Method != http.MethodGet {
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	if report, err := s.clients.Allow("oidc.callback|" + ip); err != nil {
		if report {
			s.audit(ctx, actor, "reason:rate limited")
		}
		tooMany(w, err)
		return
	}
	// The binding cookie is spent whatever happens next.
	http.SetCookie(w, &http.Cookie{Name: bindingCookie, Value: "", Path: "/", MaxAge: -1, Secure: true, HttpOnly: true, SameSite: http.SameSiteLaxMode})
	fail := func(code, reason string) {
		s.audit(ctx, actor, reason)
		http.Redirect(w, r, "/#signin-error="+code, http.StatusSeeOther)
	}

	c, err := r.Cookie(bindingCookie)
	if err != nil || !strings.HasPrefix(c.Value, auth.PrefixOIDC) {
		fail(errExpired, "reason:no flow cookie")
		return
	}
	f, err := s.st.TakeOIDCFlow(ctx, auth.Hash(c.Value))
	if errors.Is(err, store.ErrNotFound) {
		fail(errExpired, "reason:flow unknown, used or expired")
		return
	}
	if err != nil {
		s.internal(w, r, err)
		return
	}
	subject := "provider:" + f.Provider
	q := r.URL.Query()
	if e := q.Get("error"); e != "" {
		code := errFailed
		if e == "access_denied" {
			code = errCancelled
		}
		// The error code is the provider's, from a fixed OAuth list; cut it short anyway.
		fail(code, subject+" reason:provider said "+truncate(e, 40))
		return
	}
	if subtle.ConstantTimeCompare([]byte(q.Get("state")), []byte(f.State)) != 1 {
		fail(errFailed, subject+" reason:state mismatch")
		return
	}
	p, ok := s.lookup(f.Provider)
	if !ok {
		fail(errFailed, subject+" reason:provider no longer configured")
		return
	}
	oc, verifier, err := s.discover(ctx, p)
	if err != nil {
		s.log.ErrorContext(ctx, "oidc discovery", "provider", f.Provider, "err", err)
		fail(errFailed, subject+" reason:provider unreachable")
		return
	}
	token, err := oc.Exchange(oidc.ClientContext(ctx, s.HTTPClient), q.Get("code"), oauth2.VerifierOption(f.Verifier))
	if err != nil {
		fail(errFailed, subject+" reason:code exchange failed")
		return
	}
	raw, _ := token.Extra("id_token").(string)
	if raw == "" {
		fail(errFailed, subject+" reason:no id token")
		return
	}
	idt, err := verifier.Verify(ctx, raw)
	if err != nil {
		fail(errFailed, subject+" reason:id token not valid")
		return
	}
	if subtle.ConstantTimeCompare([]byte(idt.Nonce), []byte(f.Nonce)) != 1 {
		fail(errFailed, subject+" reason:nonce mismatch")
		return
	}
	account := fmt.Sprintf("%s subject:%s", subject, idt.Subject)
	if report, err := s.accounts.Allow("oidc|" + idt.Issuer + "|" + idt.Subject); err != nil {
		if report {
			s.audit(ctx, actor, account+" reason:rate limited")
		}
		tooMany(w, err)
		return
	}
	var claims struct {
		Name              string `json:"name"`
		GivenName         string `json:"given_name"`
		FamilyName        string `json:"family_name"`
		PreferredUsername string `json:"preferred_username"`
	}
	if err := idt.Claims(&claims); err != nil {
		fail(errFailed, account+" reason:claims unreadable")
		return
	}
	name := claims.Name
	if name == "" {
		name = strings.TrimSpace(claims.GivenName + " " + claims.FamilyName)
	}
	if name == "" {
		// Some providers put the profile only behind the userinfo endpoint. Its answer
		// counts only for the subject the signed ID token named.
		name = s.userinfoName(ctx, p, token, idt.Subject)
	}
	secret, hash := auth.NewSecret(auth.PrefixSession)
	ns := store.NewSession{SecretHash: hash, UserAgent: truncate(r.UserAgent(), 300), Method: store.MethodOIDC}
	if old, err := r.Cookie(auth.CookieName); err == nil && strings.HasPrefix(old.Value, auth.PrefixSession) {
		ns.Replaces = auth.Hash(old.Value)
	}
	_, err = s.st.OIDCSignIn(ctx, actor, store.OIDCIdentity{Issuer: idt.Issuer, Subject: idt.Subject, Name: name}, f.InviteHash, ns,
		store.SessionPolicy{Idle: auth.SessionIdle, Absolute: auth.SessionAbsolute})
	var inv *store.InvalidError
	switch {
	case errors.Is(err, store.ErrUnknownIdentity):
		fail(errUnknown, account+" reason:linked to nobody and no invite")
		return
	case errors.Is(err, store.ErrNotFound):
		fail(errFailed, account+" reason:invite unknown, used or expired, or person disabled")
		return
	case errors.As(err, &inv):
		fail(errFailed, account+" reason:"+inv.Error())
		return
	case err != nil:
		s.internal(w, r, err)
		return
	}
	w.Header().Add("Set-Cookie", auth.SessionCookie(secret))
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

// userinfoName asks the provider's userinfo endpoint for the person's name; empty if
// it cannot say, or speaks of another subject.
func (s *Service) userinfoName(ctx context.Context, p *provider, token *oauth2.Token, subject string) string {
	p.mu.Lock()
	op := p.op
	p.mu.Unlock()
	ui, err := op.UserInfo(oidc.ClientContext(ctx, s.HTTPClient), oauth2.StaticTokenSource(token))
	if err != nil || ui.Subject != subject {
		return ""
	}
	var c struct {
		Name       string `json:"name"`
		GivenName  string `json:"given_name"`
		FamilyName string `json:"family_name"`
	}
	if ui.Claims(&c) != nil {
		return ""
	}
	if c.Name != "" {
		return c.Name
	}
	return strings.TrimSpace(c.GivenName + " " + c.FamilyName)
}

func (s *Service) audit(ctx context.Context, actor store.Actor, subject string) {
	if err := s.st.Audit(ctx, actor, "oidc.sign_in", false, subject); err != nil {
		s.log.ErrorContext(ctx, "audit oidc failure", "err", err)
	}
}

func (s *Service) internal(w http.ResponseWriter, r *http.Request, err error) {
	s.log.ErrorContext(r.Context(), "oidc callback", "err", err)
	http.Error(w, "internal error", http.StatusInternalServerError)
}

// tooMany answers 429 with Retry-After, and a page in Swedish for the person who sees it.
func tooMany(w http.ResponseWriter, err error) {
	var rl *auth.RateLimitedError
	secs := 60
	if errors.As(err, &rl) {
		secs = int(rl.RetryAfter / time.Second)
	}
	w.Header().Set("Retry-After", strconv.Itoa(secs))
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusTooManyRequests)
	fmt.Fprintf(w, `<!doctype html><html lang="sv"><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">`+
		`<title>För många försök – Samspel</title><h1>För många försök</h1><p>Vänta %d sekunder och försök igen.</p><p><a href="/">Tillbaka till Samspel</a></p></html>`, secs)
}

func remoteIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}
