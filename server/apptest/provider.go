package apptest

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"github.com/zitadel/oidc/v3/example/server/exampleop"
	"github.com/zitadel/oidc/v3/example/server/storage"
	"github.com/zitadel/oidc/v3/pkg/op"
)

// ProviderPassword is every test account's password at the Provider.
const ProviderPassword = "verysecure"

// ProviderUser is an account at the Provider.
type ProviderUser struct {
	Subject, Username, GivenName, FamilyName, Email string
}

// Provider is a real OpenID provider for tests: zitadel/oidc's example OP, with its
// login form, on a loopback port. It is not ours, so tests against it test our client
// against someone else's reading of the protocol.
type Provider struct {
	Issuer  string
	clients map[string]*storage.Client
}

// StartProvider starts a provider with these accounts, stopped when the test ends.
func StartProvider(t testing.TB, users ...ProviderUser) *Provider {
	t.Helper()
	srv := httptest.NewUnstartedServer(nil)
	issuer := "http://" + srv.Listener.Addr().String()
	accounts := map[string]map[string]any{}
	for _, u := range users {
		accounts[u.Subject] = map[string]any{"ID": u.Subject, "Username": u.Username, "Password": ProviderPassword,
			"FirstName": u.GivenName, "LastName": u.FamilyName, "Email": u.Email, "EmailVerified": true, "PreferredLanguage": "sv"}
	}
	b, _ := json.Marshal(accounts)
	path := filepath.Join(t.TempDir(), "users.json")
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	us, err := storage.StoreFromFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// The example logs every request to slog's default logger; keep test output for
	// our own messages.
	previous := slog.Default()
	slog.SetDefault(slog.New(slog.NewTextHandler(io.Discard, nil)))
	t.Cleanup(func() { slog.SetDefault(previous) })
	p := &Provider{Issuer: issuer, clients: map[string]*storage.Client{}}
	srv.Config.Handler = exampleop.SetupServer(issuer, storage.NewStorageWithClients(us, p.clients), nil, false, op.WithAllowInsecure())
	srv.Start()
	t.Cleanup(srv.Close)
	return p
}

// Register adds a confidential web client; the provider reads its clients at request
// time, so this may follow the start of the Samspel that uses it.
func (p *Provider) Register(clientID, secret, redirectURI string) {
	p.clients[clientID] = storage.WebClient(clientID, secret, redirectURI)
}
