package demo

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/samspel/samspel/server/store"
)

// The opposition's side of the demo: the majority's Monday beredning over the finished
// term, briefings of the two opposition parties after most of them and in the budget
// work, and a few hundred questions with answers (some late, some budget-confidential).
// The current term is briefed up to the beredning before last, which leaves open gaps.

// BriefingTitle is the title of the demo's briefings after the majority's beredning.
const BriefingTitle = "Dragning efter beredningen"

// oppIDs are the rows the opposition content hangs off.
type oppIDs struct {
	ids
	oppA, oppB int64
}

// beredningTopics are what the majority's Monday beredning took up in the finished term.
var beredningTopics = []string{
	"Ärenden inför kommunstyrelsen", "Budgetprocessen och tidplanen", "Lokalförsörjningsplanen",
	"Detaljplan för stationsområdet", "Upphandling av skolskjuts", "Äldreomsorgens bemanning",
	"Taxor och avgifter", "Näringslivsstrategin", "Räddningstjänstens förbundsordning",
	"Vatten och avlopp i Åsen", "Delårsrapporten", "Simhallens renovering",
	"Förskoleplatser i centrum", "Kollektivtrafiken med regionen", "Bostadsförsörjningsprogrammet",
}

// questionTexts are what the opposition asked; budget marks a budget calculation.
var questionTexts = []struct {
	body, answer string
	budget       bool
}{
	{"Vad kostar det att behålla fritidsgårdarnas kvällsöppet året runt?", "Kvällsöppet året runt kostar omkring 2,4 miljoner kronor per år, främst personal.", true},
	{"Hur påverkas skattesatsen om äldreomsorgens ram höjs med 10 miljoner?", "Tio miljoner motsvarar ungefär 9 öre på skattesatsen.", true},
	{"Vad skulle en sänkt barngruppsstorlek i förskolan till 15 barn kosta?", "Omkring 14 miljoner kronor per år och sex nya avdelningar.", true},
	{"Hur lång är kön till förskolan i centrum just nu?", "42 barn står i kö; alla erbjuds plats inom fyra månader enligt lagen.", false},
	{"Hur många lägenheter har det allmännyttiga bostadsbolaget i kö?", "Kön är 3 100 personer; omsättningen är ungefär 250 lägenheter om året.", false},
	{"Vilka underlag finns om skolskjutsens restider?", "Trafikenheten mätte restiderna i mars; rapporten bifogas.", false},
	{"Hur har sjukfrånvaron i hemtjänsten utvecklats?", "Den har minskat från 9,8 till 8,1 procent på två år.", false},
	{"Vad kostar en fjärde förskoleavdelning i Norrby?", "Investeringen är 6 miljoner och driften 3,5 miljoner per år.", true},
	{"Vilka avtal styr samarbetet med regionen om kollektivtrafiken?", "Ett samverkansavtal från 2019; det gäller till 2027.", false},
	{"Hur mycket har energikostnaderna i kommunens lokaler ökat?", "Med 38 procent sedan 2021, trots lägre förbrukning.", false},
}

// seedOpposition writes the finished term's beredning, then briefings and questions of both terms.
func seedOpposition(b *store.Seeder, d oppIDs) {
	rng := rand.New(rand.NewPCG(2022, 416))
	today := b.Today()

	_, beredning := b.Series(store.SeedSeries{
		OrganizationID: d.org, TermID: d.finished, Kind: store.KindBeredning,
		Title: BeredningTitle, Place: "Sammanträdesrum Ekbacken", StartTime: "09:30", DurationMinutes: 60, IntervalWeeks: 1,
		StartDate: "2022-10-17", EndDate: FinishedEnd, Participants: []int64{d.chair, d.oldDirector, d.director, d.vice, d.staff}, CreatedBy: d.chair,
	})
	for _, m := range beredning {
		if reason := holiday(m.Date); reason != "" {
			b.Cancel(m, d.chair, reason)
			continue
		}
		b.Hold(m, d.chair)
		for i := 0; i < 1+rng.IntN(2); i++ {
			item := b.AgendaItem(m, beredningTopics[rng.IntN(len(beredningTopics))], "", d.staff, store.At(m.Date, "08:00")-3*day)
			b.CloseItem(item, m, d.chair)
		}
		b.Finalize(m, d.chair, store.At(m.Date, "15:00"))
	}

	for _, term := range []struct {
		id         int64
		last, open string // the last day to brief on; topics from open on stay unbriefed
	}{{d.finished, FinishedEnd, FinishedEnd}, {d.current, today, lastMonday(addDays(today, -7))}} {
		byDate := map[string][]int64{}
		var dates []string
		for _, t := range b.ParityTopics(d.org, term.id) {
			if len(byDate[t.Date]) == 0 {
				dates = append(dates, t.Date)
			}
			byDate[t.Date] = append(byDate[t.Date], t.AgendaItemID)
		}
		for _, date := range dates {
			if date >= term.open || rng.IntN(100) < 12 {
				continue // not briefed (yet): an open gap for both parties
			}
			// Most briefings follow the beredning the same afternoon; some wait a day or a week.
			on := date
			switch r := rng.IntN(10); {
			case r == 7 || r == 8:
				on = addDays(date, 1)
			case r == 9:
				on = addDays(date, 2+rng.IntN(6))
			}
			if on > term.last {
				on = date
			}
			director := d.directorOn(on)
			attended := []string{}
			if rng.IntN(100) < 95 {
				attended = append(attended, PartyA)
			}
			if rng.IntN(100) < 85 {
				attended = append(attended, PartyB)
			}
			b.Briefing(store.SeedBriefing{
				OrganizationID: d.org, TermID: term.id, Kind: store.BriefingAfterBeredning, Title: BriefingTitle, Date: on,
				Notes:    "Direktören gick igenom beredningens ärenden. Oppositionen ställde frågor om underlagen.",
				Material: "Ärendelista inför kommunstyrelsen", Parties: []string{PartyA, PartyB}, Attended: attended,
				Topics: byDate[date], CreatedBy: director, HeldBy: director,
			})
		}
	}
	budgetBriefings(b, d, today)
	questions(b, rng, d, today)
}

// lastMonday is the Monday on or before day.
func lastMonday(day string) string {
	for i := 0; i < 7; i++ {
		d := addDays(day, -i)
		if t, err := time.Parse(time.DateOnly, d); err == nil && t.Weekday() == time.Monday {
			return d
		}
	}
	return day
}

// budgetBriefings seeds the budget work of each autumn: two briefings with the administration.
func budgetBriefings(b *store.Seeder, d oppIDs, today string) {
	for _, y := range []int{2023, 2024, 2025} {
		for _, day := range []string{fmt.Sprintf("%d-09-20", y), fmt.Sprintf("%d-10-11", y)} {
			b.Briefing(store.SeedBriefing{
				OrganizationID: d.org, TermID: d.finished, Kind: store.BriefingBudgetWork, Title: "Budgetdragning för oppositionen", Date: day,
				Notes:    "Ekonomichefen gick igenom ramarna och svarade på frågor om beräkningarna.",
				Material: "Budgetunderlag, preliminära ramar", Parties: []string{PartyA, PartyB}, Attended: []string{PartyA, PartyB},
				CreatedBy: d.directorOn(day), HeldBy: d.directorOn(day),
			})
		}
	}
}

// questions seeds a few a month in the finished term and a handful in the current one.
func questions(b *store.Seeder, rng *rand.Rand, d oppIDs, today string) {
	ask := func(term int64, party string, asker int64, date string, i int, answered, released bool) {
		qt := questionTexts[i%len(questionTexts)]
		budget := qt.budget && date[5:7] >= "08" && date[5:7] <= "11"
		due := addDays(date, 14)
		s := store.SeedQuestion{
			OrganizationID: d.org, TermID: term, Party: party, AskedBy: asker, AskedDate: date, Body: qt.body,
			BudgetWork: budget, Released: budget && released, Owner: d.staff, DueDate: due,
		}
		if answered {
			s.Answer, s.AnsweredBy = qt.answer, d.staff
			s.AnsweredDate = addDays(date, 3+rng.IntN(20)) // some after the due date
			if s.AnsweredDate > today {
				s.AnsweredDate = today
			}
		}
		b.Question(s)
	}
	for day := "2022-10-20"; day < FinishedEnd; day = addDays(day, 5+rng.IntN(5)) {
		party, asker := PartyA, d.oppA
		if rng.IntN(3) == 0 {
			party, asker = PartyB, d.oppB
		}
		ask(d.finished, party, asker, day, rng.IntN(len(questionTexts)), true, rng.IntN(4) == 0)
	}
	// The current term: answered ones, one overdue, one budget-confidential, one not yet assigned.
	for i, day := range []string{"2026-10-22", "2026-10-29", "2026-11-05"} {
		ask(d.current, []string{PartyA, PartyB}[i%2], []int64{d.oppA, d.oppB}[i%2], day, i+3, true, false)
	}
	if addDays(today, -20) > CurrentStart {
		ask(d.current, PartyB, d.oppB, addDays(today, -20), 6, false, false) // overdue: due six days ago
	}
	b.Question(store.SeedQuestion{
		OrganizationID: d.org, TermID: d.current, Party: PartyA, AskedBy: d.oppA, AskedDate: addDays(today, -6),
		Body: questionTexts[1].body, BudgetWork: true, Owner: d.staff, DueDate: addDays(today, 8),
		Answer: questionTexts[1].answer, AnsweredBy: d.staff, AnsweredDate: addDays(today, -1),
	})
	b.Question(store.SeedQuestion{
		OrganizationID: d.org, TermID: d.current, Party: PartyA, AskedBy: d.oppA, AskedDate: today, Body: questionTexts[9].body,
	})
}
