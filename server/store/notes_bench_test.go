package store_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/samspel/samspel/server/store"
)

// benchNotes is how many notes the list and search benchmarks put in one term.
const benchNotes = 100_000

// bigTerm is a store whose current term holds benchNotes notes from a chair and a
// director, built once per test binary because it takes seconds.
type bigTerm struct {
	st              *store.Store
	chair, director store.Viewer
	dir             string
}

var (
	bigOnce  sync.Once
	big      *bigTerm
	bigError error
)

// buildBigTerm builds the big term on first use.
func buildBigTerm() (*bigTerm, error) {
	bigOnce.Do(func() { big, bigError = newBigTerm() })
	return big, bigError
}

func newBigTerm() (*bigTerm, error) {
	dir, err := os.MkdirTemp("", "samspel-bench-")
	if err != nil {
		return nil, err
	}
	st, err := store.Open(context.Background(), dir)
	if err != nil {
		return nil, err
	}
	bt := &bigTerm{st: st, dir: dir}
	_, err = st.SeedOnce(context.Background(), "Benchstads kommun", func(b *store.Seeder) error {
		org := b.Organization(1, "Benchstads kommun")
		term := b.Term(org, "2026-10-15", "2030-10-14")
		chair := b.Person(store.DemoPerson{Email: "ordf@benchstad.example", Name: "Bo Bench"})
		director := b.Person(store.DemoPerson{Email: "dir@benchstad.example", Name: "Dora Bench"})
		b.Role(chair, org, term, store.RoleChair, "", "2026-10-15", "")
		b.Role(director, org, term, store.RoleDirector, "", "2026-10-15", "")
		bt.chair, bt.director = store.Viewer{PersonID: chair}, store.Viewer{PersonID: director}
		r := rand.New(rand.NewPCG(1, 2))
		text := newTextMaker(r)
		start := time.Date(2026, 10, 15, 8, 0, 0, 0, time.UTC)
		for i := range benchNotes {
			author, role, other := chair, int32(store.RoleChair), director
			if i%5 >= 3 {
				author, role, other = director, store.RoleDirector, chair
			}
			var shared int64
			if r.IntN(8) == 0 {
				shared = other
			}
			var random [10]byte
			for j := range random {
				random[j] = byte(r.Uint32())
			}
			at := start.Add(time.Duration(i) * 30 * time.Second)
			b.QuickNote(store.SeedQuickNote{
				ID: store.NoteIDAt(at, random), AuthorID: author, AuthorRole: role, OrganizationID: org, TermID: term,
				Body: text.body(), Sorted: r.IntN(50) != 0, SharedWith: shared, Written: at,
			})
		}
		return nil
	})
	return bt, err
}

// TestMain removes the big term, if a benchmark built one.
func TestMain(m *testing.M) {
	code := m.Run()
	if big != nil {
		big.st.Close()
		os.RemoveAll(big.dir)
	}
	os.Exit(code)
}

// textMaker writes note-like text: common Swedish words and a long tail of rarer ones,
// drawn with Zipf's law as words in real text are.
type textMaker struct {
	r     *rand.Rand
	zipf  *rand.Zipf
	words []string
}

func newTextMaker(r *rand.Rand) *textMaker {
	common := strings.Fields(`och i att det som på är av för med till den har de inte om ett han men var jag sig från vi så kan
		man när år säger hon under också efter eller nu sin där vid mot ska skulle kommer ut får finns vara hade alla andra mycket
		budgeten skolan omsorgen snöröjningen detaljplanen bygglovet oppositionen förvaltningen nämnden kommunstyrelsen beslut
		underlag dragning avstämning måndag fredag ekonomichefen kanslichefen rektorn medborgare räddningstjänsten krisen`)
	words := slices.Clone(common)
	for i := len(words); i < 20_000; i++ {
		words = append(words, fmt.Sprintf("ord%dx", i))
	}
	return &textMaker{r: r, zipf: rand.NewZipf(r, 1.1, 2, uint64(len(words)-1)), words: words}
}

func (t *textMaker) body() string {
	n := 6 + t.r.IntN(25)
	w := make([]string, n)
	for i := range w {
		w[i] = t.words[t.zipf.Uint64()]
	}
	return strings.Join(w, " ")
}

// percentiles reports p50 and p99 of the per-operation times.
func percentiles(b *testing.B, d []time.Duration) {
	if len(d) == 0 {
		return
	}
	slices.Sort(d)
	at := func(p float64) float64 { return float64(d[int(p*float64(len(d)-1))].Microseconds()) / 1000 }
	b.ReportMetric(at(0.50), "p50-ms")
	b.ReportMetric(at(0.99), "p99-ms")
}

func bigTermOrSkip(b *testing.B) *bigTerm {
	b.Helper()
	start := time.Now()
	bt, err := buildBigTerm()
	if err != nil {
		b.Fatal(err)
	}
	if d := time.Since(start); d > time.Second {
		b.Logf("built a term of %d notes in %v", benchNotes, d.Round(time.Millisecond))
	}
	return bt
}

// BenchmarkListQuickNotes reads pages of 50 notes, newest first, of a chair who sees
// 65,000 of the term's 100,000 notes: the first page, and pages deep in the list.
func BenchmarkListQuickNotes(b *testing.B) {
	bt := bigTermOrSkip(b)
	ctx := context.Background()
	for _, bc := range []struct {
		name     string
		unsorted bool
		deep     bool
	}{{"first page", false, false}, {"page 200", false, true}, {"inbox", true, false}} {
		b.Run(bc.name, func(b *testing.B) {
			token := ""
			if bc.deep {
				for range 199 {
					_, next, err := bt.st.ListQuickNotes(ctx, bt.chair, bc.unsorted, store.Page{Size: 50, Token: token})
					if err != nil {
						b.Fatal(err)
					}
					token = next
				}
			}
			var times []time.Duration
			for b.Loop() {
				start := time.Now()
				notes, _, err := bt.st.ListQuickNotes(ctx, bt.chair, bc.unsorted, store.Page{Size: 50, Token: token})
				times = append(times, time.Since(start))
				if err != nil || len(notes) != 50 {
					b.Fatalf("%d notes, %v", len(notes), err)
				}
			}
			percentiles(b, times)
		})
	}
}

// BenchmarkSearchQuickNotes searches the term of 100,000 notes as the chair: a common
// word, a rare one, two words, short prefixes, and prefixes shared by a hundred and a
// thousand rare words (ord12 and ord1), the worst case for the index.
func BenchmarkSearchQuickNotes(b *testing.B) {
	bt := bigTermOrSkip(b)
	ctx := context.Background()
	for _, q := range []string{"budgeten", "ord500x", "snöröjningen beslut", "sk", "sko", "ord12", "ord1"} {
		b.Run(q, func(b *testing.B) {
			var times []time.Duration
			for b.Loop() {
				start := time.Now()
				_, _, err := bt.st.SearchQuickNotes(ctx, bt.chair, q, store.Page{Size: 50})
				times = append(times, time.Since(start))
				if err != nil {
					b.Fatal(err)
				}
			}
			percentiles(b, times)
		})
	}
}

// BenchmarkPullQuickNoteChanges pulls 500 changes at a time, as a new phone catching up.
func BenchmarkPullQuickNoteChanges(b *testing.B) {
	bt := bigTermOrSkip(b)
	ctx := context.Background()
	var times []time.Duration
	var since int64
	for b.Loop() {
		start := time.Now()
		notes, more, err := bt.st.PullQuickNoteChanges(ctx, bt.director, since, 500)
		times = append(times, time.Since(start))
		if err != nil {
			b.Fatal(err)
		}
		since = notes[len(notes)-1].Sequence
		if !more {
			since = 0
		}
	}
	percentiles(b, times)
}

// BenchmarkCreateQuickNoteInStore creates notes straight through the store, one at a
// time and from 32 goroutines at once, where concurrent creates share commits.
func BenchmarkCreateQuickNoteInStore(b *testing.B) {
	for _, clients := range []int{1, 32} {
		b.Run(fmt.Sprintf("%d clients", clients), func(b *testing.B) {
			p := newPair(b)
			ctx := context.Background()
			var mu sync.Mutex
			var times []time.Duration
			b.SetParallelism((clients + 1) / 2) // GOMAXPROCS is 2 here: 16 x 2 = 32
			if clients == 1 {
				b.SetParallelism(1)
			}
			b.RunParallel(func(pb *testing.PB) {
				var mine []time.Duration
				for pb.Next() {
					start := time.Now()
					_, err := p.st.CreateQuickNote(ctx, p.chair, store.NewQuickNote{ID: store.NewNoteID(time.Now()), Body: "Pratade med Lars om snöröjningen"})
					mine = append(mine, time.Since(start))
					if err != nil {
						b.Error(err)
						return
					}
				}
				mu.Lock()
				times = append(times, mine...)
				mu.Unlock()
			})
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "notes/s")
			percentiles(b, times)
		})
	}
}
