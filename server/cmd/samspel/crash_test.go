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
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/google/uuid"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"

	"github.com/samspel/samspel/server/apptest"
	"github.com/samspel/samspel/server/demo"
	samspelv1 "github.com/samspel/samspel/server/gen/samspel/v1"
	"github.com/samspel/samspel/server/store"
)

// TestSIGKILLDuringWritesLosesNothing runs a real server process under mixed write
// load (quick notes, meeting notes, briefings, organisations), kills it with SIGKILL five times,
// and checks that every write it acknowledged is there exactly once and that the
// database is sound. Clients retry what was not acknowledged as the PWA does: a quick
// note with the same client id; a meeting note only after looking whether it arrived
// (it has no client id), and so a briefing; an organisation with the same unique name.
func TestSIGKILLDuringWritesLosesNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("starts server processes")
	}
	dir := t.TempDir()
	addr := freeAddr(t)
	srv := startProcess(t, dir, addr)
	orgs, admin := adminClient(t, dir, addr)
	chair := bearerFor(t, dir, demo.Chair.Email)
	cconn, err := grpc.NewClient("passthrough:///"+addr, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	defer cconn.Close()
	notes := samspelv1.NewNoteServiceClient(cconn)
	opposition := samspelv1.NewOppositionServiceClient(cconn)
	director := bearerFor(t, dir, demo.Director.Email)
	meetings := samspelv1.NewMeetingServiceClient(cconn)
	meetingID := nextCheckIn(t, meetings, chair)

	kinds := []writer{
		{name: "quick note", send: func(ctx context.Context, key string) error {
			_, err := notes.CreateQuickNote(chair, &samspelv1.CreateQuickNoteRequest{Id: key, OrganizationId: 1, Body: "Krocktest " + key})
			return err
		}, newKey: func(int) string { return uuid.Must(uuid.NewV7()).String() }},
		{name: "meeting note", send: func(ctx context.Context, key string) error {
			_, err := meetings.AddMeetingNote(chair, &samspelv1.AddMeetingNoteRequest{MeetingId: meetingID, Body: key})
			return err
		}, arrived: func(key string) bool {
			m, err := meetings.GetMeeting(chair, &samspelv1.GetMeetingRequest{Id: meetingID})
			if err != nil {
				return false
			}
			for _, n := range m.Notes {
				if n.Body == key {
					return true
				}
			}
			return false
		}, newKey: func(n int) string { return fmt.Sprintf("Krocktest mötesanteckning %d", n) }},
		{name: "briefing", send: func(ctx context.Context, key string) error {
			_, err := opposition.CreateBriefing(director, &samspelv1.CreateBriefingRequest{
				OrganizationId: 1, Kind: samspelv1.BriefingKind_BRIEFING_KIND_AD_HOC, Title: key,
				Date: time.Now().Format(time.DateOnly), Parties: []string{demo.PartyA},
			})
			return err
		}, arrived: func(key string) bool {
			list, err := opposition.ListBriefings(director, &samspelv1.ListBriefingsRequest{OrganizationId: 1, PageSize: 200})
			if err != nil {
				return false
			}
			for _, b := range list.Briefings {
				if b.Title == key {
					return true
				}
			}
			return false
		}, newKey: func(n int) string { return fmt.Sprintf("Krocktest dragning %d", n) }},
		{name: "organisation", send: func(ctx context.Context, key string) error {
			_, err := orgs.CreateOrganization(admin, &samspelv1.CreateOrganizationRequest{Kind: samspelv1.OrganizationKind_ORGANIZATION_KIND_KOMMUN, Name: key})
			// A name already taken means an earlier attempt was stored and its answer lost.
			if status.Code(err) == codes.InvalidArgument {
				return nil
			}
			return err
		}, newKey: func(n int) string { return fmt.Sprintf("Krocktest %d", n) }},
	}

	var mu sync.Mutex
	acked := map[string]map[string]bool{}
	for _, k := range kinds {
		acked[k.name] = map[string]bool{}
	}
	n := 0
	const kills = 5
	for round := 0; round < kills; round++ {
		stop := make(chan struct{})
		var wg sync.WaitGroup
		for i, k := range kinds {
			for w := 0; w < 2; w++ {
				wg.Add(1)
				go func() {
					defer wg.Done()
					// Like a phone's outbox: keep one write until it is acknowledged.
					key, tries := "", 0
					for {
						select {
						case <-stop:
							return
						default:
						}
						if key == "" {
							mu.Lock()
							n++
							key, tries = k.newKey(n*len(kinds)+i), 0
							mu.Unlock()
						}
						if tries > 0 && k.arrived != nil && k.arrived(key) {
							mu.Lock()
							acked[k.name][key] = true
							mu.Unlock()
							key = ""
							continue
						}
						tries++
						cctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
						err := k.send(cctx, key)
						cancel()
						if err == nil {
							mu.Lock()
							acked[k.name][key] = true
							mu.Unlock()
							key = ""
						} else {
							time.Sleep(10 * time.Millisecond)
						}
					}
				}()
			}
		}
		time.Sleep(500 * time.Millisecond)
		srv.Process.Signal(syscall.SIGKILL)
		srv.Wait()
		srv = startProcess(t, dir, addr)
		time.Sleep(200 * time.Millisecond) // the outboxes resend into the new process
		close(stop)
		wg.Wait()
	}
	srv.Process.Signal(syscall.SIGTERM)
	if err := srv.Wait(); err != nil {
		t.Errorf("clean shutdown: %v", err)
	}

	db, err := sql.Open("sqlite3", "file:"+filepath.Join(dir, store.FileName)+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var integrity string
	if err := db.QueryRow(`PRAGMA integrity_check`).Scan(&integrity); err != nil || integrity != "ok" {
		t.Fatalf("integrity_check: %q, %v", integrity, err)
	}
	stored := map[string]string{
		"quick note":   `SELECT id, count(*) FROM quick_notes WHERE body LIKE 'Krocktest %' GROUP BY id`,
		"meeting note": `SELECT body, count(*) FROM meeting_notes WHERE body LIKE 'Krocktest %' GROUP BY body`,
		"organisation": `SELECT name, count(*) FROM organizations WHERE name LIKE 'Krocktest %' GROUP BY name`,
		"briefing":     `SELECT title, count(*) FROM briefings WHERE title LIKE 'Krocktest %' GROUP BY title`,
	}
	for _, k := range kinds {
		present := map[string]int{}
		rows, err := db.Query(stored[k.name])
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var key string
			var c int
			rows.Scan(&key, &c)
			present[key] = c
		}
		rows.Close()
		missing, dups := 0, 0
		for key := range acked[k.name] {
			if present[key] == 0 {
				missing++
			}
		}
		for _, c := range present {
			if c > 1 {
				dups++
			}
		}
		fmt.Printf("crash test, %s: %d kills, acknowledged %d, present %d, missing %d, duplicates %d\n",
			k.name, kills, len(acked[k.name]), len(acked[k.name])-missing, missing, dups)
		if missing > 0 || dups > 0 {
			t.Errorf("%s: %d acknowledged writes missing, %d duplicated", k.name, missing, dups)
		}
		if len(acked[k.name]) < kills {
			t.Errorf("%s: only %d writes acknowledged: the load did not run", k.name, len(acked[k.name]))
		}
	}
}

// writer is one kind of write in the crash test's mixed load.
type writer struct {
	name    string
	newKey  func(n int) string                          // the write's unique key: client id or text
	send    func(ctx context.Context, key string) error // nil once the server acknowledged
	arrived func(key string) bool                       // for writes without a client id: look before resending
}

// bearerFor makes a token for a demo person with the command line, as an operator would.
func bearerFor(t *testing.T, dir, email string) context.Context {
	t.Helper()
	var out bytes.Buffer
	if err := run(context.Background(), []string{"token", "create", "--data", dir, "--user", email}, &out, &out); err != nil {
		t.Fatal(err)
	}
	return apptest.Bearer(context.Background(), tokenLine.FindStringSubmatch(out.String())[2])
}

// nextCheckIn finds the chair's next check-in of the current term.
func nextCheckIn(t *testing.T, meetings samspelv1.MeetingServiceClient, chair context.Context) int64 {
	t.Helper()
	list, err := meetings.ListMeetings(chair, &samspelv1.ListMeetingsRequest{OrganizationId: 1, FromDate: time.Now().Format(time.DateOnly), PageSize: 50})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range list.Meetings {
		if m.Kind == samspelv1.MeetingKind_MEETING_KIND_AVSTAMNING && !m.Finalized {
			return m.Id
		}
	}
	t.Fatal("no check-in ahead in the demo")
	return 0
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
	return startServe(t, http.DefaultClient, "http://"+addr, "--demo", "--data", dir, "--listen", addr)
}

// startServe runs `samspel serve args...` as a process of its own and waits until base's
// /healthz answers 200 through client.
func startServe(t *testing.T, client *http.Client, base string, args ...string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], append([]string{"serve"}, args...)...)
	cmd.Env = append(os.Environ(), "SAMSPEL_BE_MAIN=1")
	var logs bytes.Buffer
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(20 * time.Second)
	for {
		res, err := client.Get(base + "/healthz")
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
