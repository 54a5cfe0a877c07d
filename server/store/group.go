package store

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
)

// Group commit. Every acknowledged write waits for its commit's fsync (synchronous=FULL),
// and the one writer commits one transaction at a time: with 32 phones sending notes at
// once, a note would wait for 31 fsyncs before its own. groupTx lets the writes that
// arrive while a commit is under way share the next transaction, each in a savepoint of
// its own, so one fsync acknowledges them all and a failing write fails alone.
//
// There is no goroutine of its own: the first caller to find nobody committing leads,
// commits what has queued up (its own write included) and, before returning, hands the
// lead to the first caller that queued meanwhile.

// group is the queue of writes waiting for the next shared transaction.
type group struct {
	mu      sync.Mutex
	queue   []*groupCall
	leading bool
}

type groupCall struct {
	ctx  context.Context
	fn   func(*sql.Tx) error
	err  error
	done bool          // set before wake closes when the call is finished
	wake chan struct{} // closed when finished, or to make the call lead
}

// groupTx runs fn in a write transaction that it may share with other groupTx calls; fn
// sees a transaction of its own in effect (a savepoint), and its error rolls back only
// what it did. It returns once the transaction holding fn's writes is committed.
func (s *Store) groupTx(ctx context.Context, fn func(*sql.Tx) error) error {
	c := &groupCall{ctx: ctx, fn: fn, wake: make(chan struct{})}
	g := &s.group
	g.mu.Lock()
	g.queue = append(g.queue, c)
	lead := !g.leading
	g.leading = true
	g.mu.Unlock()
	if !lead {
		<-c.wake
		if c.done {
			return c.err
		}
	}
	g.mu.Lock()
	batch := g.queue
	g.queue = nil
	g.mu.Unlock()

	s.commitGroup(batch, c)

	g.mu.Lock()
	if len(g.queue) > 0 {
		close(g.queue[0].wake) // not done: it leads the next transaction
	} else {
		g.leading = false
	}
	g.mu.Unlock()
	return c.err
}

// commitGroup runs every call of batch in one transaction and wakes all but leader,
// which is still running.
func (s *Store) commitGroup(batch []*groupCall, leader *groupCall) {
	err := s.runGroup(batch)
	for _, c := range batch {
		if c.err == nil {
			c.err = err
		}
		if c != leader {
			c.done = true
			close(c.wake)
		}
	}
}

func (s *Store) runGroup(batch []*groupCall) error {
	// Not any one caller's context: the transaction serves them all.
	tx, err := s.w.BeginTx(context.Background(), nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	for _, c := range batch {
		if c.err = c.ctx.Err(); c.err != nil {
			continue // the caller gave up before its turn: write nothing for it
		}
		if _, err := tx.Exec(`SAVEPOINT grouped`); err != nil {
			tx.Rollback()
			return fmt.Errorf("savepoint: %w", err)
		}
		c.err = runGrouped(c, tx)
		if c.err != nil {
			if _, err := tx.Exec(`ROLLBACK TO grouped`); err != nil {
				tx.Rollback()
				return fmt.Errorf("rollback to savepoint: %w", err)
			}
		}
		if _, err := tx.Exec(`RELEASE grouped`); err != nil {
			tx.Rollback()
			return fmt.Errorf("release savepoint: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// runGrouped runs one call, turning a panic into its error so that the other callers
// sharing the transaction are still answered.
func runGrouped(c *groupCall, tx *sql.Tx) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic in a grouped write: %v", r)
		}
	}()
	return c.fn(tx)
}
