package export_test

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"sync/atomic"
	"testing"
	"time"

	"github.com/samspel/samspel/server/export"
	"github.com/samspel/samspel/server/store"
)

// scaleDemo adds records to the demo's finished term until it holds about total:
// shared notes, meeting decisions and status reports in equal parts.
func scaleDemo(tb testing.TB, dir string, st *store.Store, total int64) {
	tb.Helper()
	ctx := context.Background()
	term, err := st.FindTerm(ctx, 0, "2022-2026")
	if err != nil {
		tb.Fatal(err)
	}
	var have int64
	if err := st.ArchiveTables(ctx, term, func(tables []export.Table, _ []export.ReportSection) error {
		for _, t := range tables {
			if err := t.Rows(func([]any) error { have++; return nil }); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		tb.Fatal(err)
	}
	each := (total - have + 2) / 3 // rounded up: at least total in all
	if each <= 0 {
		return
	}
	db, err := sql.Open("sqlite3", "file:"+filepath.Join(dir, store.FileName)+"?_busy_timeout=5000&_txlock=immediate")
	if err != nil {
		tb.Fatal(err)
	}
	defer db.Close()
	// n counts 1..each; m numbers the term's meetings, d its political decisions, so
	// row i lands on meeting i mod count.
	with := `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?1),
		m AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS k, count(*) OVER () AS c FROM meetings
		      WHERE series_id IN (SELECT id FROM meeting_series WHERE term_id = ?2)),
		d AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS k, count(*) OVER () AS c FROM political_decisions WHERE term_id = ?2),
		who AS (SELECT min(person_id) AS id FROM role_assignments WHERE term_id = ?2 AND role = 1) `
	for _, q := range []string{
		with + `INSERT INTO meeting_notes (meeting_id, author_id, body, private, created_at, updated_at)
			SELECT m.id, who.id, 'Skalad anteckning ' || n.i || ': budgetdialogen, lokalförsörjningen och uppföljningen av förra veckans åtgärder.',
			       0, 1700000000000 + n.i, 1700000000000 + n.i FROM n JOIN m ON m.k = n.i % m.c, who`,
		with + `INSERT INTO meeting_decisions (meeting_id, text, recorded_by, created_at)
			SELECT m.id, 'Skalat beslut ' || n.i || ': direktören tar fram ett underlag till nästa avstämning.', who.id, 1700000000000 + n.i
			FROM n JOIN m ON m.k = n.i % m.c, who`,
		with + `INSERT INTO political_decision_updates (decision_id, status, comment, created_at)
			SELECT d.id, 2, 'Skalad lägesrapport ' || n.i || ': arbetet pågår enligt plan.', 1700000000000 + n.i
			FROM n JOIN d ON d.k = n.i % d.c`,
	} {
		if _, err := db.ExecContext(ctx, q, each, term.TermID); err != nil {
			tb.Fatal(err)
		}
	}
}

type countingWriter struct{ n int64 }

func (c *countingWriter) Write(b []byte) (int, error) { c.n += int64(len(b)); return len(b), nil }

// peakHeap samples, every millisecond while fn runs, the heap that the last garbage
// collection found live (runtime/metrics), which unlike HeapAlloc does not count
// garbage waiting to be collected, so it tracks what the export holds.
// It returns the peak above what was live before fn began.
func peakHeap(fn func()) uint64 {
	runtime.GC()
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(sample)
	base := sample[0].Value.Uint64()
	var peak atomic.Uint64
	done := make(chan struct{})
	go func() {
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(sample)
			if v := sample[0].Value.Uint64(); v > peak.Load() {
				peak.Store(v)
			}
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	fn()
	close(done)
	runtime.GC() // a collection during fn may not have run: take one at the end too
	metrics.Read(sample)
	p := max(peak.Load(), sample[0].Value.Uint64())
	if p < base {
		return 0
	}
	return p - base
}

// BenchmarkArchiveExport exports the demo term scaled to 10,000 and 100,000 records
// and reports records per second, the package's size and the peak live heap.
func BenchmarkArchiveExport(b *testing.B) {
	for _, total := range []int64{10_000, 100_000} {
		b.Run(fmt.Sprintf("records=%d", total), func(b *testing.B) {
			st, dir := openDemo(b)
			scaleDemo(b, dir, st, total)
			term, err := st.FindTerm(context.Background(), 0, "2022-2026")
			if err != nil {
				b.Fatal(err)
			}
			var records int64
			var size int64
			var peak uint64
			b.ResetTimer()
			for b.Loop() {
				w := &countingWriter{}
				peak = max(peak, peakHeap(func() {
					sum, err := st.WriteTermArchive(context.Background(), io.Writer(w), store.ArchiveRequest{Term: term, SoftwareVersion: "bench"})
					if err != nil {
						b.Fatal(err)
					}
					records = sum.Records
				}))
				size = w.n
			}
			b.ReportMetric(float64(records)*float64(b.N)/b.Elapsed().Seconds(), "records/s")
			b.ReportMetric(float64(records), "records")
			b.ReportMetric(float64(size)/1e6, "MB-package")
			b.ReportMetric(float64(peak)/1e6, "MB-peak-export-heap")
		})
	}
}
