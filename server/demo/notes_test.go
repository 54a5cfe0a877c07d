package demo_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/samspel/samspel/server/demo"
	"github.com/samspel/samspel/server/store"
)

func seeded(t *testing.T) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	start := time.Now()
	if ok, err := demo.Seed(context.Background(), st); err != nil || !ok {
		t.Fatalf("seed: %v, %v", ok, err)
	}
	t.Logf("seeded the demo in %v", time.Since(start))
	return st
}

// everything pulls every note person may see.
func everything(t *testing.T, st *store.Store, email string) []store.QuickNote {
	t.Helper()
	p, err := st.PersonByEmail(context.Background(), email)
	if err != nil {
		t.Fatal(err)
	}
	var all []store.QuickNote
	var since int64
	for {
		notes, more, err := st.PullQuickNoteChanges(context.Background(), store.Viewer{PersonID: p.ID}, since, 500)
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, notes...)
		if len(notes) > 0 {
			since = notes[len(notes)-1].Sequence
		}
		if !more {
			return all
		}
	}
}

func TestTheDemoHoldsFourYearsOfQuickNotes(t *testing.T) {
	st := seeded(t)
	chair := everything(t, st, demo.Chair.Email)
	director := everything(t, st, demo.Director.Email)
	former := everything(t, st, demo.OldDirector.Email)

	count := func(notes []store.QuickNote, keep func(store.QuickNote) bool) int {
		n := 0
		for _, note := range notes {
			if keep(note) {
				n++
			}
		}
		return n
	}
	mine := func(name string) func(store.QuickNote) bool {
		return func(n store.QuickNote) bool { return n.Author.DisplayName == name }
	}
	byChair := count(chair, mine(demo.Chair.Name))
	t.Run("the chair and the directors wrote thousands", func(t *testing.T) {
		total := byChair + count(director, mine(demo.Director.Name)) + count(former, mine(demo.OldDirector.Name))
		t.Logf("%d notes, %d by the chair, %d seen by the director", total, byChair, len(director))
		if total < 2000 || byChair < 1000 {
			t.Errorf("%d notes, %d by the chair; want thousands", total, byChair)
		}
	})
	t.Run("most are private, some shared, a few in the party role", func(t *testing.T) {
		shared := count(chair, func(n store.QuickNote) bool { return mine(demo.Chair.Name)(n) && n.SharedWith.ID != 0 })
		party := count(chair, func(n store.QuickNote) bool { return n.PartyRole })
		if shared*5 > byChair || shared*20 < byChair || party == 0 || party*10 > byChair {
			t.Errorf("of the chair's %d notes %d shared and %d in the party role", byChair, shared, party)
		}
	})
	t.Run("shared notes went to the director of the day", func(t *testing.T) {
		for _, n := range chair {
			if n.SharedWith.ID == 0 || n.Author.DisplayName != demo.Chair.Name {
				continue
			}
			day := n.CreateTime.Format(time.DateOnly)
			want := demo.Director.Name
			if day < demo.DirectorChange {
				want = demo.OldDirector.Name
			}
			if n.SharedWith.DisplayName != want {
				t.Fatalf("a note of %s was shared with %s, want %s", day, n.SharedWith.DisplayName, want)
			}
		}
	})
	t.Run("the director sees her own notes and those shared with her, never the chair's private ones", func(t *testing.T) {
		for _, n := range director {
			if n.Author.DisplayName != demo.Director.Name && n.SharedWith.DisplayName != demo.Director.Name {
				t.Fatalf("the director sees %+v", n)
			}
		}
	})
	t.Run("a few of the latest notes of the current term wait in the inbox", func(t *testing.T) {
		unsorted := count(chair, func(n store.QuickNote) bool { return mine(demo.Chair.Name)(n) && !n.Sorted })
		if unsorted == 0 || unsorted > 5 {
			t.Errorf("%d unsorted notes of the chair", unsorted)
		}
	})
	t.Run("seeding again on a new database gives the very same notes", func(t *testing.T) {
		again := everything(t, seeded(t), demo.Chair.Email)
		if !slices.EqualFunc(chair, again, func(a, b store.QuickNote) bool { return a.ID == b.ID && a.Body == b.Body }) {
			t.Errorf("the demo's notes differ from run to run")
		}
	})
}
