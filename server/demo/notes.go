package demo

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/samspel/samspel/server/store"
)

// Quick notes of the demo: the chair and the directors jot something down most working
// days, mostly private, some shared with the other party, a few written by the chair in
// the party role. Everything comes from a fixed seed, so every run seeds the same notes.

// noteAuthor is someone who writes notes in a stretch of time, and who their
// counterpart is then.
type noteAuthor struct {
	id, counterpart int64
	role            int32
	from, to        string // YYYY-MM-DD, both included
	perDay          float64
}

// noteTerm is a term and the authors writing in it.
type noteTerm struct {
	id      int64
	authors []noteAuthor
	// unsorted is how many of the term's last notes still wait in the inbox.
	unsorted int
}

// CurrentNotesUntil is the last day of the current term that the demo holds notes for.
const CurrentNotesUntil = "2026-11-24"

func seedNotes(b *store.Seeder, org int64, finished, current int64, people map[string]int64) {
	chair, oldDir, dir := people[Chair.Email], people[OldDirector.Email], people[Director.Email]
	r := rand.New(rand.NewPCG(2022, 1015))
	terms := []noteTerm{
		{id: finished, authors: []noteAuthor{
			{id: chair, counterpart: oldDir, role: store.RoleChair, from: FinishedStart, to: oldDirectorEnd, perDay: 1.4},
			{id: chair, counterpart: dir, role: store.RoleChair, from: DirectorChange, to: FinishedEnd, perDay: 1.4},
			{id: oldDir, counterpart: chair, role: store.RoleDirector, from: FinishedStart, to: oldDirectorEnd, perDay: 1.1},
			{id: dir, counterpart: chair, role: store.RoleDirector, from: DirectorChange, to: FinishedEnd, perDay: 1.2},
		}},
		{id: current, unsorted: 5, authors: []noteAuthor{
			{id: chair, counterpart: dir, role: store.RoleChair, from: CurrentStart, to: CurrentNotesUntil, perDay: 1.4},
			{id: dir, counterpart: chair, role: store.RoleDirector, from: CurrentStart, to: CurrentNotesUntil, perDay: 1.2},
		}},
	}
	// A note flagged for the next check-in was raised there: only the notes of the last
	// week before the demo's end still wait to be put on a check-in's agenda.
	raisedBefore, _ := time.ParseInLocation(time.DateOnly, CurrentNotesUntil, stockholm)
	raisedBefore = raisedBefore.AddDate(0, 0, -7)
	for _, t := range terms {
		var notes []store.SeedQuickNote
		for _, a := range t.authors {
			notes = append(notes, authorNotes(r, org, t.id, a)...)
		}
		sortByTime(notes)
		for i := range notes {
			n := &notes[i]
			if n.RaiseAtNextCheckIn && n.Written.Before(raisedBefore) {
				n.RaiseAtNextCheckIn = false
			}
			if i >= len(notes)-t.unsorted && n.SharedWith == 0 && !n.RaiseAtNextCheckIn {
				n.Sorted = false
			}
			b.QuickNote(*n)
		}
	}
}

func authorNotes(r *rand.Rand, org, term int64, a noteAuthor) []store.SeedQuickNote {
	var out []store.SeedQuickNote
	from, _ := time.ParseInLocation(time.DateOnly, a.from, stockholm)
	to, _ := time.ParseInLocation(time.DateOnly, a.to, stockholm)
	for day := from; !day.After(to); day = day.AddDate(0, 0, 1) {
		if wd := day.Weekday(); wd == time.Saturday || wd == time.Sunday || day.Month() == time.July {
			continue
		}
		for range poisson(r, a.perDay) {
			at := day.Add(7*time.Hour + 30*time.Minute + time.Duration(r.IntN(11*60))*time.Minute + time.Duration(r.IntN(60))*time.Second)
			out = append(out, demoNote(r, org, term, a, at))
		}
	}
	return out
}

func demoNote(r *rand.Rand, org, term int64, a noteAuthor, at time.Time) store.SeedQuickNote {
	var random [10]byte
	for i := range random {
		random[i] = byte(r.Uint32())
	}
	topic := pickOne(r, noteTopics)
	n := store.SeedQuickNote{
		ID: store.NoteIDAt(at, random), AuthorID: a.id, AuthorRole: a.role, OrganizationID: org, TermID: term,
		Written: at.UTC(), Sorted: true, Tag: topic.tag,
	}
	lines := chairLines
	if a.role == store.RoleDirector {
		lines = directorLines
	}
	with, line := pickOne(r, contacts), pickOne(r, lines)
	n.Body = fill(line, topic.name, with, pickOne(r, followUps))
	if strings.Contains(line, "{with}") && r.IntN(2) == 0 {
		n.WithText = with
	}
	switch x := r.IntN(100); {
	case x < 12:
		n.SharedWith = a.counterpart
		if r.IntN(8) == 0 {
			n.Earlier = []string{strings.Replace(n.Body, topic.name, topic.name+" (utkast)", 1)}
		}
	case x < 15 && a.role == store.RoleChair:
		n.PartyRole = true
		n.Tag = "parti"
		n.Body = fill(pickOne(r, partyLines), topic.name, with, pickOne(r, followUps))
	case x < 20:
		n.RaiseAtNextCheckIn = true
	}
	return n
}

func fill(line, topic, with, follow string) string {
	s := strings.TrimSpace(strings.NewReplacer("{topic}", topic, "{with}", with, "{follow}", follow).Replace(line))
	first, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(first)) + s[size:]
}

func pickOne[T any](r *rand.Rand, list []T) T { return list[r.IntN(len(list))] }

// poisson draws how many notes someone writes on a day with mean m.
func poisson(r *rand.Rand, m float64) int {
	n := 0
	for p := r.ExpFloat64(); p < m; p += r.ExpFloat64() {
		n++
	}
	return n
}

// sortByTime puts notes in the order they were written, which becomes their sequence.
func sortByTime(notes []store.SeedQuickNote) {
	slices.SortFunc(notes, func(a, b store.SeedQuickNote) int {
		return cmp.Or(a.Written.Compare(b.Written), strings.Compare(a.ID, b.ID))
	})
}

type noteTopic struct{ name, tag string }

var noteTopics = []noteTopic{
	{"budgeten för nästa år", "budget"}, {"ekonomiska prognosen", "budget"}, {"konsultkostnaderna", "budget"},
	{"skolskjutsarna", "skola"}, {"förskolan i Västra", "skola"}, {"rektorstjänsten på Ängsskolan", "skola"},
	{"äldreboendet Solbacken", "omsorg"}, {"hemtjänstens scheman", "omsorg"}, {"LSS-boendet", "omsorg"},
	{"detaljplanen för Norra hamnen", "plan"}, {"bygglovet för idrottshallen", "plan"}, {"cykelbanan längs ån", "plan"},
	{"snöröjningen", "teknik"}, {"vattenledningen på Storgatan", "teknik"}, {"snökanonerna i parken", "teknik"},
	{"krisberedskapen", "kris"}, {"stormen i helgen", "kris"}, {"elavbrottet i Östra", "kris"},
	{"rekryteringen av socialchef", "personal"}, {"lönerevisionen", "personal"}, {"sjuktalen i hemtjänsten", "personal"},
	{"oppositionens fråga om konsulterna", "opposition"}, {"dragningen för oppositionen", "opposition"},
	{"medborgardialogen", ""}, {"bibliotekets öppettider", ""}, {"busslinjen till industriområdet", ""},
	{"årsredovisningen", "budget"}, {"instruktionen för direktören", "samspel"}, {"måndagsavstämningen", "samspel"},
}

var contacts = []string{
	"Lars på gatukontoret", "Karin, utbildningschef", "räddningstjänsten", "ekonomichefen", "kanslichefen",
	"oppositionsrådet", "lokaltidningen", "rektorn på Ängsskolan", "fastighetschefen", "ordföranden i socialnämnden",
	"Kommunal", "grannkommunens ordförande", "länsstyrelsen", "en medborgare i foajén",
}

var chairLines = []string{
	"Pratade med {with} i korridoren om {topic}. {follow}",
	"{with} ringde om {topic}. {follow}",
	"Sms från {with}: {topic} drar ut på tiden. {follow}",
	"Inför KSAU: {topic}. Vill ha en kort dragning av förvaltningen.",
	"Ta upp med direktören: {topic}. {follow}",
	"Efter mötet med {with}: vi är överens om {topic}, men inte om tidplanen.",
	"Fråga om {topic} från {with}. {follow}",
	"Nej till nya snökanoner. Sagt till {with} efter mötet om {topic}.",
}

var directorLines = []string{
	"{with} flaggar för problem med {topic}. {follow}",
	"Besked till {with} om {topic}: vi väntar på politikens beslut.",
	"Uppföljning av {topic}: förvaltningen ligger efter. {follow}",
	"Ordföranden frågade om {topic} i trappan. {follow}",
	"Tjänsteskrivelse om {topic} behövs före nästa KS. {follow}",
	"Oppositionen ska få samma underlag om {topic}. {follow}",
	"Kort samtal med {with} om {topic}. {follow}",
}

var partyLines = []string{
	"Gruppmötet: partiet vill driva {topic} hårdare före valet.",
	"Partistyrelsen frågar om {topic}. Svara efter gruppmötet.",
	"Kampanjidé om {topic} – ta med till medlemsmötet.",
}

var followUps = []string{
	"Vill ha svar före fredag.", "Förvaltningen återkommer med en kalkyl.", "Inget beslut, vi tar det på måndag.",
	"Viktigt att oppositionen får samma information.", "Kolla med kanslichefen vad som gäller.",
	"Skriv ner vem som gör vad.", "Låter dyrt – be om underlag.", "Bra läge att informera KS.",
	"Återkoppla inom en vecka.", "Behöver ett skriftligt underlag.", "",
}
