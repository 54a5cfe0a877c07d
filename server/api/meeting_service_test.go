package api_test

import (
	"context"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/fieldmaskpb"

	"github.com/samspel/samspel/server/apptest"
	"github.com/samspel/samspel/server/auth"
	"github.com/samspel/samspel/server/demo"
	samspelv1 "github.com/samspel/samspel/server/gen/samspel/v1"
	"github.com/samspel/samspel/server/store"
)

// testClock is a clock a test can move; the store and the demo seed read it.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *testClock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

var stockholm, _ = time.LoadLocation("Europe/Stockholm")

// friday is the day the meeting tests start on: Friday 27 November 2026, 09:00 in Sweden.
// The demo's next check-in is then Monday 30 November.
var friday = time.Date(2026, 11, 27, 9, 0, 0, 0, stockholm)

// meetingServer starts Samspel on a clock the test controls, with clients for the chair,
// the director, staff, a majority politician and an opposition politician.
func meetingServer(t *testing.T) (*apptest.Server, *testClock, map[string]context.Context) {
	t.Helper()
	clock := &testClock{t: friday}
	s := apptest.Start(t, store.WithClock(clock.Now))
	as := map[string]context.Context{}
	for _, p := range []store.DemoPerson{demo.Chair, demo.Director, demo.Staff, demo.Vice, demo.Opposition, demo.Admin} {
		// Tokens that outlive the test's moves of the clock (apptest's last an hour).
		secret, hash := auth.NewSecret(auth.PrefixToken)
		if _, err := s.Store.CreateToken(context.Background(), p.Email, hash, 90*24*time.Hour); err != nil {
			t.Fatal(err)
		}
		as[p.Email] = apptest.Bearer(context.Background(), secret)
	}
	return s, clock, as
}

func meetings(s *apptest.Server) samspelv1.MeetingServiceClient {
	return samspelv1.NewMeetingServiceClient(s.Conn)
}

// nextCheckIn returns the demo's next check-in as the chair sees it on the start screen.
func nextCheckIn(t *testing.T, s *apptest.Server, ctx context.Context) *samspelv1.Meeting {
	t.Helper()
	o, err := meetings(s).GetMeetingOverview(ctx, &samspelv1.GetMeetingOverviewRequest{OrganizationId: 1})
	if err != nil {
		t.Fatal(err)
	}
	if o.NextCheckIn == nil {
		t.Fatal("no next check-in")
	}
	return o.NextCheckIn
}

// must turns a call's (value, error) into the value, failing test t on an error:
// must(client.Call(ctx, req))(t).
func must[T any](v T, err error) func(t *testing.T) T {
	return func(t *testing.T) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

// TestTheNextMeetingFollowsUpTheLastOne is the heart of the shared agenda: both add
// items, the meeting is held with a note, a decision and an action with a due date, and
// the next meeting opens with that action and the unclosed item under Uppföljning.
func TestTheNextMeetingFollowsUpTheLastOne(t *testing.T) {
	s, clock, as := meetingServer(t)
	clock.Set(time.Date(2026, 11, 30, 8, 5, 0, 0, stockholm)) // Monday morning, the meeting under way
	chair, director := as[demo.Chair.Email], as[demo.Director.Email]
	mc := meetings(s)
	m := nextCheckIn(t, s, chair)
	if m.Date != "2026-11-30" || m.Title != demo.CheckInTitle || m.Status != samspelv1.MeetingStatus_MEETING_STATUS_SCHEDULED {
		t.Fatalf("next check-in = %v; want the scheduled %s on 2026-11-30", m, demo.CheckInTitle)
	}

	budget := must(mc.AddAgendaItem(chair, &samspelv1.AddAgendaItemRequest{MeetingId: m.Id, Title: "Budget 2027"}))(t).AgendaItem
	snow := must(mc.AddAgendaItem(director, &samspelv1.AddAgendaItemRequest{MeetingId: m.Id, Title: "Snökanoner till skidbacken",
		Source: &samspelv1.AgendaItemSource{Kind: "quick_note", Id: 42}}))(t).AgendaItem
	if snow.Source.GetKind() != "quick_note" || snow.Source.GetId() != 42 {
		t.Errorf("the item's source = %v; want the quick note it came from", snow.Source)
	}
	must(mc.HoldMeeting(chair, &samspelv1.HoldMeetingRequest{Id: m.Id}))(t)
	must(mc.AddMeetingNote(director, &samspelv1.AddMeetingNoteRequest{MeetingId: m.Id, AgendaItemId: budget.Id, Body: "Ramarna presenterades."}))(t)
	view := must(mc.GetMeeting(chair, &samspelv1.GetMeetingRequest{Id: m.Id}))(t)
	directorID := participantID(t, view.Participants, demo.Director.Name)
	must(mc.AddDecision(chair, &samspelv1.AddDecisionRequest{MeetingId: m.Id, AgendaItemId: snow.Id,
		Text: "Inga snökanoner köps in.", TakenByPersonId: directorID}))(t)
	action := must(mc.AddActionItem(chair, &samspelv1.AddActionItemRequest{MeetingId: m.Id, AgendaItemId: snow.Id,
		Text: "Svara skidklubben", OwnerPersonId: directorID, DueDate: "2026-12-04"}))(t).ActionItem
	must(mc.CloseAgendaItem(director, &samspelv1.CloseAgendaItemRequest{Id: budget.Id, MeetingId: m.Id}))(t)

	view = must(mc.GetMeeting(director, &samspelv1.GetMeetingRequest{Id: m.Id}))(t)
	if view.NextMeeting == nil || view.NextMeeting.Date != "2026-12-07" {
		t.Fatalf("next meeting = %v; want the one on 2026-12-07", view.NextMeeting)
	}
	next := must(mc.GetMeeting(director, &samspelv1.GetMeetingRequest{Id: view.NextMeeting.Id}))(t)

	t.Run("the action item is followed up at the next meeting", func(t *testing.T) {
		if !slices.ContainsFunc(next.FollowUpActionItems, func(a *samspelv1.ActionItem) bool {
			return a.Id == action.Id && a.Owner.GetDisplayName() == demo.Director.Name && a.DueDate == "2026-12-04"
		}) {
			t.Errorf("follow-up actions %v lack %q", texts(next.FollowUpActionItems), action.Text)
		}
	})
	t.Run("the unclosed item carries over with its history", func(t *testing.T) {
		var carried *samspelv1.AgendaItem
		for _, it := range next.CarriedOverItems {
			if it.Id == snow.Id {
				carried = it
			}
			if it.Id == budget.Id {
				t.Errorf("the closed item %q carried over", it.Title)
			}
		}
		if carried == nil || !carried.CarriedOver || carried.MeetingDate != "2026-11-30" {
			t.Fatalf("carried items %v; want %q from 2026-11-30", next.CarriedOverItems, snow.Title)
		}
	})
	t.Run("the last meeting's decision is recalled", func(t *testing.T) {
		if next.PreviousMeeting.GetId() != m.Id || len(next.PreviousDecisions) != 1 || next.PreviousDecisions[0].TakenBy.GetDisplayName() != demo.Director.Name {
			t.Errorf("previous meeting %v with decisions %v; want the director's no", next.PreviousMeeting, next.PreviousDecisions)
		}
	})
	t.Run("the agenda count includes the carried item", func(t *testing.T) {
		if got := next.Meeting.AgendaItemCount; got != int32(len(next.AgendaItems)+len(next.CarriedOverItems)) || got == 0 {
			t.Errorf("agenda_item_count = %d; want %d", got, len(next.AgendaItems)+len(next.CarriedOverItems))
		}
	})
	t.Run("an action done since the meeting still shows, as done, at the next meeting", func(t *testing.T) {
		must(mc.UpdateActionItem(director, &samspelv1.UpdateActionItemRequest{
			ActionItem: &samspelv1.ActionItem{Id: action.Id, Status: samspelv1.ActionItemStatus_ACTION_ITEM_STATUS_DONE},
			UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"status"}},
		}))(t)
		again := must(mc.GetMeeting(chair, &samspelv1.GetMeetingRequest{Id: view.NextMeeting.Id}))(t)
		i := slices.IndexFunc(again.FollowUpActionItems, func(a *samspelv1.ActionItem) bool { return a.Id == action.Id })
		if i < 0 || again.FollowUpActionItems[i].Status != samspelv1.ActionItemStatus_ACTION_ITEM_STATUS_DONE {
			t.Errorf("follow-up actions %v; want %q shown as done", texts(again.FollowUpActionItems), action.Text)
		}
	})
}

func participantID(t *testing.T, ps []*samspelv1.Person, name string) int64 {
	t.Helper()
	for _, p := range ps {
		if p.DisplayName == name {
			return p.Id
		}
	}
	t.Fatalf("%s is not among the participants %v", name, ps)
	return 0
}

func texts(as []*samspelv1.ActionItem) []string {
	var out []string
	for _, a := range as {
		out = append(out, a.Text)
	}
	return out
}

// TestAPassedUnheldCheckInIsMissed moves the clock past the next check-in's day.
func TestAPassedUnheldCheckInIsMissed(t *testing.T) {
	s, clock, as := meetingServer(t)
	chair := as[demo.Chair.Email]
	mc := meetings(s)
	m := nextCheckIn(t, s, chair)
	following := must(mc.GetMeeting(chair, &samspelv1.GetMeetingRequest{Id: m.Id}))(t).NextMeeting
	must(mc.CancelMeeting(chair, &samspelv1.CancelMeetingRequest{Id: following.Id, Reason: "Budgetberedning"}))(t)

	tests := []struct {
		name string
		at   time.Time
		want samspelv1.MeetingStatus
	}{
		{"on its own day it is still scheduled", time.Date(2026, 11, 30, 23, 59, 0, 0, stockholm), samspelv1.MeetingStatus_MEETING_STATUS_SCHEDULED},
		{"the day after, nobody having held or cancelled it, it is missed", time.Date(2026, 12, 1, 0, 1, 0, 0, stockholm), samspelv1.MeetingStatus_MEETING_STATUS_MISSED},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			clock.Set(tc.at)
			got := must(mc.GetMeeting(chair, &samspelv1.GetMeetingRequest{Id: m.Id}))(t).Meeting.Status
			if got != tc.want {
				t.Errorf("status = %v; want %v", got, tc.want)
			}
		})
	}
	clock.Set(time.Date(2026, 12, 8, 9, 0, 0, 0, stockholm))
	t.Run("the start screen lists it as missed and counts the days since the last check-in", func(t *testing.T) {
		o := must(mc.GetMeetingOverview(as[demo.Director.Email], &samspelv1.GetMeetingOverviewRequest{}))(t)
		if len(o.MissedCheckIns) == 0 || o.MissedCheckIns[0].Id != m.Id {
			t.Errorf("missed check-ins %v; want %s first", o.MissedCheckIns, m.Date)
		}
		if o.LastCheckIn == nil || o.DaysSinceLastCheckIn != daysSince(o.LastCheckIn.Date, "2026-12-08") || o.DaysSinceLastCheckIn < 14 {
			t.Errorf("last check-in %v, %d days since; want two weeks or more", o.LastCheckIn, o.DaysSinceLastCheckIn)
		}
	})
	t.Run("a cancelled meeting is not missed", func(t *testing.T) {
		got := must(mc.GetMeeting(chair, &samspelv1.GetMeetingRequest{Id: following.Id}))(t).Meeting
		if got.Status != samspelv1.MeetingStatus_MEETING_STATUS_CANCELLED || got.CancelReason != "Budgetberedning" {
			t.Errorf("cancelled meeting = %v, %q", got.Status, got.CancelReason)
		}
	})
	t.Run("holding it afterwards clears the signal", func(t *testing.T) {
		must(mc.HoldMeeting(chair, &samspelv1.HoldMeetingRequest{Id: m.Id}))(t)
		o := must(mc.GetMeetingOverview(chair, &samspelv1.GetMeetingOverviewRequest{}))(t)
		if slices.ContainsFunc(o.MissedCheckIns, func(x *samspelv1.Meeting) bool { return x.Id == m.Id }) {
			t.Errorf("the held meeting is still listed as missed")
		}
	})
}

func daysSince(from, to string) int32 {
	a, _ := time.Parse(time.DateOnly, from)
	b, _ := time.Parse(time.DateOnly, to)
	return int32(b.Sub(a).Hours() / 24)
}

// TestFinalisedNotesChangeOnlyByCorrection: after justering nothing changes silently.
func TestFinalisedNotesChangeOnlyByCorrection(t *testing.T) {
	s, _, as := meetingServer(t)
	chair, director := as[demo.Chair.Email], as[demo.Director.Email]
	mc := meetings(s)
	m := nextCheckIn(t, s, chair)
	item := must(mc.AddAgendaItem(chair, &samspelv1.AddAgendaItemRequest{MeetingId: m.Id, Title: "Snökanoner"}))(t).AgendaItem
	must(mc.HoldMeeting(chair, &samspelv1.HoldMeetingRequest{Id: m.Id}))(t)
	note := must(mc.AddMeetingNote(chair, &samspelv1.AddMeetingNoteRequest{MeetingId: m.Id, AgendaItemId: item.Id, Body: "Direktören sa nej."}))(t).MeetingNote
	decision := must(mc.AddDecision(chair, &samspelv1.AddDecisionRequest{MeetingId: m.Id, Text: "Inga snökanoner."}))(t).Decision
	must(mc.UpdateMeetingNote(director, &samspelv1.UpdateMeetingNoteRequest{
		MeetingNote: &samspelv1.MeetingNote{Id: note.Id, Body: "Direktören sa nej: ingen budget."}, UpdateMask: mask("body"),
	}))(t)
	for _, n := range must(mc.GetMeeting(chair, &samspelv1.GetMeetingRequest{Id: m.Id}))(t).Notes {
		if n.Id == note.Id && len(n.Revisions) != 0 {
			t.Fatalf("a draft edit left revisions %v; want none (drafts change freely)", n.Revisions)
		}
	}
	must(mc.FinalizeMeeting(director, &samspelv1.FinalizeMeetingRequest{Id: m.Id}))(t)

	refused := []struct {
		name string
		call func() error
	}{
		{"editing a note without a reason", func() error {
			_, err := mc.UpdateMeetingNote(chair, &samspelv1.UpdateMeetingNoteRequest{
				MeetingNote: &samspelv1.MeetingNote{Id: note.Id, Body: "Vi köper tre."}, UpdateMask: mask("body")})
			return err
		}},
		{"editing a decision without a reason", func() error {
			_, err := mc.UpdateDecision(chair, &samspelv1.UpdateDecisionRequest{
				Decision: &samspelv1.Decision{Id: decision.Id, Text: "Tre snökanoner."}, UpdateMask: mask("text")})
			return err
		}},
		{"adding a shared note", func() error {
			_, err := mc.AddMeetingNote(chair, &samspelv1.AddMeetingNoteRequest{MeetingId: m.Id, Body: "Tillägg."})
			return err
		}},
		{"adding an action item", func() error {
			_, err := mc.AddActionItem(chair, &samspelv1.AddActionItemRequest{MeetingId: m.Id, Text: "Köp", OwnerPersonId: decision.RecordedBy.Id})
			return err
		}},
	}
	for _, tc := range refused {
		t.Run(tc.name+" is refused as a failed precondition", func(t *testing.T) {
			if err := tc.call(); status.Code(err) != codes.FailedPrecondition {
				t.Errorf("got %v; want FailedPrecondition", err)
			}
		})
	}
	t.Run("a private note may still be written", func(t *testing.T) {
		must(mc.AddMeetingNote(chair, &samspelv1.AddMeetingNoteRequest{MeetingId: m.Id, Body: "Ring skidklubben.", Private: true}))(t)
	})
	t.Run("a correction with a reason keeps the earlier text visible in history", func(t *testing.T) {
		must(mc.UpdateMeetingNote(director, &samspelv1.UpdateMeetingNoteRequest{
			MeetingNote:      &samspelv1.MeetingNote{Id: note.Id, Body: "Direktören sa nej: ingen budget och ingen beredning."},
			UpdateMask:       mask("body"),
			CorrectionReason: "Skälet var ofullständigt återgivet.",
		}))(t)
		view := must(mc.GetMeeting(chair, &samspelv1.GetMeetingRequest{Id: m.Id}))(t)
		i := slices.IndexFunc(view.Notes, func(n *samspelv1.MeetingNote) bool { return n.Id == note.Id })
		if i < 0 {
			t.Fatal("the note is gone")
		}
		n := view.Notes[i]
		if n.Body != "Direktören sa nej: ingen budget och ingen beredning." {
			t.Errorf("body = %q", n.Body)
		}
		if len(n.Revisions) != 1 || n.Revisions[0].PreviousText != "Direktören sa nej: ingen budget." ||
			n.Revisions[0].Reason != "Skälet var ofullständigt återgivet." || n.Revisions[0].RevisedBy.GetDisplayName() != demo.Director.Name {
			t.Errorf("revisions = %v; want the earlier text, the reason and who corrected it", n.Revisions)
		}
	})
	t.Run("the finalisation and the correction are in the audit log", func(t *testing.T) {
		events := must(samspelv1.NewAuditServiceClient(s.Conn).ListAuditEvents(as[demo.Admin.Email], &samspelv1.ListAuditEventsRequest{}))(t)
		var actions []string
		for _, e := range events.AuditEvents {
			actions = append(actions, e.Action)
		}
		if !slices.Contains(actions, "meeting.finalize") || !slices.Contains(actions, "meeting.correct") {
			t.Errorf("audit actions %v; want meeting.finalize and meeting.correct", actions)
		}
	})
}

func mask(paths ...string) *fieldmaskpb.FieldMask { return &fieldmaskpb.FieldMask{Paths: paths} }

// TestReflectionAnswersStayPrivateUntilBothShare walks a reflection talk step by step.
func TestReflectionAnswersStayPrivateUntilBothShare(t *testing.T) {
	s, _, as := meetingServer(t)
	chair, director := as[demo.Chair.Email], as[demo.Director.Email]
	rc := samspelv1.NewReflectionServiceClient(s.Conn)
	talk := must(meetings(s).CreateMeetingSeries(chair, &samspelv1.CreateMeetingSeriesRequest{
		OrganizationId: 1, Kind: samspelv1.MeetingKind_MEETING_KIND_REFLEKTION, Title: demo.ReflectionTitle,
		StartTime: "13:00", DurationMinutes: 120, StartDate: "2026-12-14",
	}))(t).MeetingSeries
	list := must(meetings(s).ListMeetings(chair, &samspelv1.ListMeetingsRequest{SeriesId: talk.Id}))(t)
	if len(list.Meetings) != 1 {
		t.Fatalf("a single talk has %d meetings", len(list.Meetings))
	}
	id := list.Meetings[0].Id
	answer := func(text string) []*samspelv1.ReflectionAnswer {
		var out []*samspelv1.ReflectionAnswer
		for n := int32(1); n <= 5; n++ {
			out = append(out, &samspelv1.ReflectionAnswer{QuestionNumber: n, Text: text})
		}
		return out
	}
	otherSees := func(t *testing.T, ctx context.Context) []*samspelv1.ReflectionAnswer {
		t.Helper()
		r := must(rc.GetReflection(ctx, &samspelv1.GetReflectionRequest{MeetingId: id}))(t)
		if len(r.Questions) != 5 || r.Questions[2].Text != "Gör ni det ni säger?" {
			t.Errorf("questions = %v; want the report's five", r.Questions)
		}
		return r.Other.GetAnswers()
	}

	must(rc.SaveReflectionAnswers(chair, &samspelv1.SaveReflectionAnswersRequest{MeetingId: id, Answers: answer("Ordförandens svar")}))(t)
	steps := []struct {
		name              string
		act               func(t *testing.T)
		chairSeesDir      bool
		directorSeesChair bool
	}{
		{"a draft is the author's alone", func(t *testing.T) {}, false, false},
		{"after the chair submits and shares, the director still sees nothing", func(t *testing.T) {
			must(rc.SubmitReflection(chair, &samspelv1.SubmitReflectionRequest{MeetingId: id, Share: true}))(t)
		}, false, false},
		{"the director answers but keeps them private: neither sees the other's", func(t *testing.T) {
			must(rc.SaveReflectionAnswers(director, &samspelv1.SaveReflectionAnswersRequest{MeetingId: id, Answers: answer("Direktörens svar")}))(t)
			must(rc.SubmitReflection(director, &samspelv1.SubmitReflectionRequest{MeetingId: id, Share: false}))(t)
		}, false, false},
		{"once both have answered and both share, each sees the other's", func(t *testing.T) {
			must(rc.SubmitReflection(director, &samspelv1.SubmitReflectionRequest{MeetingId: id, Share: true}))(t)
		}, true, true},
		{"withdrawing the share hides them again", func(t *testing.T) {
			must(rc.SubmitReflection(chair, &samspelv1.SubmitReflectionRequest{MeetingId: id, Share: false}))(t)
		}, false, false},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			st.act(t)
			if got := len(otherSees(t, chair)) > 0; got != st.chairSeesDir {
				t.Errorf("the chair sees the director's answers: %v; want %v", got, st.chairSeesDir)
			}
			if got := otherSees(t, director); (len(got) > 0) != st.directorSeesChair || len(got) > 0 && got[0].Text != "Ordförandens svar" {
				t.Errorf("the director sees the chair's answers %v; want seen=%v", got, st.directorSeesChair)
			}
		})
	}
	t.Run("submitted answers cannot be rewritten", func(t *testing.T) {
		_, err := rc.SaveReflectionAnswers(chair, &samspelv1.SaveReflectionAnswersRequest{MeetingId: id, Answers: answer("Nytt")})
		if status.Code(err) != codes.FailedPrecondition {
			t.Errorf("got %v; want FailedPrecondition", err)
		}
	})
	for _, who := range []string{demo.Staff.Email, demo.Vice.Email, demo.Opposition.Email} {
		t.Run(who+" is told the talk does not exist", func(t *testing.T) {
			_, err := rc.GetReflection(as[who], &samspelv1.GetReflectionRequest{MeetingId: id})
			if status.Code(err) != codes.NotFound {
				t.Errorf("got %v; want NotFound", err)
			}
		})
	}
}

// TestTheOppositionFindsNoTraceOfACheckIn asks for a check-in and everything on it as an
// opposition politician, by id, in lists and in search.
func TestTheOppositionFindsNoTraceOfACheckIn(t *testing.T) {
	s, _, as := meetingServer(t)
	chair, opp := as[demo.Chair.Email], as[demo.Opposition.Email]
	mc := meetings(s)
	m := nextCheckIn(t, s, chair)
	const word = "Hemlighetsfullt"
	item := must(mc.AddAgendaItem(chair, &samspelv1.AddAgendaItemRequest{MeetingId: m.Id, Title: word + " ärende"}))(t).AgendaItem
	must(mc.HoldMeeting(chair, &samspelv1.HoldMeetingRequest{Id: m.Id}))(t)
	note := must(mc.AddMeetingNote(chair, &samspelv1.AddMeetingNoteRequest{MeetingId: m.Id, AgendaItemId: item.Id, Body: word + " anteckning"}))(t).MeetingNote
	decision := must(mc.AddDecision(chair, &samspelv1.AddDecisionRequest{MeetingId: m.Id, Text: word + " beslut"}))(t).Decision
	action := must(mc.AddActionItem(chair, &samspelv1.AddActionItemRequest{MeetingId: m.Id, Text: word + " åtgärd",
		OwnerPersonId: note.Author.Id, DueDate: "2026-11-28"}))(t).ActionItem
	series := must(mc.GetMeeting(chair, &samspelv1.GetMeetingRequest{Id: m.Id}))(t).Meeting.SeriesId

	t.Run("the chair finds all four in search, so the search works", func(t *testing.T) {
		if hits := must(mc.SearchMeetings(chair, &samspelv1.SearchMeetingsRequest{Query: strings.ToLower(word)}))(t).Hits; len(hits) != 4 {
			t.Errorf("the chair's search found %d hits; want 4", len(hits))
		}
	})
	notFound := []struct {
		name string
		call func() error
	}{
		{"GetMeeting", func() error { _, err := mc.GetMeeting(opp, &samspelv1.GetMeetingRequest{Id: m.Id}); return err }},
		{"GetMeetingSeries", func() error {
			_, err := mc.GetMeetingSeries(opp, &samspelv1.GetMeetingSeriesRequest{Id: series})
			return err
		}},
		{"UpdateMeetingSeries", func() error {
			_, err := mc.UpdateMeetingSeries(opp, &samspelv1.UpdateMeetingSeriesRequest{MeetingSeries: &samspelv1.MeetingSeries{Id: series, Title: "x"}, UpdateMask: mask("title")})
			return err
		}},
		{"UpdateMeeting", func() error {
			_, err := mc.UpdateMeeting(opp, &samspelv1.UpdateMeetingRequest{Meeting: &samspelv1.Meeting{Id: m.Id, Place: "x"}, UpdateMask: mask("place")})
			return err
		}},
		{"HoldMeeting", func() error { _, err := mc.HoldMeeting(opp, &samspelv1.HoldMeetingRequest{Id: m.Id}); return err }},
		{"CancelMeeting", func() error {
			_, err := mc.CancelMeeting(opp, &samspelv1.CancelMeetingRequest{Id: m.Id, Reason: "x"})
			return err
		}},
		{"FinalizeMeeting", func() error {
			_, err := mc.FinalizeMeeting(opp, &samspelv1.FinalizeMeetingRequest{Id: m.Id})
			return err
		}},
		{"AddAgendaItem", func() error {
			_, err := mc.AddAgendaItem(opp, &samspelv1.AddAgendaItemRequest{MeetingId: m.Id, Title: "x"})
			return err
		}},
		{"UpdateAgendaItem", func() error {
			_, err := mc.UpdateAgendaItem(opp, &samspelv1.UpdateAgendaItemRequest{AgendaItem: &samspelv1.AgendaItem{Id: item.Id, Title: "x"}, UpdateMask: mask("title")})
			return err
		}},
		{"CloseAgendaItem", func() error {
			_, err := mc.CloseAgendaItem(opp, &samspelv1.CloseAgendaItemRequest{Id: item.Id, MeetingId: m.Id})
			return err
		}},
		{"ReopenAgendaItem", func() error {
			_, err := mc.ReopenAgendaItem(opp, &samspelv1.ReopenAgendaItemRequest{Id: item.Id})
			return err
		}},
		{"AddMeetingNote", func() error {
			_, err := mc.AddMeetingNote(opp, &samspelv1.AddMeetingNoteRequest{MeetingId: m.Id, Body: "x", Private: true})
			return err
		}},
		{"UpdateMeetingNote", func() error {
			_, err := mc.UpdateMeetingNote(opp, &samspelv1.UpdateMeetingNoteRequest{MeetingNote: &samspelv1.MeetingNote{Id: note.Id, Body: "x"}, UpdateMask: mask("body")})
			return err
		}},
		{"AddDecision", func() error {
			_, err := mc.AddDecision(opp, &samspelv1.AddDecisionRequest{MeetingId: m.Id, Text: "x"})
			return err
		}},
		{"UpdateDecision", func() error {
			_, err := mc.UpdateDecision(opp, &samspelv1.UpdateDecisionRequest{Decision: &samspelv1.Decision{Id: decision.Id, Text: "x"}, UpdateMask: mask("text")})
			return err
		}},
		{"AddActionItem", func() error {
			_, err := mc.AddActionItem(opp, &samspelv1.AddActionItemRequest{MeetingId: m.Id, Text: "x", OwnerPersonId: 1})
			return err
		}},
		{"UpdateActionItem", func() error {
			_, err := mc.UpdateActionItem(opp, &samspelv1.UpdateActionItemRequest{ActionItem: &samspelv1.ActionItem{Id: action.Id, Status: samspelv1.ActionItemStatus_ACTION_ITEM_STATUS_DONE}, UpdateMask: mask("status")})
			return err
		}},
	}
	for _, tc := range notFound {
		t.Run(tc.name+" answers NOT_FOUND", func(t *testing.T) {
			if err := tc.call(); status.Code(err) != codes.NotFound {
				t.Errorf("got %v; want NotFound", err)
			}
		})
	}
	t.Run("lists, the start screen and search show nothing", func(t *testing.T) {
		if got := must(mc.ListMeetingSeries(opp, &samspelv1.ListMeetingSeriesRequest{OrganizationId: 1}))(t).MeetingSeries; len(got) != 0 {
			t.Errorf("series: %v", got)
		}
		if got := must(mc.ListMeetings(opp, &samspelv1.ListMeetingsRequest{OrganizationId: 1}))(t).Meetings; len(got) != 0 {
			t.Errorf("meetings: %v", got)
		}
		if got := must(mc.ListActionItems(opp, &samspelv1.ListActionItemsRequest{}))(t).ActionItems; len(got) != 0 {
			t.Errorf("action items: %v", texts(got))
		}
		if o := must(mc.GetMeetingOverview(opp, &samspelv1.GetMeetingOverviewRequest{}))(t); o.NextCheckIn != nil || o.LastCheckIn != nil || len(o.OverdueActionItems) != 0 {
			t.Errorf("overview: %v", o)
		}
		for _, q := range []string{word, "snökanoner", "budget"} {
			if got := must(mc.SearchMeetings(opp, &samspelv1.SearchMeetingsRequest{Query: q}))(t).Hits; len(got) != 0 {
				t.Errorf("search %q: %d hits", q, len(got))
			}
		}
	})
	t.Run("the opposition's own changes did not happen", func(t *testing.T) {
		view := must(mc.GetMeeting(chair, &samspelv1.GetMeetingRequest{Id: m.Id}))(t)
		if view.Meeting.Status != samspelv1.MeetingStatus_MEETING_STATUS_HELD || view.Meeting.Place != demo.CheckInPlace {
			t.Errorf("the meeting changed: %v", view.Meeting)
		}
		for _, it := range view.AgendaItems {
			if it.Title == "x" || it.Closed {
				t.Errorf("agenda item %q (closed %v) changed under the opposition", it.Title, it.Closed)
			}
		}
		for _, n := range view.Notes {
			if n.Body == "x" {
				t.Errorf("the opposition's note got in: %v", n)
			}
		}
	})
}
