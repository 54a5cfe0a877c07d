package store

import (
	"context"
	"database/sql"
	"fmt"
)

// DemoPerson describes a person to seed.
type DemoPerson struct {
	Email string
	Name  string
	Admin bool
}

// Seeder writes seed data inside one transaction. Its methods remember the first error
// and do nothing after it, so seed code reads as a plain list of facts.
type Seeder struct {
	ctx   context.Context
	tx    *sql.Tx
	now   int64
	err   error
	stmts map[string]*sql.Stmt // prepared once per seed: bulk demo content runs each many times
}

// SeedOnce runs fn in one transaction unless an organisation with this name exists.
func (s *Store) SeedOnce(ctx context.Context, orgName string, fn func(*Seeder) error) (bool, error) {
	seeded := false
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM organizations WHERE name = ?`, orgName).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return nil
		}
		b := &Seeder{ctx: ctx, tx: tx, now: millis(s.now()), stmts: map[string]*sql.Stmt{}}
		defer func() {
			for _, st := range b.stmts {
				st.Close()
			}
		}()
		if err := fn(b); err != nil {
			return err
		}
		if b.err != nil {
			return fmt.Errorf("seed: %w", b.err)
		}
		seeded = true
		return nil
	})
	return seeded, err
}

func (b *Seeder) insert(query string, args ...any) int64 {
	if b.err != nil {
		return 0
	}
	st, ok := b.stmts[query]
	if !ok {
		var err error
		if st, err = b.tx.PrepareContext(b.ctx, query); err != nil {
			b.err = err
			return 0
		}
		b.stmts[query] = st
	}
	res, err := st.ExecContext(b.ctx, args...)
	if err != nil {
		b.err = err
		return 0
	}
	id, _ := res.LastInsertId()
	return id
}

// Organization adds an organisation.
func (b *Seeder) Organization(kind int32, name string) int64 {
	return b.insert(`INSERT INTO organizations (kind, name, created_at) VALUES (?, ?, ?)`, kind, name, b.now)
}

// Term adds a term.
func (b *Seeder) Term(orgID int64, start, end string) int64 {
	return b.insert(`INSERT INTO terms (organization_id, start_date, end_date) VALUES (?, ?, ?)`, orgID, start, end)
}

// Person adds a person, or returns the one with this e-mail address.
func (b *Seeder) Person(p DemoPerson) int64 {
	if b.err != nil {
		return 0
	}
	var id int64
	err := b.tx.QueryRowContext(b.ctx, `
		INSERT INTO people (email, display_name, admin, created_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (email) DO UPDATE SET email = excluded.email RETURNING id`, p.Email, p.Name, p.Admin, b.now).Scan(&id)
	if err != nil {
		b.err = err
	}
	return id
}

// Role adds a role assignment; end is empty for one that goes on.
func (b *Seeder) Role(personID, orgID, termID int64, role int32, party, start, end string) int64 {
	var endArg any
	if end != "" {
		endArg = end
	}
	return b.insert(`
		INSERT INTO role_assignments (person_id, organization_id, term_id, role, party, start_date, end_date, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, personID, orgID, termID, role, party, start, endArg, b.now)
}
