package store_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/samspel/samspel/server/store"
)

// pair is a small organisation for note tests: a chair and a director in force today,
// a director who left, and a chair of another organisation.
type pair struct {
	st                                *store.Store
	now                               *time.Time
	chair, director, former, outsider store.Actor
	org                               int64
}

func (p pair) viewer(a store.Actor) store.Viewer { return store.Viewer{PersonID: a.PersonID} }

func newPair(t testing.TB) pair {
	t.Helper()
	now := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	p := pair{now: &now}
	p.st = open(t, t.TempDir(), store.WithClock(func() time.Time { return *p.now }))
	_, err := p.st.SeedOnce(context.Background(), "Provstads kommun", func(b *store.Seeder) error {
		p.org = b.Organization(1, "Provstads kommun")
		term := b.Term(p.org, "2026-10-15", "2030-10-14")
		chair := b.Person(store.DemoPerson{Email: "ordf@provstad.example", Name: "Åsa Ordförande"})
		director := b.Person(store.DemoPerson{Email: "dir@provstad.example", Name: "Dan Direktör"})
		former := b.Person(store.DemoPerson{Email: "forre@provstad.example", Name: "Frida Förre"})
		b.Role(chair, p.org, term, store.RoleChair, "", "2026-10-15", "")
		b.Role(former, p.org, term, store.RoleDirector, "", "2026-10-15", "2026-10-31")
		b.Role(director, p.org, term, store.RoleDirector, "", "2026-11-01", "")
		other := b.Organization(1, "Annanstads kommun")
		otherTerm := b.Term(other, "2026-10-15", "2030-10-14")
		outsider := b.Person(store.DemoPerson{Email: "ordf@annanstad.example", Name: "Olle Annan"})
		b.Role(outsider, other, otherTerm, store.RoleChair, "", "2026-10-15", "")
		p.chair, p.director, p.former, p.outsider = store.Actor{PersonID: chair}, store.Actor{PersonID: director}, store.Actor{PersonID: former}, store.Actor{PersonID: outsider}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// write creates a note by author with body, written a minute before now.
func (p pair) write(t testing.TB, author store.Actor, body string) store.QuickNote {
	t.Helper()
	n, err := p.st.CreateQuickNote(context.Background(), author, store.NewQuickNote{ID: store.NewNoteID(p.now.Add(-time.Minute)), Body: body})
	if err != nil {
		t.Fatalf("create %q: %v", body, err)
	}
	return n
}

func TestCreatingAQuickNoteIsIdempotentOnItsID(t *testing.T) {
	p := newPair(t)
	ctx := context.Background()
	id := store.NewNoteID(p.now.Add(-time.Hour))
	first, err := p.st.CreateQuickNote(ctx, p.chair, store.NewQuickNote{ID: id, Body: "Snökanoner: nej till inköp"})
	if err != nil {
		t.Fatal(err)
	}
	t.Run("the note belongs to the author's organisation and role and is written at the time in its id", func(t *testing.T) {
		if first.OrganizationID != p.org || first.AuthorRole != store.RoleChair || first.Revision != 1 || first.Sequence == 0 {
			t.Errorf("got %+v", first)
		}
		if want := p.now.Add(-time.Hour).Truncate(time.Millisecond); !first.CreateTime.Equal(want) {
			t.Errorf("create time %v, want %v", first.CreateTime, want)
		}
	})
	t.Run("a replay by the author returns the stored note and stores nothing", func(t *testing.T) {
		again, err := p.st.CreateQuickNote(ctx, p.chair, store.NewQuickNote{ID: id, Body: "Snökanoner: nej till inköp"})
		if err != nil {
			t.Fatal(err)
		}
		if again.Sequence != first.Sequence || again.Revision != 1 {
			t.Errorf("replay changed the note: %+v", again)
		}
		notes, _, err := p.st.ListQuickNotes(ctx, p.viewer(p.chair), false, store.Page{})
		if err != nil || len(notes) != 1 {
			t.Errorf("%d notes after a replay, want 1 (%v)", len(notes), err)
		}
	})
	t.Run("a replay with other text returns the note as stored", func(t *testing.T) {
		again, err := p.st.CreateQuickNote(ctx, p.chair, store.NewQuickNote{ID: id, Body: "något annat"})
		if err != nil || again.Body != "Snökanoner: nej till inköp" {
			t.Errorf("got %q, %v", again.Body, err)
		}
	})
	t.Run("the same id from another author is refused", func(t *testing.T) {
		_, err := p.st.CreateQuickNote(ctx, p.director, store.NewQuickNote{ID: id, Body: "kapning"})
		if !errors.Is(err, store.ErrConflict) {
			t.Errorf("got %v, want ErrConflict", err)
		}
	})
	t.Run("a replay after the note was deleted returns the tombstone, not a new note", func(t *testing.T) {
		n := p.write(t, p.chair, "att slänga")
		if _, err := p.st.DeleteQuickNote(ctx, p.chair, n.ID, 0); err != nil {
			t.Fatal(err)
		}
		again, err := p.st.CreateQuickNote(ctx, p.chair, store.NewQuickNote{ID: n.ID, Body: "att slänga"})
		if err != nil || !again.Deleted() || again.Body != "" {
			t.Errorf("got %+v, %v; want the tombstone", again, err)
		}
	})
	t.Run("a note from a phone whose clock runs fast is written now", func(t *testing.T) {
		n, err := p.st.CreateQuickNote(ctx, p.chair, store.NewQuickNote{ID: store.NewNoteID(p.now.Add(48 * time.Hour)), Body: "framtid"})
		if err != nil || !n.CreateTime.Equal(*p.now) {
			t.Errorf("create time %v, %v; want %v", n.CreateTime, err, *p.now)
		}
	})
	for _, tc := range []struct {
		name, field string
		nn          store.NewQuickNote
		actor       store.Actor
	}{
		{"an id that is not a UUIDv7 is refused", "id", store.NewQuickNote{ID: "0193a4c2-1111-4111-8111-111111111111", Body: "x"}, p.chair},
		{"white space only is refused", "body", store.NewQuickNote{ID: store.NewNoteID(*p.now), Body: " \n\t"}, p.chair},
		{"a director who left writes in no organisation", "organization_id", store.NewQuickNote{ID: store.NewNoteID(*p.now), Body: "x"}, p.former},
		{"someone from another organisation cannot be named", "with_person_id", store.NewQuickNote{ID: store.NewNoteID(*p.now), Body: "x", WithPersonID: p.outsider.PersonID}, p.chair},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := p.st.CreateQuickNote(ctx, tc.actor, tc.nn)
			var inv *store.InvalidError
			if !errors.As(err, &inv) || inv.Field != tc.field {
				t.Errorf("got %v, want an InvalidError on %s", err, tc.field)
			}
		})
	}
}

func TestTwoDevicesEditingTheSameNoteDoNotOverwriteEachOther(t *testing.T) {
	p := newPair(t)
	ctx := context.Background()
	n := p.write(t, p.chair, "Ring Maria om budgeten")
	phone, err := p.st.UpdateQuickNote(ctx, p.chair, store.QuickNoteChange{ID: n.ID, Revision: n.Revision, Fields: []string{"body"}, Body: "Ring Maria om budgeten i dag"})
	if err != nil {
		t.Fatal(err)
	}
	_, err = p.st.UpdateQuickNote(ctx, p.chair, store.QuickNoteChange{ID: n.ID, Revision: n.Revision, Fields: []string{"body"}, Body: "Mejla Maria"})
	if !errors.Is(err, store.ErrStale) {
		t.Fatalf("the second device got %v, want ErrStale", err)
	}
	got, err := p.st.QuickNote(ctx, p.viewer(p.chair), n.ID)
	if err != nil || got.Body != "Ring Maria om budgeten i dag" || got.Revision != phone.Revision {
		t.Errorf("stored %q rev %d, %v; want the first device's text at rev %d", got.Body, got.Revision, err, phone.Revision)
	}
	if got.Sequence <= n.Sequence {
		t.Errorf("sequence %d did not move past %d", got.Sequence, n.Sequence)
	}
	if _, err := p.st.DeleteQuickNote(ctx, p.chair, n.ID, n.Revision); !errors.Is(err, store.ErrStale) {
		t.Errorf("delete from a stale revision: %v, want ErrStale", err)
	}
}

func TestUpdatingAQuickNote(t *testing.T) {
	p := newPair(t)
	ctx := context.Background()
	dirNote := p.write(t, p.director, "Förvaltningens svar")
	for _, tc := range []struct {
		name   string
		actor  store.Actor
		change func(n store.QuickNote) store.QuickNoteChange
		check  func(t *testing.T, n store.QuickNote, err error)
	}{
		{"flagging it for the next check-in also sorts it", p.chair, func(n store.QuickNote) store.QuickNoteChange {
			return store.QuickNoteChange{ID: n.ID, Revision: 1, Fields: []string{"raise_at_next_check_in"}, RaiseAtNextCheckIn: true}
		}, func(t *testing.T, n store.QuickNote, err error) {
			if err != nil || !n.RaiseAtNextCheckIn || !n.Sorted || n.Revision != 2 {
				t.Errorf("got %+v, %v", n, err)
			}
		}},
		{"a chair may mark a private note as written in the party role", p.chair, func(n store.QuickNote) store.QuickNoteChange {
			return store.QuickNoteChange{ID: n.ID, Revision: 1, Fields: []string{"party_role", "tag"}, PartyRole: true, Tag: "parti"}
		}, func(t *testing.T, n store.QuickNote, err error) {
			if err != nil || !n.PartyRole || n.Tag != "parti" {
				t.Errorf("got %+v, %v", n, err)
			}
		}},
		{"a director may not write in a party role", p.director, func(store.QuickNote) store.QuickNoteChange {
			return store.QuickNoteChange{ID: dirNote.ID, Revision: 1, Fields: []string{"party_role"}, PartyRole: true}
		}, invalidOn("quick_note.party_role")},
		{"an unknown field is refused", p.chair, func(n store.QuickNote) store.QuickNoteChange {
			return store.QuickNoteChange{ID: n.ID, Revision: 1, Fields: []string{"author"}}
		}, invalidOn("update_mask")},
		{"an empty text is refused", p.chair, func(n store.QuickNote) store.QuickNoteChange {
			return store.QuickNoteChange{ID: n.ID, Revision: 1, Fields: []string{"body"}, Body: "  "}
		}, invalidOn("quick_note.body")},
		{"only the author may change a note: for the other party it does not exist", p.director, func(n store.QuickNote) store.QuickNoteChange {
			return store.QuickNoteChange{ID: n.ID, Revision: 1, Fields: []string{"body"}, Body: "Ändrat av direktören"}
		}, func(t *testing.T, n store.QuickNote, err error) {
			if !errors.Is(err, store.ErrNotFound) {
				t.Errorf("got %v, want ErrNotFound", err)
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			n := p.write(t, p.chair, "Anteckning om "+tc.name)
			got, err := p.st.UpdateQuickNote(ctx, tc.actor, tc.change(n))
			tc.check(t, got, err)
		})
	}
}

func invalidOn(field string) func(t *testing.T, n store.QuickNote, err error) {
	return func(t *testing.T, n store.QuickNote, err error) {
		t.Helper()
		var inv *store.InvalidError
		if !errors.As(err, &inv) || inv.Field != field {
			t.Errorf("got %v, want an InvalidError on %s", err, field)
		}
	}
}

func TestSharingMakesANoteTheOrganisationsRecord(t *testing.T) {
	p := newPair(t)
	ctx := context.Background()
	n := p.write(t, p.chair, "Nej till snökanoner i parken")

	t.Run("validate only names the director in force today and changes nothing", func(t *testing.T) {
		would, err := p.st.ShareQuickNote(ctx, p.chair, n.ID, n.Revision, true)
		if err != nil || would.SharedWith.ID != p.director.PersonID || would.SharedWith.DisplayName != "Dan Direktör" {
			t.Fatalf("got %+v, %v", would.SharedWith, err)
		}
		if _, err := p.st.QuickNote(ctx, p.viewer(p.director), n.ID); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("the director sees the note after a validate-only share: %v", err)
		}
	})
	t.Run("a stale revision is refused", func(t *testing.T) {
		if _, err := p.st.ShareQuickNote(ctx, p.chair, n.ID, n.Revision+1, false); !errors.Is(err, store.ErrStale) {
			t.Errorf("got %v, want ErrStale", err)
		}
	})
	shared, err := p.st.ShareQuickNote(ctx, p.chair, n.ID, n.Revision, false)
	if err != nil {
		t.Fatal(err)
	}
	t.Run("the director now sees it, and the share is audited", func(t *testing.T) {
		got, err := p.st.QuickNote(ctx, p.viewer(p.director), n.ID)
		if err != nil || got.SharedWith.ID != p.director.PersonID || got.ShareTime.IsZero() {
			t.Errorf("got %+v, %v", got, err)
		}
		events, _, err := p.st.ListAuditEvents(ctx, store.Page{})
		if err != nil || len(events) == 0 || events[0].Action != "note.share" || !strings.Contains(events[0].Subject, n.ID) {
			t.Errorf("latest audit event %+v, %v; want note.share of %s", events, err, n.ID)
		}
	})
	t.Run("it cannot be deleted", func(t *testing.T) {
		if _, err := p.st.DeleteQuickNote(ctx, p.chair, n.ID, 0); !errors.Is(err, store.ErrConflict) {
			t.Errorf("got %v, want ErrConflict", err)
		}
	})
	t.Run("it cannot become a party-role note", func(t *testing.T) {
		_, err := p.st.UpdateQuickNote(ctx, p.chair, store.QuickNoteChange{ID: n.ID, Revision: shared.Revision, Fields: []string{"party_role"}, PartyRole: true})
		if !errors.Is(err, store.ErrConflict) {
			t.Errorf("got %v, want ErrConflict", err)
		}
	})
	t.Run("corrections keep the earlier versions, newest first", func(t *testing.T) {
		c1, err := p.st.UpdateQuickNote(ctx, p.chair, store.QuickNoteChange{ID: n.ID, Revision: shared.Revision, Fields: []string{"body"}, Body: "Nej till fem snökanoner i parken"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := p.st.UpdateQuickNote(ctx, p.chair, store.QuickNoteChange{ID: n.ID, Revision: c1.Revision, Fields: []string{"tag"}, Tag: "park"}); err != nil {
			t.Fatal(err)
		}
		revs, next, err := p.st.ListQuickNoteRevisions(ctx, p.viewer(p.director), n.ID, store.Page{Size: 1})
		if err != nil || len(revs) != 1 || next == "" || revs[0].Body != "Nej till fem snökanoner i parken" {
			t.Fatalf("first page %+v, %q, %v", revs, next, err)
		}
		revs, next, err = p.st.ListQuickNoteRevisions(ctx, p.viewer(p.director), n.ID, store.Page{Size: 1, Token: next})
		if err != nil || len(revs) != 1 || next != "" || revs[0].Body != "Nej till snökanoner i parken" || revs[0].Revision != shared.Revision {
			t.Fatalf("second page %+v, %q, %v", revs, next, err)
		}
	})
	t.Run("a party-role note cannot be shared", func(t *testing.T) {
		m := p.write(t, p.chair, "Gruppmötet")
		m, err := p.st.UpdateQuickNote(ctx, p.chair, store.QuickNoteChange{ID: m.ID, Revision: 1, Fields: []string{"party_role"}, PartyRole: true})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := p.st.ShareQuickNote(ctx, p.chair, m.ID, m.Revision, false); !errors.Is(err, store.ErrConflict) {
			t.Errorf("got %v, want ErrConflict", err)
		}
	})
	t.Run("a director's note goes to the chair", func(t *testing.T) {
		m := p.write(t, p.director, "Svar om bygglovet")
		got, err := p.st.ShareQuickNote(ctx, p.director, m.ID, m.Revision, false)
		if err != nil || got.SharedWith.ID != p.chair.PersonID {
			t.Errorf("got %+v, %v", got.SharedWith, err)
		}
	})
}

// TestAPrivateNoteNeverReachesAnyoneElse checks every way of reading notes as the other
// party, a director who left and a chair elsewhere, before and after sharing.
func TestAPrivateNoteNeverReachesAnyoneElse(t *testing.T) {
	p := newPair(t)
	ctx := context.Background()
	private := p.write(t, p.chair, "Hemligt om omorganisationen")
	deleted := p.write(t, p.chair, "Hemligt och slängt om omorganisationen")
	if _, err := p.st.DeleteQuickNote(ctx, p.chair, deleted.ID, 0); err != nil {
		t.Fatal(err)
	}
	sharedNote := p.write(t, p.chair, "Delat om omorganisationen")
	if _, err := p.st.ShareQuickNote(ctx, p.chair, sharedNote.ID, 1, false); err != nil {
		t.Fatal(err)
	}
	ways := map[string]func(v store.Viewer) ([]string, error){
		"Get": func(v store.Viewer) ([]string, error) {
			var ids []string
			for _, id := range []string{private.ID, deleted.ID, sharedNote.ID} {
				n, err := p.st.QuickNote(ctx, v, id)
				if errors.Is(err, store.ErrNotFound) {
					continue
				}
				if err != nil {
					return nil, err
				}
				ids = append(ids, n.ID)
			}
			return ids, nil
		},
		"List": func(v store.Viewer) ([]string, error) {
			notes, _, err := p.st.ListQuickNotes(ctx, v, false, store.Page{})
			return ids(notes), err
		},
		"the inbox": func(v store.Viewer) ([]string, error) {
			notes, _, err := p.st.ListQuickNotes(ctx, v, true, store.Page{})
			return ids(notes), err
		},
		"search": func(v store.Viewer) ([]string, error) {
			notes, _, err := p.st.SearchQuickNotes(ctx, v, "omorganisationen", store.Page{})
			return ids(notes), err
		},
		"the change pull": func(v store.Viewer) ([]string, error) {
			notes, _, err := p.st.PullQuickNoteChanges(ctx, v, 0, 0)
			return ids(notes), err
		},
	}
	for way, read := range ways {
		for _, who := range []struct {
			name  string
			actor store.Actor
			want  []string
		}{
			{"the author", p.chair, map[string][]string{
				"Get": {private.ID, sharedNote.ID}, "the change pull": {private.ID, deleted.ID, sharedNote.ID},
			}[way]},
			{"the other party", p.director, []string{sharedNote.ID}},
			{"the director who left", p.former, nil},
			{"the chair of another organisation", p.outsider, nil},
		} {
			t.Run(way+" as "+who.name, func(t *testing.T) {
				got, err := read(p.viewer(who.actor))
				if err != nil {
					t.Fatal(err)
				}
				want := who.want
				if who.name == "the author" && want == nil {
					want = []string{private.ID, sharedNote.ID}
				}
				if way == "the inbox" && who.name != "the author" {
					want = nil // the inbox holds only one's own notes
				}
				slices.Sort(got)
				slices.Sort(want)
				if !slices.Equal(got, want) {
					t.Errorf("got %v, want %v", got, want)
				}
			})
		}
	}
}

func ids(notes []store.QuickNote) []string {
	var out []string
	for _, n := range notes {
		out = append(out, n.ID)
	}
	return out
}

func TestSearchingQuickNotesInSwedish(t *testing.T) {
	p := newPair(t)
	ctx := context.Background()
	notes := map[string]string{
		"snow":   "Fem SNÖKANONER stod i parken i morse",
		"year":   "Budgeten för nästa år",
		"ar":     "Ar är en ytenhet",
		"mail":   "Skicka e-post till Östra skolan",
		"quotes": `Hon sa "NEAR" och AND, inte OR`,
	}
	byBody := map[string]string{}
	for key, body := range notes {
		byBody[p.write(t, p.chair, body).ID] = key
	}
	for _, tc := range []struct {
		query string
		want  []string
	}{
		{"snökanoner", []string{"snow"}},
		{"Snökan", []string{"snow"}},
		{"SNÖ park", []string{"snow"}},
		{"år", []string{"year"}},
		{"ÅR", []string{"year"}},
		{"ar", []string{"ar"}},
		{"östra", []string{"mail"}},
		{"e-post", []string{"mail"}},
		{`"near" AND`, []string{"quotes"}},
		{"OR", []string{"quotes"}},
		{"snökanoner budgeten", nil},
	} {
		t.Run(fmt.Sprintf("%q finds %v", tc.query, tc.want), func(t *testing.T) {
			found, _, err := p.st.SearchQuickNotes(ctx, p.viewer(p.chair), tc.query, store.Page{})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, n := range found {
				got = append(got, byBody[n.ID])
			}
			slices.Sort(got)
			if !slices.Equal(got, tc.want) {
				t.Errorf("got %v", got)
			}
		})
	}
	t.Run("a query of only punctuation is refused", func(t *testing.T) {
		_, _, err := p.st.SearchQuickNotes(ctx, p.viewer(p.chair), `"*-()`, store.Page{})
		var inv *store.InvalidError
		if !errors.As(err, &inv) || inv.Field != "query" {
			t.Errorf("got %v", err)
		}
	})
	t.Run("a deleted note is no longer found", func(t *testing.T) {
		for id, key := range byBody {
			if key == "snow" {
				if _, err := p.st.DeleteQuickNote(ctx, p.chair, id, 0); err != nil {
					t.Fatal(err)
				}
			}
		}
		found, _, err := p.st.SearchQuickNotes(ctx, p.viewer(p.chair), "snökanoner", store.Page{})
		if err != nil || len(found) != 0 {
			t.Errorf("got %d notes, %v", len(found), err)
		}
	})
}

func TestListsPullsAndSearchesWalkEveryNoteOnce(t *testing.T) {
	p := newPair(t)
	ctx := context.Background()
	const n = 23
	created := map[string]time.Time{}
	write := func(i int) {
		at := p.now.Add(time.Duration(i-n) * time.Minute)
		author := p.chair
		if i%3 == 0 {
			author = p.director
		}
		note, err := p.st.CreateQuickNote(ctx, author, store.NewQuickNote{ID: store.NewNoteID(at), Body: fmt.Sprintf("anteckning nummer %d", i)})
		if err != nil {
			t.Fatal(err)
		}
		if author == p.director {
			if _, err := p.st.ShareQuickNote(ctx, p.director, note.ID, 1, false); err != nil {
				t.Fatal(err)
			}
		}
		created[note.ID] = note.CreateTime
	}
	for i := range n {
		if i != 5 {
			write(i)
		}
	}
	write(5) // written offline early, received last
	chair := p.viewer(p.chair)

	walk := func(t *testing.T, page func(store.Page) ([]store.QuickNote, string, error)) []store.QuickNote {
		t.Helper()
		var all []store.QuickNote
		token := ""
		for pages := 0; ; pages++ {
			notes, next, err := page(store.Page{Size: 4, Token: token})
			if err != nil {
				t.Fatal(err)
			}
			all = append(all, notes...)
			if next == "" {
				return all
			}
			if pages > n {
				t.Fatal("paging does not end")
			}
			token = next
		}
	}
	checkNewestFirst := func(t *testing.T, notes []store.QuickNote, want int) {
		t.Helper()
		seen := map[string]bool{}
		for i, note := range notes {
			if seen[note.ID] {
				t.Errorf("%s twice", note.ID)
			}
			seen[note.ID] = true
			if i > 0 && note.CreateTime.After(notes[i-1].CreateTime) {
				t.Errorf("note %d (%v) is newer than the one before it (%v)", i, note.CreateTime, notes[i-1].CreateTime)
			}
		}
		if len(notes) != want {
			t.Errorf("walked %d notes, want %d", len(notes), want)
		}
	}
	t.Run("the list pages through the chair's own and the shared notes, newest first", func(t *testing.T) {
		checkNewestFirst(t, walk(t, func(pg store.Page) ([]store.QuickNote, string, error) {
			return p.st.ListQuickNotes(ctx, chair, false, pg)
		}), n)
	})
	t.Run("the inbox pages through the chair's own unsorted notes", func(t *testing.T) {
		checkNewestFirst(t, walk(t, func(pg store.Page) ([]store.QuickNote, string, error) {
			return p.st.ListQuickNotes(ctx, chair, true, pg)
		}), n-8)
	})
	t.Run("search pages through every match, the latest to arrive first", func(t *testing.T) {
		found := walk(t, func(pg store.Page) ([]store.QuickNote, string, error) {
			return p.st.SearchQuickNotes(ctx, chair, "anteckn", pg)
		})
		if len(found) != n || found[0].Body != "anteckning nummer 5" {
			t.Fatalf("%d notes, the first %q; want %d, the first number 5", len(found), found[0].Body, n)
		}
		checkNewestFirst(t, found[1:], n-1)
	})
	t.Run("the change pull brings every note once, in the order of change", func(t *testing.T) {
		var since int64
		seen := map[string]bool{}
		for pulls := 0; ; pulls++ {
			notes, more, err := p.st.PullQuickNoteChanges(ctx, chair, since, 4)
			if err != nil {
				t.Fatal(err)
			}
			for _, note := range notes {
				if note.Sequence <= since {
					t.Errorf("sequence %d after %d", note.Sequence, since)
				}
				since = note.Sequence
				seen[note.ID] = true
			}
			if !more {
				break
			}
			if pulls > n {
				t.Fatal("pulling does not end")
			}
		}
		if len(seen) != n {
			t.Errorf("pulled %d notes, want %d", len(seen), n)
		}
		notes, more, err := p.st.PullQuickNoteChanges(ctx, chair, since, 4)
		if err != nil || len(notes) != 0 || more {
			t.Errorf("a pull after the last change: %d notes, more %v, %v", len(notes), more, err)
		}
	})
}
