package api

import (
	samspelv1 "github.com/samspel/samspel/server/gen/samspel/v1"
	"github.com/samspel/samspel/server/store"
)

func organizationToProto(o store.Organization) *samspelv1.Organization {
	return &samspelv1.Organization{Id: o.ID, Kind: samspelv1.OrganizationKind(o.Kind), Name: o.Name}
}

func termToProto(t store.Term) *samspelv1.Term {
	return &samspelv1.Term{Id: t.ID, OrganizationId: t.OrganizationID, StartDate: t.StartDate, EndDate: t.EndDate, Current: t.Current}
}

func personToProto(p store.Person) *samspelv1.Person {
	return &samspelv1.Person{Id: p.ID, DisplayName: p.DisplayName, Email: p.Email, Disabled: p.Disabled}
}

func roleAssignmentToProto(ra store.RoleAssignment) *samspelv1.RoleAssignment {
	return &samspelv1.RoleAssignment{
		Id:             ra.ID,
		Person:         personToProto(ra.Person),
		OrganizationId: ra.OrganizationID,
		TermId:         ra.TermID,
		Role:           samspelv1.Role(ra.Role),
		Party:          ra.Party,
		StartDate:      ra.StartDate,
		EndDate:        ra.EndDate,
	}
}

func page(size int32, token string) store.Page {
	return store.Page{Size: int(size), Token: token}
}
