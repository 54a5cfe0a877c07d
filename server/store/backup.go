package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"time"
)

// ErrRunning means a Samspel server holds the data directory.
var ErrRunning = errors.New("Samspel is running on this data directory; stop it first")

// LockDir takes the data directory for one server process. Commands that only add a
// row (token, invite) do not take it; restore, which replaces the file, must.
func LockDir(dir string) (unlock func(), err error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(filepath.Join(dir, "samspel.lock"), os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, ErrRunning
		}
		return nil, fmt.Errorf("lock data directory: %w", err)
	}
	return func() { f.Close() }, nil
}

// Backup writes a consistent copy of the database in dir to out while Samspel runs.
// VACUUM INTO reads one snapshot, so the copy holds every transaction committed before
// it began and none after, and writers are not blocked meanwhile.
func Backup(ctx context.Context, dir, out string) error {
	if _, err := os.Stat(out); err == nil {
		return fmt.Errorf("%s exists; choose a new file name", out)
	}
	db, err := sql.Open("sqlite3", "file:"+filepath.Join(dir, FileName)+"?mode=ro&_busy_timeout=5000")
	if err != nil {
		return err
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, `VACUUM INTO ?`, out); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	if res, err := integrity(ctx, out); err != nil || res != "ok" {
		return fmt.Errorf("backup %s failed its integrity check: %q %v", out, res, err)
	}
	return syncFile(out)
}

// Restore replaces the database in dir with the backup in file. It refuses while a
// server holds dir, a backup that is unsound or from a newer Samspel, and a backup
// older than the database it would replace (the newer data would be lost). The
// replaced database is kept beside it as samspel.db.before-restore-TIME.
func Restore(ctx context.Context, dir, file string) (kept string, err error) {
	unlock, err := LockDir(dir)
	if err != nil {
		return "", err
	}
	defer unlock()
	migs, err := migrations()
	if err != nil {
		return "", err
	}
	if err := checkVersion(file, len(migs)); err != nil {
		return "", err
	}
	if res, err := integrity(ctx, file); err != nil || res != "ok" {
		return "", fmt.Errorf("%s failed its integrity check: %q %v", file, res, err)
	}
	backupVersion, err := headerVersion(file)
	if err != nil {
		return "", err
	}
	path := filepath.Join(dir, FileName)
	if _, err := os.Stat(path); err == nil {
		current, err := headerVersion(path)
		if err != nil {
			return "", err
		}
		if current > backupVersion {
			return "", fmt.Errorf("the database in %s has schema version %d, newer than the backup's %d; restore into an empty directory instead", dir, current, backupVersion)
		}
		// A clean shutdown leaves no WAL. If one is left from a crash, checkpoint it into
		// the old file we keep, rather than let it be replayed onto the restored one.
		if err := checkpoint(ctx, path); err != nil {
			return "", err
		}
		kept = path + ".before-restore-" + time.Now().UTC().Format("20060102T150405Z")
		if err := os.Rename(path, kept); err != nil {
			return "", err
		}
	}
	tmp := path + ".restoring"
	if err := copyFile(file, tmp); err != nil {
		return "", err
	}
	if err := os.Rename(tmp, path); err != nil {
		return "", err
	}
	return kept, syncDir(dir)
}

func integrity(ctx context.Context, path string) (string, error) {
	db, err := sql.Open("sqlite3", "file:"+path+"?mode=ro")
	if err != nil {
		return "", err
	}
	defer db.Close()
	var res string
	err = db.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&res)
	return res, err
}

func checkpoint(ctx context.Context, path string) error {
	db, err := sql.Open("sqlite3", "file:"+path+"?_busy_timeout=5000")
	if err != nil {
		return err
	}
	defer db.Close()
	_, err = db.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`)
	return err
}

func copyFile(from, to string) error {
	b, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	if err := os.WriteFile(to, b, 0o600); err != nil {
		return err
	}
	return syncFile(to)
}

func syncFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}

func syncDir(dir string) error {
	return syncFile(dir)
}
