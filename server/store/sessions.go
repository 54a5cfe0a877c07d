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
	Method     string // MethodInvite, MethodPasskey or MethodOIDC
	// Replaces is the hash of the session cookie the browser signed in with, if any.
	// That session ends: every sign-in gets a new session id, and the old one must not
	// live on where nobody can see it.
	Replaces []byte
}

// How a session was started.
const (
	MethodInvite  = "invite"
	MethodPasskey = "passkey"
	MethodOIDC    = "oidc"
)

func createSessionTx(ctx context.Context, tx *sql.Tx, now time.Time, personID int64, ns NewSession, pol SessionPolicy) error {
	if ns.Replaces != nil {
		if _, err := tx.ExecContext(ctx, `UPDATE sessions SET ended_at = ? WHERE secret_hash = ? AND ended_at IS NULL`, millis(now), ns.Replaces); err != nil {
			return fmt.Errorf("end replaced session: %w", err)
		}
	}
	_, err := tx.ExecContext(ctx, `
		INSERT INTO sessions (secret_hash, person_id, user_agent, method, created_at, last_seen_at, expires_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, ns.SecretHash, personID, ns.UserAgent, ns.Method, millis(now), millis(now), millis(now.Add(pol.Absolute)))
	if err != nil {
		return fmt.Errorf("insert session: %w", err)
	}
	// Every sign-in makes a session, and nothing reads one after it expires, so drop
	// those that expired more than sessionKeep ago. Sessions expire about in the order
	// they were made, so looking at the oldest few is enough: the cost stays the same
	// however many sign-ins the years bring, and the table stays the size of what lives.
	if _, err := tx.ExecContext(ctx, `
		DELETE FROM sessions WHERE id IN (SELECT id FROM sessions ORDER BY id LIMIT 100) AND expires_at < ?`,
		millis(now.Add(-sessionKeep))); err != nil {
		return fmt.Errorf("drop expired sessions: %w", err)
	}
	return nil
}

// sessionKeep is how long an expired session stays before a sign-in drops it.
const sessionKeep = 90 * 24 * time.Hour

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

// Session is one place where a person is signed in.
type Session struct {
	ID         int64
	UserAgent  string
	Method     string
	CreateTime time.Time
	LastSeen   time.Time
	Current    bool // the session the request came with
}

// ListSessions lists a person's live sessions, newest first. current is the hash of the
// caller's own session, to mark it; nil for a caller with a token.
func (s *Store) ListSessions(ctx context.Context, personID int64, current []byte, pol SessionPolicy, p Page) ([]Session, string, error) {
	c, err := p.cursor()
	if err != nil {
		return nil, "", err
	}
	if c.ID == 0 {
		c.ID = 1<<63 - 1
	}
	now := s.now()
	out, err := query(ctx, s.r, func(rows scanner) (se Session, err error) {
		var created, seen int64
		err = rows.Scan(&se.ID, &se.UserAgent, &se.Method, &created, &seen, &se.Current)
		se.CreateTime, se.LastSeen = fromMillis(created), fromMillis(seen)
		return se, err
	}, `
		SELECT id, user_agent, method, created_at, last_seen_at, coalesce(secret_hash = ?, 0) FROM sessions
		WHERE person_id = ? AND ended_at IS NULL AND expires_at > ? AND last_seen_at > ? AND id < ?
		ORDER BY id DESC LIMIT ?`, current, personID, millis(now), millis(now.Add(-pol.Idle)), c.ID, p.size()+1)
	if err != nil {
		return nil, "", fmt.Errorf("list sessions: %w", err)
	}
	out, next := trim(out, p, func(se Session) cursor { return cursor{ID: se.ID} })
	return out, next, nil
}

// EndSessionByID ends one of the person's own sessions. Another person's session, or
// one already ended, is ErrNotFound.
func (s *Store) EndSessionByID(ctx context.Context, actor Actor, personID, id int64) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE sessions SET ended_at = ? WHERE id = ? AND person_id = ? AND ended_at IS NULL`, millis(s.now()), id, personID)
		if err != nil {
			return fmt.Errorf("end session: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrNotFound
		}
		return auditTx(ctx, tx, s.now(), actor, "session.end", true, fmt.Sprintf("session:%d person:%d", id, personID))
	})
}

// DisablePerson stops a person from signing in and, in the same transaction, ends all
// of their sessions, revokes all of their tokens and drops their unfinished passkey
// ceremonies, so nothing they hold works on their next call. Disabling someone already
// disabled ends whatever is left and is no error. An administrator cannot disable
// themselves: the installation could be left with nobody to undo it.
func (s *Store) DisablePerson(ctx context.Context, actor Actor, personID int64) (sessions, tokens int, err error) {
	if personID == actor.PersonID {
		return 0, 0, &InvalidError{Field: "person_id", Description: "you cannot disable yourself"}
	}
	now := millis(s.now())
	err = s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE people SET disabled_at = coalesce(disabled_at, ?) WHERE id = ?`, now, personID)
		if err != nil {
			return fmt.Errorf("disable person: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrNotFound
		}
		res, err = tx.ExecContext(ctx, `UPDATE sessions SET ended_at = ? WHERE person_id = ? AND ended_at IS NULL`, now, personID)
		if err != nil {
			return fmt.Errorf("end sessions: %w", err)
		}
		n, _ := res.RowsAffected()
		sessions = int(n)
		res, err = tx.ExecContext(ctx, `UPDATE tokens SET revoked_at = ? WHERE person_id = ? AND revoked_at IS NULL`, now, personID)
		if err != nil {
			return fmt.Errorf("revoke tokens: %w", err)
		}
		n, _ = res.RowsAffected()
		tokens = int(n)
		if _, err := tx.ExecContext(ctx, `DELETE FROM webauthn_ceremonies WHERE person_id = ?`, personID); err != nil {
			return fmt.Errorf("drop ceremonies: %w", err)
		}
		return auditTx(ctx, tx, s.now(), actor, "person.disable", true,
			fmt.Sprintf("person:%d sessions:%d tokens:%d", personID, sessions, tokens))
	})
	return sessions, tokens, err
}

// EnablePerson lets a disabled person sign in again: with a passkey they already have,
// through the organisation's identity provider, or with a new invite. In the same
// transaction it makes sure nothing from before comes back to life: any session, token
// or calendar feed still unended is ended, and any unused invite to their e-mail
// address is expired (disabling ends sessions and tokens; a token made with `samspel
// token create`, a calendar feed or an invite made earlier would otherwise start
// working again). Enabling someone who is not disabled changes nothing, writes nothing
// and is no error; wasDisabled says which it was. An unknown person is ErrNotFound.
func (s *Store) EnablePerson(ctx context.Context, actor Actor, personID int64) (p Person, wasDisabled bool, err error) {
	now := millis(s.now())
	err = s.tx(ctx, func(tx *sql.Tx) error {
		var email string
		var disabled sql.NullInt64
		err := tx.QueryRowContext(ctx, `SELECT email, disabled_at FROM people WHERE id = ?`, personID).Scan(&email, &disabled)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return fmt.Errorf("read person: %w", err)
		}
		if !disabled.Valid {
			return nil
		}
		wasDisabled = true
		if _, err := tx.ExecContext(ctx, `UPDATE people SET disabled_at = NULL WHERE id = ?`, personID); err != nil {
			return fmt.Errorf("enable person: %w", err)
		}
		ended := func(what, query string, args ...any) (int64, error) {
			res, err := tx.ExecContext(ctx, query, args...)
			if err != nil {
				return 0, fmt.Errorf("end %s: %w", what, err)
			}
			n, _ := res.RowsAffected()
			return n, nil
		}
		sessions, err := ended("sessions", `UPDATE sessions SET ended_at = ? WHERE person_id = ? AND ended_at IS NULL`, now, personID)
		if err != nil {
			return err
		}
		tokens, err := ended("tokens", `UPDATE tokens SET revoked_at = ? WHERE person_id = ? AND revoked_at IS NULL`, now, personID)
		if err != nil {
			return err
		}
		feeds, err := ended("calendar feeds", `UPDATE calendar_feeds SET revoked_at = ? WHERE person_id = ? AND revoked_at IS NULL`, now, personID)
		if err != nil {
			return err
		}
		invites, err := ended("invites", `UPDATE invites SET expires_at = ?1 WHERE email = ?2 AND used_at IS NULL AND expires_at > ?1`, now, email)
		if err != nil {
			return err
		}
		return auditTx(ctx, tx, s.now(), actor, "person.enable", true,
			fmt.Sprintf("person:%d sessions:%d tokens:%d calendar_feeds:%d invites:%d", personID, sessions, tokens, feeds, invites))
	})
	if err != nil {
		return Person{}, false, err
	}
	p, err = s.Person(ctx, personID)
	return p, wasDisabled, err
}
