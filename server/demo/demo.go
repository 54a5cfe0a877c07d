// Package demo seeds "Exempelstads kommun": a finished term with a director change
// halfway and the current term, with one person for every role. Seeding is one
// transaction and happens only once, so running it again changes nothing.
package demo

import (
	"context"

	"github.com/samspel/samspel/server/store"
)

// OrganizationName is the demo organisation's name.
const OrganizationName = "Exempelstads kommun"

// Demo people. The e-mail addresses are a contract: README and tests sign in with them.
var (
	Admin       = store.DemoPerson{Email: "admin@exempelstad.example", Name: "Alex Admin", Admin: true}
	Chair       = store.DemoPerson{Email: "ordforande@exempelstad.example", Name: "Anna Lindqvist"}
	Director    = store.DemoPerson{Email: "direktor@exempelstad.example", Name: "Maria Ek"}
	OldDirector = store.DemoPerson{Email: "tidigare.direktor@exempelstad.example", Name: "Lars Holm"}
	Vice        = store.DemoPerson{Email: "vice@exempelstad.example", Name: "Per Sandberg"}
	Opposition  = store.DemoPerson{Email: "opposition@exempelstad.example", Name: "Sara Nilsson"}
	Opposition2 = store.DemoPerson{Email: "opposition2@exempelstad.example", Name: "Johan Berg"}
	Staff       = store.DemoPerson{Email: "kansli@exempelstad.example", Name: "Eva Kansli"}
)

// Party names of the demo's two opposition parties.
const (
	PartyA = "Socialdemokraterna"
	PartyB = "Vänsterpartiet"
)

// Terms of the demo organisation.
const (
	FinishedStart = "2022-10-15"
	FinishedEnd   = "2026-10-14"
	CurrentStart  = "2026-10-15"
	CurrentEnd    = "2030-10-14"
	// DirectorChange is the first day of the new director, halfway through the finished term.
	DirectorChange = "2024-09-01"
	oldDirectorEnd = "2024-08-31"
)

// Seed creates the demo organisation unless it exists. It reports whether it seeded.
func Seed(ctx context.Context, st *store.Store) (bool, error) {
	return st.SeedOnce(ctx, OrganizationName, func(b *store.Seeder) error {
		org := b.Organization(1, OrganizationName) // 1 = ORGANIZATION_KIND_KOMMUN
		finished := b.Term(org, FinishedStart, FinishedEnd)
		current := b.Term(org, CurrentStart, CurrentEnd)
		people := map[string]int64{}
		for _, p := range []store.DemoPerson{Admin, Chair, Director, OldDirector, Vice, Opposition, Opposition2, Staff} {
			people[p.Email] = b.Person(p)
		}
		for _, t := range []struct {
			term int64
			from string
		}{{finished, FinishedStart}, {current, CurrentStart}} {
			b.Role(people[Chair.Email], org, t.term, store.RoleChair, "", t.from, "")
			b.Role(people[Vice.Email], org, t.term, 3, "", t.from, "")
			b.Role(people[Opposition.Email], org, t.term, store.RoleOpposition, PartyA, t.from, "")
			b.Role(people[Opposition2.Email], org, t.term, store.RoleOpposition, PartyB, t.from, "")
			b.Role(people[Staff.Email], org, t.term, 5, "", t.from, "")
		}
		b.Role(people[OldDirector.Email], org, finished, store.RoleDirector, "", FinishedStart, oldDirectorEnd)
		b.Role(people[Director.Email], org, finished, store.RoleDirector, "", DirectorChange, "")
		b.Role(people[Director.Email], org, current, store.RoleDirector, "", CurrentStart, "")
		seedMeetings(b, ids{org: org, finished: finished, current: current, chair: people[Chair.Email],
			director: people[Director.Email], oldDirector: people[OldDirector.Email], vice: people[Vice.Email], staff: people[Staff.Email]})
		seedRoleSplit(b, pair{org: org, finished: finished, current: current,
			chair: people[Chair.Email], oldDirector: people[OldDirector.Email], director: people[Director.Email], staff: people[Staff.Email]})
		seedNotes(b, org, finished, current, people)
		seedOpposition(b, oppIDs{ids: ids{org: org, finished: finished, current: current, chair: people[Chair.Email],
			director: people[Director.Email], oldDirector: people[OldDirector.Email], vice: people[Vice.Email], staff: people[Staff.Email]},
			oppA: people[Opposition.Email], oppB: people[Opposition2.Email]})
		return nil
	})
}
