package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/samspel/samspel/server/store"
)

// adminWithSession makes an administrator through an invite and returns their id.
func adminWithSession(t *testing.T, st *store.Store, now time.Time, email, session string) int64 {
	t.Helper()
	ctx := context.Background()
	if err := st.CreateInvite(ctx, store.Actor{}, store.Invite{SecretHash: []byte(email), Email: email, Role: store.RoleAdmin, ExpireTime: now.Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}
	p, err := st.RedeemInvite(ctx, store.Actor{}, []byte(email), "Ada", store.NewSession{SecretHash: []byte(session)}, store.SessionPolicy{Idle: time.Hour, Absolute: 24 * time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	return p.ID
}

func TestPasskeysAndTheirCeremonies(t *testing.T) {
	now := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	st := open(t, t.TempDir(), store.WithClock(func() time.Time { return now }))
	ctx := context.Background()
	ada := adminWithSession(t, st, now, "ada@b.example", "s1")
	bo := adminWithSession(t, st, now, "bo@b.example", "s2")
	actor := store.Actor{PersonID: ada}

	t.Run("a person's handle is random, kept, and finds them", func(t *testing.T) {
		h1, err := st.PasskeyHandle(ctx, ada)
		if err != nil || len(h1) != 32 {
			t.Fatalf("handle %x, %v", h1, err)
		}
		h2, _ := st.PasskeyHandle(ctx, ada)
		if string(h1) != string(h2) {
			t.Errorf("the handle changed between calls")
		}
		p, err := st.PersonByPasskeyHandle(ctx, h1)
		if err != nil || p.ID != ada {
			t.Errorf("PersonByPasskeyHandle = %v, %v", p.ID, err)
		}
	})
	t.Run("a ceremony can be finished once, by its kind and person, before it expires", func(t *testing.T) {
		if err := st.BeginCeremony(ctx, []byte("c1"), store.CeremonyRegister, ada, []byte(`{}`), now.Add(time.Minute)); err != nil {
			t.Fatal(err)
		}
		if _, err := st.TakeCeremony(ctx, []byte("c1"), store.CeremonySignIn, 0); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("taken as another kind: %v", err)
		}
		if _, err := st.TakeCeremony(ctx, []byte("c1"), store.CeremonyRegister, bo); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("taken by another person: %v", err)
		}
		if _, err := st.TakeCeremony(ctx, []byte("c1"), store.CeremonyRegister, ada); err != nil {
			t.Errorf("taken by its person: %v", err)
		}
		if _, err := st.TakeCeremony(ctx, []byte("c1"), store.CeremonyRegister, ada); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("taken twice: %v", err)
		}
		st.BeginCeremony(ctx, []byte("c2"), store.CeremonySignIn, 0, []byte(`{}`), now.Add(time.Minute))
		now = now.Add(2 * time.Minute)
		if _, err := st.TakeCeremony(ctx, []byte("c2"), store.CeremonySignIn, 0); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("taken after expiry: %v", err)
		}
	})
	t.Run("passkeys are named, renamed and removed, never the last", func(t *testing.T) {
		a, err := st.AddPasskey(ctx, actor, store.Passkey{PersonID: ada, CredentialID: []byte("k1"), Credential: []byte(`{}`)})
		if err != nil || a.Name != "Nyckel 1" {
			t.Fatalf("first passkey %q, %v; want the name Nyckel 1", a.Name, err)
		}
		if err := st.DeletePasskey(ctx, actor, ada, a.ID); !errors.Is(err, store.ErrLastPasskey) {
			t.Errorf("removing the only passkey: %v; want ErrLastPasskey", err)
		}
		b, err := st.AddPasskey(ctx, actor, store.Passkey{PersonID: ada, CredentialID: []byte("k2"), Name: " Datorn ", Credential: []byte(`{"flags":{"backupState":true}}`)})
		if err != nil || b.Name != "Datorn" || !b.Synced() {
			t.Fatalf("second passkey %q synced=%v, %v", b.Name, b.Synced(), err)
		}
		if _, err := st.AddPasskey(ctx, store.Actor{PersonID: bo}, store.Passkey{PersonID: bo, CredentialID: []byte("k2"), Credential: []byte(`{}`)}); !errors.Is(err, store.ErrConflict) {
			t.Errorf("the same credential for another person: %v; want ErrConflict", err)
		}
		if _, err := st.RenamePasskey(ctx, store.Actor{PersonID: bo}, bo, a.ID, "Mitt"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("renaming someone else's passkey: %v; want ErrNotFound", err)
		}
		if err := st.DeletePasskey(ctx, store.Actor{PersonID: bo}, bo, a.ID); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("removing someone else's passkey: %v; want ErrNotFound", err)
		}
		if r, err := st.RenamePasskey(ctx, actor, ada, a.ID, "Telefonen"); err != nil || r.Name != "Telefonen" {
			t.Errorf("rename: %q, %v", r.Name, err)
		}
		if err := st.DeletePasskey(ctx, actor, ada, a.ID); err != nil {
			t.Errorf("removing one of two: %v", err)
		}
		if err := st.DeletePasskey(ctx, actor, ada, b.ID); !errors.Is(err, store.ErrLastPasskey) {
			t.Errorf("removing the one left: %v; want ErrLastPasskey", err)
		}
	})
	t.Run("a disabled person's passkey signs nobody in", func(t *testing.T) {
		if _, _, err := st.DisablePerson(ctx, store.Actor{PersonID: bo}, ada); err != nil {
			t.Fatal(err)
		}
		_, err := st.PasskeySignIn(ctx, store.Actor{}, ada, []byte("k2"), []byte(`{}`), store.NewSession{SecretHash: []byte("s3")}, store.SessionPolicy{Idle: time.Hour, Absolute: time.Hour})
		if !errors.Is(err, store.ErrNotFound) {
			t.Errorf("PasskeySignIn of a disabled person: %v; want ErrNotFound", err)
		}
	})
}

func TestOIDCFlowsAreSingleUse(t *testing.T) {
	now := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	st := open(t, t.TempDir(), store.WithClock(func() time.Time { return now }))
	ctx := context.Background()
	f := store.OIDCFlow{BindingHash: []byte("b"), Provider: "p", State: "s", Nonce: "n", Verifier: "v", ExpireTime: now.Add(time.Minute)}
	if err := st.BeginOIDCFlow(ctx, f); err != nil {
		t.Fatal(err)
	}
	got, err := st.TakeOIDCFlow(ctx, []byte("b"))
	if err != nil || got.State != "s" || got.Nonce != "n" || got.Verifier != "v" || got.InviteHash != nil {
		t.Fatalf("TakeOIDCFlow = %+v, %v", got, err)
	}
	if _, err := st.TakeOIDCFlow(ctx, []byte("b")); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("taken twice: %v", err)
	}
}
