package browser

import (
	"context"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

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

	// What the notes outbox (pwa/src/notes/outbox.ts) and some other feature would have
	// stored: a note of the chair's and one of someone else who used this phone before.
	mine, theirs := store.NewNoteID(time.Now()), store.NewNoteID(time.Now())
	if !eval[bool](p, `(async () => {
		const open = (name, store) => new Promise((resolve, reject) => {
			const req = indexedDB.open(name);
			req.onupgradeneeded = () => req.result.createObjectStore(store, { keyPath: "id" }).createIndex("person", "personId");
			req.onsuccess = () => resolve(req.result);
			req.onerror = () => reject(req.error);
		});
		const put = (db, store, item) => new Promise((resolve, reject) => {
			const tx = db.transaction(store, "readwrite");
			tx.objectStore(store).put(item);
			tx.oncomplete = () => { db.close(); resolve(); };
			tx.onerror = () => reject(tx.error);
		});
		const note = (id, personId, body) => ({ id, personId, body, withText: "", tag: "", raise: false, createTime: Date.now() });
		await put(await open("samspel-outbox", "quick_notes"), "quick_notes", note("`+mine+`", "`+chairID+`", "Snökanoner: nej"));
		await put(await open("samspel-outbox", "quick_notes"), "quick_notes", note("`+theirs+`", "999999", "Någon annans anteckning"));
		await put(await open("samspel-notes-cache", "items"), "items", { id: "n1", text: "cached note" });
		localStorage.setItem("samspel.outbox.meta", "1");
		localStorage.setItem("samspel.drafts.v1", "a draft");
		window.__signedIn = [];
		addEventListener("samspel:signed-in", (e) => window.__signedIn.push(e.detail.personId));
		return true;
	})()`) {
		t.Fatal("could not store the test data")
	}
	waiting := func(p *Page, id string) string {
		return eval[string](p, `new Promise((resolve) => {
			const req = indexedDB.open("samspel-outbox");
			req.onsuccess = () => {
				const get = req.result.transaction("quick_notes").objectStore("quick_notes").get("`+id+`");
				get.onsuccess = () => { resolve(get.result ? get.result.body : ""); req.result.close(); };
			};
		})`)
	}

	p.signOut()

	t.Run("the outbox database survives signing out", func(t *testing.T) {
		p := p.with(t)
		dbs := eval[[]string](p, `indexedDB.databases().then((l) => l.map((d) => d.name).sort())`)
		if !slices.Equal(dbs, []string{"samspel-outbox"}) {
			t.Errorf("IndexedDB databases after signing out: %v; want only samspel-outbox", dbs)
		}
		if text := waiting(p, theirs); text != "Någon annans anteckning" {
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
		run(p, "wait until the chair's waiting note has left the outbox", chromedp.Poll[bool](
			`new Promise((resolve) => {
				const req = indexedDB.open("samspel-outbox");
				req.onsuccess = () => {
					const get = req.result.transaction("quick_notes").objectStore("quick_notes").get("`+mine+`");
					get.onsuccess = () => { resolve(get.result === undefined); req.result.close(); };
				};
			})`, chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(stepTimeout)))
		if got := getNoteAs(t, s, demo.Chair.Email, mine); got != "OK" {
			t.Errorf("the chair's waiting note on the server: %s; want it sent after the chair signed in again", got)
		}
		if text := waiting(p, theirs); text != "Någon annans anteckning" {
			t.Errorf("someone else's waiting note is %q in the outbox; want it left there, unsent", text)
		}
		if got := getNoteAs(t, s, demo.Chair.Email, theirs); got != "NotFound" {
			t.Errorf("someone else's waiting note on the server: %s; want it never sent by the chair", got)
		}
	})
}
