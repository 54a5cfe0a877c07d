package api_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/samspel/samspel/server/apptest"
	"github.com/samspel/samspel/server/demo"
	samspelv1 "github.com/samspel/samspel/server/gen/samspel/v1"
)

// TestARevisitGoesOnTheNextReflectionTalk: an agreement either party asks to revisit
// shows up on the agenda of the pair's next reflection talk, whether the talk was
// planned before the request or after it.
func TestARevisitGoesOnTheNextReflectionTalk(t *testing.T) {
	s := apptest.Start(t)
	bg := context.Background()
	chair := apptest.Bearer(bg, s.Token(t, demo.Chair.Email))
	director := apptest.Bearer(bg, s.Token(t, demo.Director.Email))
	pair := samspelv1.NewPairServiceClient(s.Conn)
	meetings := samspelv1.NewMeetingServiceClient(s.Conn)

	agree := func(text string) int64 {
		t.Helper()
		p, err := pair.ProposeAgreement(director, &samspelv1.ProposeAgreementRequest{OrganizationId: 1, Text: text})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := pair.AcceptAgreement(chair, &samspelv1.AcceptAgreementRequest{Id: p.Agreement.Id}); err != nil {
			t.Fatal(err)
		}
		return p.Agreement.Id
	}
	revisit := func(id int64) {
		t.Helper()
		if _, err := pair.RequestAgreementRevisit(chair, &samspelv1.RequestAgreementRevisitRequest{Id: id, Reason: "Vi har gått ifrån det i höst."}); err != nil {
			t.Fatal(err)
		}
	}
	plan := func() int64 {
		t.Helper()
		start := time.Now().AddDate(0, 0, 14).Format(time.DateOnly)
		ms, err := meetings.CreateMeetingSeries(chair, &samspelv1.CreateMeetingSeriesRequest{
			OrganizationId: 1, Kind: samspelv1.MeetingKind_MEETING_KIND_REFLEKTION, Title: "Reflektionssamtal",
			StartTime: "15:00", DurationMinutes: 90, StartDate: start, EndDate: start,
		})
		if err != nil {
			t.Fatal(err)
		}
		list, err := meetings.ListMeetings(chair, &samspelv1.ListMeetingsRequest{SeriesId: ms.MeetingSeries.Id})
		if err != nil || len(list.Meetings) != 1 {
			t.Fatalf("the talk: %v, %v", list, err)
		}
		return list.Meetings[0].Id
	}
	agenda := func(meetingID int64) string {
		t.Helper()
		m, err := meetings.GetMeeting(director, &samspelv1.GetMeetingRequest{Id: meetingID})
		if err != nil {
			t.Fatal(err)
		}
		var titles []string
		for _, it := range m.AgendaItems {
			titles = append(titles, it.Title+" ["+it.Source.GetKind()+"]")
		}
		return strings.Join(titles, "; ")
	}

	// Clear the way: call off the reflection talks the demo has planned, so the first
	// revisit finds no talk and must wait for one to be planned.
	upcoming, err := meetings.ListMeetings(chair, &samspelv1.ListMeetingsRequest{OrganizationId: 1, FromDate: time.Now().Format(time.DateOnly), PageSize: 500})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range upcoming.Meetings {
		if m.Kind == samspelv1.MeetingKind_MEETING_KIND_REFLEKTION && m.Status == samspelv1.MeetingStatus_MEETING_STATUS_SCHEDULED {
			if _, err := meetings.CancelMeeting(chair, &samspelv1.CancelMeetingRequest{Id: m.Id, Reason: "Flyttas."}); err != nil {
				t.Fatal(err)
			}
		}
	}
	before := agree("Måndag morgon är helig")
	revisit(before)
	talk := plan()
	if got := agenda(talk); !strings.Contains(got, "Ompröva överenskommelsen: Måndag morgon är helig [agreement]") {
		t.Errorf("a talk planned after the request lacks the revisit: %q", got)
	}
	after := agree("Linjen är helig")
	revisit(after)
	got := agenda(talk)
	for _, want := range []string{"Ompröva överenskommelsen: Måndag morgon är helig [agreement]", "Ompröva överenskommelsen: Linjen är helig [agreement]"} {
		if !strings.Contains(got, want) {
			t.Errorf("the reflection agenda %q lacks %q", got, want)
		}
	}
	if strings.Count(got, "Måndag morgon") != 1 {
		t.Errorf("a revisit is on the agenda more than once: %q", got)
	}
}
