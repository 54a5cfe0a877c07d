package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/samspel/samspel/server/demo"
	samspelv1 "github.com/samspel/samspel/server/gen/samspel/v1"
	"github.com/samspel/samspel/server/store"
)

// TestBackupUnderWriteLoadRestoresEveryEarlierWrite takes a backup of a real server
// process while four clients write, restores it into a new directory, and checks the
// copy is sound and holds every write acknowledged before the backup started.
func TestBackupUnderWriteLoadRestoresEveryEarlierWrite(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a server process")
	}
	ctx := context.Background()
	dir := t.TempDir()
	addr := freeAddr(t)
	srv := startProcess(t, dir, addr)
	client, cctx := adminClient(t, dir, addr)

	var mu sync.Mutex
	var acked []string
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				name := fmt.Sprintf("Backuptest %d-%d", w, i)
				if _, err := client.CreateOrganization(cctx, &samspelv1.CreateOrganizationRequest{Kind: samspelv1.OrganizationKind_ORGANIZATION_KIND_KOMMUN, Name: name}); err != nil {
					t.Errorf("write during backup: %v", err)
					return
				}
				mu.Lock()
				acked = append(acked, name)
				mu.Unlock()
			}
		}()
	}
	time.Sleep(300 * time.Millisecond)
	mu.Lock()
	before := append([]string{}, acked...)
	mu.Unlock()
	out := filepath.Join(t.TempDir(), "samspel-backup.db")
	var buf bytes.Buffer
	if err := run(ctx, []string{"backup", "--data", dir, "--out", out}, &buf, &buf); err != nil {
		t.Fatal(err)
	}
	time.Sleep(100 * time.Millisecond) // writes go on after the backup too
	close(stop)
	wg.Wait()

	t.Run("restore refuses while the server runs", func(t *testing.T) {
		err := run(ctx, []string{"restore", "--data", dir, out}, &buf, &buf)
		if !errors.Is(err, store.ErrRunning) {
			t.Errorf("got %v, want ErrRunning", err)
		}
	})
	srv.Process.Signal(syscall.SIGTERM)
	srv.Wait()

	t.Run("restore refuses to put an older backup over a newer database", func(t *testing.T) {
		st, err := store.Open(ctx, dir)
		if err != nil {
			t.Fatal(err)
		}
		st.Close()
		// Pretend the live database moved on to a later schema than the backup has.
		if err := bumpPastBackup(filepath.Join(dir, store.FileName), out); err == nil {
			err = run(ctx, []string{"restore", "--data", dir, out}, &buf, &buf)
			if err == nil || !strings.Contains(err.Error(), "newer than the backup") {
				t.Errorf("got %v, want a refusal", err)
			}
		} else {
			t.Fatal(err)
		}
	})

	restored := t.TempDir()
	buf.Reset()
	if err := run(ctx, []string{"restore", "--data", restored, out}, &buf, &buf); err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(ctx, restored)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if res, err := st.IntegrityCheck(ctx); err != nil || res != "ok" {
		t.Fatalf("integrity_check of the restored database: %q, %v", res, err)
	}
	names := map[string]bool{}
	tok := ""
	for {
		orgs, next, err := st.ListOrganizations(ctx, store.Viewer{Admin: true}, store.Page{Size: 500, Token: tok})
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range orgs {
			names[o.Name] = true
		}
		if tok = next; tok == "" {
			break
		}
	}
	missing := 0
	for _, n := range before {
		if !names[n] {
			missing++
		}
	}
	fmt.Printf("backup test: %d writes acknowledged before the backup, %d in the restored copy (of %d written in all), %d missing\n",
		len(before), len(names)-1, len(acked), missing)
	if missing > 0 || len(before) == 0 {
		t.Errorf("%d of %d writes acknowledged before the backup are missing", missing, len(before))
	}
	if !names[demo.OrganizationName] {
		t.Error("the demo organisation is missing from the restore")
	}
}
