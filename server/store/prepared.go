package store

import (
	"context"
	"database/sql"
	"fmt"
)

// SQLite compiles a statement every time one is prepared, and the meeting queries are
// long (the visibility rules, agenda counts): compiling them took most of the time of
// opening a meeting. Hot reads therefore go through statements prepared once on the read
// pool; database/sql keeps one per connection and hands it to read transactions.

// prepared returns the read pool's statement for q, preparing it the first time.
func (s *Store) prepared(ctx context.Context, q string) (*sql.Stmt, error) {
	if st, ok := s.prep.Load(q); ok {
		return st.(*sql.Stmt), nil
	}
	st, err := s.r.PrepareContext(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("prepare: %w", err)
	}
	if prev, loaded := s.prep.LoadOrStore(q, st); loaded {
		st.Close() // another reader prepared it first
		return prev.(*sql.Stmt), nil
	}
	return st, nil
}

// readTx is a read transaction whose queries use the prepared statements. It satisfies
// querier, so query and scans work on it unchanged.
type readTx struct {
	s  *Store
	tx *sql.Tx
}

// beginRead starts a read-only transaction: one snapshot for all its queries.
func (s *Store) beginRead(ctx context.Context) (readTx, error) {
	tx, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return readTx{}, fmt.Errorf("begin read: %w", err)
	}
	return readTx{s: s, tx: tx}, nil
}

func (r readTx) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	st, err := r.s.prepared(ctx, q)
	if err != nil {
		return nil, err
	}
	return r.tx.StmtContext(ctx, st).QueryContext(ctx, args...)
}

func (r readTx) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	st, err := r.s.prepared(ctx, q)
	if err != nil {
		return r.tx.QueryRowContext(ctx, q, args...) // reports the same error when scanned
	}
	return r.tx.StmtContext(ctx, st).QueryRowContext(ctx, args...)
}

// Rollback ends the read transaction.
func (r readTx) Rollback() error { return r.tx.Rollback() }
