package store

import (
	"database/sql"
	"strings"

	"github.com/mattn/go-sqlite3"
)

// driverName is mattn's SQLite driver with Samspel's own SQL functions on every
// connection.
const driverName = "samspel_sqlite3"

func init() {
	sql.Register(driverName, &sqlite3.SQLiteDriver{
		ConnectHook: func(c *sqlite3.SQLiteConn) error {
			// fold lower-cases all of Unicode. SQLite's own lower() and LIKE fold ASCII
			// only, so "Åsen" would never match "åsen" without it.
			return c.RegisterFunc("fold", strings.ToLower, true)
		},
	})
}
