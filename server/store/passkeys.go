package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Passkey is a person's WebAuthn credential. Credential is go-webauthn's record of it as
// JSON; the store keeps it without looking inside.
type Passkey struct {
	ID           int64
	PersonID     int64
	CredentialID []byte
	Name         string
	Credential   []byte
	CreateTime   time.Time
	LastUsed     time.Time // zero if never used
}

// Ceremony kinds: a WebAuthn ceremony is begun for one and can only be finished as it.
const (
	CeremonyRegister = "register"
	CeremonySignIn   = "sign_in"
)

// PasskeyHandle returns the person's WebAuthn user handle, making one the first time.
// It is 32 random bytes: the authenticator stores it with the passkey and hands it back
// at sign-in, so it must not reveal who the person is.
func (s *Store) PasskeyHandle(ctx context.Context, personID int64) ([]byte, error) {
	var handle []byte
	err := s.tx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `SELECT webauthn_handle FROM people WHERE id = ?`, personID).Scan(&handle)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil || handle != nil {
			return err
		}
		handle = make([]byte, 32)
		rand.Read(handle)
		_, err = tx.ExecContext(ctx, `UPDATE people SET webauthn_handle = ? WHERE id = ?`, handle, personID)
		return err
	})
	return handle, err
}

// PersonByPasskeyHandle returns the person with this WebAuthn user handle.
func (s *Store) PersonByPasskeyHandle(ctx context.Context, handle []byte) (Person, error) {
	var id int64
	err := s.r.QueryRowContext(ctx, `SELECT id FROM people WHERE webauthn_handle = ?`, handle).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return Person{}, ErrNotFound
	}
	if err != nil {
		return Person{}, fmt.Errorf("select person by handle: %w", err)
	}
	return s.Person(ctx, id)
}

const passkeyColumns = `id, person_id, credential_id, name, credential, created_at, coalesce(last_used_at, 0)`

func scanPasskey(sc scanner) (Passkey, error) {
	var pk Passkey
	var created, used int64
	var cred string
	err := sc.Scan(&pk.ID, &pk.PersonID, &pk.CredentialID, &pk.Name, &cred, &created, &used)
	pk.Credential = []byte(cred)
	pk.CreateTime = fromMillis(created)
	if used != 0 {
		pk.LastUsed = fromMillis(used)
	}
	return pk, err
}

// PersonPasskeys returns all of a person's passkeys, for a WebAuthn ceremony.
func (s *Store) PersonPasskeys(ctx context.Context, personID int64) ([]Passkey, error) {
	return query(ctx, s.r, scanPasskey, `SELECT `+passkeyColumns+` FROM passkeys WHERE person_id = ? ORDER BY id`, personID)
}

// ListPasskeys lists a person's passkeys, oldest first.
func (s *Store) ListPasskeys(ctx context.Context, personID int64, p Page) ([]Passkey, string, error) {
	c, err := p.cursor()
	if err != nil {
		return nil, "", err
	}
	out, err := query(ctx, s.r, scanPasskey, `SELECT `+passkeyColumns+` FROM passkeys
		WHERE person_id = ? AND id > ? ORDER BY id LIMIT ?`, personID, c.ID, p.size()+1)
	if err != nil {
		return nil, "", fmt.Errorf("list passkeys: %w", err)
	}
	out, next := trim(out, p, func(pk Passkey) cursor { return cursor{ID: pk.ID} })
	return out, next, nil
}

// BeginCeremony stores a WebAuthn ceremony's data until it is finished, and clears out
// ceremonies that were never finished.
func (s *Store) BeginCeremony(ctx context.Context, secretHash []byte, kind string, personID int64, data []byte, expires time.Time) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM webauthn_ceremonies WHERE expires_at <= ?`, millis(s.now())); err != nil {
			return fmt.Errorf("drop stale ceremonies: %w", err)
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO webauthn_ceremonies (secret_hash, kind, person_id, data, expires_at) VALUES (?, ?, ?, ?, ?)`,
			secretHash, kind, nullID(personID), string(data), millis(expires))
		if err != nil {
			return fmt.Errorf("insert ceremony: %w", err)
		}
		return nil
	})
}

// TakeCeremony returns a live ceremony's data and deletes it, so it can be finished only
// once. A ceremony of another kind, or begun by another person, or expired, is
// ErrNotFound. personID is zero for a sign-in, which nobody begins signed in.
func (s *Store) TakeCeremony(ctx context.Context, secretHash []byte, kind string, personID int64) ([]byte, error) {
	var data string
	err := s.tx(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `
			DELETE FROM webauthn_ceremonies WHERE secret_hash = ? AND kind = ? AND coalesce(person_id, 0) = ? AND expires_at > ?
			RETURNING data`, secretHash, kind, personID, millis(s.now())).Scan(&data)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		return err
	})
	return []byte(data), err
}

// AddPasskey stores a new passkey for a person. An empty name becomes "Nyckel N".
func (s *Store) AddPasskey(ctx context.Context, actor Actor, pk Passkey) (Passkey, error) {
	pk.Name = strings.TrimSpace(pk.Name)
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if pk.Name == "" {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM passkeys WHERE person_id = ?`, pk.PersonID).Scan(&n); err != nil {
				return err
			}
			pk.Name = fmt.Sprintf("Nyckel %d", n+1)
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO passkeys (person_id, credential_id, name, credential, created_at) VALUES (?, ?, ?, ?, ?)`,
			pk.PersonID, pk.CredentialID, pk.Name, string(pk.Credential), millis(s.now()))
		if isUnique(err) {
			return fmt.Errorf("%w: this passkey is already registered", ErrConflict)
		}
		if err != nil {
			return fmt.Errorf("insert passkey: %w", err)
		}
		pk.ID, _ = res.LastInsertId()
		return auditTx(ctx, tx, s.now(), actor, "passkey.register", true, fmt.Sprintf("passkey:%d person:%d", pk.ID, pk.PersonID))
	})
	if err != nil {
		return Passkey{}, err
	}
	return s.passkey(ctx, pk.PersonID, pk.ID)
}

func (s *Store) passkey(ctx context.Context, personID, id int64) (Passkey, error) {
	pk, err := scanPasskey(s.r.QueryRowContext(ctx, `SELECT `+passkeyColumns+` FROM passkeys WHERE id = ? AND person_id = ?`, id, personID))
	if errors.Is(err, sql.ErrNoRows) {
		return Passkey{}, ErrNotFound
	}
	return pk, err
}

// RenamePasskey renames one of the person's passkeys.
func (s *Store) RenamePasskey(ctx context.Context, actor Actor, personID, id int64, name string) (Passkey, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return Passkey{}, &InvalidError{Field: "name", Description: "must not be blank"}
	}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE passkeys SET name = ? WHERE id = ? AND person_id = ?`, name, id, personID)
		if err != nil {
			return fmt.Errorf("rename passkey: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrNotFound
		}
		return auditTx(ctx, tx, s.now(), actor, "passkey.rename", true, fmt.Sprintf("passkey:%d person:%d", id, personID))
	})
	if err != nil {
		return Passkey{}, err
	}
	return s.passkey(ctx, personID, id)
}

// ErrLastPasskey refuses to remove a person's only passkey: without it they could not
// sign in again until an administrator invited them anew.
var ErrLastPasskey = fmt.Errorf("%w: this is your only passkey; add another before removing it", ErrConflict)

// DeletePasskey removes one of the person's passkeys, never the last one.
func (s *Store) DeletePasskey(ctx context.Context, actor Actor, personID, id int64) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM passkeys WHERE person_id = ?`, personID).Scan(&n); err != nil {
			return err
		}
		var mine int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM passkeys WHERE id = ? AND person_id = ?`, id, personID).Scan(&mine); err != nil {
			return err
		}
		if mine == 0 {
			return ErrNotFound
		}
		if n == 1 {
			return ErrLastPasskey
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM passkeys WHERE id = ? AND person_id = ?`, id, personID); err != nil {
			return fmt.Errorf("delete passkey: %w", err)
		}
		return auditTx(ctx, tx, s.now(), actor, "passkey.delete", true, fmt.Sprintf("passkey:%d person:%d", id, personID))
	})
}

// PasskeySignIn records a verified passkey sign-in and starts a session, in one
// transaction: the credential's new state (its signature counter) is stored, and a person
// disabled meanwhile is ErrNotFound.
func (s *Store) PasskeySignIn(ctx context.Context, actor Actor, personID int64, credentialID, credential []byte, ns NewSession, pol SessionPolicy) (Person, error) {
	now := s.now()
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var id int64
		err := tx.QueryRowContext(ctx, `
			UPDATE passkeys SET credential = ?, last_used_at = ?
			WHERE credential_id = ? AND person_id = ? AND person_id IN (SELECT id FROM people WHERE disabled_at IS NULL)
			RETURNING id`, string(credential), millis(now), credentialID, personID).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return fmt.Errorf("update passkey: %w", err)
		}
		if err := createSessionTx(ctx, tx, now, personID, ns, pol); err != nil {
			return err
		}
		return auditTx(ctx, tx, now, Actor{PersonID: personID, ClientIP: actor.ClientIP}, "passkey.sign_in", true, fmt.Sprintf("passkey:%d person:%d", id, personID))
	})
	if err != nil {
		return Person{}, err
	}
	return s.Person(ctx, personID)
}

// Synced reports whether the passkey is synced between its owner's devices (the
// authenticator's backup state flag), which tells a person it survives losing the phone.
func (pk Passkey) Synced() bool {
	var c struct {
		Flags struct {
			BackupState bool `json:"backupState"`
		} `json:"flags"`
	}
	return json.Unmarshal(pk.Credential, &c) == nil && c.Flags.BackupState
}
