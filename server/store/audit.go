package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// Actor is who made a change and from where, for the audit log.
type Actor struct {
	PersonID int64 // zero when nobody is signed in, or for the command line
	ClientIP string
}

// AuditEvent is one entry of the audit log.
type AuditEvent struct {
	ID            int64
	CreateTime    time.Time
	ActorPersonID int64
	Action        string
	Success       bool
	Subject       string
	ClientIP      string
	ActorName     string // the actor's display name, empty when nobody acted
}

// Audit appends an event on its own, for outcomes that change nothing else (a failed
// sign-in). Changes audit inside their own transaction with auditTx instead.
func (s *Store) Audit(ctx context.Context, actor Actor, action string, success bool, subject string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		return auditTx(ctx, tx, s.now(), actor, action, success, subject)
	})
}

func auditTx(ctx context.Context, tx *sql.Tx, now time.Time, actor Actor, action string, success bool, subject string) error {
	_, err := tx.ExecContext(ctx, `
		INSERT INTO audit_events (created_at, actor_person_id, action, success, subject, client_ip)
		VALUES (?, ?, ?, ?, ?, ?)`, millis(now), nullID(actor.PersonID), action, success, subject, actor.ClientIP)
	if err != nil {
		return fmt.Errorf("insert audit event: %w", err)
	}
	return nil
}

// ListAuditEvents lists the audit log, newest first.
func (s *Store) ListAuditEvents(ctx context.Context, p Page) ([]AuditEvent, string, error) {
	c, err := p.cursor()
	if err != nil {
		return nil, "", err
	}
	if c.ID == 0 {
		c.ID = 1<<63 - 1
	}
	out, err := query(ctx, s.r, func(rows scanner) (e AuditEvent, err error) {
		var at int64
		err = rows.Scan(&e.ID, &at, &e.ActorPersonID, &e.Action, &e.Success, &e.Subject, &e.ClientIP, &e.ActorName)
		e.CreateTime = fromMillis(at)
		return e, err
	}, `
		SELECT a.id, a.created_at, coalesce(a.actor_person_id, 0), a.action, a.success, a.subject, a.client_ip, coalesce(p.display_name, '')
		FROM audit_events a LEFT JOIN people p ON p.id = a.actor_person_id
		WHERE a.id < ? ORDER BY a.id DESC LIMIT ?`, c.ID, p.size()+1)
	if err != nil {
		return nil, "", fmt.Errorf("list audit events: %w", err)
	}
	out, next := trim(out, p, func(e AuditEvent) cursor { return cursor{ID: e.ID} })
	return out, next, nil
}
