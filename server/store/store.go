// Package store keeps Samspel's data in SQLite. It is concrete on purpose: one *Store
// over database/sql with plain SQL, a single writer connection and a read-only pool.
package store

import (
	"context"
	"database/sql"
	"embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/mattn/go-sqlite3"
)

// FileName is the database file inside the data directory.
const FileName = "samspel.db"

//go:embed migrations/*.sql
var migrationFS embed.FS

// ErrNotFound means the row does not exist, or the caller may not know that it does.
var ErrNotFound = errors.New("not found")

// ErrConflict means the write clashes with what is stored (a duplicate, a used invite).
var ErrConflict = errors.New("conflict")

// ErrStale means the write names a revision other than the stored one: someone changed
// the row since the caller read it. Read it again, then decide.
var ErrStale = errors.New("changed since you read it")

// ErrFutureSchema means the database was written by a newer Samspel.
var ErrFutureSchema = errors.New("database written by a newer version of Samspel")

// InvalidError is a request that is well-formed but breaks a rule only the store can
// check, such as overlapping terms. Field names the request field at fault.
type InvalidError struct {
	Field       string
	Description string
}

func (e *InvalidError) Error() string { return e.Field + ": " + e.Description }

// ReasonError gives a refusal a stable reason, such as "PERSON_DISABLED", that the API
// passes to clients as google.rpc.ErrorInfo, so they can tell refusals apart without
// reading the English message. Err (wrapping ErrConflict or the like) decides the code.
type ReasonError struct {
	Reason string
	Err    error
}

func (e *ReasonError) Error() string { return e.Err.Error() }
func (e *ReasonError) Unwrap() error { return e.Err }

// Store is Samspel's database.
type Store struct {
	w   *sql.DB // the one writer; _txlock=immediate so read-then-write never deadlocks
	r   *sql.DB // read-only pool for queries
	now func() time.Time
	// group lets concurrent writes share a commit (see group.go).
	group group
}

// Option adjusts Open.
type Option func(*Store)

// WithClock replaces time.Now, so tests can move time forward.
func WithClock(now func() time.Time) Option { return func(s *Store) { s.now = now } }

// Open opens (creating if needed) the database in dir and brings its schema up to date.
// A database from a newer Samspel is refused before anything is written to it.
func Open(ctx context.Context, dir string, opts ...Option) (*Store, error) {
	s := &Store{now: time.Now}
	for _, o := range opts {
		o(s)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("create data directory: %w", err)
	}
	path := filepath.Join(dir, FileName)
	migs, err := migrations()
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(path); err == nil {
		if err := checkVersion(path, len(migs)); err != nil {
			return nil, err
		}
	}
	// _stmt_cache_size keeps each connection's prepared statements: preparing the same
	// SQL again was a fifth of the CPU of a note write.
	w, err := sql.Open(driverName, "file:"+path+"?_journal_mode=WAL&_busy_timeout=5000&_foreign_keys=on&_synchronous=FULL&_txlock=immediate&_stmt_cache_size=64")
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	w.SetMaxOpenConns(1)
	w.SetConnMaxIdleTime(0)
	s.w = w
	if err := s.migrate(ctx, migs); err != nil {
		w.Close()
		return nil, err
	}
	r, err := sql.Open(driverName, "file:"+path+"?mode=ro&_busy_timeout=5000&_foreign_keys=on&_query_only=1&_stmt_cache_size=64")
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("open read pool: %w", err)
	}
	r.SetMaxOpenConns(8)
	s.r = r
	return s, nil
}

// Close closes both pools; the WAL is checkpointed by SQLite when the last one closes.
func (s *Store) Close() error {
	return errors.Join(s.r.Close(), s.w.Close())
}

// SchemaVersion is the number of the newest migration this binary applies.
func (s *Store) SchemaVersion() int {
	migs, _ := migrations() // validated by Open
	return len(migs)
}

// RowCounts counts the rows of the named tables, for upgrade tests and exports.
func (s *Store) RowCounts(ctx context.Context, tables []string) (map[string]int, error) {
	out := map[string]int{}
	for _, t := range tables {
		var n int
		// Table names come from the caller's own constant list, never from a request.
		if err := s.r.QueryRowContext(ctx, `SELECT count(*) FROM "`+t+`"`).Scan(&n); err != nil {
			return nil, fmt.Errorf("count %s: %w", t, err)
		}
		out[t] = n
	}
	return out, nil
}

// Pools returns the writer and the read pool by name, for pool metrics only.
func (s *Store) Pools() map[string]*sql.DB {
	return map[string]*sql.DB{"writer": s.w, "reader": s.r}
}

// Ping reports whether the database answers; health checks use it.
func (s *Store) Ping(ctx context.Context) error {
	// user_version is read from the database header, so the file itself must answer;
	// SELECT 1 would succeed on an open connection whatever became of the file.
	var n int
	return s.r.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&n)
}

// IntegrityCheck runs SQLite's integrity_check and returns its verdict ("ok" when sound).
func (s *Store) IntegrityCheck(ctx context.Context) (string, error) {
	var res string
	err := s.r.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&res)
	return res, err
}

type migration struct {
	version int
	name    string
	sql     string
}

func migrations() ([]migration, error) {
	entries, err := fs.ReadDir(migrationFS, "migrations")
	if err != nil {
		return nil, err
	}
	var migs []migration
	for _, e := range entries {
		var v int
		if _, err := fmt.Sscanf(e.Name(), "%04d_", &v); err != nil {
			return nil, fmt.Errorf("migration %s: name must start with a 4-digit number", e.Name())
		}
		b, err := migrationFS.ReadFile("migrations/" + e.Name())
		if err != nil {
			return nil, err
		}
		migs = append(migs, migration{version: v, name: e.Name(), sql: string(b)})
	}
	sort.Slice(migs, func(i, j int) bool { return migs[i].version < migs[j].version })
	for i, m := range migs {
		if m.version != i+1 {
			return nil, fmt.Errorf("migration %s: expected number %d", m.name, i+1)
		}
	}
	return migs, nil
}

// checkVersion reads user_version straight from the database file's header (offset
// 60), so a database from the future is refused without opening it: not even a -wal or
// -shm file appears. migrate checks again through SQLite, in case the newest version
// still sits in an un-checkpointed WAL.
func checkVersion(path string, known int) error {
	v, err := headerVersion(path)
	if err != nil {
		return err
	}
	if v > known {
		return fmt.Errorf("%w: %s has schema version %d, this binary knows up to %d; use the newer binary or restore a backup", ErrFutureSchema, path, v, known)
	}
	return nil
}

// headerVersion reads user_version from the SQLite header; an empty file is version 0.
func headerVersion(path string) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, fmt.Errorf("open database: %w", err)
	}
	defer f.Close()
	var hdr [100]byte
	n, err := io.ReadFull(f, hdr[:])
	if n == 0 {
		return 0, nil
	}
	if err != nil || string(hdr[:16]) != "SQLite format 3\x00" {
		return 0, fmt.Errorf("%s is not an SQLite database", path)
	}
	return int(binary.BigEndian.Uint32(hdr[60:64])), nil
}

// migrate applies each pending migration in its own transaction together with the
// user_version bump, so a crash leaves the schema at a known version.
func (s *Store) migrate(ctx context.Context, migs []migration) error {
	var v int
	if err := s.w.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&v); err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	if v > len(migs) {
		return fmt.Errorf("%w: schema version %d, this binary knows up to %d", ErrFutureSchema, v, len(migs))
	}
	for _, m := range migs[v:] {
		err := s.tx(ctx, func(tx *sql.Tx) error {
			if _, err := tx.ExecContext(ctx, m.sql); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, fmt.Sprintf(`PRAGMA user_version = %d`, m.version))
			return err
		})
		if err != nil {
			return fmt.Errorf("apply migration %s: %w", m.name, err)
		}
	}
	return nil
}

// tx runs fn in a write transaction, committing only if fn succeeds.
func (s *Store) tx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// millis is how instants are stored.
func millis(t time.Time) int64 { return t.UnixMilli() }

func fromMillis(ms int64) time.Time { return time.UnixMilli(ms).UTC() }

// today is the calendar date in Sweden, which is what "current term" and role dates mean.
func (s *Store) today() string { return s.now().In(stockholm).Format(time.DateOnly) }

var stockholm = mustLoadLocation("Europe/Stockholm")

func mustLoadLocation(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		// Machines without tzdata still work, one or two hours off around midnight.
		return time.FixedZone("CET", 3600)
	}
	return loc
}

// isUnique reports whether err is a UNIQUE constraint failure.
func isUnique(err error) bool {
	var se sqlite3.Error
	return errors.As(err, &se) && se.ExtendedCode == sqlite3.ErrConstraintUnique
}
