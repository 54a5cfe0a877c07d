package main

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/samspel/samspel/server/apptest"
	"github.com/samspel/samspel/server/auth"
	"github.com/samspel/samspel/server/demo"
	samspelv1 "github.com/samspel/samspel/server/gen/samspel/v1"
	"github.com/samspel/samspel/server/store"
)

// TestMain lets the test binary act as the samspel command when asked, so the crash
// test can run a real server process without a separate build.
func TestMain(m *testing.M) {
	if os.Getenv("SAMSPEL_BE_MAIN") == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

var tokenLine = regexp.MustCompile(`(?m)^token id (\d+);.*\n(spt_\S+)$`)

func TestTokenFromTheCommandLine(t *testing.T) {
	s := apptest.Start(t)
	ctx := context.Background()
	var out bytes.Buffer
	if err := run(ctx, []string{"token", "create", "--data", s.DataDir, "--user", demo.Chair.Email}, &out, &out); err != nil {
		t.Fatal(err)
	}
	m := tokenLine.FindStringSubmatch(out.String())
	if m == nil {
		t.Fatalf("no token in %q", out.String())
	}
	id, token := m[1], m[2]
	authed := func(t *testing.T, want codes.Code) {
		t.Helper()
		resp, err := samspelv1.NewAuthServiceClient(s.Conn).GetMe(apptest.Bearer(ctx, token), &samspelv1.GetMeRequest{})
		if status.Code(err) != want {
			t.Errorf("native gRPC: got %v, want %v", err, want)
		}
		if want == codes.OK && resp.GetMe().GetPerson().GetEmail() != demo.Chair.Email {
			t.Errorf("native gRPC: acting as %v, want the chair", resp.GetMe().GetPerson())
		}
		var webResp samspelv1.GetMeResponse
		res, err := s.GRPCWeb(ctx, samspelv1.AuthService_GetMe_FullMethodName, &samspelv1.GetMeRequest{}, &webResp,
			map[string][]string{"Authorization": {"Bearer " + token}})
		if err != nil {
			t.Fatal(err)
		}
		if res.Status.Code() != want {
			t.Errorf("grpc-web: got %v, want %v", res.Status, want)
		}
		if want == codes.OK && webResp.GetMe().GetPerson().GetEmail() != demo.Chair.Email {
			t.Errorf("grpc-web: acting as %v, want the chair", webResp.GetMe().GetPerson())
		}
	}
	t.Run("the token acts as the chair over native gRPC and grpc-web", func(t *testing.T) { authed(t, codes.OK) })

	out.Reset()
	if err := run(ctx, []string{"token", "revoke", "--data", s.DataDir, "--token-id", id}, &out, &out); err != nil {
		t.Fatal(err)
	}
	t.Run("a revoked token is refused", func(t *testing.T) { authed(t, codes.Unauthenticated) })
	if _, err := strconv.Atoi(id); err != nil {
		t.Fatal(err)
	}
}

func TestInviteFromTheCommandLineNeedsAParty(t *testing.T) {
	s := apptest.Start(t)
	var out bytes.Buffer
	err := run(context.Background(), []string{"invite", "--data", s.DataDir, "--email", "ny@exempelstad.example", "--role", "OPPOSITION"}, &out, &out)
	if err == nil {
		t.Fatalf("an opposition invite without a party was accepted: %s", out.String())
	}
	out.Reset()
	err = run(context.Background(), []string{"invite", "--data", s.DataDir, "--email", "ny@exempelstad.example", "--role", "OPPOSITION", "--party", "Centerpartiet"}, &out, &out)
	if err != nil || !bytes.Contains(out.Bytes(), []byte("/#invite=si_")) {
		t.Fatalf("got %v, %q", err, out.String())
	}
}

func TestServeRefusesADatabaseFromTheFuture(t *testing.T) {
	dir := t.TempDir()
	s := apptest.StartIn(t, dir)
	s.Store.Close()
	db, err := sql.Open("sqlite3", "file:"+filepath.Join(dir, "samspel.db"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`PRAGMA user_version = 999`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	var out bytes.Buffer
	err = run(context.Background(), []string{"serve", "--data", dir, "--listen", "127.0.0.1:0"}, &out, &out)
	if err == nil || !strings.Contains(err.Error(), "newer version of Samspel") {
		t.Fatalf("got %v, want a refusal that names the newer version", err)
	}
}

func TestAnEmptyInstallationOffersALinkForTheFirstAdministrator(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var out bytes.Buffer
	if err := offerFirstAdmin(ctx, st, "http://localhost:8080", &out); err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`http://localhost:8080/#invite=(si_\S+)`).FindStringSubmatch(out.String())
	if m == nil {
		t.Fatalf("no link in %q", out.String())
	}
	p, err := st.RedeemInvite(ctx, store.Actor{}, auth.Hash(m[1]), "Ada Admin", store.NewSession{SecretHash: []byte("s")}, store.SessionPolicy{Idle: time.Hour, Absolute: time.Hour})
	if err != nil || !p.Admin {
		t.Fatalf("redeeming the link gave %+v, %v; want an administrator", p, err)
	}
	out.Reset()
	if err := offerFirstAdmin(ctx, st, "http://localhost:8080", &out); err != nil || out.Len() != 0 {
		t.Errorf("with an administrator present it printed %q, %v", out.String(), err)
	}
}
