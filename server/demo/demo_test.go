package demo_test

import (
	"context"
	"testing"
	"time"

	"github.com/samspel/samspel/server/demo"
	"github.com/samspel/samspel/server/store"
)

// seedBudget bounds how long seeding the demo may take: every test server seeds it.
// It takes about 0.1 s on a quiet two-core machine; the margin is for busy CI machines.
const seedBudget = 3 * time.Second

func TestSeedingIsQuickAndHappensOnce(t *testing.T) {
	st, err := store.Open(context.Background(), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	start := time.Now()
	seeded, err := demo.Seed(context.Background(), st)
	took := time.Since(start)
	if err != nil || !seeded {
		t.Fatalf("seed: %v, %v", seeded, err)
	}
	t.Logf("seeding the demo took %v", took)
	if took > seedBudget {
		t.Errorf("seeding took %v; keep it under %v", took, seedBudget)
	}
	if again, err := demo.Seed(context.Background(), st); err != nil || again {
		t.Errorf("seeding again: %v, %v; want nothing done", again, err)
	}
}

// TestTheDemoTermHasItsMeetings checks the promises README makes about the demo.
func TestTheDemoTermHasItsMeetings(t *testing.T) {
	now := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	st, err := store.Open(context.Background(), t.TempDir(), store.WithClock(func() time.Time { return now }))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := demo.Seed(context.Background(), st); err != nil {
		t.Fatal(err)
	}
	chair, err := st.PersonByEmail(context.Background(), demo.Chair.Email)
	if err != nil {
		t.Fatal(err)
	}
	list, _, err := st.ListMeetings(context.Background(), store.Viewer{PersonID: chair.ID},
		store.MeetingFilter{FromDate: demo.FinishedStart, ToDate: demo.FinishedEnd}, store.Page{Size: 500})
	if err != nil {
		t.Fatal(err)
	}
	count := map[int32]map[int32]int{}
	for _, m := range list {
		if count[m.Kind] == nil {
			count[m.Kind] = map[int32]int{}
		}
		count[m.Kind][m.Status]++
	}
	checks := []struct {
		name string
		got  int
		min  int
	}{
		{"held check-ins over four years", count[store.KindAvstamning][store.MeetingHeld], 150},
		{"missed check-ins", count[store.KindAvstamning][store.MeetingMissed], 1},
		{"cancelled check-ins", count[store.KindAvstamning][store.MeetingCancelled], 10},
		{"reflection talks (two a year)", count[store.KindReflektion][store.MeetingHeld], 8},
	}
	for _, c := range checks {
		t.Run("the finished term has "+c.name, func(t *testing.T) {
			if c.got < c.min {
				t.Errorf("%d; want at least %d", c.got, c.min)
			}
		})
	}
	t.Run("a few hundred political decisions are followed up", func(t *testing.T) {
		terms, _, err := st.ListTerms(context.Background(), store.Viewer{PersonID: chair.ID}, 1, store.Page{})
		if err != nil {
			t.Fatal(err)
		}
		total := 0
		for _, term := range terms {
			sum, err := st.SummarizePoliticalDecisions(context.Background(), store.Viewer{PersonID: chair.ID}, 1, term.ID)
			if err != nil {
				t.Fatal(err)
			}
			total += int(sum.NotStarted + sum.InProgress + sum.Done + sum.Cancelled)
		}
		if total < 200 {
			t.Errorf("%d decisions; want a few hundred", total)
		}
	})
}

func TestTheDemoBriefsTheOpposition(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	start := time.Now()
	if _, err := demo.Seed(ctx, st); err != nil {
		t.Fatal(err)
	}
	t.Logf("seeded in %v", time.Since(start))
	counts, err := st.RowCounts(ctx, []string{"briefings", "briefing_topics", "opposition_questions"})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%v", counts)
	if counts["briefings"] < 150 || counts["opposition_questions"] < 200 {
		t.Errorf("the demo has %v; want four years of briefings and a few hundred questions", counts)
	}
	director, err := st.PersonByEmail(ctx, demo.Director.Email)
	if err != nil {
		t.Fatal(err)
	}
	sum, _, err := st.ParitySummary(ctx, store.Viewer{PersonID: director.ID}, 1, 0)
	if err != nil || len(sum) != 2 {
		t.Fatalf("summary: %v, %v", sum, err)
	}
	for _, p := range sum {
		if p.OpenGaps == 0 || p.Briefed == 0 {
			t.Errorf("the current term of %s has %d open gaps and %d briefed topics; want both", p.Party, p.OpenGaps, p.Briefed)
		}
	}
	overdue, _, err := st.ListQuestions(ctx, store.Viewer{PersonID: director.ID}, store.QuestionFilter{OrganizationID: 1, OverdueOnly: true}, store.Page{})
	if err != nil || len(overdue) == 0 {
		t.Errorf("overdue questions: %v, %v", overdue, err)
	}
}
