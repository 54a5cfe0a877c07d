package api_test

import (
	"context"
	"testing"

	"github.com/samspel/samspel/server/apptest"
	"github.com/samspel/samspel/server/demo"
	samspelv1 "github.com/samspel/samspel/server/gen/samspel/v1"
)

// TestWhatTheAdministratorsScreensRead checks the fields the administrator's screens in
// the app rely on: one person's role history, whether a person is disabled, and the
// name of who acted in the audit log.
func TestWhatTheAdministratorsScreensRead(t *testing.T) {
	s := apptest.Start(t)
	ctx := context.Background()
	admin := apptest.Bearer(ctx, s.Token(t, demo.Admin.Email))
	people := samspelv1.NewPersonServiceClient(s.Conn)
	director, err := s.Store.PersonByEmail(ctx, demo.Director.Email)
	if err != nil {
		t.Fatal(err)
	}
	staff, err := s.Store.PersonByEmail(ctx, demo.Staff.Email)
	if err != nil {
		t.Fatal(err)
	}

	t.Run("person_id narrows the role assignments to one person's", func(t *testing.T) {
		all := must(people.ListRoleAssignments(admin, &samspelv1.ListRoleAssignmentsRequest{OrganizationId: 1, PageSize: 500}))(t)
		mine := must(people.ListRoleAssignments(admin, &samspelv1.ListRoleAssignmentsRequest{OrganizationId: 1, PersonId: director.ID, PageSize: 500}))(t)
		if len(mine.RoleAssignments) == 0 || len(mine.RoleAssignments) >= len(all.RoleAssignments) {
			t.Fatalf("the director has %d of the term's %d assignments", len(mine.RoleAssignments), len(all.RoleAssignments))
		}
		for _, ra := range mine.RoleAssignments {
			if ra.GetPerson().GetId() != director.ID {
				t.Errorf("assignment %d is %s's", ra.Id, ra.GetPerson().GetDisplayName())
			}
		}
		none := must(people.ListRoleAssignments(admin, &samspelv1.ListRoleAssignmentsRequest{OrganizationId: 1, PersonId: 1 << 40}))(t)
		if len(none.RoleAssignments) != 0 {
			t.Errorf("an unknown person has %d assignments", len(none.RoleAssignments))
		}
	})

	must(people.DisablePerson(admin, &samspelv1.DisablePersonRequest{PersonId: staff.ID}))(t)

	t.Run("a disabled person is marked so in ListPeople", func(t *testing.T) {
		list := must(people.ListPeople(admin, &samspelv1.ListPeopleRequest{OrganizationId: 1, PageSize: 500}))(t)
		seen := 0
		for _, p := range list.People {
			if p.Disabled != (p.Id == staff.ID) {
				t.Errorf("%s: disabled = %v", p.DisplayName, p.Disabled)
			}
			if p.Id == staff.ID {
				seen++
			}
		}
		if seen != 1 {
			t.Errorf("the disabled person is listed %d times", seen)
		}
	})
	t.Run("the audit log names who acted", func(t *testing.T) {
		events := must(samspelv1.NewAuditServiceClient(s.Conn).ListAuditEvents(admin, &samspelv1.ListAuditEventsRequest{PageSize: 5}))(t)
		if len(events.AuditEvents) == 0 {
			t.Fatal("the audit log is empty")
		}
		e := events.AuditEvents[0]
		if e.Action != "person.disable" || e.ActorDisplayName != demo.Admin.Name {
			t.Errorf("the newest event is %s by %q; want person.disable by %q", e.Action, e.ActorDisplayName, demo.Admin.Name)
		}
	})
}
