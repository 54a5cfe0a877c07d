package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Invite is a one-time sign-in link for a person and role. Only its secret's hash is kept.
type Invite struct {
	SecretHash     []byte
	Email          string
	Role           int32
	OrganizationID int64 // zero for an administrator
	Party          string
	ExpireTime     time.Time
}

// ErrPersonDisabled refuses an invite to the e-mail address of a disabled person: its
// link could never sign them in. It is an ErrConflict, so the client learns the person
// must be enabled first; its reason, PERSON_DISABLED, lets the client say so.
var ErrPersonDisabled error = &ReasonError{
	Reason: "PERSON_DISABLED",
	Err:    fmt.Errorf("%w: the person with this e-mail address is disabled; enable them first", ErrConflict),
}

// CreateInvite stores an invite. Every role but administrator needs an organisation with
// a current term, since redeeming the invite assigns the role in that term. An invite to
// a disabled person's e-mail address is refused with ErrPersonDisabled and nothing is
// stored.
func (s *Store) CreateInvite(ctx context.Context, actor Actor, inv Invite) error {
	if inv.Role == RoleOpposition && strings.TrimSpace(inv.Party) == "" {
		return &InvalidError{Field: "party", Description: "is required for an opposition role"}
	}
	if inv.Role == RoleAdmin {
		inv.OrganizationID = 0
	} else {
		if inv.OrganizationID == 0 {
			return &InvalidError{Field: "organization_id", Description: "is required for this role"}
		}
		if _, err := s.CurrentTerm(ctx, inv.OrganizationID); err != nil {
			if errors.Is(err, ErrNotFound) {
				return &InvalidError{Field: "organization_id", Description: "no such organisation, or it has no current term"}
			}
			return err
		}
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		var disabled bool
		err := tx.QueryRowContext(ctx, `SELECT disabled_at IS NOT NULL FROM people WHERE email = ?`, inv.Email).Scan(&disabled)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("read person: %w", err)
		}
		if disabled {
			return ErrPersonDisabled
		}
		res, err := tx.ExecContext(ctx, `
			INSERT INTO invites (secret_hash, email, role, organization_id, party, created_by, created_at, expires_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			inv.SecretHash, inv.Email, inv.Role, nullID(inv.OrganizationID), inv.Party, nullID(actor.PersonID), millis(s.now()), millis(inv.ExpireTime))
		if err != nil {
			return fmt.Errorf("insert invite: %w", err)
		}
		id, _ := res.LastInsertId()
		return auditTx(ctx, tx, s.now(), actor, "invite.create", true, fmt.Sprintf("invite:%d role:%d", id, inv.Role))
	})
}

// RedeemInvite uses up an invite and starts a session, in one transaction: the person is
// created if the e-mail address is new, and given the invite's role in the current term
// unless they already hold it. An unknown, used or expired invite is ErrNotFound (and
// audited), without saying which, so the link reveals nothing.
//
// Redeeming an invite as someone already known is how a person recovers after losing
// their passkeys: it starts one new session, from which they add a passkey, and ends
// nothing else.
func (s *Store) RedeemInvite(ctx context.Context, actor Actor, secretHash []byte, displayName string, ns NewSession, pol SessionPolicy) (Person, error) {
	now := s.now()
	var personID int64
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var inviteID int64
		var err error
		personID, inviteID, err = s.redeemInviteTx(ctx, tx, now, actor, secretHash, displayName)
		if err != nil {
			return err
		}
		if err := createSessionTx(ctx, tx, now, personID, ns, pol); err != nil {
			return err
		}
		return auditTx(ctx, tx, now, Actor{PersonID: personID, ClientIP: actor.ClientIP}, "invite.redeem", true, fmt.Sprintf("invite:%d person:%d", inviteID, personID))
	})
	if errors.Is(err, ErrNotFound) {
		if aerr := s.Audit(ctx, actor, "invite.redeem", false, ""); aerr != nil {
			return Person{}, aerr
		}
	}
	if err != nil {
		return Person{}, err
	}
	return s.Person(ctx, personID)
}

// redeemInviteTx uses up the invite with this secret hash and returns the person it is
// for, creating them if their e-mail address is new and giving them the invite's role.
// It starts no session: its callers do, each in their own way.
func (s *Store) redeemInviteTx(ctx context.Context, tx *sql.Tx, now time.Time, actor Actor, secretHash []byte, displayName string) (personID, inviteID int64, err error) {
	var inv Invite
	var org sql.NullInt64
	err = tx.QueryRowContext(ctx, `
		UPDATE invites SET used_at = ? WHERE secret_hash = ? AND used_at IS NULL AND expires_at > ?
		RETURNING id, email, role, organization_id, party`, millis(now), secretHash, millis(now)).
		Scan(&inviteID, &inv.Email, &inv.Role, &org, &inv.Party)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, 0, ErrNotFound
	}
	if err != nil {
		return 0, 0, fmt.Errorf("use invite: %w", err)
	}
	err = tx.QueryRowContext(ctx, `SELECT id FROM people WHERE email = ?`, inv.Email).Scan(&personID)
	if errors.Is(err, sql.ErrNoRows) {
		name := strings.TrimSpace(displayName)
		if name == "" {
			// Rolling back leaves the invite unused, so the person can try again.
			return 0, 0, &InvalidError{Field: "display_name", Description: "a person new to Samspel must give their name"}
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO people (email, display_name, created_at) VALUES (?, ?, ?)`, inv.Email, name, millis(now))
		if err != nil {
			return 0, 0, fmt.Errorf("insert person: %w", err)
		}
		personID, _ = res.LastInsertId()
	} else if err != nil {
		return 0, 0, err
	}
	var disabled sql.NullInt64
	if err := tx.QueryRowContext(ctx, `SELECT disabled_at FROM people WHERE id = ?`, personID).Scan(&disabled); err != nil {
		return 0, 0, err
	}
	if disabled.Valid {
		return 0, 0, ErrNotFound
	}
	if inv.Role == RoleAdmin {
		if _, err := tx.ExecContext(ctx, `UPDATE people SET admin = 1 WHERE id = ?`, personID); err != nil {
			return 0, 0, err
		}
	} else if err := s.ensureRoleTx(ctx, tx, now, actor, personID, org.Int64, inv.Role, inv.Party); err != nil {
		return 0, 0, err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE invites SET used_by = ? WHERE id = ?`, personID, inviteID); err != nil {
		return 0, 0, err
	}
	return personID, inviteID, nil
}

// ensureRoleTx gives the person the role in the organisation's current term from today,
// unless they hold it already.
func (s *Store) ensureRoleTx(ctx context.Context, tx *sql.Tx, now time.Time, actor Actor, personID, orgID int64, role int32, party string) error {
	today := now.In(stockholm).Format(time.DateOnly)
	var termID int64
	err := tx.QueryRowContext(ctx, `SELECT id FROM terms WHERE organization_id = ? AND start_date <= ?2 AND end_date >= ?2`, orgID, today).Scan(&termID)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("%w: the organisation has no current term", ErrConflict)
	}
	if err != nil {
		return err
	}
	var n int
	if err := tx.QueryRowContext(ctx, `
		SELECT count(*) FROM role_assignments WHERE person_id = ? AND term_id = ? AND role = ? AND party = ?
		AND start_date <= ? AND (end_date IS NULL OR end_date >= ?)`, personID, termID, role, party, today, today).Scan(&n); err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	_, err = assignRoleTx(ctx, tx, now, actor, RoleAssignment{Person: Person{ID: personID}, OrganizationID: orgID, TermID: termID, Role: role, Party: party, StartDate: today})
	return err
}
