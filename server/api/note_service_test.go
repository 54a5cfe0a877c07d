package api_test

import (
	"context"
	"testing"
	"time"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/fieldmaskpb"

	"github.com/samspel/samspel/server/apptest"
	"github.com/samspel/samspel/server/demo"
	samspelv1 "github.com/samspel/samspel/server/gen/samspel/v1"
	"github.com/samspel/samspel/server/store"
)

// TestAReplayedQuickNoteIsStoredOnce sends the same note twice over grpc-web, as the
// phone does when the first reply was lost, and finds it stored once.
func TestAReplayedQuickNoteIsStoredOnce(t *testing.T) {
	s := apptest.Start(t)
	ctx := context.Background()
	chair := bearerHeader(s.Token(t, demo.Chair.Email))
	req := &samspelv1.CreateQuickNoteRequest{Id: store.NewNoteID(time.Now()), Body: "Lars ringde om snöröjningen", WithText: "Lars på gatukontoret"}

	var first, second samspelv1.CreateQuickNoteResponse
	for i, resp := range []*samspelv1.CreateQuickNoteResponse{&first, &second} {
		res, err := s.GRPCWeb(ctx, samspelv1.NoteService_CreateQuickNote_FullMethodName, req, resp, chair)
		if err != nil {
			t.Fatal(err)
		}
		if res.Status.Code() != codes.OK {
			t.Fatalf("send %d: %v %s", i+1, res.Status.Code(), res.Status.Message())
		}
	}
	if !proto.Equal(&first, &second) {
		t.Errorf("the replay answered differently:\n%v\n%v", &first, &second)
	}
	if n := first.QuickNote; n.Revision != 1 || !n.ViewerIsAuthor || n.RecordStatus != samspelv1.RecordStatus_RECORD_STATUS_WORKING_NOTE || n.AuthorRole != samspelv1.Role_ROLE_CHAIR {
		t.Errorf("stored %v", n)
	}
	if got := countNote(t, s, demo.Chair.Email, req.Id); got != 1 {
		t.Errorf("the note is stored %d times, want once", got)
	}

	t.Run("the same id from the other party is refused and changes nothing", func(t *testing.T) {
		dctx := apptest.Bearer(ctx, s.Token(t, demo.Director.Email))
		_, err := samspelv1.NewNoteServiceClient(s.Conn).CreateQuickNote(dctx, &samspelv1.CreateQuickNoteRequest{Id: req.Id, Body: "Annat"})
		if status.Code(err) != codes.FailedPrecondition {
			t.Errorf("got %v, want FailedPrecondition", err)
		}
		if got := countNote(t, s, demo.Chair.Email, req.Id); got != 1 {
			t.Errorf("the note is stored %d times, want once", got)
		}
	})
}

// countNote counts the notes with id in everything email's change pull brings.
func countNote(t *testing.T, s *apptest.Server, email, id string) int {
	t.Helper()
	ctx := apptest.Bearer(context.Background(), s.Token(t, email))
	n := 0
	var since int64
	for {
		resp, err := samspelv1.NewNoteServiceClient(s.Conn).PullQuickNoteChanges(ctx, &samspelv1.PullQuickNoteChangesRequest{SinceSequence: since, PageSize: 500})
		if err != nil {
			t.Fatal(err)
		}
		for _, qn := range resp.QuickNotes {
			if qn.Id == id {
				n++
			}
		}
		since = resp.Sequence
		if !resp.More {
			return n
		}
	}
}

func bearerHeader(token string) map[string][]string {
	return map[string][]string{"Authorization": {"Bearer " + token}}
}

// TestTheSecondDeviceToEditANoteGetsAConflict edits one note from two devices that both
// read revision 1: the second change is refused with ABORTED, not written over the first.
func TestTheSecondDeviceToEditANoteGetsAConflict(t *testing.T) {
	s := apptest.Start(t)
	notes := samspelv1.NewNoteServiceClient(s.Conn)
	phone := apptest.Bearer(context.Background(), s.Token(t, demo.Chair.Email))
	tablet := apptest.Bearer(context.Background(), s.Token(t, demo.Chair.Email))
	created, err := notes.CreateQuickNote(phone, &samspelv1.CreateQuickNoteRequest{Id: store.NewNoteID(time.Now()), Body: "Budgetmöte flyttat"})
	if err != nil {
		t.Fatal(err)
	}
	id := created.QuickNote.Id
	read := func(ctx context.Context) *samspelv1.QuickNote {
		t.Helper()
		resp, err := notes.GetQuickNote(ctx, &samspelv1.GetQuickNoteRequest{Id: id})
		if err != nil {
			t.Fatal(err)
		}
		return resp.QuickNote
	}
	onPhone, onTablet := read(phone), read(tablet)
	edit := func(ctx context.Context, n *samspelv1.QuickNote, body string) error {
		n.Body = body
		_, err := notes.UpdateQuickNote(ctx, &samspelv1.UpdateQuickNoteRequest{QuickNote: n, UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"body"}}})
		return err
	}
	if err := edit(phone, onPhone, "Budgetmöte flyttat till torsdag"); err != nil {
		t.Fatalf("the first device: %v", err)
	}
	err = edit(tablet, onTablet, "Budgetmöte inställt")
	if status.Code(err) != codes.Aborted {
		t.Fatalf("the second device got %v, want Aborted", err)
	}
	if got := read(phone); got.Body != "Budgetmöte flyttat till torsdag" || got.Revision != 2 {
		t.Errorf("stored %q at revision %d; want the first device's text at revision 2", got.Body, got.Revision)
	}
	t.Run("after reading again the second device's change goes through", func(t *testing.T) {
		if err := edit(tablet, read(tablet), "Budgetmöte inställt"); err != nil {
			t.Fatal(err)
		}
		if got := read(phone); got.Body != "Budgetmöte inställt" || got.Revision != 3 {
			t.Errorf("stored %q at revision %d", got.Body, got.Revision)
		}
	})
}

// TestAPrivateNoteNeverAppearsForTheOtherParty asks for a private note as the director
// in every way the API offers: Get, List, the inbox, search and the change pull.
func TestAPrivateNoteNeverAppearsForTheOtherParty(t *testing.T) {
	s := apptest.Start(t)
	notes := samspelv1.NewNoteServiceClient(s.Conn)
	chair := apptest.Bearer(context.Background(), s.Token(t, demo.Chair.Email))
	director := apptest.Bearer(context.Background(), s.Token(t, demo.Director.Email))
	const word = "Blåbärsriset" // in no demo note
	created, err := notes.CreateQuickNote(chair, &samspelv1.CreateQuickNoteRequest{Id: store.NewNoteID(time.Now()), Body: word + " om direktörens lön"})
	if err != nil {
		t.Fatal(err)
	}
	id := created.QuickNote.Id

	seen := func(t *testing.T, ctx context.Context) map[string]bool {
		t.Helper()
		ways := map[string]bool{}
		_, err := notes.GetQuickNote(ctx, &samspelv1.GetQuickNoteRequest{Id: id})
		switch status.Code(err) {
		case codes.OK:
			ways["Get"] = true
		case codes.NotFound:
		default:
			t.Fatalf("Get: %v", err)
		}
		for _, unsorted := range []bool{false, true} {
			token := ""
			for {
				resp, err := notes.ListQuickNotes(ctx, &samspelv1.ListQuickNotesRequest{UnsortedOnly: unsorted, PageSize: 500, PageToken: token})
				if err != nil {
					t.Fatal(err)
				}
				for _, n := range resp.QuickNotes {
					if n.Id == id {
						ways[map[bool]string{false: "List", true: "the inbox"}[unsorted]] = true
					}
				}
				if token = resp.NextPageToken; token == "" {
					break
				}
			}
		}
		for _, q := range []string{word, "blåbär", "BLÅBÄRSRISET lön"} {
			resp, err := notes.SearchQuickNotes(ctx, &samspelv1.SearchQuickNotesRequest{Query: q})
			if err != nil {
				t.Fatal(err)
			}
			for _, n := range resp.QuickNotes {
				if n.Id == id {
					ways["search for "+q] = true
				}
			}
		}
		var since int64
		for {
			resp, err := notes.PullQuickNoteChanges(ctx, &samspelv1.PullQuickNoteChangesRequest{SinceSequence: since, PageSize: 500})
			if err != nil {
				t.Fatal(err)
			}
			for _, n := range resp.QuickNotes {
				if n.Id == id {
					ways["the change pull"] = true
				}
			}
			if since = resp.Sequence; !resp.More {
				break
			}
		}
		return ways
	}
	all := []string{"Get", "List", "search for " + word, "search for blåbär", "search for BLÅBÄRSRISET lön", "the change pull"}

	t.Run("the author finds it every way, and in the inbox", func(t *testing.T) {
		ways := seen(t, chair)
		for _, w := range append(all, "the inbox") {
			if !ways[w] {
				t.Errorf("not found through %s", w)
			}
		}
	})
	t.Run("the director finds it no way at all", func(t *testing.T) {
		for w := range seen(t, director) {
			t.Errorf("the director sees the private note through %s", w)
		}
	})
	t.Run("once shared the director finds it every way but the inbox", func(t *testing.T) {
		shared, err := notes.ShareQuickNote(chair, &samspelv1.ShareQuickNoteRequest{Id: id, Revision: 1})
		if err != nil {
			t.Fatal(err)
		}
		if shared.QuickNote.SharedWith.GetDisplayName() != demo.Director.Name || shared.QuickNote.RecordStatus != samspelv1.RecordStatus_RECORD_STATUS_ORGANIZATION_RECORD {
			t.Fatalf("shared %v", shared.QuickNote)
		}
		ways := seen(t, director)
		for _, w := range all {
			if !ways[w] {
				t.Errorf("not found through %s", w)
			}
		}
		if ways["the inbox"] {
			t.Errorf("the chair's note is in the director's inbox")
		}
		got, err := notes.GetQuickNote(director, &samspelv1.GetQuickNoteRequest{Id: id})
		if err != nil || got.QuickNote.ViewerIsAuthor {
			t.Errorf("viewer_is_author for the director: %v, %v", got, err)
		}
	})
	t.Run("the shared note cannot be deleted", func(t *testing.T) {
		_, err := notes.DeleteQuickNote(chair, &samspelv1.DeleteQuickNoteRequest{Id: id})
		if status.Code(err) != codes.FailedPrecondition {
			t.Errorf("got %v, want FailedPrecondition", err)
		}
	})
}

// TestASecondDeviceCatchesUpWithEditsAndDeletions pulls changes on a second device after
// the first one wrote, edited and deleted notes: it gets the notes as they are now and a
// tombstone, without the text, for the deleted one.
func TestASecondDeviceCatchesUpWithEditsAndDeletions(t *testing.T) {
	s := apptest.Start(t)
	notes := samspelv1.NewNoteServiceClient(s.Conn)
	phone := apptest.Bearer(context.Background(), s.Token(t, demo.Director.Email))
	laptop := apptest.Bearer(context.Background(), s.Token(t, demo.Director.Email))
	pull := func(since int64) *samspelv1.PullQuickNoteChangesResponse {
		t.Helper()
		resp, err := notes.PullQuickNoteChanges(laptop, &samspelv1.PullQuickNoteChangesRequest{SinceSequence: since, PageSize: 500})
		if err != nil {
			t.Fatal(err)
		}
		return resp
	}
	var since int64
	for resp := pull(0); ; resp = pull(since) {
		since = resp.Sequence
		if !resp.More {
			break
		}
	}

	kept, err := notes.CreateQuickNote(phone, &samspelv1.CreateQuickNoteRequest{Id: store.NewNoteID(time.Now()), Body: "Ring räddningstjänsten"})
	if err != nil {
		t.Fatal(err)
	}
	gone, err := notes.CreateQuickNote(phone, &samspelv1.CreateQuickNoteRequest{Id: store.NewNoteID(time.Now()), Body: "Felskrivet"})
	if err != nil {
		t.Fatal(err)
	}
	kept.QuickNote.Body = "Ring räddningstjänsten före lunch"
	if _, err := notes.UpdateQuickNote(phone, &samspelv1.UpdateQuickNoteRequest{QuickNote: kept.QuickNote, UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"body"}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := notes.DeleteQuickNote(phone, &samspelv1.DeleteQuickNoteRequest{Id: gone.QuickNote.Id, Revision: 1}); err != nil {
		t.Fatal(err)
	}

	resp := pull(since)
	if len(resp.QuickNotes) != 2 || resp.More || resp.Sequence <= since {
		t.Fatalf("pulled %d notes (more %v, sequence %d after %d); want the two, once each", len(resp.QuickNotes), resp.More, resp.Sequence, since)
	}
	for _, n := range resp.QuickNotes {
		switch n.Id {
		case kept.QuickNote.Id:
			if n.Body != "Ring räddningstjänsten före lunch" || n.Revision != 2 || n.DeleteTime != nil {
				t.Errorf("the edited note arrived as %v", n)
			}
		case gone.QuickNote.Id:
			if n.DeleteTime == nil || n.Body != "" {
				t.Errorf("the deleted note arrived as %v; want a tombstone without its text", n)
			}
		default:
			t.Errorf("an unexpected note %v", n)
		}
	}
	if _, err := notes.GetQuickNote(laptop, &samspelv1.GetQuickNoteRequest{Id: gone.QuickNote.Id}); status.Code(err) != codes.NotFound {
		t.Errorf("Get of the deleted note: %v, want NotFound", err)
	}
	if again := pull(resp.Sequence); len(again.QuickNotes) != 0 || again.Sequence != resp.Sequence {
		t.Errorf("a pull with nothing new brought %d notes and moved the sequence to %d", len(again.QuickNotes), again.Sequence)
	}
}
