package browser

import (
	"context"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/samspel/samspel/server/apptest"
	"github.com/samspel/samspel/server/demo"
	"github.com/samspel/samspel/server/store"
)

// The opposition in the browser: the director briefs one party on a preparation
// meeting's topics and the ledger shows what each party still lacks; an opposition
// member asks a budget-work question that the staff answers, and nobody else finds it.

// preparationWithTopics puts three topics on a preparation meeting of the majority held
// three days ago, flags them for the opposition, and returns their ids.
func preparationWithTopics(t *testing.T, s *apptest.Server, titles []string) []string {
	t.Helper()
	ctx := context.Background()
	director, err := s.Store.PersonByEmail(ctx, demo.Director.Email)
	if err != nil {
		t.Fatal(err)
	}
	actor := store.Actor{PersonID: director.ID}
	day := time.Now().In(stockholmTZ).AddDate(0, 0, -3).Format(time.DateOnly)
	ms, err := s.Store.CreateMeetingSeries(ctx, actor, store.NewMeetingSeries{
		OrganizationID: 1, Kind: store.KindBeredning, Title: "Extra beredning", StartTime: "13:00", DurationMinutes: 60,
		StartDate: day, EndDate: day,
	})
	if err != nil {
		t.Fatal(err)
	}
	list, _, err := s.Store.ListMeetings(ctx, store.Viewer{PersonID: director.ID}, store.MeetingFilter{SeriesID: ms.ID}, store.Page{})
	if err != nil || len(list) != 1 {
		t.Fatalf("the preparation meeting: %v, %v", list, err)
	}
	var ids []string
	for _, title := range titles {
		item, err := s.Store.AddAgendaItem(ctx, actor, store.NewAgendaItem{MeetingID: list[0].ID, Title: title})
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Store.InformOpposition(ctx, actor, item.ID); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, strconv.FormatInt(item.ID, 10))
	}
	return ids
}

var stockholmTZ, _ = time.LoadLocation("Europe/Stockholm")

// gapTitles reads the titles of the gaps on the open gaps screen.
func (p *Page) gapTitles() []string {
	p.t.Helper()
	return eval[[]string](p, `[...document.querySelectorAll("#gap-list > li .row-title")].map((e) => e.textContent)`)
}

func TestTheDirectorBriefsOnePartyAndTheLedgerShowsTheRest(t *testing.T) {
	s := apptest.Start(t)
	topics := []string{"Ny simhall i Åsen", "Skolskjutsarna i norra kommundelen", "Bygglovstaxan 2027"}
	ids := preparationWithTopics(t, s, topics)
	browser := startBrowser(t)
	director := newPage(t, browser)
	director.signInWithInvite(s.Invite(t, demo.Director.Email, store.RoleDirector, ""), "")

	gapsOf := func(p *Page, party string) []string {
		p.t.Helper()
		p.open(s.URL+"/oppositionen/luckor?parti="+url.QueryEscape(party), "gaps")
		p.waitScreen("gaps")
		var out []string
		for _, g := range p.gapTitles() {
			if slices.Contains(topics, g) {
				out = append(out, g)
			}
		}
		return out
	}

	director.step("open Mer", centredClick("#nav-mer"))
	director.waitScreen("mer")
	director.follow("#more-oppositionen", "parity")
	t.Run("the parity summary is accessible", func(t *testing.T) { checkAxe(t, director.with(t)) })
	for _, party := range []string{demo.PartyA, demo.PartyB} {
		t.Run("the ledger shows three gaps for "+party, func(t *testing.T) {
			p := director.with(t)
			if got := gapsOf(p, party); len(got) != 3 {
				t.Errorf("gaps of the preparation meeting = %v; want all three", got)
			}
		})
	}
	t.Run("the open gaps are accessible", func(t *testing.T) { checkAxe(t, director.with(t)) })

	director.open(s.URL+"/oppositionen/dragningar/ny", "new-briefing")
	director.tap("#party-0") // Socialdemokraterna, first by name
	director.tap("#topic-" + ids[0])
	director.tap("#topic-" + ids[1])
	t.Run("the briefing form is accessible", func(t *testing.T) { checkAxe(t, director.with(t)) })
	director.submit("#briefing-form-submit")
	director.waitScreen("briefing")
	director.waitText("#briefing-status", "Planerad")
	director.typeInto("#hold-notes", "Simhallen och skolskjutsarna gicks igenom. Frågor om kostnaderna besvaras skriftligt.")
	director.submit("#hold-form-submit")
	director.waitText("#briefing-status", "Hållen")
	director.waitText("#briefing-parties", demo.PartyA+" (närvarade)")
	t.Run("the held briefing is accessible", func(t *testing.T) { checkAxe(t, director.with(t)) })

	t.Run("party A shows one gap with its age, party B three", func(t *testing.T) {
		p := director.with(t)
		if got := gapsOf(p, demo.PartyA); !slices.Equal(got, []string{topics[2]}) {
			t.Errorf("party A's gaps = %v; want only %q", got, topics[2])
		}
		if got := p.text("#gap-" + ids[2] + " .meta"); !strings.Contains(got, "Öppen i 3 dagar") {
			t.Errorf("party A's gap reads %q; want its age, 3 days", got)
		}
		if got := gapsOf(p, demo.PartyB); len(got) != 3 {
			t.Errorf("party B's gaps = %v; want all three", got)
		}
	})

	t.Run("ej för oppositionen without a reason is refused with INVALID_ARGUMENT", func(t *testing.T) {
		p := director.with(t)
		p.tap("#gap-" + ids[2] + " summary")
		p.submit("#withhold-" + ids[2] + "-submit")
		p.waitText("#error-summary", "Skriv varför ämnet inte ska till oppositionen")
		if got := p.grpcStatuses("/samspel.v1.OppositionService/WithholdTopic"); !slices.Contains(got, "3") {
			t.Errorf("grpc-status of WithholdTopic = %v; want 3 (INVALID_ARGUMENT)", got)
		}
		checkAxe(t, p)
	})
}

func TestABudgetQuestionIsAnsweredAndSeenByTheAskingPartyAlone(t *testing.T) {
	s := apptest.Start(t)
	browser := startBrowser(t)
	asker := newPage(t, browser)
	asker.signInWithInvite(s.Invite(t, demo.Opposition.Email, store.RoleOpposition, demo.PartyA), "")

	t.Run("the opposition's bar is Idag, Dragningar, Frågor, Instruktion", func(t *testing.T) {
		p := asker.with(t)
		got := eval[[]string](p, `[...document.querySelectorAll("#nav a")].map((a) => a.textContent)`)
		for _, want := range []string{"Idag", "Dragningar", "Frågor", "Instruktion"} {
			if !slices.Contains(got, want) {
				t.Errorf("the bar %v lacks %q", got, want)
			}
		}
		if slices.Contains(got, "Möten") {
			t.Errorf("the opposition sees Möten: %v", got)
		}
	})
	t.Run("Idag tells the party about its latest briefing and its open questions", func(t *testing.T) {
		p := asker.with(t)
		p.waitText("#idag-questions", "väntar på svar")
		p.waitText("#idag-briefing", "Senaste dragning")
		checkAxe(t, p)
	})
	asker.follow("#nav-dragningar", "briefings")
	t.Run("the party's briefings are accessible", func(t *testing.T) { checkAxe(t, asker.with(t)) })
	asker.follow("#nav-fragor", "questions")
	asker.follow("#ask-link", "ask")
	asker.typeInto("#question-body", "Vad kostar en extra simlärare i Åsens skola per år?")
	asker.tap("#question-budget")
	t.Run("asking is accessible", func(t *testing.T) { checkAxe(t, asker.with(t)) })
	asker.submit("#ask-form-submit")
	asker.waitScreen("question")
	asker.waitText("#question-visibility", demo.PartyA+" och förvaltningen")
	loc := run(asker, "read the address", chromedp.Location())
	id := loc[strings.LastIndex(loc, "/")+1:]

	staff := newPage(t, browser)
	staff.signInWithInvite(s.Invite(t, demo.Staff.Email, store.RoleStaff, ""), "")
	t.Run("the staff's Idag shows the overdue question of the demo", func(t *testing.T) {
		staff.with(t).waitText("#idag-overdue-questions", "passerat sitt svarsdatum")
	})
	staff.follow("#nav-fragor", "questions")
	staff.follow("#question-"+id+" a", "question")
	staff.typeInto("#answer-body", "En simlärare på halvtid kostar 310 000 kronor per år.")
	staff.submit("#answer-form-submit")
	staff.waitText("#answer-text", "310 000 kronor")

	t.Run("the asker sees the answer", func(t *testing.T) {
		p := asker.with(t)
		p.open(loc, "question")
		p.waitText("#answer-text", "310 000 kronor")
		checkAxe(t, p)
	})

	other := newPage(t, browser)
	other.signInWithInvite(s.Invite(t, demo.Opposition2.Email, store.RoleOpposition, demo.PartyB), "")
	chair := newPage(t, browser)
	chair.signInWithInvite(s.Invite(t, demo.Chair.Email, store.RoleChair, ""), "")
	for _, c := range []struct {
		name string
		p    *Page
		base string
	}{{"another opposition party", other, "/fragor"}, {"the chair", chair, "/oppositionen/fragor"}} {
		t.Run(c.name+" gets NOT_FOUND and finds it in no list or search", func(t *testing.T) {
			p := c.p.with(t)
			p.open(s.URL+c.base+"/"+id, "question")
			p.waitText("#question-failed", "Det finns inte")
			if got := p.grpcStatuses("/samspel.v1.OppositionService/GetQuestion"); !slices.Contains(got, "5") {
				t.Errorf("grpc-status of GetQuestion = %v; want 5 (NOT_FOUND)", got)
			}
			p.open(s.URL+c.base, "questions")
			p.waitScreen("questions")
			if n := eval[int](p, `document.querySelectorAll("#question-`+id+`").length`); n != 0 {
				t.Errorf("the question is in the list")
			}
			p.open(s.URL+c.base+"?q=simlärare", "questions")
			p.waitScreen("questions")
			p.waitText("#no-questions", "Inga frågor matchar")
			checkAxe(t, p)
		})
	}
}
