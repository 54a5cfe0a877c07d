// Command soak drives a realistic mixed load against a real samspel process for a
// chosen time and reports, at each interval, the server's memory and goroutines and the
// latency percentiles the users felt. It talks only to the server it starts, on loopback,
// and every loop is bounded by the duration.
//
//	go run ./server/tools/soak --duration 10m --people 100
package main

import (
	"bufio"
	"bytes"
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/google/uuid"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/metadata"

	samspelv1 "github.com/samspel/samspel/server/gen/samspel/v1"
)

func main() {
	duration := flag.Duration("duration", 2*time.Minute, "how long to drive the load")
	people := flag.Int("people", 100, "how many signed-in people act at once")
	every := flag.Duration("report", 10*time.Second, "how often to report")
	think := flag.Duration("think", 2*time.Second, "mean pause between one person's actions")
	flag.Parse()
	if err := run(*duration, *people, *every, *think); err != nil {
		fmt.Fprintln(os.Stderr, "soak:", err)
		os.Exit(1)
	}
}

func run(duration time.Duration, people int, every, think time.Duration) error {
	tmp, err := os.MkdirTemp("", "samspel-soak-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	bin := filepath.Join(tmp, "samspel")
	build := exec.Command("go", "build", "-o", bin, "./server/cmd/samspel")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		return fmt.Errorf("build: %w", err)
	}
	data := filepath.Join(tmp, "data")
	addr, err := freeAddr()
	if err != nil {
		return err
	}
	srv := exec.Command(bin, "serve", "--demo", "--data", data, "--listen", addr)
	if err := srv.Start(); err != nil {
		return err
	}
	defer func() { srv.Process.Signal(os.Interrupt); srv.Wait() }()
	if err := waitHealthy(addr); err != nil {
		return err
	}
	out, err := exec.Command(bin, "token", "create", "--data", data, "--user", "admin@exempelstad.example").Output()
	if err != nil {
		return fmt.Errorf("admin token: %w", err)
	}
	adminToken := regexp.MustCompile(`spt_\S+`).FindString(string(out))
	conn, err := grpc.NewClient("passthrough:///"+addr, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		return err
	}
	defer conn.Close()
	admin := metadata.AppendToOutgoingContext(context.Background(), "authorization", "Bearer "+adminToken)

	fmt.Printf("soak: %d people for %v against pid %d on %s\n", people, duration, srv.Process.Pid, addr)
	// The pair writes: quick notes after hallway talks, notes in the check-in. Everyone
	// else looks: who they are, the people, the meetings they take part in.
	sessions, err := signIn(admin, conn, people-2)
	if err != nil {
		return err
	}
	var pair []string
	for _, email := range []string{"ordforande@exempelstad.example", "direktor@exempelstad.example"} {
		out, err := exec.Command(bin, "token", "create", "--data", data, "--user", email).Output()
		if err != nil {
			return fmt.Errorf("token for %s: %w", email, err)
		}
		pair = append(pair, regexp.MustCompile(`spt_\S+`).FindString(string(out)))
	}

	lat := &latencies{}
	ctx, cancel := context.WithTimeout(context.Background(), duration)
	defer cancel()
	var wg sync.WaitGroup
	for i, cookie := range sessions {
		wg.Add(1)
		go func() {
			defer wg.Done()
			act(metadata.AppendToOutgoingContext(ctx, "cookie", cookie), conn, i, think, lat, lookerActions)
		}()
	}
	for i, token := range pair {
		wg.Add(1)
		go func() {
			defer wg.Done()
			act(metadata.AppendToOutgoingContext(ctx, "authorization", "Bearer "+token), conn, 1000+i, think, lat, pairActions)
		}()
	}
	fmt.Printf("%8s %10s %8s %8s %8s %8s %7s\n", "time", "rss", "gorout", "calls", "p50", "p99", "errors")
	start := time.Now()
	tick := time.NewTicker(every)
	defer tick.Stop()
	for done := false; !done; {
		select {
		case <-ctx.Done():
			done = true
		case <-tick.C:
		}
		calls, p50, p99, errs := lat.take()
		if done && calls == 0 {
			break
		}
		fmt.Printf("%8s %10s %8d %8d %8s %8s %7d\n", time.Since(start).Round(time.Second), rss(srv.Process.Pid),
			goroutines(addr), calls, p50.Round(10*time.Microsecond), p99.Round(10*time.Microsecond), errs)
	}
	wg.Wait()
	return nil
}

// signIn invites n people and redeems each invite, keeping the session cookie, so the
// load goes through the same authentication as the PWA's.
func signIn(admin context.Context, conn *grpc.ClientConn, n int) ([]string, error) {
	invites := samspelv1.NewInviteServiceClient(conn)
	roles := []samspelv1.Role{samspelv1.Role_ROLE_STAFF, samspelv1.Role_ROLE_MAJORITY, samspelv1.Role_ROLE_OPPOSITION}
	var cookies []string
	for i := range n {
		role := roles[i%len(roles)]
		party := ""
		if role == samspelv1.Role_ROLE_OPPOSITION {
			party = "Parti " + strconv.Itoa(i%4)
		}
		inv, err := invites.CreateInvite(admin, &samspelv1.CreateInviteRequest{
			Email: fmt.Sprintf("soak%03d@exempelstad.example", i), Role: role, OrganizationId: 1, Party: party,
		})
		if err != nil {
			return nil, fmt.Errorf("invite: %w", err)
		}
		token := inv.Url[strings.Index(inv.Url, "#invite=")+len("#invite="):]
		// Sign-in is rate-limited per client address, as it should be; each simulated
		// phone gets an address of its own in 127.0.0.0/8, as real phones would have.
		phone, err := dialFrom(conn.Target(), fmt.Sprintf("127.0.%d.%d", 1+i/250, 1+i%250))
		if err != nil {
			return nil, err
		}
		var header metadata.MD
		_, err = samspelv1.NewAuthServiceClient(phone).RedeemInvite(context.Background(), &samspelv1.RedeemInviteRequest{Token: token, DisplayName: fmt.Sprintf("Soak %03d", i)}, grpc.Header(&header))
		phone.Close()
		if err != nil {
			return nil, fmt.Errorf("redeem: %w", err)
		}
		cookie := strings.SplitN(strings.Join(header.Get("set-cookie"), ""), ";", 2)[0]
		cookies = append(cookies, cookie)
	}
	return cookies, nil
}

// act is one person's day: an action drawn from actions, then a pause, until ctx ends.
func act(ctx context.Context, conn *grpc.ClientConn, seed int, think time.Duration, lat *latencies, actions func(*grpc.ClientConn) []func(context.Context) error) {
	r := rand.New(rand.NewPCG(uint64(seed), 1))
	list := actions(conn)
	for {
		pause := time.Duration(r.ExpFloat64() * float64(think))
		select {
		case <-ctx.Done():
			return
		case <-time.After(pause):
		}
		start := time.Now()
		err := list[r.IntN(len(list))](ctx)
		if ctx.Err() != nil {
			return
		}
		lat.add(time.Since(start), err)
	}
}

// lookerActions are what staff, the majority and the opposition mostly do: look.
func lookerActions(conn *grpc.ClientConn) []func(context.Context) error {
	auth := samspelv1.NewAuthServiceClient(conn)
	people := samspelv1.NewPersonServiceClient(conn)
	meetings := samspelv1.NewMeetingServiceClient(conn)
	instr := samspelv1.NewInstructionServiceClient(conn)
	return []func(context.Context) error{
		func(ctx context.Context) error { _, err := auth.GetMe(ctx, &samspelv1.GetMeRequest{}); return err },
		func(ctx context.Context) error { _, err := auth.GetMe(ctx, &samspelv1.GetMeRequest{}); return err },
		func(ctx context.Context) error {
			_, err := people.ListPeople(ctx, &samspelv1.ListPeopleRequest{OrganizationId: 1})
			return err
		},
		func(ctx context.Context) error {
			_, err := meetings.ListMeetings(ctx, &samspelv1.ListMeetingsRequest{OrganizationId: 1, PageSize: 20})
			return err
		},
		func(ctx context.Context) error {
			_, err := instr.ListInstructionVersions(ctx, &samspelv1.ListInstructionVersionsRequest{OrganizationId: 1})
			return err
		},
	}
}

// pairActions are the chair's and the director's: notes written and read, the next
// check-in opened and noted in.
func pairActions(conn *grpc.ClientConn) []func(context.Context) error {
	auth := samspelv1.NewAuthServiceClient(conn)
	notes := samspelv1.NewNoteServiceClient(conn)
	meetings := samspelv1.NewMeetingServiceClient(conn)
	var next int64
	nextMeeting := func(ctx context.Context) (int64, error) {
		if next != 0 {
			return next, nil
		}
		list, err := meetings.ListMeetings(ctx, &samspelv1.ListMeetingsRequest{OrganizationId: 1, FromDate: time.Now().Format(time.DateOnly), PageSize: 10})
		if err != nil || len(list.Meetings) == 0 {
			return 0, fmt.Errorf("no meeting ahead: %v", err)
		}
		next = list.Meetings[0].Id
		return next, nil
	}
	return []func(context.Context) error{
		func(ctx context.Context) error { _, err := auth.GetMe(ctx, &samspelv1.GetMeRequest{}); return err },
		func(ctx context.Context) error {
			id, _ := uuid.NewV7()
			_, err := notes.CreateQuickNote(ctx, &samspelv1.CreateQuickNoteRequest{Id: id.String(), OrganizationId: 1, Body: "Pratade med ekonomichefen om budgetramarna i korridoren."})
			return err
		},
		func(ctx context.Context) error {
			_, err := notes.ListQuickNotes(ctx, &samspelv1.ListQuickNotesRequest{PageSize: 50})
			return err
		},
		func(ctx context.Context) error {
			_, err := notes.SearchQuickNotes(ctx, &samspelv1.SearchQuickNotesRequest{Query: "budget"})
			return err
		},
		func(ctx context.Context) error {
			id, err := nextMeeting(ctx)
			if err == nil {
				_, err = meetings.GetMeeting(ctx, &samspelv1.GetMeetingRequest{Id: id})
			}
			return err
		},
		func(ctx context.Context) error {
			id, err := nextMeeting(ctx)
			if err == nil {
				_, err = meetings.AddMeetingNote(ctx, &samspelv1.AddMeetingNoteRequest{MeetingId: id, Body: "Vi enades om att ta upp frågan igen nästa vecka."})
			}
			return err
		},
	}
}

type latencies struct {
	mu   sync.Mutex
	d    []time.Duration
	errs int
}

func (l *latencies) add(d time.Duration, err error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.d = append(l.d, d)
	if err != nil {
		l.errs++
	}
}

func (l *latencies) take() (n int, p50, p99 time.Duration, errs int) {
	l.mu.Lock()
	d, errs := l.d, l.errs
	l.d, l.errs = nil, 0
	l.mu.Unlock()
	if len(d) == 0 {
		return 0, 0, 0, errs
	}
	slices.Sort(d)
	return len(d), d[len(d)*50/100], d[min(len(d)-1, len(d)*99/100)], errs
}

func rss(pid int) string {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return "?"
	}
	for line := range strings.SplitSeq(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, _ := strconv.Atoi(strings.Fields(v)[0])
			return fmt.Sprintf("%.1f MiB", float64(kb)/1024)
		}
	}
	return "?"
}

func goroutines(addr string) int {
	res, err := http.Get("http://" + addr + "/metrics")
	if err != nil {
		return -1
	}
	defer res.Body.Close()
	sc := bufio.NewScanner(res.Body)
	for sc.Scan() {
		if v, ok := bytes.CutPrefix(sc.Bytes(), []byte("go_goroutines ")); ok {
			n, _ := strconv.ParseFloat(string(v), 64)
			return int(n)
		}
	}
	return -1
}

func freeAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

func waitHealthy(addr string) error {
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if res, err := http.Get("http://" + addr + "/healthz"); err == nil {
			res.Body.Close()
			if res.StatusCode == 200 {
				return nil
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	return fmt.Errorf("server on %s did not become healthy", addr)
}

// dialFrom connects to target from a given loopback source address.
func dialFrom(target, local string) (*grpc.ClientConn, error) {
	d := net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(local)}}
	return grpc.NewClient(target, grpc.WithTransportCredentials(insecure.NewCredentials()),
		grpc.WithContextDialer(func(ctx context.Context, addr string) (net.Conn, error) {
			return d.DialContext(ctx, "tcp", addr)
		}))
}
