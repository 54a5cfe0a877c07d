package browser

import (
	"context"
	"slices"
	"strconv"
	"testing"

	"github.com/samspel/samspel/server/apptest"
	"github.com/samspel/samspel/server/demo"
	"github.com/samspel/samspel/server/store"
)

// TestSignOutKeepsOnlyTheOutbox checks what signing out leaves on the phone: nothing of
// the app's but the outbox (notes not yet sent), which waits for the same person's next
// sign-in, announced with their id.
func TestSignOutKeepsOnlyTheOutbox(t *testing.T) {
	s := apptest.Start(t)
	browser := startBrowser(t)
	p := newPage(t, browser)
	invite := func() string { return s.Invite(t, demo.Chair.Email, store.RoleChair, "") }
	p.signInWithInvite(invite(), "")
	chair, err := s.Store.PersonByEmail(context.Background(), demo.Chair.Email)
	if err != nil {
		t.Fatal(err)
	}
	chairID := strconv.FormatInt(chair.ID, 10)

	// What a notes outbox and some other feature would have stored.
	if !eval[bool](p, `(async () => {
		const open = (name) => new Promise((resolve, reject) => {
			const req = indexedDB.open(name, 1);
			req.onupgradeneeded = () => req.result.createObjectStore("items", { keyPath: "id" });
			req.onsuccess = () => resolve(req.result);
			req.onerror = () => reject(req.error);
		});
		const put = (db, item) => new Promise((resolve, reject) => {
			const tx = db.transaction("items", "readwrite");
			tx.objectStore("items").put(item);
			tx.oncomplete = () => { db.close(); resolve(); };
			tx.onerror = () => reject(tx.error);
		});
		await put(await open("samspel-outbox"), { id: "0190-note", personId: "`+chairID+`", text: "Snökanoner: nej" });
		await put(await open("samspel-notes-cache"), { id: "n1", text: "cached note" });
		localStorage.setItem("samspel.outbox.meta", "1");
		localStorage.setItem("samspel.drafts.v1", "a draft");
		window.__signedIn = [];
		addEventListener("samspel:signed-in", (e) => window.__signedIn.push(e.detail.personId));
		return true;
	})()`) {
		t.Fatal("could not store the test data")
	}

	p.signOut()

	t.Run("the outbox database survives signing out", func(t *testing.T) {
		p := p.with(t)
		dbs := eval[[]string](p, `indexedDB.databases().then((l) => l.map((d) => d.name).sort())`)
		if !slices.Equal(dbs, []string{"samspel-outbox"}) {
			t.Errorf("IndexedDB databases after signing out: %v; want only samspel-outbox", dbs)
		}
		text := eval[string](p, `new Promise((resolve) => {
			const req = indexedDB.open("samspel-outbox");
			req.onsuccess = () => {
				const get = req.result.transaction("items").objectStore("items").get("0190-note");
				get.onsuccess = () => { resolve(get.result ? get.result.text : ""); req.result.close(); };
			};
		})`)
		if text != "Snökanoner: nej" {
			t.Errorf("the waiting note is %q; want it kept", text)
		}
	})
	t.Run("only the outbox's keys are left in localStorage", func(t *testing.T) {
		keys := eval[[]string](p.with(t), `Object.keys(localStorage).sort()`)
		if !slices.Equal(keys, []string{"samspel.outbox.meta"}) {
			t.Errorf("localStorage keys after signing out: %v; want only samspel.outbox.meta", keys)
		}
	})
	t.Run("the next sign-in announces the person, so the outbox sends only their notes", func(t *testing.T) {
		p := p.with(t)
		p.exec(`location.href = ` + jsString(invite()))
		p.waitScreen("invite")
		p.click("sign in again", "#invite-submit")
		p.waitScreen("passkey-setup")
		if got := eval[[]string](p, `window.__signedIn`); !slices.Equal(got, []string{chairID}) {
			t.Errorf("signed-in events: %v; want one for person %s", got, chairID)
		}
		p.click("skip making a passkey", "#skip-passkey")
		p.waitScreen("idag")
	})
}
