package demo

import (
	"math/rand/v2"
	"time"

	"github.com/samspel/samspel/server/store"
)

// Meeting content of the demo. The finished term has four years of Monday check-ins
// (some cancelled for holidays, some silently missed), two reflection talks a year, the
// director change of 2024-09-01 and a few hundred followed-up decisions of the board and
// the council. The current term has its check-ins and the majority's beredning up to the
// day of seeding, with the last check-in missed, so the start screen has something to say.
//
// Everything comes from a fixed-seed generator: the same day of seeding gives the same demo.

// Demo meeting titles and places; tests look for them.
const (
	CheckInTitle    = "Måndagsavstämning"
	CheckInPlace    = "Ordförandens rum"
	BeredningTitle  = "Kommunalrådsberedning"
	ReflectionTitle = "Reflektionssamtal"
)

// ids are the demo rows the meeting content hangs off.
type ids struct {
	org, finished, current                    int64
	chair, director, oldDirector, vice, staff int64
}

// directorOn is who was director on a day.
func (d ids) directorOn(day string) int64 {
	if day < DirectorChange {
		return d.oldDirector
	}
	return d.director
}

func (d ids) person(w who, day string) int64 {
	switch w {
	case byChair:
		return d.chair
	case byDirector:
		return d.directorOn(day)
	}
	return 0
}

func seedMeetings(b *store.Seeder, d ids) {
	rng := rand.New(rand.NewPCG(2022, 1015))
	today := b.Today()

	// The finished term's Monday check-ins, from the first Monday of the term.
	_, finished := b.Series(store.SeedSeries{
		OrganizationID: d.org, TermID: d.finished, Kind: store.KindAvstamning,
		Title: CheckInTitle, Place: CheckInPlace, StartTime: "08:00", DurationMinutes: 60, IntervalWeeks: 1,
		StartDate: "2022-10-17", EndDate: FinishedEnd, CreatedBy: d.chair,
	})
	checkIns(b, rng, d, finished, FinishedEnd, true)

	// The current term: the kansli takes notes at the check-ins from now on.
	_, current := b.Series(store.SeedSeries{
		OrganizationID: d.org, TermID: d.current, Kind: store.KindAvstamning,
		Title: CheckInTitle, Place: CheckInPlace, StartTime: "08:00", DurationMinutes: 60, IntervalWeeks: 1,
		StartDate: "2026-10-19", EndDate: CurrentEnd, Participants: []int64{d.staff}, CreatedBy: d.chair,
	})
	checkIns(b, rng, d, current, today, false)

	_, beredning := b.Series(store.SeedSeries{
		OrganizationID: d.org, TermID: d.current, Kind: store.KindBeredning,
		Title: BeredningTitle, Place: "Sammanträdesrum Ekbacken", StartTime: "09:30", DurationMinutes: 60, IntervalWeeks: 1,
		StartDate: "2026-10-19", EndDate: CurrentEnd, Participants: []int64{d.chair, d.director, d.vice, d.staff}, CreatedBy: d.chair,
	})
	for _, m := range beredning {
		if m.Date >= today {
			break
		}
		b.Hold(m, d.chair)
		item := b.AgendaItem(m, "Ärenden inför kommunstyrelsen", "", d.staff, store.At(m.Date, "08:00")-3*day)
		b.Note(m, item, d.staff, "Genomgång av ärendelistan. Inga ärenden behöver återremitteras.", false)
		b.CloseItem(item, m, d.chair)
		b.Finalize(m, d.chair, store.At(m.Date, "15:00"))
	}

	reflectionTalks(b, rng, d, today)
	politicalDecisions(b, rng, d, today)
}

const day = 24 * 3600 * 1000 // a day in milliseconds

// openItem is an agenda item left open, to be closed at meeting closeAt.
type openItem struct {
	id      int64
	closeAt int
}

// checkIns fills the meetings of a check-in series up to (not including) until: held with
// an agenda, notes, decisions and action items, cancelled on holidays, or missed. In the
// current term (finished false) the last meeting before until is missed, and the next
// one already has items on its agenda.
func checkIns(b *store.Seeder, rng *rand.Rand, d ids, meetings []store.SeedMeeting, until string, finished bool) {
	var open []openItem
	corrected := false
	lastPast := -1
	for i, m := range meetings {
		if m.Date < until {
			lastPast = i
		}
	}
	for i, m := range meetings {
		if m.Date >= until {
			if !finished {
				b.AgendaItem(m, "Budgetdialogen med nämnderna", "Tidplan och vilka nämnder som behöver extra dialog.", d.chair, store.At(until, "07:30"))
				b.AgendaItem(m, "Lägesbild: rekryteringen av socialchef", "", d.director, store.At(until, "07:45"))
			}
			break
		}
		if reason := holiday(m.Date); reason != "" {
			b.Cancel(m, d.chair, reason)
			continue
		}
		if (finished && rng.IntN(100) < 4) || (!finished && i == lastPast) {
			continue // nobody held it, nobody cancelled it: missed
		}
		dir := d.directorOn(m.Date)
		b.Hold(m, d.chair)
		// Items carried over from earlier weeks come back and are closed.
		kept := open[:0]
		for _, it := range open {
			if it.closeAt > i {
				kept = append(kept, it)
				continue
			}
			b.Note(m, it.id, pick(rng, d.chair, dir), carriedNotes[rng.IntN(len(carriedNotes))], false)
			b.CloseItem(it.id, m, d.chair)
		}
		open = kept
		for range 2 + rng.IntN(3) {
			t := topics[rng.IntN(len(topics))]
			addedBy := pick(rng, d.chair, dir)
			item := b.AgendaItem(m, t.title, t.description, addedBy, store.At(m.Date, "07:00")-int64(1+rng.IntN(5))*day)
			b.Note(m, item, pick(rng, d.chair, dir), t.note, false)
			if t.decision != "" && rng.IntN(100) < 60 {
				id := b.Decision(m, item, t.decision, d.person(t.takenBy, m.Date), pick(rng, d.chair, dir))
				if finished && !corrected && t.title == snowCannons {
					// One finalised record was corrected afterwards; its history shows it.
					b.Revision(m, "decision", id, "Inga snökanoner köps in.", "Förtydligande: vem som sa nej och varför.", dir, store.At(m.Date, "16:00")+3*day)
					corrected = true
				}
			}
			if t.action != "" && rng.IntN(100) < 60 {
				owner := d.person(t.owner, m.Date)
				if owner == 0 {
					owner = dir
				}
				action(b, rng, m, item, t.action, owner, dir, until, finished)
			}
			if rng.IntN(100) < 20 {
				open = append(open, openItem{id: item, closeAt: i + 1 + rng.IntN(3)})
			} else {
				b.CloseItem(item, m, d.chair)
			}
		}
		if rng.IntN(100) < 30 {
			b.Note(m, 0, dir, "Ordföranden och direktören stämde av veckans kalendrar och vem som företräder kommunen var.", false)
		}
		if rng.IntN(100) < 15 {
			b.Note(m, 0, d.chair, "Egen påminnelse: ring gruppledarna före fullmäktige.", true)
		}
		if finished || i < lastPast-1 {
			b.Finalize(m, dir, store.At(m.Date, "16:00")+day)
		}
	}
	if finished {
		// What was still open when the term ended is closed with it.
		last := meetings[len(meetings)-1]
		for _, it := range open {
			b.CloseItem(it.id, last, d.chair)
		}
	}
}

// action writes down an action item with a due date one to four weeks on. In a finished
// term every action was done (a few late) or cancelled; in the current term those not
// yet done by today are open, and some past their due date were simply forgotten.
func action(b *store.Seeder, rng *rand.Rand, m store.SeedMeeting, item int64, text string, owner, recorder int64, until string, finished bool) {
	due := addDays(m.Date, 7*(1+rng.IntN(4)))
	doneOn := addDays(due, rng.IntN(10)-6)
	status := int32(store.ActionDone)
	if rng.IntN(100) < 5 {
		status = store.ActionCancelled
	}
	forgotten := !finished && due < until && rng.IntN(100) < 35
	if doneOn >= until || doneOn < m.Date || forgotten {
		if finished {
			doneOn = min(until, max(doneOn, m.Date))
		} else {
			b.Action(m, item, text, owner, due, store.ActionOpen, "", recorder)
			return
		}
	}
	b.Action(m, item, text, owner, due, status, doneOn, recorder)
}

func pick(rng *rand.Rand, a, b int64) int64 {
	if rng.IntN(2) == 0 {
		return a
	}
	return b
}

// holiday names why a Monday's check-in is cancelled, or is empty.
func holiday(date string) string {
	md := date[5:]
	switch {
	case md >= "07-01" && md <= "07-31":
		return "Semester"
	case md >= "12-22" || md <= "01-06":
		return "Jul- och nyårsledighet"
	}
	switch date {
	case "2023-04-10", "2024-04-01", "2025-04-21", "2026-04-06":
		return "Annandag påsk"
	}
	return ""
}

func addDays(date string, n int) string {
	t, err := time.Parse(time.DateOnly, date)
	if err != nil {
		return date
	}
	return t.AddDate(0, 0, n).Format(time.DateOnly)
}

// reflectionTalks seeds two talks a year in the finished term, each a single meeting of
// its own, and one ahead in the current term. The outgoing director kept the last two
// talks' answers to himself.
func reflectionTalks(b *store.Seeder, rng *rand.Rand, d ids, today string) {
	dates := []string{"2023-01-23", "2023-08-21", "2024-01-22", "2024-08-19", "2025-01-27", "2025-08-18", "2026-01-26", "2026-08-17", "2027-01-25"}
	for _, date := range dates {
		term := d.finished
		if date >= CurrentStart {
			term = d.current
		}
		_, ms := b.Series(store.SeedSeries{
			OrganizationID: d.org, TermID: term, Kind: store.KindReflektion, Title: ReflectionTitle,
			Place: "Konferensrummet Utsikten", StartTime: "13:00", DurationMinutes: 120, StartDate: date, EndDate: date, CreatedBy: d.chair,
		})
		m := ms[0]
		if date >= today {
			continue
		}
		dir := d.directorOn(date)
		b.Hold(m, d.chair)
		for q := range 5 {
			b.ReflectionAnswer(m, d.chair, int32(q+1), chairAnswers[q][rng.IntN(len(chairAnswers[q]))])
			b.ReflectionAnswer(m, dir, int32(q+1), directorAnswers[q][rng.IntN(len(directorAnswers[q]))])
		}
		b.ReflectionSubmit(m, d.chair, true)
		b.ReflectionSubmit(m, dir, !(dir == d.oldDirector && date >= "2023-08-01"))
	}
}

// politicalDecisions seeds the decisions of the board (KS, second Tuesday of the month)
// and the council (KF, last Monday), except in July, with status reports from the
// administration.
func politicalDecisions(b *store.Seeder, rng *rand.Rand, d ids, today string) {
	paragraph := map[string]int32{}
	for month := time.Date(2022, 11, 1, 0, 0, 0, 0, time.UTC); month.Format(time.DateOnly) < today; month = month.AddDate(0, 1, 0) {
		if month.Month() == time.July {
			continue
		}
		for _, body := range []string{"KS", "KF"} {
			date := meetingDay(month, body)
			if date >= today {
				continue
			}
			term := d.finished
			termEnd := FinishedEnd
			if date >= CurrentStart {
				term, termEnd = d.current, CurrentEnd
			}
			year := body + date[:4] // paragraphs are numbered per body and year
			n := 3 + rng.IntN(3)
			if body == "KF" {
				n = 1 + rng.IntN(3)
			}
			for range n {
				paragraph[year] += int32(2 + rng.IntN(9))
				expected := addDays(date, 30*(3+rng.IntN(16)))
				responsible := d.directorOn(expected)
				if rng.IntN(100) < 30 {
					responsible = d.staff
				}
				id := b.PoliticalDecision(store.SeedPoliticalDecision{
					OrganizationID: d.org, TermID: term, Body: body, DecisionDate: date, Paragraph: paragraph[year],
					Title: decisionTitles[rng.IntN(len(decisionTitles))], Responsible: responsible, ExpectedDate: expected,
					CreatedBy: d.staff,
				})
				report(b, rng, id, date, expected, min(today, termEnd), d.directorOn)
			}
		}
	}
}

// report moves a decision along: in progress some weeks after it was made, then done
// (mostly on time), cancelled or still going by the end.
func report(b *store.Seeder, rng *rand.Rand, id int64, date, expected, until string, director func(string) int64) {
	started := addDays(date, 14+rng.IntN(60))
	if started >= until {
		return
	}
	b.Report(id, store.DecisionInProgress, comment(rng, store.DecisionInProgress), director(started), started)
	r := rng.IntN(100)
	finished := addDays(expected, rng.IntN(90)-60)
	switch {
	case finished >= until:
		return
	case r < 8:
		b.Report(id, store.DecisionCancelled, comment(rng, store.DecisionCancelled), director(finished), max(finished, started))
	case r < 85:
		b.Report(id, store.DecisionDone, comment(rng, store.DecisionDone), director(finished), max(finished, started))
	}
}

func comment(rng *rand.Rand, status int32) string {
	cs := reportComments[status]
	return cs[rng.IntN(len(cs))]
}

// meetingDay is the day a body meets in a month: KS the second Tuesday, KF the last Monday.
func meetingDay(month time.Time, body string) string {
	if body == "KS" {
		t := month
		for t.Weekday() != time.Tuesday {
			t = t.AddDate(0, 0, 1)
		}
		return t.AddDate(0, 0, 7).Format(time.DateOnly)
	}
	t := month.AddDate(0, 1, -1)
	for t.Weekday() != time.Monday {
		t = t.AddDate(0, 0, -1)
	}
	return t.Format(time.DateOnly)
}
