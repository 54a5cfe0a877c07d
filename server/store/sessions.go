package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// SessionPolicy bounds how long a session lives: it ends after Idle without use, and
// after Absolute whatever happens.
type SessionPolicy struct {
	Idle     time.Duration
	Absolute time.Duration
}

// touchEvery limits how often using a session writes last_seen_at, so reads stay reads.
const touchEvery = time.Minute

// NewSession describes a session to start at sign-in.
type NewSession struct {
	SecretHash []byte
	UserAgent  string
}

func createSessionTx(ctx context.Context, tx *sql.Tx, now time.Time, personID int64, ns NewSession, pol SessionPolicy) error {
	_, err := tx.ExecContext(ctx, `
		INSERT INTO sessions (secret_hash, person_id, user_agent, created_at, last_seen_at, expires_at)
		VALUES (?, ?, ?, ?, ?, ?)`, ns.SecretHash, personID, ns.UserAgent, millis(now), millis(now), millis(now.Add(pol.Absolute)))
	if err != nil {
		return fmt.Errorf("insert session: %w", err)
	}
	return nil
}

// SessionPerson returns the person a live session belongs to and marks the session used.
// Ended, expired, idle and disabled people's sessions are all ErrNotFound.
func (s *Store) SessionPerson(ctx context.Context, secretHash []byte, pol SessionPolicy) (Person, error) {
	now := s.now()
	var id, personID, lastSeen int64
	err := s.r.QueryRowContext(ctx, `
		SELECT s.id, s.person_id, s.last_seen_at FROM sessions s JOIN people p ON p.id = s.person_id
		WHERE s.secret_hash = ? AND s.ended_at IS NULL AND s.expires_at > ? AND s.last_seen_at > ? AND p.disabled_at IS NULL`,
		secretHash, millis(now), millis(now.Add(-pol.Idle))).Scan(&id, &personID, &lastSeen)
	if errors.Is(err, sql.ErrNoRows) {
		return Person{}, ErrNotFound
	}
	if err != nil {
		return Person{}, fmt.Errorf("select session: %w", err)
	}
	if now.Sub(fromMillis(lastSeen)) > touchEvery {
		// Best effort: on a full or read-only disk this write fails, and reading must
		// keep working then. The cost is an idle timeout measured from an earlier use.
		s.w.ExecContext(ctx, `UPDATE sessions SET last_seen_at = ? WHERE id = ?`, millis(now), id)
	}
	return s.Person(ctx, personID)
}

// EndSession ends the session with this secret; ending an ended session is no error.
func (s *Store) EndSession(ctx context.Context, actor Actor, secretHash []byte) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE sessions SET ended_at = ? WHERE secret_hash = ? AND ended_at IS NULL`, millis(s.now()), secretHash)
		if err != nil {
			return fmt.Errorf("end session: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil
		}
		return auditTx(ctx, tx, s.now(), actor, "session.sign_out", true, fmt.Sprintf("person:%d", actor.PersonID))
	})
}

// CreateToken stores a personal access token for the person with this e-mail address.
func (s *Store) CreateToken(ctx context.Context, email string, secretHash []byte, ttl time.Duration) (int64, error) {
	p, err := s.PersonByEmail(ctx, email)
	if err != nil {
		return 0, err
	}
	var id int64
	err = s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO tokens (secret_hash, person_id, created_at, expires_at) VALUES (?, ?, ?, ?)`,
			secretHash, p.ID, millis(s.now()), millis(s.now().Add(ttl)))
		if err != nil {
			return fmt.Errorf("insert token: %w", err)
		}
		id, _ = res.LastInsertId()
		return auditTx(ctx, tx, s.now(), Actor{ClientIP: "cli"}, "token.create", true, fmt.Sprintf("token:%d person:%d", id, p.ID))
	})
	return id, err
}

// RevokeToken ends a token at once.
func (s *Store) RevokeToken(ctx context.Context, id int64) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL`, millis(s.now()), id)
		if err != nil {
			return fmt.Errorf("revoke token: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrNotFound
		}
		return auditTx(ctx, tx, s.now(), Actor{ClientIP: "cli"}, "token.revoke", true, fmt.Sprintf("token:%d", id))
	})
}

// TokenPerson returns the person a live token belongs to.
func (s *Store) TokenPerson(ctx context.Context, secretHash []byte) (Person, error) {
	var personID int64
	err := s.r.QueryRowContext(ctx, `
		SELECT t.person_id FROM tokens t JOIN people p ON p.id = t.person_id
		WHERE t.secret_hash = ? AND t.revoked_at IS NULL AND t.expires_at > ? AND p.disabled_at IS NULL`,
		secretHash, millis(s.now())).Scan(&personID)
	if errors.Is(err, sql.ErrNoRows) {
		return Person{}, ErrNotFound
	}
	if err != nil {
		return Person{}, fmt.Errorf("select token: %w", err)
	}
	return s.Person(ctx, personID)
}
