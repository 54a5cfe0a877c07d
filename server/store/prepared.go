package store

import (
	"context"
	"database/sql"
	"fmt"
)

// beginRead starts a read-only transaction: one snapshot for all the queries that open a
// meeting. The long visibility queries are compiled once per connection, not per call:
// the driver keeps each connection's prepared statements (_stmt_cache_size in Open).
func (s *Store) beginRead(ctx context.Context) (*sql.Tx, error) {
	tx, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("begin read: %w", err)
	}
	return tx, nil
}
