package store_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/samspel/samspel/server/store"
)

// TestConcurrentCreatesShareCommitsAndFailAlone sends many notes at once, some of them
// invalid: every valid one is stored exactly once, every invalid one fails on its own.
func TestConcurrentCreatesShareCommitsAndFailAlone(t *testing.T) {
	p := newPair(t)
	ctx := context.Background()
	const n = 200
	var wg sync.WaitGroup
	errs := make([]error, n)
	ids := make([]string, n)
	for i := range n {
		ids[i] = store.NewNoteID(p.now.Add(-time.Duration(i) * time.Second))
		wg.Add(1)
		go func() {
			defer wg.Done()
			author, nn := p.chair, store.NewQuickNote{ID: ids[i], Body: "samtidig"}
			switch i % 10 {
			case 3:
				nn.WithPersonID = p.outsider.PersonID // refused inside the transaction
			case 7:
				author = p.director
			}
			_, errs[i] = p.st.CreateQuickNote(ctx, author, nn)
			if i%20 == 0 { // and a replay of one that may or may not be stored yet
				p.st.CreateQuickNote(ctx, author, nn)
			}
		}()
	}
	wg.Wait()
	chairNotes := map[string]int{}
	var since int64
	for {
		notes, more, err := p.st.PullQuickNoteChanges(ctx, p.viewer(p.chair), since, 500)
		if err != nil {
			t.Fatal(err)
		}
		for _, note := range notes {
			chairNotes[note.ID]++
			since = note.Sequence
		}
		if !more {
			break
		}
	}
	for i, err := range errs {
		var inv *store.InvalidError
		switch {
		case i%10 == 3:
			if !errors.As(err, &inv) {
				t.Errorf("note %d: got %v, want an InvalidError", i, err)
			}
			if chairNotes[ids[i]] != 0 {
				t.Errorf("the refused note %d is stored", i)
			}
		case err != nil:
			t.Errorf("note %d: %v", i, err)
		case i%10 == 7:
			if chairNotes[ids[i]] != 0 {
				t.Errorf("the director's private note %d reached the chair", i)
			}
		case chairNotes[ids[i]] != 1:
			t.Errorf("note %d is stored %d times", i, chairNotes[ids[i]])
		}
	}
}
