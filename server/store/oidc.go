package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// OIDCFlow is an authorization-code flow between its start and the provider's redirect
// back. Only the hash of the browser's binding cookie is kept.
type OIDCFlow struct {
	BindingHash []byte
	Provider    string
	State       string
	Nonce       string
	Verifier    string // the PKCE code verifier
	InviteHash  []byte // the invite to redeem on first sign-in, if any
	ExpireTime  time.Time
}

// BeginOIDCFlow stores a flow, and clears out flows that were never finished.
func (s *Store) BeginOIDCFlow(ctx context.Context, f OIDCFlow) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM oidc_flows WHERE expires_at <= ?`, millis(s.now())); err != nil {
			return fmt.Errorf("drop stale flows: %w", err)
		}
		_, err := tx.ExecContext(ctx, `
			INSERT INTO oidc_flows (binding_hash, provider, state, nonce, verifier, invite_hash, expires_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, f.BindingHash, f.Provider, f.State, f.Nonce, f.Verifier, f.InviteHash, millis(f.ExpireTime))
		if err != nil {
			return fmt.Errorf("insert flow: %w", err)
		}
		return nil
	})
}

// TakeOIDCFlow returns the live flow bound to this browser and deletes it, so a
// redirect can be used only once. A missing or expired flow is ErrNotFound.
func (s *Store) TakeOIDCFlow(ctx context.Context, bindingHash []byte) (OIDCFlow, error) {
	f := OIDCFlow{BindingHash: bindingHash}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var expires int64
		err := tx.QueryRowContext(ctx, `
			DELETE FROM oidc_flows WHERE binding_hash = ? AND expires_at > ?
			RETURNING provider, state, nonce, verifier, invite_hash, expires_at`, bindingHash, millis(s.now())).
			Scan(&f.Provider, &f.State, &f.Nonce, &f.Verifier, &f.InviteHash, &expires)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		f.ExpireTime = fromMillis(expires)
		return err
	})
	return f, err
}

// OIDCIdentity is a verified account at an identity provider.
type OIDCIdentity struct {
	Issuer  string
	Subject string
	Name    string // the provider's name for the person, used only for someone new
}

// ErrUnknownIdentity is an identity-provider account linked to nobody, signing in
// without an invite.
var ErrUnknownIdentity = fmt.Errorf("%w: this account is not linked to anyone in Samspel", ErrNotFound)

// OIDCSignIn signs in the person linked to a verified identity and starts a session, in
// one transaction. An identity linked to nobody is linked through the invite with
// inviteHash, which is redeemed as by RedeemInvite; without one it is ErrUnknownIdentity.
// A disabled person is ErrNotFound. Matching is by (issuer, subject) only, never by
// e-mail address. The caller audits failures.
func (s *Store) OIDCSignIn(ctx context.Context, actor Actor, id OIDCIdentity, inviteHash []byte, ns NewSession, pol SessionPolicy) (Person, error) {
	now := s.now()
	var personID int64
	err := s.tx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `SELECT person_id FROM oidc_identities WHERE issuer = ? AND subject = ?`, id.Issuer, id.Subject).Scan(&personID)
		subject := ""
		switch {
		case err == nil:
			var disabled sql.NullInt64
			if err := tx.QueryRowContext(ctx, `SELECT disabled_at FROM people WHERE id = ?`, personID).Scan(&disabled); err != nil {
				return err
			}
			if disabled.Valid {
				return ErrNotFound
			}
			if _, err := tx.ExecContext(ctx, `UPDATE oidc_identities SET last_used_at = ? WHERE issuer = ? AND subject = ?`, millis(now), id.Issuer, id.Subject); err != nil {
				return err
			}
			subject = fmt.Sprintf("person:%d", personID)
		case errors.Is(err, sql.ErrNoRows) && inviteHash != nil:
			var inviteID int64
			personID, inviteID, err = s.redeemInviteTx(ctx, tx, now, actor, inviteHash, id.Name)
			if err != nil {
				return err
			}
			_, err = tx.ExecContext(ctx, `INSERT INTO oidc_identities (person_id, issuer, subject, created_at, last_used_at) VALUES (?, ?, ?, ?, ?)`,
				personID, id.Issuer, id.Subject, millis(now), millis(now))
			if err != nil {
				return fmt.Errorf("link identity: %w", err)
			}
			subject = fmt.Sprintf("invite:%d person:%d linked", inviteID, personID)
		case errors.Is(err, sql.ErrNoRows):
			return ErrUnknownIdentity
		default:
			return err
		}
		if err := createSessionTx(ctx, tx, now, personID, ns, pol); err != nil {
			return err
		}
		return auditTx(ctx, tx, now, Actor{PersonID: personID, ClientIP: actor.ClientIP}, "oidc.sign_in", true, subject)
	})
	if err != nil {
		return Person{}, err
	}
	return s.Person(ctx, personID)
}
