package store_test

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/samspel/samspel/server/store"
)

func open(t testing.TB, dir string, opts ...store.Option) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), dir, opts...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func TestOpenTwiceKeepsTheSchemaAndIsSound(t *testing.T) {
	dir := t.TempDir()
	st := open(t, dir)
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	st = open(t, dir)
	if res, err := st.IntegrityCheck(context.Background()); err != nil || res != "ok" {
		t.Fatalf("integrity_check: %q, %v", res, err)
	}
}

func TestADatabaseFromTheFutureIsRefusedAndLeftUntouched(t *testing.T) {
	dir := t.TempDir()
	st := open(t, dir)
	st.Close()
	path := filepath.Join(dir, store.FileName)
	db, err := sql.Open("sqlite3", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`PRAGMA user_version = 999`); err != nil {
		t.Fatal(err)
	}
	db.Close()
	before, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	_, err = store.Open(context.Background(), dir)
	if !errors.Is(err, store.ErrFutureSchema) {
		t.Fatalf("got %v, want ErrFutureSchema", err)
	}
	after, _ := os.ReadFile(path)
	if !bytes.Equal(before, after) {
		t.Error("the refused database file changed")
	}
	if _, err := os.Stat(path + "-wal"); err == nil {
		t.Error("opening the refused database created a WAL file")
	}
}

func TestInvitesAreSingleUseAndExpire(t *testing.T) {
	now := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	st := open(t, t.TempDir(), store.WithClock(func() time.Time { return now }))
	ctx := context.Background()
	org, err := st.CreateOrganization(ctx, store.Actor{}, 1, "Provstads kommun")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.CreateTerm(ctx, store.Actor{}, org.ID, "2026-10-15", "2030-10-14"); err != nil {
		t.Fatal(err)
	}
	pol := store.SessionPolicy{Idle: time.Hour, Absolute: 24 * time.Hour}
	invite := func(secret string, ttl time.Duration) {
		t.Helper()
		err := st.CreateInvite(ctx, store.Actor{}, store.Invite{SecretHash: []byte(secret), Email: secret + "@provstad.example", Role: 5, OrganizationID: org.ID, ExpireTime: now.Add(ttl)})
		if err != nil {
			t.Fatal(err)
		}
	}
	redeem := func(secret, session string) error {
		_, err := st.RedeemInvite(ctx, store.Actor{}, []byte(secret), "Test", store.NewSession{SecretHash: []byte(session)}, pol)
		return err
	}
	invite("a", time.Hour)
	invite("b", time.Hour)
	t.Run("a fresh invite signs in and gives the role in the current term", func(t *testing.T) {
		if err := redeem("a", "s1"); err != nil {
			t.Fatal(err)
		}
		p, err := st.SessionPerson(ctx, []byte("s1"), pol)
		if err != nil {
			t.Fatal(err)
		}
		ras, err := st.CurrentAssignments(ctx, p.ID)
		if err != nil || len(ras) != 1 || ras[0].Role != 5 || ras[0].StartDate != "2026-11-27" {
			t.Fatalf("assignments %v, %v", ras, err)
		}
	})
	t.Run("the same invite a second time is refused", func(t *testing.T) {
		if err := redeem("a", "s2"); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("an expired invite is refused", func(t *testing.T) {
		now = now.Add(2 * time.Hour)
		if err := redeem("b", "s3"); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("got %v", err)
		}
	})
	t.Run("a session ends after the idle timeout", func(t *testing.T) {
		if _, err := st.SessionPerson(ctx, []byte("s1"), pol); !errors.Is(err, store.ErrNotFound) {
			t.Fatalf("got %v after two idle hours", err)
		}
	})
	t.Run("the failures are in the audit log", func(t *testing.T) {
		events, _, err := st.ListAuditEvents(ctx, store.Page{})
		if err != nil {
			t.Fatal(err)
		}
		failed := 0
		for _, e := range events {
			if e.Action == "invite.redeem" && !e.Success {
				failed++
			}
		}
		if failed != 2 {
			t.Errorf("%d failed redemptions audited, want 2", failed)
		}
	})
}

func TestSessionsEndAtTheirAbsoluteLifetimeEvenWhenUsed(t *testing.T) {
	now := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	st := open(t, t.TempDir(), store.WithClock(func() time.Time { return now }))
	ctx := context.Background()
	pol := store.SessionPolicy{Idle: time.Hour, Absolute: 3 * time.Hour}
	if err := st.CreateInvite(ctx, store.Actor{}, store.Invite{SecretHash: []byte("i"), Email: "a@b.example", Role: store.RoleAdmin, ExpireTime: now.Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.RedeemInvite(ctx, store.Actor{}, []byte("i"), "Ada", store.NewSession{SecretHash: []byte("s")}, pol); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 5; i++ {
		now = now.Add(50 * time.Minute)
		_, err := st.SessionPerson(ctx, []byte("s"), pol)
		alive := now.Sub(time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)) < 3*time.Hour
		if alive != (err == nil) {
			t.Fatalf("after %v: err %v", now, err)
		}
	}
}

func TestPagesWalkTheWholeListOnce(t *testing.T) {
	st := open(t, t.TempDir())
	ctx := context.Background()
	for _, name := range []string{"Ö-stad", "A-stad", "B-stad", "C-stad", "D-stad"} {
		if _, err := st.CreateOrganization(ctx, store.Actor{}, 1, name); err != nil {
			t.Fatal(err)
		}
	}
	var got []string
	token := ""
	for pages := 0; ; pages++ {
		orgs, next, err := st.ListOrganizations(ctx, store.Viewer{Admin: true}, store.Page{Size: 2, Token: token})
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range orgs {
			got = append(got, o.Name)
		}
		if next == "" {
			break
		}
		if pages > 5 {
			t.Fatal("paging does not end")
		}
		token = next
	}
	if len(got) != 5 || got[0] != "A-stad" {
		t.Errorf("got %v", got)
	}
	if _, _, err := st.ListOrganizations(ctx, store.Viewer{Admin: true}, store.Page{Token: "not a token"}); err == nil {
		t.Error("a made-up page token was accepted")
	}
}

func TestANewPersonMustGiveANameAndTheInviteStaysUsable(t *testing.T) {
	now := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	st := open(t, t.TempDir(), store.WithClock(func() time.Time { return now }))
	ctx := context.Background()
	pol := store.SessionPolicy{Idle: time.Hour, Absolute: time.Hour}
	if err := st.CreateInvite(ctx, store.Actor{}, store.Invite{SecretHash: []byte("i"), Email: "ny@b.example", Role: store.RoleAdmin, ExpireTime: now.Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}
	_, err := st.RedeemInvite(ctx, store.Actor{}, []byte("i"), " ", store.NewSession{SecretHash: []byte("s1")}, pol)
	var inv *store.InvalidError
	if !errors.As(err, &inv) || inv.Field != "display_name" {
		t.Fatalf("got %v, want an InvalidError on display_name", err)
	}
	p, err := st.RedeemInvite(ctx, store.Actor{}, []byte("i"), "Nina Ny", store.NewSession{SecretHash: []byte("s2")}, pol)
	if err != nil || p.DisplayName != "Nina Ny" {
		t.Fatalf("second try: %+v, %v", p, err)
	}
}

func TestSignInsDropSessionsLongExpired(t *testing.T) {
	start := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	now := start
	st := open(t, t.TempDir(), store.WithClock(func() time.Time { return now }))
	ctx := context.Background()
	pol := store.SessionPolicy{Idle: time.Hour, Absolute: 30 * 24 * time.Hour}
	signIn := func(i int) {
		t.Helper()
		secret := []byte(fmt.Sprintf("invite-%d", i))
		if err := st.CreateInvite(ctx, store.Actor{}, store.Invite{SecretHash: secret, Email: "a@b.example", Role: store.RoleAdmin, ExpireTime: now.Add(time.Hour)}); err != nil {
			t.Fatal(err)
		}
		if _, err := st.RedeemInvite(ctx, store.Actor{}, secret, "Ada", store.NewSession{SecretHash: []byte(fmt.Sprintf("session-%d", i))}, pol); err != nil {
			t.Fatal(err)
		}
	}
	count := func() int {
		t.Helper()
		n, err := st.RowCounts(ctx, []string{"sessions"})
		if err != nil {
			t.Fatal(err)
		}
		return n["sessions"]
	}
	// A sign-in every week for a year: the ones that expired more than 90 days ago go.
	for i := range 52 {
		signIn(i)
		now = now.Add(7 * 24 * time.Hour)
	}
	if n := count(); n < 17 || n > 18 {
		t.Fatalf("%d sessions after a year of weekly sign-ins, want the 17 or 18 made in the last 120 days", n)
	}
	// The live session still works, and so does one expired less than 90 days ago.
	now = now.Add(-7 * 24 * time.Hour)
	if _, err := st.SessionPerson(ctx, []byte("session-51"), pol); err != nil {
		t.Fatalf("the newest session: %v", err)
	}
}
