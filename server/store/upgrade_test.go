package store_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/samspel/samspel/server/demo"
	"github.com/samspel/samspel/server/store"
)

var fixture = flag.Bool("fixture", false, "write testdata/schema-vNNNN.db for the current schema, with demo data")

// userTables lists the database's own tables: not SQLite's, not the full-text index's
// shadow tables, which are rebuilt rather than kept.
func userTables(t *testing.T, dir string) []string {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+filepath.Join(dir, store.FileName)+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%'
		AND name NOT IN (SELECT v.name || s.suffix FROM sqlite_schema v, (SELECT '_data' AS suffix UNION SELECT '_idx' UNION SELECT '_content' UNION SELECT '_docsize' UNION SELECT '_config') s WHERE v.sql LIKE 'CREATE VIRTUAL%')
		ORDER BY name`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		rows.Scan(&n)
		out = append(out, n)
	}
	return out
}

// TestUpgradeFromEveryEarlierSchema opens a copy of each fixture database written by an
// earlier release; the migrations must bring it to the current schema with every row
// kept. Before adding a migration, run
//
//	go test ./server/store -run TestUpgrade -args -fixture
//
// on the code without it, to add a fixture of the schema about to be replaced, and
// commit the fixture with the migration.
func TestUpgradeFromEveryEarlierSchema(t *testing.T) {
	ctx := context.Background()
	if *fixture {
		writeFixture(t)
	}
	paths, _ := filepath.Glob("testdata/schema-v*.db")
	if len(paths) == 0 {
		t.Fatal("no fixture databases in testdata")
	}
	sort.Strings(paths)
	for _, path := range paths {
		t.Run(filepath.Base(path)+" migrates with its data intact", func(t *testing.T) {
			want := map[string]int{}
			b, err := os.ReadFile(path[:len(path)-3] + ".json")
			if err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(b, &want); err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			src, _ := os.ReadFile(path)
			if err := os.WriteFile(filepath.Join(dir, store.FileName), src, 0o600); err != nil {
				t.Fatal(err)
			}
			st, err := store.Open(ctx, dir)
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			if res, err := st.IntegrityCheck(ctx); err != nil || res != "ok" {
				t.Fatalf("integrity_check: %q, %v", res, err)
			}
			tables := make([]string, 0, len(want))
			for table := range want {
				tables = append(tables, table)
			}
			got, err := st.RowCounts(ctx, tables)
			if err != nil {
				t.Fatal(err)
			}
			for table, n := range want {
				if got[table] != n {
					t.Errorf("%s: %d rows, want %d", table, got[table], n)
				}
			}
			if _, err := st.PersonByEmail(ctx, demo.Chair.Email); err != nil {
				t.Errorf("the demo chair: %v", err)
			}
		})
	}
}

func writeFixture(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	st, err := store.Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := demo.Seed(ctx, st); err != nil {
		t.Fatal(err)
	}
	// Rows of every kind: an invite redeemed into a session (and audit events), one
	// still open, and a token.
	exp := time.Now().Add(time.Hour)
	pol := store.SessionPolicy{Idle: time.Hour, Absolute: time.Hour}
	for _, inv := range []store.Invite{
		{SecretHash: []byte("fixture-1"), Email: demo.Staff.Email, Role: 5, OrganizationID: 1, ExpireTime: exp},
		{SecretHash: []byte("fixture-2"), Email: "ny@exempelstad.example", Role: 5, OrganizationID: 1, ExpireTime: exp},
	} {
		if err := st.CreateInvite(ctx, store.Actor{}, inv); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := st.RedeemInvite(ctx, store.Actor{}, []byte("fixture-1"), "", store.NewSession{SecretHash: []byte("fixture-s")}, pol); err != nil {
		t.Fatal(err)
	}
	if _, err := st.CreateToken(ctx, demo.Chair.Email, []byte("fixture-t"), time.Hour); err != nil {
		t.Fatal(err)
	}
	counts, err := st.RowCounts(ctx, userTables(t, dir))
	if err != nil {
		t.Fatal(err)
	}
	version := st.SchemaVersion()
	name := fmt.Sprintf("testdata/schema-v%04d", version)
	if err := store.Backup(ctx, dir, name+".db.tmp"); err != nil {
		t.Fatal(err)
	}
	st.Close()
	if err := os.Rename(name+".db.tmp", name+".db"); err != nil {
		t.Fatal(err)
	}
	b, _ := json.MarshalIndent(counts, "", "  ")
	if err := os.WriteFile(name+".json", append(b, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %s.db", name)
}
