package export_test

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/samspel/samspel/server/store"
)

// The memory figure of the export is the peak resident set of a process that does
// nothing but export: each export runs in a child process of this test binary, which
// reads its own high-water mark (VmHWM in /proc/self/status) when done. Sampling the
// heap inside a benchmark that also seeded the database measured the seeding's garbage
// and the collector's timing as much as the export, and was flaky.

// childEnv names the data directory a child process exports from.
const childEnv = "SAMSPEL_EXPORT_MEMORY_CHILD"

// TestExportMemoryChild is the child: it does nothing unless started by exportInChild.
func TestExportMemoryChild(t *testing.T) {
	dir := os.Getenv(childEnv)
	if dir == "" {
		t.Skip("runs only as a child of BenchmarkArchiveExportMemory")
	}
	ctx := context.Background()
	st, err := store.Open(ctx, dir, store.WithClock(func() time.Time { return seedTime }))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	term, err := st.FindTerm(ctx, 0, "2022-2026")
	if err != nil {
		t.Fatal(err)
	}
	before := vmHWM(t)
	start := time.Now()
	w := &countingWriter{}
	sum, err := st.WriteTermArchive(ctx, w, store.ArchiveRequest{Term: term, SoftwareVersion: "bench"})
	if err != nil {
		t.Fatal(err)
	}
	fmt.Printf("export-memory records=%d seconds=%f bytes=%d hwm_before_kb=%d hwm_kb=%d\n",
		sum.Records, time.Since(start).Seconds(), w.n, before, vmHWM(t))
}

// vmHWM reads the process's peak resident set in KiB.
func vmHWM(t testing.TB) int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Skipf("no /proc/self/status: %v", err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			n, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
	}
	t.Fatal("no VmHWM in /proc/self/status")
	return 0
}

// childRun is what one child measured.
type childRun struct {
	records            int64
	seconds            float64
	hwmBefore, hwmPeak int64 // KiB
}

// exportInChild exports the term in dir in a fresh process and returns its figures.
func exportInChild(tb testing.TB, dir string) childRun {
	tb.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestExportMemoryChild$", "-test.v", "-test.count=1")
	cmd.Env = append(os.Environ(), childEnv+"="+dir)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		tb.Fatalf("child export: %v\n%s", err, out.String())
	}
	sc := bufio.NewScanner(&out)
	for sc.Scan() {
		var r childRun
		var size int64
		if _, err := fmt.Sscanf(sc.Text(), "export-memory records=%d seconds=%f bytes=%d hwm_before_kb=%d hwm_kb=%d",
			&r.records, &r.seconds, &size, &r.hwmBefore, &r.hwmPeak); err == nil {
			return r
		}
	}
	tb.Fatalf("the child printed no figures:\n%s", out.String())
	return childRun{}
}

// BenchmarkArchiveExportMemory compares the peak memory of exporting the demo's
// finished term scaled to 10,000 and to 100,000 records, each in a process of its own
// (the best of three runs, so a page cache or scheduler hiccup does not count). The
// target: the peak at 100,000 within 20% of the peak at 10,000.
func BenchmarkArchiveExportMemory(b *testing.B) {
	peak := map[int64]childRun{}
	for b.Loop() {
		for _, total := range []int64{10_000, 100_000} {
			st, dir := openDemo(b)
			scaleDemo(b, dir, st, total)
			if err := st.Close(); err != nil {
				b.Fatal(err)
			}
			best := childRun{}
			for range 3 {
				r := exportInChild(b, dir)
				if best.hwmPeak == 0 || r.hwmPeak < best.hwmPeak {
					best = r
				}
			}
			peak[total] = best
		}
	}
	small, large := peak[10_000], peak[100_000]
	ratio := float64(large.hwmPeak) / float64(small.hwmPeak)
	b.ReportMetric(float64(small.hwmPeak)/1024, "MiB-peak-rss-10k")
	b.ReportMetric(float64(large.hwmPeak)/1024, "MiB-peak-rss-100k")
	b.ReportMetric(ratio, "peak-ratio")
	b.ReportMetric(float64(large.records)/large.seconds, "records/s-100k")
	b.Logf("peak resident memory: %.1f MiB exporting %d records (%.1f MiB before the export), %.1f MiB exporting %d (%.1f MiB before): ratio %.2f (target at most 1.20); %.0f records/s at %d",
		float64(small.hwmPeak)/1024, small.records, float64(small.hwmBefore)/1024,
		float64(large.hwmPeak)/1024, large.records, float64(large.hwmBefore)/1024, ratio,
		float64(large.records)/large.seconds, large.records)
}
