package store_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/samspel/samspel/server/store"
)

func TestOccurrenceDates(t *testing.T) {
	tests := []struct {
		name       string
		start, end string
		interval   int32
		want       []string
	}{
		{"a single meeting is its first day", "2026-11-30", "2030-10-14", 0, []string{"2026-11-30"}},
		{"weekly runs every seven days up to the end", "2026-11-30", "2026-12-21", 1, []string{"2026-11-30", "2026-12-07", "2026-12-14", "2026-12-21"}},
		{"every other week skips a week", "2026-11-30", "2026-12-27", 2, []string{"2026-11-30", "2026-12-14"}},
		{"the series crosses the change to summer time on the same weekday", "2027-03-22", "2027-04-05", 1, []string{"2027-03-22", "2027-03-29", "2027-04-05"}},
		{"a bad date gives nothing", "2026-13-01", "2027-01-01", 1, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := store.OccurrenceDates(tc.start, tc.end, tc.interval); !slices.Equal(got, tc.want) {
				t.Errorf("got %v; want %v", got, tc.want)
			}
		})
	}
}

// pairOrg is a small organisation with a chair, a director, a staff member and an
// opposition politician in a term that contains the clock's day.
type pairOrg struct {
	st                                 *store.Store
	org                                int64
	chair, director, staff, opposition int64
}

func newPairOrg(t *testing.T, now *time.Time) pairOrg {
	t.Helper()
	st := open(t, t.TempDir(), store.WithClock(func() time.Time { return *now }))
	var o pairOrg
	o.st = st
	_, err := st.SeedOnce(context.Background(), "Provstads kommun", func(b *store.Seeder) error {
		o.org = b.Organization(1, "Provstads kommun")
		term := b.Term(o.org, "2026-10-15", "2030-10-14")
		o.chair = b.Person(store.DemoPerson{Email: "o@provstad.example", Name: "Ordförande"})
		o.director = b.Person(store.DemoPerson{Email: "d@provstad.example", Name: "Direktör"})
		o.staff = b.Person(store.DemoPerson{Email: "s@provstad.example", Name: "Kansli"})
		o.opposition = b.Person(store.DemoPerson{Email: "x@provstad.example", Name: "Opposition"})
		b.Role(o.chair, o.org, term, store.RoleChair, "", "2026-10-15", "")
		b.Role(o.director, o.org, term, store.RoleDirector, "", "2026-10-15", "")
		b.Role(o.staff, o.org, term, store.RoleStaff, "", "2026-10-15", "")
		b.Role(o.opposition, o.org, term, store.RoleOpposition, "S", "2026-10-15", "")
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return o
}

func TestWhoMayCallWhichMeeting(t *testing.T) {
	now := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	o := newPairOrg(t, &now)
	ctx := context.Background()
	series := func(by int64, kind int32, participants ...int64) error {
		_, err := o.st.CreateMeetingSeries(ctx, store.Actor{PersonID: by}, store.NewMeetingSeries{
			OrganizationID: o.org, Kind: kind, Title: "Möte", StartTime: "08:00", DurationMinutes: 60, IntervalWeeks: 1,
			StartDate: "2026-11-30", ParticipantIDs: participants,
		})
		return err
	}
	tests := []struct {
		name string
		err  error
		want string // "" ok, "invalid", "notfound"
	}{
		{"the chair holds a check-in", series(o.chair, store.KindAvstamning, o.staff), ""},
		{"staff may not start a check-in", series(o.staff, store.KindAvstamning), "invalid"},
		{"staff calls a beredning", series(o.staff, store.KindBeredning, o.chair), ""},
		{"the opposition cannot be invited", series(o.chair, store.KindBeredning, o.opposition), "invalid"},
		{"a reflection talk invites nobody else", series(o.director, store.KindReflektion, o.staff), "invalid"},
		{"the opposition is told the organisation's meetings do not exist", series(o.opposition, store.KindAdHoc), "notfound"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var inv *store.InvalidError
			switch {
			case tc.want == "" && tc.err != nil:
				t.Errorf("got %v; want success", tc.err)
			case tc.want == "invalid" && !errors.As(tc.err, &inv):
				t.Errorf("got %v; want InvalidError", tc.err)
			case tc.want == "notfound" && !errors.Is(tc.err, store.ErrNotFound):
				t.Errorf("got %v; want ErrNotFound", tc.err)
			}
		})
	}
}

// TestAPastMeetingShowsWhatWasOpenThen: carry-over is a view of time, not a copy. An
// item open for two weeks shows on both later meetings until the one that closed it,
// and looking back at an earlier meeting still shows it as it stood.
func TestAPastMeetingShowsWhatWasOpenThen(t *testing.T) {
	now := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	o := newPairOrg(t, &now)
	ctx := context.Background()
	chair := store.Actor{PersonID: o.chair}
	ms, err := o.st.CreateMeetingSeries(ctx, chair, store.NewMeetingSeries{
		OrganizationID: o.org, Kind: store.KindAvstamning, Title: "Måndagsavstämning", StartTime: "08:00",
		DurationMinutes: 60, IntervalWeeks: 1, StartDate: "2026-11-30", EndDate: "2026-12-28",
	})
	if err != nil {
		t.Fatal(err)
	}
	list, _, err := o.st.ListMeetings(ctx, store.Viewer{PersonID: o.chair}, store.MeetingFilter{SeriesID: ms.ID}, store.Page{})
	if err != nil || len(list) != 5 {
		t.Fatalf("meetings: %v, %v", list, err)
	}
	m0, m1, m2, m3 := list[0].ID, list[1].ID, list[2].ID, list[3].ID
	item, err := o.st.AddAgendaItem(ctx, chair, store.NewAgendaItem{MeetingID: m0, Title: "Snökanoner", SourceKind: "quick_note", SourceID: 7})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := o.st.AddMeetingNote(ctx, chair, store.NewMeetingNote{MeetingID: m1, AgendaItemID: item.ID, Body: "Inte klart än."}); err != nil {
		t.Fatal(err)
	}
	if _, err := o.st.CloseAgendaItem(ctx, chair, item.ID, m2); err != nil {
		t.Fatal(err)
	}
	carried := func(meeting int64) (bool, []string) {
		v, err := o.st.MeetingView(ctx, store.Viewer{PersonID: o.director}, meeting)
		if err != nil {
			t.Fatal(err)
		}
		var notes []string
		for _, n := range v.Notes {
			notes = append(notes, n.Body)
		}
		return slices.ContainsFunc(v.CarriedItems, func(a store.AgendaItem) bool { return a.ID == item.ID }), notes
	}
	tests := []struct {
		name        string
		meeting     int64
		wantCarried bool
		wantNotes   []string
	}{
		{"the meeting it was put on has it on its own agenda, not carried", m0, false, nil},
		{"the next meeting has it carried over", m1, true, []string{"Inte klart än."}},
		{"the meeting that closed it still shows it, with the earlier note", m2, true, []string{"Inte klart än."}},
		{"the meeting after the close does not", m3, false, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, notes := carried(tc.meeting)
			if got != tc.wantCarried || !slices.Equal(notes, tc.wantNotes) {
				t.Errorf("carried %v with notes %q; want %v with %q", got, notes, tc.wantCarried, tc.wantNotes)
			}
		})
	}
	t.Run("closing it at a meeting before it was put on is refused", func(t *testing.T) {
		later, err := o.st.AddAgendaItem(ctx, chair, store.NewAgendaItem{MeetingID: m2, Title: "Budget"})
		if err != nil {
			t.Fatal(err)
		}
		var inv *store.InvalidError
		if _, err := o.st.CloseAgendaItem(ctx, chair, later.ID, m1); !errors.As(err, &inv) {
			t.Errorf("got %v; want InvalidError", err)
		}
	})
	t.Run("the opposition cannot see the item even by its id", func(t *testing.T) {
		if _, err := o.st.CloseAgendaItem(ctx, store.Actor{PersonID: o.opposition}, item.ID, m2); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("got %v; want ErrNotFound", err)
		}
	})
}
