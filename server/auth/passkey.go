package auth

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"time"

	"github.com/go-webauthn/webauthn/protocol"
	"github.com/go-webauthn/webauthn/webauthn"

	"github.com/samspel/samspel/server/store"
)

// CeremonyLifetime is how long a person has between asking for a passkey prompt and
// answering it: long enough to find the phone, short enough that a challenge goes stale.
const CeremonyLifetime = 5 * time.Minute

// ErrPasskeyRefused is a passkey sign-in that failed: an unknown or removed passkey, a
// bad signature, a used or expired ceremony, or a disabled person. The caller learns
// no more than that; the audit log has the reason.
var ErrPasskeyRefused = errors.New("the passkey was not accepted")

// Passkeys runs WebAuthn ceremonies: registration for a signed-in person, and
// sign-in without a username (discoverable credentials). Resident keys and user
// verification (fingerprint, face or PIN) are always required, so a passkey is two
// factors in one: the phone, and the person unlocking it.
type Passkeys struct {
	wa       *webauthn.WebAuthn
	st       *store.Store
	accounts *Limiter // per-account limit on sign-in attempts
}

// NewPasskeys configures WebAuthn for publicURL: its host is the relying-party id and
// its origin the only origin allowed. http://localhost works (browsers treat it as
// secure); an IP address does not, since a relying-party id must be a domain.
func NewPasskeys(st *store.Store, publicURL string, accounts *Limiter) (*Passkeys, error) {
	u, err := url.Parse(publicURL)
	if err != nil || u.Host == "" {
		return nil, fmt.Errorf("passkeys: public URL %q is not an absolute URL", publicURL)
	}
	wa, err := webauthn.New(&webauthn.Config{
		RPID:          u.Hostname(),
		RPDisplayName: "Samspel",
		RPOrigins:     []string{u.Scheme + "://" + u.Host},
		AuthenticatorSelection: protocol.AuthenticatorSelection{
			ResidentKey:      protocol.ResidentKeyRequirementRequired,
			UserVerification: protocol.VerificationRequired,
		},
		Timeouts: webauthn.TimeoutsConfig{
			Login:        webauthn.TimeoutConfig{Enforce: true, Timeout: CeremonyLifetime},
			Registration: webauthn.TimeoutConfig{Enforce: true, Timeout: CeremonyLifetime},
		},
	})
	if err != nil {
		return nil, fmt.Errorf("passkeys need a public URL with a host name, such as http://localhost:8080 (not an IP address): %w", err)
	}
	return &Passkeys{wa: wa, st: st, accounts: accounts}, nil
}

// passkeyUser is a person as go-webauthn sees them.
type passkeyUser struct {
	person store.Person
	handle []byte
	creds  []webauthn.Credential
}

func (u *passkeyUser) WebAuthnID() []byte                         { return u.handle }
func (u *passkeyUser) WebAuthnName() string                       { return u.person.Email }
func (u *passkeyUser) WebAuthnDisplayName() string                { return u.person.DisplayName }
func (u *passkeyUser) WebAuthnCredentials() []webauthn.Credential { return u.creds }

func (pk *Passkeys) user(ctx context.Context, p store.Person, handle []byte) (*passkeyUser, error) {
	stored, err := pk.st.PersonPasskeys(ctx, p.ID)
	if err != nil {
		return nil, err
	}
	u := &passkeyUser{person: p, handle: handle}
	for _, s := range stored {
		var c webauthn.Credential
		if err := json.Unmarshal(s.Credential, &c); err != nil {
			return nil, fmt.Errorf("passkey %d: %w", s.ID, err)
		}
		u.creds = append(u.creds, c)
	}
	return u, nil
}

// begin stores a ceremony's session data under a fresh secret id.
func (pk *Passkeys) begin(ctx context.Context, kind string, personID int64, session *webauthn.SessionData, options any) (ceremonyID string, optionsJSON []byte, err error) {
	data, err := json.Marshal(session)
	if err != nil {
		return "", nil, err
	}
	if optionsJSON, err = json.Marshal(options); err != nil {
		return "", nil, err
	}
	secret, hash := NewSecret(PrefixCeremony)
	if err := pk.st.BeginCeremony(ctx, hash, kind, personID, data, time.Now().Add(CeremonyLifetime)); err != nil {
		return "", nil, err
	}
	return secret, optionsJSON, nil
}

// take fetches and uses up a ceremony's session data.
func (pk *Passkeys) take(ctx context.Context, ceremonyID, kind string, personID int64) (webauthn.SessionData, error) {
	var session webauthn.SessionData
	data, err := pk.st.TakeCeremony(ctx, Hash(ceremonyID), kind, personID)
	if err != nil {
		return session, err
	}
	return session, json.Unmarshal(data, &session)
}

// BeginRegistration starts adding a passkey for p. The person's existing passkeys are
// excluded, so a phone that already holds one says so instead of making a second.
func (pk *Passkeys) BeginRegistration(ctx context.Context, p store.Person) (ceremonyID string, optionsJSON []byte, err error) {
	handle, err := pk.st.PasskeyHandle(ctx, p.ID)
	if err != nil {
		return "", nil, err
	}
	u, err := pk.user(ctx, p, handle)
	if err != nil {
		return "", nil, err
	}
	var exclude []protocol.CredentialDescriptor
	for _, c := range u.creds {
		exclude = append(exclude, c.Descriptor())
	}
	creation, session, err := pk.wa.BeginRegistration(u, webauthn.WithExclusions(exclude))
	if err != nil {
		return "", nil, fmt.Errorf("begin registration: %w", err)
	}
	return pk.begin(ctx, store.CeremonyRegister, p.ID, session, creation.Response)
}

// FinishRegistration verifies the new credential against the ceremony p began and
// stores it under name.
func (pk *Passkeys) FinishRegistration(ctx context.Context, actor store.Actor, p store.Person, ceremonyID string, credentialJSON []byte, name string) (store.Passkey, error) {
	refuse := func(field, why string) (store.Passkey, error) {
		if err := pk.st.Audit(ctx, actor, "passkey.register", false, fmt.Sprintf("person:%d reason:%s", p.ID, why)); err != nil {
			return store.Passkey{}, err
		}
		return store.Passkey{}, &store.InvalidError{Field: field, Description: why}
	}
	session, err := pk.take(ctx, ceremonyID, store.CeremonyRegister, p.ID)
	if errors.Is(err, store.ErrNotFound) {
		return refuse("ceremony_id", "is unknown, used or expired; start again")
	}
	if err != nil {
		return store.Passkey{}, err
	}
	parsed, err := protocol.ParseCredentialCreationResponseBytes(credentialJSON)
	if err != nil {
		return refuse("credential_json", "is not a WebAuthn registration response")
	}
	u, err := pk.user(ctx, p, session.UserID)
	if err != nil {
		return store.Passkey{}, err
	}
	cred, err := pk.wa.CreateCredential(u, session, parsed)
	if err != nil {
		return refuse("credential_json", "was not accepted: "+protocolReason(err))
	}
	data, err := json.Marshal(cred)
	if err != nil {
		return store.Passkey{}, err
	}
	return pk.st.AddPasskey(ctx, actor, store.Passkey{PersonID: p.ID, CredentialID: cred.ID, Name: name, Credential: data})
}

// BeginSignIn starts a sign-in without a username: the phone offers the passkeys it
// holds for Samspel, and its answer names the person.
func (pk *Passkeys) BeginSignIn(ctx context.Context) (ceremonyID string, optionsJSON []byte, err error) {
	assertion, session, err := pk.wa.BeginDiscoverableLogin(webauthn.WithUserVerification(protocol.VerificationRequired))
	if err != nil {
		return "", nil, fmt.Errorf("begin sign-in: %w", err)
	}
	return pk.begin(ctx, store.CeremonySignIn, 0, session, assertion.Response)
}

// FinishSignIn verifies the phone's answer and starts a session for its owner. Every
// failure is audited with its reason and returned as ErrPasskeyRefused; too many
// attempts at one account are a *RateLimitedError.
func (pk *Passkeys) FinishSignIn(ctx context.Context, actor store.Actor, ceremonyID string, credentialJSON []byte, ns store.NewSession, pol store.SessionPolicy) (store.Person, error) {
	refuse := func(subject string) (store.Person, error) {
		if err := pk.st.Audit(ctx, actor, "passkey.sign_in", false, subject); err != nil {
			return store.Person{}, err
		}
		return store.Person{}, ErrPasskeyRefused
	}
	session, err := pk.take(ctx, ceremonyID, store.CeremonySignIn, 0)
	if errors.Is(err, store.ErrNotFound) {
		return refuse("reason:ceremony unknown, used or expired")
	}
	if err != nil {
		return store.Person{}, err
	}
	parsed, err := protocol.ParseCredentialRequestResponseBytes(credentialJSON)
	if err != nil {
		return refuse("reason:not a WebAuthn assertion")
	}
	p, err := pk.st.PersonByPasskeyHandle(ctx, parsed.Response.UserHandle)
	if errors.Is(err, store.ErrNotFound) {
		return refuse("reason:unknown user handle")
	}
	if err != nil {
		return store.Person{}, err
	}
	subject := fmt.Sprintf("person:%d", p.ID)
	if report, err := pk.accounts.Allow(subject); err != nil {
		if report {
			if aerr := pk.st.Audit(ctx, actor, "passkey.sign_in", false, subject+" reason:rate limited"); aerr != nil {
				return store.Person{}, aerr
			}
		}
		return store.Person{}, err
	}
	if p.Disabled {
		return refuse(subject + " reason:disabled")
	}
	u, err := pk.user(ctx, p, parsed.Response.UserHandle)
	if err != nil {
		return store.Person{}, err
	}
	_, cred, err := pk.wa.ValidatePasskeyLogin(func(_, _ []byte) (webauthn.User, error) { return u, nil }, session, parsed)
	if err != nil {
		return refuse(subject + " reason:" + protocolReason(err))
	}
	if cred.Authenticator.CloneWarning {
		// The signature counter went backwards: two copies of one key may exist.
		return refuse(subject + " reason:signature counter went backwards")
	}
	data, err := json.Marshal(cred)
	if err != nil {
		return store.Person{}, err
	}
	person, err := pk.st.PasskeySignIn(ctx, actor, p.ID, cred.ID, data, ns, pol)
	if errors.Is(err, store.ErrNotFound) {
		return refuse(subject + " reason:passkey removed or person disabled")
	}
	return person, err
}

// protocolReason is go-webauthn's short reason for a failed check, for the audit log
// and error details; never the request's content.
func protocolReason(err error) string {
	var pe *protocol.Error
	if errors.As(err, &pe) {
		if pe.Details != "" {
			return pe.Details
		}
		return pe.Type
	}
	return "verification failed"
}
