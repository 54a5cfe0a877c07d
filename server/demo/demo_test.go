package demo_test

import (
	"context"
	"testing"
	"time"

	"github.com/samspel/samspel/server/demo"
	"github.com/samspel/samspel/server/store"
)

func TestSeedIsQuickAndRunsOnce(t *testing.T) {
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
}
