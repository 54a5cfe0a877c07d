package export_test

import (
	"bytes"
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"

	"github.com/samspel/samspel/server/demo"
	"github.com/samspel/samspel/server/export"
	"github.com/samspel/samspel/server/store"
)

func privateNotes(t *testing.T, dir string, personID int64) []string {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+filepath.Join(dir, store.FileName)+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.Query(`SELECT body FROM meeting_notes WHERE private = 1 AND author_id = ?`, personID)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var b string
		rows.Scan(&b)
		out = append(out, b)
	}
	return out
}

func TestPersonalExport(t *testing.T) {
	st, dir := openDemo(t)
	ctx := context.Background()
	term, err := st.FindTerm(ctx, 0, "2022-2026")
	if err != nil {
		t.Fatal(err)
	}
	chair, _ := st.PersonByEmail(ctx, demo.Chair.Email)
	director, _ := st.PersonByEmail(ctx, demo.Director.Email)
	oldDirector, _ := st.PersonByEmail(ctx, demo.OldDirector.Email)
	// The director keeps a private working note on a check-in both attended.
	db, err := sql.Open("sqlite3", "file:"+filepath.Join(dir, store.FileName)+"?_busy_timeout=5000&_txlock=immediate")
	if err != nil {
		t.Fatal(err)
	}
	_, err = db.Exec(`INSERT INTO meeting_notes (meeting_id, author_id, body, private, created_at, updated_at)
		SELECT m.id, ?1, 'Direktörens egen påminnelse: ta upp bemanningen i socialtjänsten först nästa vecka.', 1, 1, 1
		FROM meetings m JOIN meeting_series s ON s.id = m.series_id
		WHERE s.term_id = ?2 AND s.kind = 1 AND m.date >= ?3 ORDER BY m.date LIMIT 1`, director.ID, term.TermID, demo.DirectorChange)
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := st.WritePersonalExport(ctx, &buf, term, chair, store.Actor{PersonID: chair.ID}, "test"); err != nil {
		t.Fatal(err)
	}
	p, err := export.Open(bytes.NewReader(buf.Bytes()), int64(len(buf.Bytes())))
	if err != nil {
		t.Fatal(err)
	}
	bodies := map[string]int64{} // note body -> private flag
	if err := p.Rows("meeting_notes", func(row map[string]any) error {
		n, _ := row["private"].(interface{ Int64() (int64, error) }).Int64()
		bodies[row["body"].(string)] = n
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	t.Run("the chair's personal export holds every private note of the chair's", func(t *testing.T) {
		own := privateNotes(t, dir, chair.ID)
		if len(own) == 0 {
			t.Fatal("the demo chair has no private notes: the test proves nothing")
		}
		for _, b := range own {
			if bodies[b] != 1 {
				t.Errorf("the chair's private note %q is missing", b)
			}
		}
	})
	t.Run("it holds no private note of the director's or the former director's", func(t *testing.T) {
		others := append(privateNotes(t, dir, director.ID), privateNotes(t, dir, oldDirector.ID)...)
		if len(others) == 0 {
			t.Fatal("the demo directors have no private notes: the test proves nothing")
		}
		all := string(buf.Bytes())
		for _, b := range others {
			if _, ok := bodies[b]; ok {
				t.Errorf("the director's private note %q is in the chair's export", b)
			}
			if len(b) > 12 && strings.Contains(all, b) {
				t.Errorf("the director's private note %q appears in the chair's export", b)
			}
		}
	})
	t.Run("it holds the chair's private quick notes and none of the directors'", func(t *testing.T) {
		db, err := sql.Open("sqlite3", "file:"+filepath.Join(dir, store.FileName)+"?mode=ro")
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		ids := func(q string, args ...any) map[string]bool {
			rows, err := db.Query(q, args...)
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			out := map[string]bool{}
			for rows.Next() {
				var id string
				rows.Scan(&id)
				out[id] = true
			}
			return out
		}
		own := ids(`SELECT id FROM quick_notes WHERE author_id = ? AND term_id = ? AND shared_with IS NULL AND deleted_at IS NULL`, chair.ID, term.TermID)
		others := ids(`SELECT id FROM quick_notes WHERE author_id IN (?, ?) AND term_id = ? AND shared_with IS NULL`, director.ID, oldDirector.ID, term.TermID)
		if len(own) == 0 || len(others) == 0 {
			t.Fatalf("the demo has %d private quick notes of the chair's and %d of the directors': the test proves nothing", len(own), len(others))
		}
		got := map[string]bool{}
		if err := p.Rows("quick_notes", func(row map[string]any) error {
			got[row["id"].(string)] = true
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		for id := range own {
			if !got[id] {
				t.Errorf("the chair's private quick note %s is missing", id)
			}
		}
		for id := range others {
			if got[id] {
				t.Errorf("a director's private quick note %s is in the chair's export", id)
			}
		}
	})
	t.Run("it is named as a personal export", func(t *testing.T) {
		if !p.Has("meeting_notes") || !strings.Contains(p.ID, "personlig") {
			t.Errorf("package %s", p.ID)
		}
	})
}
