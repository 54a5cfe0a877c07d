// Package auth holds what signing in is made of: secrets, their hashes, the session
// cookie and the session lifetimes. It imports no gRPC, so the command line and the
// server share it.
package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"time"
)

// Session lifetimes. A phone used daily should not ask to sign in again every morning,
// but a lost phone's session must die on its own.
const (
	SessionIdle     = 7 * 24 * time.Hour
	SessionAbsolute = 30 * 24 * time.Hour
	InviteLifetime  = 72 * time.Hour
)

// Token prefixes tell a reader of logs or configs what a secret is, without revealing it.
const (
	PrefixSession = "ss_"
	PrefixToken   = "spt_"
	PrefixInvite  = "si_"
	// PrefixCeremony marks the id of a WebAuthn ceremony, and PrefixOIDC the cookie that
	// binds a sign-in through an identity provider to the browser that began it.
	PrefixCeremony = "swc_"
	PrefixOIDC     = "sob_"
)

// NewSecret returns a fresh 256-bit secret with the given prefix, and its hash for storage.
func NewSecret(prefix string) (secret string, hash []byte) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic("auth: no randomness: " + err.Error()) // crypto/rand never fails on Linux
	}
	secret = prefix + base64.RawURLEncoding.EncodeToString(b)
	return secret, Hash(secret)
}

// Hash is how secrets are stored: SHA-256 is enough for 256-bit random secrets, which
// cannot be guessed, and lets a lookup be one indexed equality.
func Hash(secret string) []byte {
	h := sha256.Sum256([]byte(secret))
	return h[:]
}
