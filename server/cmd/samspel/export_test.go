package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/samspel/samspel/server/demo"
	"github.com/samspel/samspel/server/store"
)

func seededDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	st, err := store.Open(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := demo.Seed(context.Background(), st); err != nil {
		t.Fatal(err)
	}
	st.Close()
	return dir
}

func TestExportAndImportCommands(t *testing.T) {
	ctx := context.Background()
	dir := seededDir(t)
	out := filepath.Join(t.TempDir(), "arkiv.zip")

	t.Run("staff without the registrar permission may not export", func(t *testing.T) {
		var buf bytes.Buffer
		err := run(ctx, []string{"export", "--data", dir, "--term", "2022-2026", "--user", demo.Staff.Email, "--out", out}, &buf, &buf)
		if err == nil || !strings.Contains(err.Error(), "may not export") {
			t.Fatalf("got %v", err)
		}
		if _, err := os.Stat(out); err == nil {
			t.Error("a refused export left a file")
		}
	})
	t.Run("staff given the registrar permission exports the finished term by its years", func(t *testing.T) {
		var buf bytes.Buffer
		if err := run(ctx, []string{"registrar", "--data", dir, "--user", demo.Staff.Email, "--org", "1"}, &buf, &buf); err != nil {
			t.Fatal(err)
		}
		if err := run(ctx, []string{"export", "--data", dir, "--term", "2022-2026", "--kind", "archive", "--user", demo.Staff.Email, "--out", out}, &buf, &buf); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(buf.String(), "exported Exempelstads kommun, term 2022-2026") {
			t.Errorf("output: %s", buf.String())
		}
	})
	t.Run("the export is in the audit log with who and which term", func(t *testing.T) {
		st, err := store.Open(ctx, dir)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		staff, _ := st.PersonByEmail(ctx, demo.Staff.Email)
		var n int
		if err := st.CountAudit(ctx, "archive.export", staff.ID, &n); err != nil {
			t.Fatal(err)
		}
		if n != 1 {
			t.Errorf("%d audit events for the export, want 1", n)
		}
	})
	t.Run("import loads the package into a new data directory", func(t *testing.T) {
		var buf bytes.Buffer
		if err := run(ctx, []string{"import", "--data", t.TempDir(), out}, &buf, &buf); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(buf.String(), "imported samspel-1-2022-2026-") {
			t.Errorf("output: %s", buf.String())
		}
	})
	t.Run("import refuses a database that is not empty and writes nothing", func(t *testing.T) {
		var buf bytes.Buffer
		err := run(ctx, []string{"import", "--data", dir, out}, &buf, &buf)
		if err == nil || !strings.Contains(err.Error(), "not empty") {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("import refuses a truncated package", func(t *testing.T) {
		b, _ := os.ReadFile(out)
		bad := filepath.Join(t.TempDir(), "trasig.zip")
		os.WriteFile(bad, b[:len(b)/3], 0o600)
		var buf bytes.Buffer
		err := run(ctx, []string{"import", "--data", t.TempDir(), bad}, &buf, &buf)
		if err == nil || !strings.Contains(err.Error(), "not a readable ZIP") {
			t.Fatalf("got %v", err)
		}
	})
}

func TestHandoverCommand(t *testing.T) {
	ctx := context.Background()
	dir := seededDir(t)
	out := filepath.Join(t.TempDir(), "overlamning.html")
	t.Run("an opposition councillor may not export the handover dossier", func(t *testing.T) {
		var buf bytes.Buffer
		err := run(ctx, []string{"export", "--data", dir, "--term", "2022-2026", "--kind", "handover", "--user", demo.Opposition.Email, "--out", out}, &buf, &buf)
		if err == nil || !strings.Contains(err.Error(), "may not export the handover") {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("the director who stays writes the dossier of the finished term", func(t *testing.T) {
		var buf bytes.Buffer
		if err := run(ctx, []string{"export", "--data", dir, "--term", "2022-2026", "--kind", "handover", "--user", demo.Director.Email, "--out", out}, &buf, &buf); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(out)
		if err != nil || !bytes.Contains(b, []byte("Överlämning: Exempelstads kommun")) {
			t.Fatalf("dossier not written (%v)", err)
		}
	})
}

func TestPersonalExportCommand(t *testing.T) {
	ctx := context.Background()
	dir := seededDir(t)
	out := filepath.Join(t.TempDir(), "mitt.zip")
	var buf bytes.Buffer
	if err := run(ctx, []string{"export", "--data", dir, "--term", "2022-2026", "--kind", "personal", "--user", demo.Chair.Email, "--out", out}, &buf, &buf); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "exported Exempelstads kommun") {
		t.Errorf("output: %s", buf.String())
	}
}
