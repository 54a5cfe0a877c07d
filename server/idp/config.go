// Package idp signs people in through their organisation's own identity provider
// (Entra ID, or e-legitimation such as Freja eID) with OpenID Connect: the
// authorization-code flow with PKCE, state and nonce. A person is linked by the
// provider's (issuer, subject), never by e-mail address, and an account linked to nobody
// is refused unless the browser came with an invite.
package idp

import (
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"regexp"
	"strings"
)

// Provider is one organisation's identity provider, as configured.
type Provider struct {
	// ID names the provider in URLs and the database, for example "exempelstad".
	ID string `json:"id"`
	// DisplayName is shown on the sign-in button, for example "Exempelstads kommun".
	DisplayName string `json:"display_name"`
	// Issuer is the provider's issuer URL; its discovery document is read from there.
	Issuer   string `json:"issuer"`
	ClientID string `json:"client_id"`
	// ClientSecret is the client's secret. Prefer ClientSecretFile, so the secret stays
	// out of the configuration file.
	ClientSecret     Secret `json:"client_secret,omitempty"`
	ClientSecretFile string `json:"client_secret_file,omitempty"`
}

// Secret is a string that never shows itself: not in logs, not in %v, not in JSON.
type Secret string

const redacted = "[redacted]"

func (Secret) String() string               { return redacted }
func (Secret) GoString() string             { return redacted }
func (Secret) LogValue() slog.Value         { return slog.StringValue(redacted) }
func (Secret) MarshalJSON() ([]byte, error) { return json.Marshal(redacted) }

// Reveal returns the secret itself, for the one place that sends it to the provider.
func (s Secret) Reveal() string { return string(s) }

// ConfigFile is the JSON file given with --oidc-config: one provider per organisation.
//
//	{"providers": [{"id": "exempelstad", "display_name": "Exempelstads kommun",
//	  "issuer": "https://login.microsoftonline.com/TENANT/v2.0",
//	  "client_id": "…", "client_secret_file": "/etc/samspel/exempelstad.secret"}]}
type ConfigFile struct {
	Providers []Provider `json:"providers"`
}

// LoadConfig reads a ConfigFile and the secrets its providers name.
func LoadConfig(path string) ([]Provider, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("oidc config: %w", err)
	}
	var cf ConfigFile
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&cf); err != nil {
		return nil, fmt.Errorf("oidc config %s: %w", path, err)
	}
	return Check(cf.Providers)
}

var idPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,62}$`)

// Check validates providers and reads the secrets of those that name a secret file.
func Check(providers []Provider) ([]Provider, error) {
	seen := map[string]bool{}
	out := make([]Provider, 0, len(providers))
	for _, p := range providers {
		if !idPattern.MatchString(p.ID) {
			return nil, fmt.Errorf("oidc provider %q: id must be lower-case letters, digits and dashes", p.ID)
		}
		if seen[p.ID] {
			return nil, fmt.Errorf("oidc provider %q: id used twice", p.ID)
		}
		seen[p.ID] = true
		if p.Issuer == "" || p.ClientID == "" {
			return nil, fmt.Errorf("oidc provider %q: issuer and client_id are required", p.ID)
		}
		if p.DisplayName == "" {
			p.DisplayName = p.ID
		}
		if p.ClientSecretFile != "" {
			if p.ClientSecret != "" {
				return nil, fmt.Errorf("oidc provider %q: give client_secret or client_secret_file, not both", p.ID)
			}
			b, err := os.ReadFile(p.ClientSecretFile)
			if err != nil {
				// The path is no secret; the error says which file, never what is in it.
				return nil, fmt.Errorf("oidc provider %q: read client secret: %w", p.ID, errors.Unwrap(err))
			}
			p.ClientSecret = Secret(strings.TrimSpace(string(b)))
		}
		out = append(out, p)
	}
	return out, nil
}
