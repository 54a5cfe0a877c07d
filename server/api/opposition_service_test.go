package api_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/samspel/samspel/server/apptest"
	"github.com/samspel/samspel/server/auth"
	"github.com/samspel/samspel/server/demo"
	samspelv1 "github.com/samspel/samspel/server/gen/samspel/v1"
	"github.com/samspel/samspel/server/store"
)

// oppositionServer starts Samspel on Monday 23 November 2026 with clients for everyone,
// the second opposition party included.
func oppositionServer(t *testing.T) (*apptest.Server, *testClock, map[string]context.Context) {
	t.Helper()
	clock := &testClock{t: time.Date(2026, 11, 23, 10, 0, 0, 0, stockholm)}
	s := apptest.Start(t, store.WithClock(clock.Now))
	as := map[string]context.Context{}
	for _, p := range []store.DemoPerson{demo.Chair, demo.Director, demo.Staff, demo.Vice, demo.Opposition, demo.Opposition2, demo.Admin} {
		secret, hash := auth.NewSecret(auth.PrefixToken)
		if _, err := s.Store.CreateToken(context.Background(), p.Email, hash, 90*24*time.Hour); err != nil {
			t.Fatal(err)
		}
		as[p.Email] = apptest.Bearer(context.Background(), secret)
	}
	return s, clock, as
}

// gapTitles lists the titles of a party's open gaps, with their age in days.
func gapTitles(t *testing.T, ctx context.Context, c samspelv1.OppositionServiceClient, party string) map[string]int32 {
	t.Helper()
	resp, err := c.ListParityEntries(ctx, &samspelv1.ListParityEntriesRequest{OrganizationId: 1, Party: party, GapsOnly: true, PageSize: 500})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]int32{}
	for _, e := range resp.Entries {
		if e.Briefed || e.Party != party {
			t.Errorf("gaps_only returned %v", e)
		}
		out[e.Topic.Title] = e.LagDays
	}
	return out
}

func TestParityLedgerShowsWhatEachPartyWasNotToldYet(t *testing.T) {
	s, clock, as := oppositionServer(t)
	meetings := samspelv1.NewMeetingServiceClient(s.Conn)
	opp := samspelv1.NewOppositionServiceClient(s.Conn)
	director := as[demo.Director.Email]

	series, err := meetings.CreateMeetingSeries(director, &samspelv1.CreateMeetingSeriesRequest{
		OrganizationId: 1, Kind: samspelv1.MeetingKind_MEETING_KIND_BEREDNING, Title: "Extra beredning",
		StartTime: "13:00", DurationMinutes: 60, StartDate: "2026-11-23", EndDate: "2026-11-23",
	})
	if err != nil {
		t.Fatal(err)
	}
	list, err := meetings.ListMeetings(director, &samspelv1.ListMeetingsRequest{OrganizationId: 1, SeriesId: series.MeetingSeries.Id})
	if err != nil || len(list.Meetings) != 1 {
		t.Fatalf("the preparation meeting: %v, %v", list, err)
	}
	topics := []string{"Ny simhall", "Skolskjutsarna", "Taxan för bygglov"}
	var ids []int64
	for _, title := range topics {
		a, err := meetings.AddAgendaItem(director, &samspelv1.AddAgendaItemRequest{MeetingId: list.Meetings[0].Id, Title: title})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, a.AgendaItem.Id)
	}

	t.Run("every opposition party has a gap for each topic", func(t *testing.T) {
		for _, party := range []string{demo.PartyA, demo.PartyB} {
			gaps := gapTitles(t, director, opp, party)
			for _, title := range topics {
				if age, ok := gaps[title]; !ok || age != 0 {
					t.Errorf("%s: gap %q = %d, %v; want age 0", party, title, age, ok)
				}
			}
		}
	})

	clock.Set(friday)
	b, err := opp.CreateBriefing(director, &samspelv1.CreateBriefingRequest{
		OrganizationId: 1, Kind: samspelv1.BriefingKind_BRIEFING_KIND_AFTER_BEREDNING, Title: "Dragning efter beredningen",
		Date: "2026-11-27", Parties: []string{demo.PartyA}, AgendaItemIds: ids[:2],
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Run("a scheduled briefing closes no gap", func(t *testing.T) {
		if gaps := gapTitles(t, director, opp, demo.PartyA); len(gaps) == 0 || gaps[topics[0]] != 4 {
			t.Errorf("party A's gaps before the briefing is held: %v", gaps)
		}
	})
	if _, err := opp.HoldBriefing(director, &samspelv1.HoldBriefingRequest{Id: b.Briefing.Id, Notes: "Simhallen och skolskjutsarna gicks igenom.", AttendedParties: []string{demo.PartyA}}); err != nil {
		t.Fatal(err)
	}

	t.Run("after the briefing party A has one gap with its age and party B three", func(t *testing.T) {
		a := gapTitles(t, director, opp, demo.PartyA)
		if _, ok := a[topics[0]]; ok {
			t.Errorf("party A still has a gap for %q", topics[0])
		}
		if _, ok := a[topics[1]]; ok {
			t.Errorf("party A still has a gap for %q", topics[1])
		}
		if a[topics[2]] != 4 {
			t.Errorf("party A's gap for %q is %d days old, want 4", topics[2], a[topics[2]])
		}
		bGaps := gapTitles(t, director, opp, demo.PartyB)
		for _, title := range topics {
			if bGaps[title] != 4 {
				t.Errorf("party B's gap for %q = %d, want 4", title, bGaps[title])
			}
		}
	})

	t.Run("the briefed entries say when and with what lag", func(t *testing.T) {
		resp, err := opp.ListParityEntries(director, &samspelv1.ListParityEntriesRequest{OrganizationId: 1, Party: demo.PartyA, PageSize: 500})
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, e := range resp.Entries {
			if e.Topic.AgendaItemId == ids[0] || e.Topic.AgendaItemId == ids[1] {
				n++
				if !e.Briefed || e.BriefedDate != "2026-11-27" || e.LagDays != 4 {
					t.Errorf("entry %v", e)
				}
			}
		}
		if n != 2 {
			t.Errorf("found %d briefed entries, want 2", n)
		}
	})

	t.Run("the summary counts per party without question content", func(t *testing.T) {
		sum, err := opp.GetParitySummary(as[demo.Chair.Email], &samspelv1.GetParitySummaryRequest{OrganizationId: 1})
		if err != nil {
			t.Fatal(err)
		}
		if len(sum.Parties) != 2 {
			t.Fatalf("parties: %v", sum.Parties)
		}
		a, b := sum.Parties[0], sum.Parties[1]
		if a.Party != demo.PartyA || a.Briefed < 2 || b.OpenGaps < 3 || a.Topics != b.Topics || a.OpenGaps+a.Briefed != a.Topics {
			t.Errorf("summary: %v", sum.Parties)
		}
	})

	t.Run("the invited party reads the notes, the other party does not find the briefing", func(t *testing.T) {
		got, err := opp.GetBriefing(as[demo.Opposition.Email], &samspelv1.GetBriefingRequest{Id: b.Briefing.Id})
		if err != nil || got.Briefing.Notes == "" || len(got.Briefing.Topics) != 2 {
			t.Errorf("party A: %v, %v", got, err)
		}
		if _, err := opp.GetBriefing(as[demo.Opposition2.Email], &samspelv1.GetBriefingRequest{Id: b.Briefing.Id}); status.Code(err) != codes.NotFound {
			t.Errorf("party B: %v", err)
		}
	})

	t.Run("ej för oppositionen without a reason is refused", func(t *testing.T) {
		_, err := opp.WithholdTopic(director, &samspelv1.WithholdTopicRequest{AgendaItemId: ids[2]})
		if status.Code(err) != codes.InvalidArgument {
			t.Errorf("got %v, want InvalidArgument", err)
		}
		_, err = opp.WithholdTopic(director, &samspelv1.WithholdTopicRequest{AgendaItemId: ids[2], Reason: "   "})
		if status.Code(err) != codes.InvalidArgument {
			t.Errorf("blank reason: got %v, want InvalidArgument", err)
		}
	})

	t.Run("with a reason the topic leaves the ledger and the marking is logged", func(t *testing.T) {
		if _, err := opp.WithholdTopic(director, &samspelv1.WithholdTopicRequest{AgendaItemId: ids[2], Reason: "Sekretess enligt OSL 19 kap."}); err != nil {
			t.Fatal(err)
		}
		if _, ok := gapTitles(t, director, opp, demo.PartyB)[topics[2]]; ok {
			t.Errorf("a withheld topic is still a gap")
		}
		if sum, err := opp.GetParitySummary(director, &samspelv1.GetParitySummaryRequest{OrganizationId: 1}); err != nil || sum.WithheldTopics != 1 {
			t.Errorf("the summary counts %v withheld topics (%v); want 1", sum.GetWithheldTopics(), err)
		}
		events, _, err := s.Store.ListAuditEvents(context.Background(), store.Page{Size: 5})
		if err != nil || len(events) == 0 || events[0].Action != "opposition_topic.withhold" {
			t.Errorf("audit: %v, %v", events, err)
		}
	})
}

func TestBudgetQuestionsStayWithTheAskingPartyAndTheAdministration(t *testing.T) {
	s, _, as := oppositionServer(t)
	opp := samspelv1.NewOppositionServiceClient(s.Conn)
	staff, err := s.Store.PersonByEmail(context.Background(), demo.Staff.Email)
	if err != nil {
		t.Fatal(err)
	}
	asked, err := opp.AskQuestion(as[demo.Opposition.Email], &samspelv1.AskQuestionRequest{
		OrganizationId: 1, Body: "Vad kostar en extra simlärare i Åsens skola per år?", BudgetWork: true,
	})
	if err != nil {
		t.Fatal(err)
	}
	id := asked.Question.Id
	if asked.Question.Party != demo.PartyA || asked.Question.Status != samspelv1.QuestionStatus_QUESTION_STATUS_ASKED {
		t.Errorf("asked: %v", asked.Question)
	}
	if _, err := opp.AssignQuestion(as[demo.Director.Email], &samspelv1.AssignQuestionRequest{Id: id, OwnerPersonId: staff.ID, DueDate: "2026-11-30"}); err != nil {
		t.Fatal(err)
	}
	if _, err := opp.AnswerQuestion(as[demo.Staff.Email], &samspelv1.AnswerQuestionRequest{Id: id, Answer: "En simlärare på halvtid kostar 310 000 kronor per år."}); err != nil {
		t.Fatal(err)
	}

	t.Run("the asker sees the answer", func(t *testing.T) {
		got, err := opp.GetQuestion(as[demo.Opposition.Email], &samspelv1.GetQuestionRequest{Id: id})
		if err != nil || got.Question.Answer == "" || got.Question.Status != samspelv1.QuestionStatus_QUESTION_STATUS_ANSWERED {
			t.Errorf("%v, %v", got, err)
		}
	})
	for _, who := range []string{demo.Opposition2.Email, demo.Chair.Email, demo.Vice.Email} {
		party := map[string]string{demo.Opposition2.Email: demo.PartyB}[who]
		t.Run(who+" finds it nowhere", func(t *testing.T) {
			ctx := as[who]
			if _, err := opp.GetQuestion(ctx, &samspelv1.GetQuestionRequest{Id: id}); status.Code(err) != codes.NotFound {
				t.Errorf("get: %v", err)
			}
			list, err := opp.ListQuestions(ctx, &samspelv1.ListQuestionsRequest{OrganizationId: 1, PageSize: 500})
			if err != nil {
				t.Fatal(err)
			}
			for _, q := range list.Questions {
				if q.Id == id || q.BudgetWork && !q.Released && q.Party != party {
					t.Errorf("listed: %v", q)
				}
			}
			found, err := opp.SearchQuestions(ctx, &samspelv1.SearchQuestionsRequest{OrganizationId: 1, Query: "simlärare"})
			if err != nil || len(found.Questions) != 0 {
				t.Errorf("search: %v, %v", found, err)
			}
		})
	}
	t.Run("the administration finds it by search", func(t *testing.T) {
		found, err := opp.SearchQuestions(as[demo.Director.Email], &samspelv1.SearchQuestionsRequest{OrganizationId: 1, Query: "simlärare Åsens"})
		if err != nil || len(found.Questions) != 1 {
			t.Errorf("search: %v, %v", found, err)
		}
	})
	t.Run("another party cannot release it, the asking party can, and then the chair sees it", func(t *testing.T) {
		if _, err := opp.ReleaseQuestion(as[demo.Opposition2.Email], &samspelv1.ReleaseQuestionRequest{Id: id}); status.Code(err) != codes.NotFound {
			t.Errorf("party B releases: %v", err)
		}
		if _, err := opp.ReleaseQuestion(as[demo.Opposition.Email], &samspelv1.ReleaseQuestionRequest{Id: id}); err != nil {
			t.Fatal(err)
		}
		if _, err := opp.GetQuestion(as[demo.Chair.Email], &samspelv1.GetQuestionRequest{Id: id}); err != nil {
			t.Errorf("the chair after release: %v", err)
		}
		if _, err := opp.GetQuestion(as[demo.Opposition2.Email], &samspelv1.GetQuestionRequest{Id: id}); status.Code(err) != codes.NotFound {
			t.Errorf("party B after release: %v", err)
		}
	})
}

func TestTheDirectorSeesOverdueQuestions(t *testing.T) {
	s, clock, as := oppositionServer(t)
	opp := samspelv1.NewOppositionServiceClient(s.Conn)
	staff, err := s.Store.PersonByEmail(context.Background(), demo.Staff.Email)
	if err != nil {
		t.Fatal(err)
	}
	q, err := opp.AskQuestion(as[demo.Opposition2.Email], &samspelv1.AskQuestionRequest{OrganizationId: 1, Body: "Hur lång är kön till förskolan?"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := opp.AssignQuestion(as[demo.Director.Email], &samspelv1.AssignQuestionRequest{Id: q.Question.Id, OwnerPersonId: staff.ID, DueDate: "2026-11-25"}); err != nil {
		t.Fatal(err)
	}
	clock.Set(friday)
	list, err := opp.ListQuestions(as[demo.Director.Email], &samspelv1.ListQuestionsRequest{OrganizationId: 1, OverdueOnly: true, PageSize: 500})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, got := range list.Questions {
		if !got.Overdue {
			t.Errorf("not overdue: %v", got)
		}
		found = found || got.Id == q.Question.Id
	}
	if !found {
		t.Errorf("the overdue question is not listed")
	}
	if _, err := opp.AssignQuestion(as[demo.Director.Email], &samspelv1.AssignQuestionRequest{Id: q.Question.Id, OwnerPersonId: q.Question.AskedBy.Id, DueDate: "2026-12-01"}); status.Code(err) != codes.InvalidArgument {
		t.Errorf("an owner outside the staff: %v", err)
	}
}

func TestLedgerAndListsPageThroughEveryRowOnce(t *testing.T) {
	s, _, as := oppositionServer(t)
	opp := samspelv1.NewOppositionServiceClient(s.Conn)
	director := as[demo.Director.Email]
	terms, err := samspelv1.NewTermServiceClient(s.Conn).ListTerms(director, &samspelv1.ListTermsRequest{OrganizationId: 1})
	if err != nil {
		t.Fatal(err)
	}
	var finished int64
	for _, term := range terms.Terms {
		if term.StartDate == demo.FinishedStart {
			finished = term.Id
		}
	}
	all, err := opp.ListParityEntries(director, &samspelv1.ListParityEntriesRequest{OrganizationId: 1, TermId: finished, PageSize: 500})
	if err != nil || len(all.Entries) < 200 || all.NextPageToken == "" {
		t.Fatalf("the finished term's first 500 entries: %d, %v", len(all.Entries), err)
	}
	t.Run("the ledger pages oldest first without gaps or repeats", func(t *testing.T) {
		var paged []*samspelv1.ParityEntry
		token := ""
		for i := 0; i < 10; i++ {
			resp, err := opp.ListParityEntries(director, &samspelv1.ListParityEntriesRequest{OrganizationId: 1, TermId: finished, PageSize: 50, PageToken: token})
			if err != nil {
				t.Fatal(err)
			}
			paged = append(paged, resp.Entries...)
			token = resp.NextPageToken
		}
		for i := range paged {
			a, b := paged[i], all.Entries[i]
			if a.Topic.AgendaItemId != b.Topic.AgendaItemId || a.Party != b.Party {
				t.Fatalf("entry %d: paged %v, unpaged %v", i, a, b)
			}
			if i > 0 && paged[i-1].Topic.InformedDate > a.Topic.InformedDate {
				t.Fatalf("entry %d is older than the one before it", i)
			}
		}
	})
	t.Run("the finished term's summary has a median lag and a few gaps per party", func(t *testing.T) {
		sum, err := opp.GetParitySummary(director, &samspelv1.GetParitySummaryRequest{OrganizationId: 1, TermId: finished})
		if err != nil || len(sum.Parties) != 2 {
			t.Fatalf("%v, %v", sum, err)
		}
		for _, p := range sum.Parties {
			if p.Topics < 150 || p.Briefed == 0 || p.OpenGaps == 0 || p.MedianLagDays < 0 || p.MedianLagDays > 7 {
				t.Errorf("%s: %v", p.Party, p)
			}
		}
	})
	t.Run("briefings page newest first without repeats", func(t *testing.T) {
		seen := map[int64]bool{}
		token, last := "", "9999"
		for {
			resp, err := opp.ListBriefings(director, &samspelv1.ListBriefingsRequest{OrganizationId: 1, PageSize: 40, PageToken: token})
			if err != nil {
				t.Fatal(err)
			}
			for _, b := range resp.Briefings {
				if seen[b.Id] || b.Date > last {
					t.Fatalf("briefing %d on %s repeats or is out of order", b.Id, b.Date)
				}
				seen[b.Id], last = true, b.Date
			}
			if token = resp.NextPageToken; token == "" {
				break
			}
		}
		if len(seen) < 150 {
			t.Errorf("paged through %d briefings; the demo has more", len(seen))
		}
	})
	t.Run("an opposition member sees only the briefings of their party", func(t *testing.T) {
		resp, err := opp.ListBriefings(as[demo.Opposition2.Email], &samspelv1.ListBriefingsRequest{OrganizationId: 1, PageSize: 500})
		if err != nil || len(resp.Briefings) == 0 {
			t.Fatalf("%v, %v", resp, err)
		}
		for _, b := range resp.Briefings {
			invited := false
			for _, p := range b.Parties {
				invited = invited || p.Party == demo.PartyB
			}
			if !invited {
				t.Errorf("party B sees briefing %d of %v", b.Id, b.Parties)
			}
		}
	})
}

// TestQuestionSearchFoldsSwedishLetters: "åsens" finds "Åsens", as a Swede expects;
// SQLite alone folds only ASCII.
func TestQuestionSearchFoldsSwedishLetters(t *testing.T) {
	s, _, as := oppositionServer(t)
	opp := samspelv1.NewOppositionServiceClient(s.Conn)
	if _, err := opp.AskQuestion(as[demo.Opposition.Email], &samspelv1.AskQuestionRequest{
		OrganizationId: 1, Body: "När öppnar ÅSENS nya förskola?",
	}); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"åsens", "ÅSENS", "Åsens förskola", "ÖPPNAR"} {
		t.Run("searching "+q+" finds the question", func(t *testing.T) {
			res, err := opp.SearchQuestions(as[demo.Opposition.Email], &samspelv1.SearchQuestionsRequest{OrganizationId: 1, Query: q})
			if err != nil {
				t.Fatal(err)
			}
			found := false
			for _, x := range res.Questions {
				found = found || strings.Contains(x.Body, "ÅSENS nya förskola")
			}
			if !found {
				t.Errorf("%q found %d questions, not the one asked", q, len(res.Questions))
			}
		})
	}
}
