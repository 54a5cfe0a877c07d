package export_test

import (
	"bytes"
	"context"
	"errors"
	"testing"
	"time"

	"github.com/samspel/samspel/server/export"
	"github.com/samspel/samspel/server/store"
)

// smallPackage is a valid package of one organisation and one term, written without a
// database: the seed the fuzzer mutates.
func smallPackage(tb testing.TB, orgName string) []byte {
	var buf bytes.Buffer
	table := func(name string, cols []export.Column, rows ...[]any) export.Table {
		return export.Table{Name: name, Title: name, Columns: cols, Rows: func(yield func([]any) error) error {
			for _, r := range rows {
				if err := yield(r); err != nil {
					return err
				}
			}
			return nil
		}}
	}
	i := func(n string) export.Column { return export.Column{Name: n, Type: "integer"} }
	s := func(n string) export.Column { return export.Column{Name: n, Type: "text"} }
	_, err := export.WriteArchive(&buf, export.Archive{
		ID: "fuzz", Created: time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC), Software: "Samspel", SoftwareVersion: "fuzz",
		Organization: orgName, Term: "2022-2026", TermStart: "2022-10-15", TermEnd: "2026-10-14",
		Tables: []export.Table{
			table("organizations", []export.Column{i("id"), i("kind"), s("name"), i("created_at")}, []any{int64(1), int64(1), orgName, int64(0)}),
			table("terms", []export.Column{i("id"), i("organization_id"), s("start_date"), s("end_date")}, []any{int64(1), int64(1), "2022-10-15", "2026-10-14"}),
		},
	})
	if err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// FuzzImportPackage feeds arbitrary bytes to the importer: it must refuse them with
// ErrBadPackage or read them, never panic; what it reads, it reads to the end.
func FuzzImportPackage(f *testing.F) {
	good := smallPackage(f, "Fuzzstad")
	f.Add(good)
	f.Add(good[:len(good)/2])
	f.Add(bytes.Replace(good, []byte("Fuzzstad"), []byte("Fuzzst\"d"), 1))
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, b []byte) {
		p, err := export.Open(bytes.NewReader(b), int64(len(b)))
		if err != nil {
			if !errors.Is(err, export.ErrBadPackage) {
				t.Fatalf("refused without ErrBadPackage: %v", err)
			}
			return
		}
		for _, name := range []string{"organizations", "terms", "people"} {
			if p.Has(name) {
				p.Rows(name, func(map[string]any) error { return nil })
			}
		}
	})
}

// TestImportOfAPartialPackageWritesNothing: a valid package that lacks most tables is
// refused by the store as a whole, and the database stays empty.
func TestImportOfAPartialPackageWritesNothing(t *testing.T) {
	pkg := smallPackage(t, "Delstad")
	p, err := export.Open(bytes.NewReader(pkg), int64(len(pkg)))
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(context.Background(), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.ImportArchive(context.Background(), store.Actor{}, p); !errors.Is(err, export.ErrBadPackage) {
		t.Fatalf("got %v, want ErrBadPackage", err)
	}
	if n, err := st.CountPeople(context.Background()); err != nil || n != 0 {
		t.Fatalf("%d people after a refused import (%v)", n, err)
	}
	if _, err := st.FindTerm(context.Background(), 0, "2022-2026"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("the term was written by a refused import: %v", err)
	}
}
