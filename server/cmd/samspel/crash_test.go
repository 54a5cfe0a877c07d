package main

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"sync"
	"syscall"
	"testing"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"

	"github.com/samspel/samspel/server/apptest"
	"github.com/samspel/samspel/server/demo"
	samspelv1 "github.com/samspel/samspel/server/gen/samspel/v1"
	"github.com/samspel/samspel/server/store"
)

// TestSIGKILLDuringWritesLosesNothing runs a real server process under write load,
// kills it with SIGKILL five times, and checks that every write it acknowledged is
// there exactly once and that the database is sound. Clients retry writes that were
// not acknowledged with the same unique name, as a phone would with its client id.
func TestSIGKILLDuringWritesLosesNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("starts server processes")
	}
	dir := t.TempDir()
	addr := freeAddr(t)
	srv := startProcess(t, dir, addr)
	client, ctx := adminClient(t, dir, addr)

	var mu sync.Mutex
	acked := map[string]bool{}
	pending := map[string]bool{} // sent but not acknowledged: retried with the same name
	// write reports whether the write is known to be stored.
	write := func(name string) bool {
		cctx, cancel := context.WithTimeout(ctx, 2*time.Second)
		defer cancel()
		_, err := client.CreateOrganization(cctx, &samspelv1.CreateOrganizationRequest{Kind: samspelv1.OrganizationKind_ORGANIZATION_KIND_KOMMUN, Name: name})
		mu.Lock()
		defer mu.Unlock()
		// A retry that finds the name taken means an earlier attempt was stored but its
		// answer was lost: that write is done, not doubled.
		if err == nil || status.Code(err) == codes.InvalidArgument {
			acked[name] = true
			delete(pending, name)
			return true
		}
		pending[name] = true
		return false
	}

	const kills, writers = 5, 4
	n := 0
	for round := 0; round <= kills; round++ {
		mu.Lock()
		retry := make([]string, 0, len(pending))
		for name := range pending {
			retry = append(retry, name)
		}
		mu.Unlock()
		for _, name := range retry {
			write(name)
		}
		if round == kills {
			break
		}
		stop := make(chan struct{})
		var wg sync.WaitGroup
		for w := 0; w < writers; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				// Like a phone's outbox: keep retrying the same write until it is
				// acknowledged, and only then start the next one.
				name := ""
				for {
					select {
					case <-stop:
						return
					default:
					}
					if name == "" {
						mu.Lock()
						n++
						name = fmt.Sprintf("Krocktest %d", n)
						mu.Unlock()
					}
					if write(name) {
						name = ""
					} else {
						time.Sleep(10 * time.Millisecond)
					}
				}
			}()
		}
		time.Sleep(400 * time.Millisecond)
		srv.Process.Signal(syscall.SIGKILL)
		srv.Wait()
		close(stop)
		wg.Wait()
		srv = startProcess(t, dir, addr)
	}
	srv.Process.Signal(syscall.SIGTERM)
	if err := srv.Wait(); err != nil {
		t.Errorf("clean shutdown: %v", err)
	}

	st, err := store.Open(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if res, err := st.IntegrityCheck(context.Background()); err != nil || res != "ok" {
		t.Fatalf("integrity_check: %q, %v", res, err)
	}
	present := map[string]int{}
	orgs, token2 := []store.Organization{}, ""
	for {
		page, next, err := st.ListOrganizations(context.Background(), store.Viewer{Admin: true}, store.Page{Size: 500, Token: token2})
		if err != nil {
			t.Fatal(err)
		}
		orgs = append(orgs, page...)
		if next == "" {
			break
		}
		token2 = next
	}
	for _, o := range orgs {
		present[o.Name]++
	}
	missing, dups := 0, 0
	for name := range acked {
		if present[name] == 0 {
			missing++
		}
	}
	for _, c := range present {
		if c > 1 {
			dups++
		}
	}
	fmt.Printf("crash test: %d kills, acknowledged %d, present %d, missing %d, duplicates %d, unacknowledged left %d\n",
		kills, len(acked), len(acked)-missing, missing, dups, len(pending))
	if missing > 0 || dups > 0 {
		t.Errorf("%d acknowledged writes missing, %d duplicated", missing, dups)
	}
	if len(acked) < kills {
		t.Errorf("only %d writes acknowledged: the load did not run", len(acked))
	}
}

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// startProcess starts this test binary as "samspel serve" and waits until it answers.
func startProcess(t *testing.T, dir, addr string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "serve", "--demo", "--data", dir, "--listen", addr)
	cmd.Env = append(os.Environ(), "SAMSPEL_BE_MAIN=1")
	var logs bytes.Buffer
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(20 * time.Second)
	for {
		res, err := http.Get("http://" + addr + "/healthz")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == 200 {
				return cmd
			}
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatalf("server did not start: %v\n%s", errors.Join(err), logs.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// adminClient connects to a server process as the demo administrator.
func adminClient(t *testing.T, dir, addr string) (samspelv1.OrganizationServiceClient, context.Context) {
	t.Helper()
	var out bytes.Buffer
	if err := run(context.Background(), []string{"token", "create", "--data", dir, "--user", demo.Admin.Email}, &out, &out); err != nil {
		t.Fatal(err)
	}
	token := tokenLine.FindStringSubmatch(out.String())[2]
	conn, err := grpc.NewClient("passthrough:///"+addr, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	return samspelv1.NewOrganizationServiceClient(conn), apptest.Bearer(context.Background(), token)
}

// bumpPastBackup bumps the live database's schema version past the backup's, to stand
// for a database written by a later release.
func bumpPastBackup(live, backup string) error {
	v, err := headerVersionOf(backup)
	if err != nil {
		return err
	}
	db, err := sql.Open("sqlite3", "file:"+live)
	if err != nil {
		return err
	}
	defer db.Close()
	_, err = db.Exec(fmt.Sprintf(`PRAGMA user_version = %d`, v+1))
	return err
}

func headerVersionOf(path string) (int, error) {
	db, err := sql.Open("sqlite3", "file:"+path+"?mode=ro")
	if err != nil {
		return 0, err
	}
	defer db.Close()
	var v int
	return v, db.QueryRow(`PRAGMA user_version`).Scan(&v)
}
