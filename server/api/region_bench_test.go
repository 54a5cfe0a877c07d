package api_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/samspel/samspel/server/apptest"
	"github.com/samspel/samspel/server/demo"
	samspelv1 "github.com/samspel/samspel/server/gen/samspel/v1"
	"github.com/samspel/samspel/server/store"
)

// regionPeople is how many people a large region adds to the demo organisation.
const regionPeople = 1000

// startLargeRegion starts the demo and grows it into what a large region holds after
// years of use: a thousand more people in the current term, each with a role in five
// earlier terms too, every one of them signed in many times over the years (ended and
// expired sessions accumulate, a few live ones), and an audit log of a quarter of a
// million events. The thousand people sign in through invites as real people do; the
// history is written straight into the file, which is much quicker and stores the same
// rows the store would. With REGION_SMALL=1 in the environment it is the demo alone, to
// tell what grows with the region from what does not; with REGION_OPTIMIZE=1 the grown
// file gets SQLite's statistics (PRAGMA optimize=0x10002), to measure what they change.
func startLargeRegion(b testing.TB) *apptest.Server {
	b.Helper()
	s := apptest.Start(b)
	if os.Getenv("REGION_SMALL") != "" {
		return s
	}
	ctx := context.Background()
	exp := time.Now().Add(time.Hour)
	pol := store.SessionPolicy{Idle: time.Hour, Absolute: time.Hour}
	for i := range regionPeople {
		secret := []byte(fmt.Sprintf("bench-invite-%d", i))
		if err := s.Store.CreateInvite(ctx, store.Actor{}, store.Invite{SecretHash: secret, Email: fmt.Sprintf("person%04d@region.example", i),
			Role: store.RoleStaff, OrganizationID: 1, ExpireTime: exp}); err != nil {
			b.Fatal(err)
		}
		if _, err := s.Store.RedeemInvite(ctx, store.Actor{}, secret, fmt.Sprintf("Person %04d", i), store.NewSession{SecretHash: []byte(fmt.Sprintf("bench-session-%d", i))}, pol); err != nil {
			b.Fatal(err)
		}
	}

	db, err := sql.Open("sqlite3", "file:"+filepath.Join(s.DataDir, store.FileName)+"?_busy_timeout=5000&_foreign_keys=on&_txlock=immediate")
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	tx, err := db.Begin()
	if err != nil {
		b.Fatal(err)
	}
	defer tx.Rollback()
	must := func(_ sql.Result, err error) {
		b.Helper()
		if err != nil {
			b.Fatal(err)
		}
	}
	now := time.Now()
	ms := func(t time.Time) int64 { return t.UnixMilli() }
	// Five terms before the demo's, each with everyone in a role.
	var firstPerson int64
	if err := tx.QueryRow(`SELECT min(id) FROM people WHERE email LIKE 'person%@region.example'`).Scan(&firstPerson); err != nil {
		b.Fatal(err)
	}
	for t := range 5 {
		start := 2002 + 4*t
		res, err := tx.Exec(`INSERT INTO terms (organization_id, start_date, end_date) VALUES (1, ?, ?)`,
			fmt.Sprintf("%d-10-15", start), fmt.Sprintf("%d-10-14", start+4))
		if err != nil {
			b.Fatal(err)
		}
		term, _ := res.LastInsertId()
		must(tx.Exec(`
			INSERT INTO role_assignments (person_id, organization_id, term_id, role, start_date, created_at)
			SELECT id, 1, ?, ?, ?, ? FROM people WHERE id >= ?`, term, store.RoleStaff, fmt.Sprintf("%d-10-15", start), ms(now), firstPerson))
	}
	// Thirty sessions a person from the last four years, all ended or expired.
	ins, err := tx.Prepare(`INSERT INTO sessions (secret_hash, person_id, user_agent, method, created_at, last_seen_at, expires_at, ended_at) VALUES (?, ?, 'Mozilla/5.0 (iPhone)', 'passkey', ?, ?, ?, ?)`)
	if err != nil {
		b.Fatal(err)
	}
	rows, err := tx.Query(`SELECT id FROM people`)
	if err != nil {
		b.Fatal(err)
	}
	var people []int64
	for rows.Next() {
		var id int64
		rows.Scan(&id)
		people = append(people, id)
	}
	rows.Close()
	for _, p := range people {
		for k := range 30 {
			created := now.Add(-time.Duration(k+1) * 48 * time.Hour)
			var ended any
			if k%3 == 0 {
				ended = ms(created.Add(time.Hour))
			}
			must(ins.Exec(fmt.Appendf(nil, "old-session-%d-%d", p, k), p, ms(created), ms(created.Add(time.Hour)), ms(created.Add(30*24*time.Hour)), ended))
		}
	}
	ins.Close()
	// A quarter of a million audit events over four years.
	audit, err := tx.Prepare(`INSERT INTO audit_events (created_at, actor_person_id, action, success, subject, client_ip) VALUES (?, ?, 'passkey.sign_in', 1, ?, '192.0.2.1')`)
	if err != nil {
		b.Fatal(err)
	}
	for i := range 250_000 {
		p := people[i%len(people)]
		must(audit.Exec(ms(now.Add(-time.Duration(250_000-i)*8*time.Minute)), p, fmt.Sprintf("person:%d", p)))
	}
	audit.Close()
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
	if os.Getenv("REGION_OPTIMIZE") != "" {
		if _, err := db.Exec(`PRAGMA optimize=0x10002`); err != nil {
			b.Fatal(err)
		}
	}
	return s
}

// BenchmarkRegionScreens times, one RPC at a time over native gRPC, what the app asks
// for on its screens (Idag's sections, the lists, the searches) in a large region after
// years of use (see startLargeRegion): the latency a person feels, less the network.
// A query whose plan grows with the size of the region shows here as a slow line.
func BenchmarkRegionScreens(b *testing.B) {
	s := startLargeRegion(b)
	ctx := context.Background()
	chair := apptest.Bearer(ctx, s.Token(b, demo.Chair.Email))
	admin := apptest.Bearer(ctx, s.Token(b, demo.Admin.Email))
	staffEmail := "person0500@region.example"
	if os.Getenv("REGION_SMALL") != "" {
		staffEmail = demo.Staff.Email
	}
	staff := apptest.Bearer(ctx, s.Token(b, staffEmail))
	const org, finished, current = 1, 1, 2
	auth := samspelv1.NewAuthServiceClient(s.Conn)
	meetings := samspelv1.NewMeetingServiceClient(s.Conn)
	notes := samspelv1.NewNoteServiceClient(s.Conn)
	opposition := samspelv1.NewOppositionServiceClient(s.Conn)
	decisions := samspelv1.NewDecisionFollowUpServiceClient(s.Conn)
	pair := samspelv1.NewPairServiceClient(s.Conn)
	roleSplit := samspelv1.NewRoleSplitServiceClient(s.Conn)
	audit := samspelv1.NewAuditServiceClient(s.Conn)
	sessions := samspelv1.NewSessionServiceClient(s.Conn)
	people := samspelv1.NewPersonServiceClient(s.Conn)
	calls := []struct {
		name string
		call func() error
	}{
		{"GetMe", func() error { _, err := auth.GetMe(chair, &samspelv1.GetMeRequest{}); return err }},
		{"GetMeAsStaff", func() error { _, err := auth.GetMe(staff, &samspelv1.GetMeRequest{}); return err }},
		{"GetPairStatus", func() error {
			_, err := pair.GetPairStatus(chair, &samspelv1.GetPairStatusRequest{OrganizationId: org})
			return err
		}},
		{"GetMeetingOverview", func() error {
			_, err := meetings.GetMeetingOverview(chair, &samspelv1.GetMeetingOverviewRequest{OrganizationId: org})
			return err
		}},
		{"ListDeviations", func() error {
			_, err := pair.ListDeviations(chair, &samspelv1.ListDeviationsRequest{OrganizationId: org, TermId: finished})
			return err
		}},
		{"ListDeviationsAwaitingYou", func() error {
			_, err := pair.ListDeviations(chair, &samspelv1.ListDeviationsRequest{OrganizationId: org, TermId: current, AwaitingYouOnly: true})
			return err
		}},
		{"ListNextCheckInQuickNotes", func() error {
			_, err := notes.ListNextCheckInQuickNotes(chair, &samspelv1.ListNextCheckInQuickNotesRequest{OrganizationId: org})
			return err
		}},
		{"ListAreas", func() error {
			_, err := roleSplit.ListAreas(chair, &samspelv1.ListAreasRequest{OrganizationId: org})
			return err
		}},
		{"ListMeetings", func() error {
			_, err := meetings.ListMeetings(chair, &samspelv1.ListMeetingsRequest{OrganizationId: org})
			return err
		}},
		{"ListActionItemsOpen", func() error {
			_, err := meetings.ListActionItems(chair, &samspelv1.ListActionItemsRequest{OrganizationId: org, OpenOnly: true})
			return err
		}},
		{"ListActionItems", func() error {
			_, err := meetings.ListActionItems(chair, &samspelv1.ListActionItemsRequest{OrganizationId: org})
			return err
		}},
		{"SearchMeetings", func() error {
			_, err := meetings.SearchMeetings(chair, &samspelv1.SearchMeetingsRequest{OrganizationId: org, Query: "budget"})
			return err
		}},
		{"ListQuickNotes", func() error { _, err := notes.ListQuickNotes(chair, &samspelv1.ListQuickNotesRequest{}); return err }},
		{"ListQuickNotesUnsorted", func() error {
			_, err := notes.ListQuickNotes(chair, &samspelv1.ListQuickNotesRequest{UnsortedOnly: true})
			return err
		}},
		{"SearchQuickNotes", func() error {
			_, err := notes.SearchQuickNotes(chair, &samspelv1.SearchQuickNotesRequest{Query: "budget"})
			return err
		}},
		{"PullQuickNoteChanges", func() error {
			_, err := notes.PullQuickNoteChanges(chair, &samspelv1.PullQuickNoteChangesRequest{SinceSequence: 1 << 40})
			return err
		}},
		{"ListBriefings", func() error {
			_, err := opposition.ListBriefings(chair, &samspelv1.ListBriefingsRequest{OrganizationId: org})
			return err
		}},
		{"ListQuestions", func() error {
			_, err := opposition.ListQuestions(chair, &samspelv1.ListQuestionsRequest{OrganizationId: org})
			return err
		}},
		{"ListParityEntriesGaps", func() error {
			_, err := opposition.ListParityEntries(chair, &samspelv1.ListParityEntriesRequest{OrganizationId: org, TermId: current, GapsOnly: true})
			return err
		}},
		{"GetParitySummary", func() error {
			_, err := opposition.GetParitySummary(chair, &samspelv1.GetParitySummaryRequest{OrganizationId: org, TermId: finished})
			return err
		}},
		{"ListPoliticalDecisionsOpen", func() error {
			_, err := decisions.ListPoliticalDecisions(chair, &samspelv1.ListPoliticalDecisionsRequest{OrganizationId: org, TermId: finished, OpenOnly: true})
			return err
		}},
		{"SummarizePoliticalDecisions", func() error {
			_, err := decisions.SummarizePoliticalDecisions(chair, &samspelv1.SummarizePoliticalDecisionsRequest{OrganizationId: org, TermId: finished})
			return err
		}},
		{"ListSessions", func() error { _, err := sessions.ListSessions(chair, &samspelv1.ListSessionsRequest{}); return err }},
		{"ListPeople", func() error {
			_, err := people.ListPeople(staff, &samspelv1.ListPeopleRequest{OrganizationId: org})
			return err
		}},
		{"ListRoleAssignments", func() error {
			_, err := people.ListRoleAssignments(admin, &samspelv1.ListRoleAssignmentsRequest{OrganizationId: org, TermId: current})
			return err
		}},
		{"ListAuditEvents", func() error { _, err := audit.ListAuditEvents(admin, &samspelv1.ListAuditEventsRequest{}); return err }},
	}
	for _, c := range calls {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if err := c.call(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
