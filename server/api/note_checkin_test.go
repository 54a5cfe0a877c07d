package api_test

import (
	"context"
	"testing"
	"time"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"

	"github.com/samspel/samspel/server/apptest"
	"github.com/samspel/samspel/server/demo"
	samspelv1 "github.com/samspel/samspel/server/gen/samspel/v1"
	"github.com/samspel/samspel/server/store"
)

func noteClient(s *apptest.Server) samspelv1.NoteServiceClient {
	return samspelv1.NewNoteServiceClient(s.Conn)
}

// writeNote stores a note of the caller's, flagged for the next check-in or not.
func writeNote(t *testing.T, s *apptest.Server, ctx context.Context, body string, raise bool) *samspelv1.QuickNote {
	t.Helper()
	return must(noteClient(s).CreateQuickNote(ctx, &samspelv1.CreateQuickNoteRequest{Id: store.NewNoteID(time.Now()), Body: body, RaiseAtNextCheckIn: raise}))(t).QuickNote
}

// offered lists the ids of the notes ListNextCheckInQuickNotes offers the caller, and
// their next check-in's id.
func offered(t *testing.T, s *apptest.Server, ctx context.Context) (int64, map[string]bool) {
	t.Helper()
	resp := must(noteClient(s).ListNextCheckInQuickNotes(ctx, &samspelv1.ListNextCheckInQuickNotesRequest{}))(t)
	ids := map[string]bool{}
	for _, n := range resp.QuickNotes {
		ids[n.Id] = true
	}
	return resp.GetNextCheckIn().GetId(), ids
}

// meetingState is what a check-in holds, as one participant sees it.
func meetingState(t *testing.T, s *apptest.Server, ctx context.Context, id int64) *samspelv1.GetMeetingResponse {
	t.Helper()
	return must(meetings(s).GetMeeting(ctx, &samspelv1.GetMeetingRequest{Id: id}))(t)
}

// TestAFlaggedNoteReachesTheNextCheckInAndStaysPrivate: the chair flags a note "ta upp
// på nästa avstämning"; it is offered to the chair, and only the chair, at their next
// check-in; once added, the item is on the agenda the director sees, with the chair's
// words, while the note itself is still nowhere to be found for the director.
func TestAFlaggedNoteReachesTheNextCheckInAndStaysPrivate(t *testing.T) {
	s, _, as := meetingServer(t)
	chair, director := as[demo.Chair.Email], as[demo.Director.Email]
	next := nextCheckIn(t, s, chair)
	flagged := writeNote(t, s, chair, "Snöröjningen i centrum: klagomål från handlarna, vill ta det med Maria", true)
	plain := writeNote(t, s, chair, "Ring tillbaka om sommarjobben", false)

	t.Run("the chair is offered the flagged note at the next check-in", func(t *testing.T) {
		id, ids := offered(t, s, chair)
		if id != next.Id {
			t.Errorf("next check-in %d, want %d (Idag's)", id, next.Id)
		}
		if !ids[flagged.Id] || ids[plain.Id] {
			t.Errorf("offered %v: want the flagged note and not the other", ids)
		}
	})
	t.Run("the director is offered nothing of the chair's and cannot see the note", func(t *testing.T) {
		id, ids := offered(t, s, director)
		if id != next.Id || ids[flagged.Id] {
			t.Errorf("director: next %d (want %d), offered %v", id, next.Id, ids)
		}
		if _, err := noteClient(s).GetQuickNote(director, &samspelv1.GetQuickNoteRequest{Id: flagged.Id}); status.Code(err) != codes.NotFound {
			t.Errorf("GetQuickNote by the director: %v, want NotFound", err)
		}
	})

	before := meetingState(t, s, chair, next.Id)
	convert := func(ctx context.Context, id string, rev, meeting int64, title string) (*samspelv1.ConvertQuickNoteResponse, error) {
		return noteClient(s).ConvertQuickNote(ctx, &samspelv1.ConvertQuickNoteRequest{Id: id, Revision: rev, MeetingId: meeting,
			Into: &samspelv1.ConvertQuickNoteRequest_AgendaItem{AgendaItem: &samspelv1.QuickNoteAgendaItem{Title: title}}})
	}
	unchanged := func(t *testing.T) {
		t.Helper()
		if after := meetingState(t, s, chair, next.Id); !proto.Equal(before, after) {
			t.Errorf("the check-in changed:\n%v\n%v", before, after)
		}
		n := must(noteClient(s).GetQuickNote(chair, &samspelv1.GetQuickNoteRequest{Id: flagged.Id}))(t).QuickNote
		if n.Revision != flagged.Revision || !n.RaiseAtNextCheckIn || n.Outcome != nil {
			t.Errorf("the note changed: %v", n)
		}
	}
	for _, c := range []struct {
		name  string
		ctx   context.Context
		id    string
		rev   int64
		meet  int64
		title string
		code  codes.Code
		field string
	}{
		{"the director's attempt finds no note", director, flagged.Id, flagged.Revision, next.Id, "Snöröjningen", codes.NotFound, ""},
		{"an empty title is refused", chair, flagged.Id, flagged.Revision, next.Id, "", codes.InvalidArgument, "agenda_item.title"},
		{"a title of white space is refused", chair, flagged.Id, flagged.Revision, next.Id, "   ", codes.InvalidArgument, "agenda_item.title"},
		{"no meeting is refused", chair, flagged.Id, flagged.Revision, 0, "Snöröjningen", codes.InvalidArgument, "meeting_id"},
		{"a check-in after the next is refused", chair, flagged.Id, flagged.Revision, laterCheckIn(t, s, chair, next), "Snöröjningen", codes.FailedPrecondition, ""},
		{"a stale revision is refused", chair, flagged.Id, flagged.Revision + 1, next.Id, "Snöröjningen", codes.Aborted, ""},
	} {
		t.Run(c.name+" and changes nothing", func(t *testing.T) {
			_, err := convert(c.ctx, c.id, c.rev, c.meet, c.title)
			st := status.Convert(err)
			if st.Code() != c.code || c.field != "" && !hasViolation(st, c.field) {
				t.Errorf("got %v, want %v on %q", err, c.code, c.field)
			}
			unchanged(t)
		})
	}

	resp := must(convert(chair, flagged.Id, flagged.Revision, next.Id, "Snöröjningen i centrum"))(t)
	t.Run("the chair's words are on the agenda, from the note", func(t *testing.T) {
		it := resp.AgendaItem
		if it.GetTitle() != "Snöröjningen i centrum" || it.GetMeetingId() != next.Id || it.GetSource().GetKind() != "quick_note" || it.GetSource().GetId() == 0 {
			t.Errorf("agenda item %v", it)
		}
		n := resp.QuickNote
		if n.RaiseAtNextCheckIn || !n.Sorted || n.Revision != flagged.Revision+1 || n.RecordStatus != samspelv1.RecordStatus_RECORD_STATUS_WORKING_NOTE {
			t.Errorf("note after adding: %v", n)
		}
		if o := n.Outcome; o.GetKind() != samspelv1.QuickNoteOutcomeKind_QUICK_NOTE_OUTCOME_KIND_AGENDA_ITEM || o.MeetingId != next.Id || o.AgendaItemId != it.GetId() || o.MeetingDate != next.Date {
			t.Errorf("outcome %v", o)
		}
		if _, ids := offered(t, s, chair); ids[flagged.Id] {
			t.Error("the note is still offered after it was added")
		}
	})
	t.Run("the director sees the item on the agenda but still not the note", func(t *testing.T) {
		found := false
		for _, it := range meetingState(t, s, director, next.Id).AgendaItems {
			if it.Id == resp.AgendaItem.GetId() && it.Title == "Snöröjningen i centrum" && it.Description == "" {
				found = true
			}
		}
		if !found {
			t.Error("the director does not see the item")
		}
		if _, err := noteClient(s).GetQuickNote(director, &samspelv1.GetQuickNoteRequest{Id: flagged.Id}); status.Code(err) != codes.NotFound {
			t.Errorf("GetQuickNote by the director: %v, want NotFound", err)
		}
		if got := countNote(t, s, demo.Director.Email, flagged.Id); got != 0 {
			t.Errorf("the director's change pull brings the note %d times", got)
		}
		found = false
		for _, n := range must(noteClient(s).SearchQuickNotes(director, &samspelv1.SearchQuickNotesRequest{Query: "handlarna"}))(t).QuickNotes {
			found = found || n.Id == flagged.Id
		}
		if found {
			t.Error("the director's search finds the note")
		}
	})
	t.Run("the same request again, as a phone sends it after a lost reply, answers what the note became and adds nothing", func(t *testing.T) {
		agenda := meetingState(t, s, chair, next.Id)
		again := must(convert(chair, flagged.Id, flagged.Revision, next.Id, "Snöröjningen i centrum"))(t)
		if again.AgendaItem.GetId() != resp.AgendaItem.GetId() || again.QuickNote.Revision != resp.QuickNote.Revision || !proto.Equal(again.QuickNote.Outcome, resp.QuickNote.Outcome) {
			t.Errorf("the retry answered %v, want %v", again, resp)
		}
		if after := meetingState(t, s, chair, next.Id); !proto.Equal(agenda, after) {
			t.Error("the retry changed the check-in")
		}
		// Something else from the same old revision is still a stale request.
		_, err := noteClient(s).ConvertQuickNote(chair, &samspelv1.ConvertQuickNoteRequest{Id: flagged.Id, Revision: flagged.Revision, MeetingId: next.Id,
			Into: &samspelv1.ConvertQuickNoteRequest_ActionItem{ActionItem: &samspelv1.QuickNoteActionItem{Text: "Snöröjningen", OwnerPersonId: must(s.Store.PersonByEmail(context.Background(), demo.Chair.Email))(t).ID}}})
		wantCode(t, err, codes.Aborted)
	})
}

// laterCheckIn is a check-in of the pair after next.
func laterCheckIn(t *testing.T, s *apptest.Server, ctx context.Context, next *samspelv1.Meeting) int64 {
	t.Helper()
	ms := must(meetings(s).ListMeetings(ctx, &samspelv1.ListMeetingsRequest{OrganizationId: 1, FromDate: next.Date, PageSize: 20}))(t).Meetings
	for _, m := range ms {
		if m.Kind == samspelv1.MeetingKind_MEETING_KIND_AVSTAMNING && m.Id != next.Id && m.Status == samspelv1.MeetingStatus_MEETING_STATUS_SCHEDULED {
			return m.Id
		}
	}
	t.Fatal("no check-in after the next")
	return 0
}

// TestAnInboxNoteBecomesAnActionItemOrABriefingTopic turns unsorted notes into an action
// item of the next check-in and into a topic for the opposition, which only the director
// may make; each conversion sorts the note and keeps it private.
func TestAnInboxNoteBecomesAnActionItemOrABriefingTopic(t *testing.T) {
	s, clock, as := meetingServer(t)
	chair, director := as[demo.Chair.Email], as[demo.Director.Email]
	next := nextCheckIn(t, s, chair)
	view := meetingState(t, s, chair, next.Id)
	directorID := participantID(t, view.Participants, demo.Director.Name)
	opposition := must(s.Store.PersonByEmail(context.Background(), demo.Opposition.Email))(t)
	note := writeNote(t, s, chair, "Kolla med Maria om bygglovskön", false)
	inInbox := func(ctx context.Context, id string) bool {
		for _, n := range must(noteClient(s).ListQuickNotes(ctx, &samspelv1.ListQuickNotesRequest{UnsortedOnly: true, PageSize: 500}))(t).QuickNotes {
			if n.Id == id {
				return true
			}
		}
		return false
	}
	action := func(ctx context.Context, n *samspelv1.QuickNote, owner int64, due string) (*samspelv1.ConvertQuickNoteResponse, error) {
		return noteClient(s).ConvertQuickNote(ctx, &samspelv1.ConvertQuickNoteRequest{Id: n.Id, Revision: n.Revision, MeetingId: next.Id,
			Into: &samspelv1.ConvertQuickNoteRequest_ActionItem{ActionItem: &samspelv1.QuickNoteActionItem{Text: "Ta fram läget i bygglovskön", OwnerPersonId: owner, DueDate: due}}})
	}
	topic := func(ctx context.Context, n *samspelv1.QuickNote) (*samspelv1.ConvertQuickNoteResponse, error) {
		return noteClient(s).ConvertQuickNote(ctx, &samspelv1.ConvertQuickNoteRequest{Id: n.Id, Revision: n.Revision, MeetingId: next.Id,
			Into: &samspelv1.ConvertQuickNoteRequest_OppositionTopic{OppositionTopic: &samspelv1.QuickNoteAgendaItem{Title: "Bygglovskön", Description: "Läget och åtgärderna."}}})
	}

	for _, c := range []struct {
		name  string
		call  func() error
		code  codes.Code
		field string
	}{
		{"an owner who is not at the check-in is refused", func() error { _, err := action(chair, note, opposition.ID, ""); return err }, codes.InvalidArgument, "action_item.owner_person_id"},
		{"no owner is refused", func() error { _, err := action(chair, note, 0, ""); return err }, codes.InvalidArgument, "action_item.owner_person_id"},
		{"a due date that is no date is refused", func() error { _, err := action(chair, note, directorID, "30/11"); return err }, codes.InvalidArgument, "action_item.due_date"},
		{"nothing to become is refused", func() error {
			_, err := noteClient(s).ConvertQuickNote(chair, &samspelv1.ConvertQuickNoteRequest{Id: note.Id, Revision: note.Revision, MeetingId: next.Id})
			return err
		}, codes.InvalidArgument, "into"},
		{"the chair may not make a topic for the opposition", func() error { _, err := topic(chair, note); return err }, codes.PermissionDenied, ""},
	} {
		t.Run(c.name+" and changes nothing", func(t *testing.T) {
			st := status.Convert(c.call())
			if st.Code() != c.code || c.field != "" && !hasViolation(st, c.field) {
				t.Errorf("got %v, want %v on %q", st.Err(), c.code, c.field)
			}
			if after := meetingState(t, s, chair, next.Id); !proto.Equal(view, after) {
				t.Errorf("the check-in changed")
			}
			if !inInbox(chair, note.Id) {
				t.Error("the note left the inbox")
			}
		})
	}

	t.Run("the chair turns the note into an action item for the director", func(t *testing.T) {
		resp := must(action(chair, note, directorID, "2026-12-15"))(t)
		a := resp.ActionItem
		if a.GetText() != "Ta fram läget i bygglovskön" || a.GetOwner().GetId() != directorID || a.GetMeetingId() != next.Id || a.GetDueDate() != "2026-12-15" {
			t.Errorf("action item %v", a)
		}
		if o := resp.QuickNote.Outcome; o.GetKind() != samspelv1.QuickNoteOutcomeKind_QUICK_NOTE_OUTCOME_KIND_ACTION_ITEM || o.ActionItemId != a.GetId() || o.MeetingId != next.Id {
			t.Errorf("outcome %v", o)
		}
		if inInbox(chair, note.Id) {
			t.Error("the note is still in the inbox")
		}
		if texts(meetingState(t, s, director, next.Id).ActionItems)[0] != "Ta fram läget i bygglovskön" {
			t.Error("the director does not see the action item")
		}
		if _, err := noteClient(s).GetQuickNote(director, &samspelv1.GetQuickNoteRequest{Id: note.Id}); status.Code(err) != codes.NotFound {
			t.Errorf("GetQuickNote by the director: %v, want NotFound", err)
		}
	})

	t.Run("the director turns a note into a topic for the opposition", func(t *testing.T) {
		theirs := writeNote(t, s, director, "Oppositionen bör få veta om bygglovskön", false)
		resp := must(topic(director, theirs))(t)
		it := resp.AgendaItem
		if it.GetOppositionTopic() != samspelv1.OppositionTopic_OPPOSITION_TOPIC_INFORM || it.GetTitle() != "Bygglovskön" || it.GetSource().GetKind() != "quick_note" {
			t.Errorf("topic %v", it)
		}
		if o := resp.QuickNote.Outcome; o.GetKind() != samspelv1.QuickNoteOutcomeKind_QUICK_NOTE_OUTCOME_KIND_OPPOSITION_TOPIC || o.AgendaItemId != it.GetId() {
			t.Errorf("outcome %v", o)
		}
		// The topic joins the parity ledger on the day of the check-in, when the pair hear of it.
		clock.Set(time.Date(2026, 11, 30, 10, 0, 0, 0, stockholm))
		entries := must(samspelv1.NewOppositionServiceClient(s.Conn).ListParityEntries(director, &samspelv1.ListParityEntriesRequest{OrganizationId: 1, GapsOnly: true, PageSize: 500}))(t)
		found := false
		for _, e := range entries.Entries {
			found = found || e.GetTopic().GetAgendaItemId() == it.GetId()
		}
		if !found {
			t.Error("the topic is not in the parity ledger")
		}
		if _, err := noteClient(s).GetQuickNote(chair, &samspelv1.GetQuickNoteRequest{Id: theirs.Id}); status.Code(err) != codes.NotFound {
			t.Errorf("GetQuickNote by the chair: %v, want NotFound", err)
		}
	})
}
