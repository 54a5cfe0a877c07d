package main

import (
	"errors"
	"flag"
	"os"

	"github.com/samspel/samspel/server/idp"
)

// secretEnv holds the client secret of the one provider given by flags. A secret is
// never a flag: flags show in ps and in shell history.
const secretEnv = "SAMSPEL_OIDC_CLIENT_SECRET"

// oidcFlags configure identity providers: a file for several organisations, or flags for
// the common case of one.
type oidcFlags struct {
	config, issuer, clientID, secretFile, name *string
}

func addOIDCFlags(fs *flag.FlagSet) oidcFlags {
	return oidcFlags{
		config:     fs.String("oidc-config", "", "JSON file listing the organisations' identity providers (see README)"),
		issuer:     fs.String("oidc-issuer", "", "issuer URL of the organisation's identity provider"),
		clientID:   fs.String("oidc-client-id", "", "Samspel's client id at the identity provider"),
		secretFile: fs.String("oidc-client-secret-file", "", "file holding the client secret (or set "+secretEnv+")"),
		name:       fs.String("oidc-name", "", "name shown on the sign-in button (default: the organisation)"),
	}
}

func (f oidcFlags) providers() ([]idp.Provider, error) {
	if *f.config != "" {
		if *f.issuer != "" || *f.clientID != "" {
			return nil, errors.New("give --oidc-config or --oidc-issuer and --oidc-client-id, not both")
		}
		return idp.LoadConfig(*f.config)
	}
	if *f.issuer == "" && *f.clientID == "" {
		return nil, nil
	}
	p := idp.Provider{ID: "org", DisplayName: *f.name, Issuer: *f.issuer, ClientID: *f.clientID, ClientSecretFile: *f.secretFile}
	if p.DisplayName == "" {
		p.DisplayName = "organisationen"
	}
	if p.ClientSecretFile == "" {
		p.ClientSecret = idp.Secret(os.Getenv(secretEnv))
	}
	return idp.Check([]idp.Provider{p})
}
