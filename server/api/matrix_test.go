package api_test

import (
	"context"
	"testing"
	"time"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/fieldmaskpb"

	"github.com/samspel/samspel/server/apptest"
	"github.com/samspel/samspel/server/demo"
	samspelv1 "github.com/samspel/samspel/server/gen/samspel/v1"
	"github.com/samspel/samspel/server/store"
)

// caller is one column of the matrix: who calls.
type caller struct {
	name  string
	email string // empty: no credentials
	bogus bool   // a made-up bearer token
}

var callers = []caller{
	{name: "nobody"},
	{name: "a bogus token", bogus: true},
	{name: "the chair", email: demo.Chair.Email},
	{name: "the director", email: demo.Director.Email},
	{name: "a majority politician", email: demo.Vice.Email},
	{name: "an opposition politician", email: demo.Opposition.Email},
	{name: "staff", email: demo.Staff.Email},
	{name: "the administrator", email: demo.Admin.Email},
	{name: "the chair of another organisation", email: outsiderEmail},
}

const outsiderEmail = "ordforande@annanstad.example"

// Shorthands for a row's expectations.
var (
	members    = []string{demo.Chair.Email, demo.Director.Email, demo.Vice.Email, demo.Opposition.Email, demo.Staff.Email, demo.Admin.Email}
	signedIn   = append(append([]string{}, members...), outsiderEmail)
	onlyAdmin  = []string{demo.Admin.Email}
	hiddenFrom = []string{outsiderEmail} // NotFound: they may not know the organisation exists
	// Quick notes are the pair's: the chair and director, here and in other organisations.
	pairs = []string{demo.Chair.Email, demo.Director.Email, outsiderEmail}
	// A private note of the chair is NotFound for the rest of the pairs.
	author    = []string{demo.Chair.Email}
	notAuthor = []string{demo.Director.Email, outsiderEmail}
)

// TestPolicyMatrix calls every RPC as every kind of caller and checks the outcome:
// UNAUTHENTICATED without valid credentials, PERMISSION_DENIED for a role the policy
// does not admit, NOT_FOUND for what the caller may not know exists, OK otherwise.
func TestPolicyMatrix(t *testing.T) {
	s := apptest.Start(t)
	ctx := context.Background()
	other := seedOtherOrganization(t, s)
	staffRole := liveStaffAssignment(t, s)
	notes := seedMatrixNotes(t, s)

	rows := []struct {
		method  string
		req     proto.Message
		reqFor  func(email string) proto.Message // when set, each caller sends its own request
		resp    proto.Message
		allowed []string // OK
		hidden  []string // NOT_FOUND; all other signed-in callers get PERMISSION_DENIED
		public  bool
	}{
		{method: samspelv1.AuthService_RedeemInvite_FullMethodName, req: &samspelv1.RedeemInviteRequest{Token: "si_" + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}, resp: &samspelv1.RedeemInviteResponse{}, public: true},
		{method: samspelv1.AuthService_GetMe_FullMethodName, req: &samspelv1.GetMeRequest{}, resp: &samspelv1.GetMeResponse{}, allowed: signedIn},
		{method: samspelv1.AuthService_SignOut_FullMethodName, req: &samspelv1.SignOutRequest{}, resp: &samspelv1.SignOutResponse{}, allowed: signedIn},
		{method: samspelv1.OrganizationService_ListOrganizations_FullMethodName, req: &samspelv1.ListOrganizationsRequest{}, resp: &samspelv1.ListOrganizationsResponse{}, allowed: signedIn},
		{method: samspelv1.OrganizationService_GetOrganization_FullMethodName, req: &samspelv1.GetOrganizationRequest{Id: 1}, resp: &samspelv1.GetOrganizationResponse{}, allowed: members, hidden: hiddenFrom},
		{method: samspelv1.OrganizationService_CreateOrganization_FullMethodName, req: &samspelv1.CreateOrganizationRequest{Kind: samspelv1.OrganizationKind_ORGANIZATION_KIND_REGION, Name: "Region Exempel"}, resp: &samspelv1.CreateOrganizationResponse{}, allowed: onlyAdmin},
		{method: samspelv1.TermService_ListTerms_FullMethodName, req: &samspelv1.ListTermsRequest{OrganizationId: 1}, resp: &samspelv1.ListTermsResponse{}, allowed: members, hidden: hiddenFrom},
		{method: samspelv1.TermService_CreateTerm_FullMethodName, req: &samspelv1.CreateTermRequest{OrganizationId: other, StartDate: "2030-10-15", EndDate: "2034-10-14"}, resp: &samspelv1.CreateTermResponse{}, allowed: onlyAdmin},
		{method: samspelv1.PersonService_ListPeople_FullMethodName, req: &samspelv1.ListPeopleRequest{OrganizationId: 1}, resp: &samspelv1.ListPeopleResponse{}, allowed: members, hidden: hiddenFrom},
		{method: samspelv1.PersonService_ListRoleAssignments_FullMethodName, req: &samspelv1.ListRoleAssignmentsRequest{OrganizationId: 1}, resp: &samspelv1.ListRoleAssignmentsResponse{}, allowed: members, hidden: hiddenFrom},
		{method: samspelv1.PersonService_ListPairPeriods_FullMethodName, req: &samspelv1.ListPairPeriodsRequest{OrganizationId: 1}, resp: &samspelv1.ListPairPeriodsResponse{}, allowed: members, hidden: hiddenFrom},
		{method: samspelv1.PersonService_AssignRole_FullMethodName, req: &samspelv1.AssignRoleRequest{PersonId: 2, OrganizationId: 1, TermId: 2, Role: samspelv1.Role_ROLE_STAFF, StartDate: "2026-11-01"}, resp: &samspelv1.AssignRoleResponse{}, allowed: onlyAdmin},
		{method: samspelv1.PersonService_EndRoleAssignment_FullMethodName, req: &samspelv1.EndRoleAssignmentRequest{Id: staffRole, EndDate: "2026-11-20"}, resp: &samspelv1.EndRoleAssignmentResponse{}, allowed: onlyAdmin},
		{method: samspelv1.InviteService_CreateInvite_FullMethodName, req: &samspelv1.CreateInviteRequest{Email: "ny@exempelstad.example", Role: samspelv1.Role_ROLE_STAFF, OrganizationId: 1}, resp: &samspelv1.CreateInviteResponse{}, allowed: onlyAdmin},
		{method: samspelv1.AuditService_ListAuditEvents_FullMethodName, req: &samspelv1.ListAuditEventsRequest{}, resp: &samspelv1.ListAuditEventsResponse{}, allowed: onlyAdmin},
		// Notes: the chair wrote notes.private, .toDelete and .toShare, all private.
		{method: samspelv1.NoteService_CreateQuickNote_FullMethodName, reqFor: func(string) proto.Message {
			return &samspelv1.CreateQuickNoteRequest{Id: store.NewNoteID(time.Now()), Body: "Matris"}
		}, resp: &samspelv1.CreateQuickNoteResponse{}, allowed: pairs},
		{method: samspelv1.NoteService_GetQuickNote_FullMethodName, req: &samspelv1.GetQuickNoteRequest{Id: notes.private}, resp: &samspelv1.GetQuickNoteResponse{}, allowed: author, hidden: notAuthor},
		{method: samspelv1.NoteService_ListQuickNotes_FullMethodName, req: &samspelv1.ListQuickNotesRequest{}, resp: &samspelv1.ListQuickNotesResponse{}, allowed: pairs},
		{method: samspelv1.NoteService_UpdateQuickNote_FullMethodName, req: &samspelv1.UpdateQuickNoteRequest{
			QuickNote: &samspelv1.QuickNote{Id: notes.private, Revision: 1, Tag: "matris"}, UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"tag"}},
		}, resp: &samspelv1.UpdateQuickNoteResponse{}, allowed: author, hidden: notAuthor},
		{method: samspelv1.NoteService_DeleteQuickNote_FullMethodName, req: &samspelv1.DeleteQuickNoteRequest{Id: notes.toDelete}, resp: &samspelv1.DeleteQuickNoteResponse{}, allowed: author, hidden: notAuthor},
		{method: samspelv1.NoteService_ShareQuickNote_FullMethodName, req: &samspelv1.ShareQuickNoteRequest{Id: notes.toShare, Revision: 1}, resp: &samspelv1.ShareQuickNoteResponse{}, allowed: author, hidden: notAuthor},
		{method: samspelv1.NoteService_PullQuickNoteChanges_FullMethodName, req: &samspelv1.PullQuickNoteChangesRequest{}, resp: &samspelv1.PullQuickNoteChangesResponse{}, allowed: pairs},
		{method: samspelv1.NoteService_SearchQuickNotes_FullMethodName, req: &samspelv1.SearchQuickNotesRequest{Query: "matris"}, resp: &samspelv1.SearchQuickNotesResponse{}, allowed: pairs},
		{method: samspelv1.NoteService_ListQuickNoteRevisions_FullMethodName, req: &samspelv1.ListQuickNoteRevisionsRequest{Id: notes.private}, resp: &samspelv1.ListQuickNoteRevisionsResponse{}, allowed: author, hidden: notAuthor},
	}
	if len(rows) != len(methodsOf(t)) {
		t.Fatalf("the matrix has %d rows for %d RPCs: add the new RPC", len(rows), len(methodsOf(t)))
	}
	tokens := map[string]string{}
	for _, c := range callers {
		if c.email != "" {
			tokens[c.email] = s.Token(t, c.email)
		}
	}
	for _, row := range rows {
		for _, c := range callers {
			want := codes.PermissionDenied
			switch {
			case row.public:
				want = codes.NotFound // an unknown invite, whoever asks
			case c.email == "":
				want = codes.Unauthenticated
			case contains(row.allowed, c.email):
				want = codes.OK
			case contains(row.hidden, c.email):
				want = codes.NotFound
			}
			t.Run(row.method+" by "+c.name+" answers "+want.String(), func(t *testing.T) {
				callCtx := ctx
				switch {
				case c.bogus:
					callCtx = apptest.Bearer(ctx, "spt_bogus0000000000000000000000000000000000000")
				case c.email != "":
					callCtx = apptest.Bearer(ctx, tokens[c.email])
				}
				req := row.req
				if row.reqFor != nil {
					req = row.reqFor(c.email)
				}
				err := s.Conn.Invoke(callCtx, row.method, req, proto.Clone(row.resp))
				if got := status.Code(err); got != want {
					t.Errorf("got %v, want %v: %v", got, want, err)
				}
			})
		}
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// seedOtherOrganization adds "Annanstads kommun" with a chair of its own, whose view of
// Exempelstad must be as if it did not exist.
func seedOtherOrganization(t *testing.T, s *apptest.Server) int64 {
	t.Helper()
	var org int64
	_, err := s.Store.SeedOnce(context.Background(), "Annanstads kommun", func(b *store.Seeder) error {
		org = b.Organization(1, "Annanstads kommun")
		term := b.Term(org, "2026-10-15", "2030-10-14")
		p := b.Person(store.DemoPerson{Email: outsiderEmail, Name: "Olle Annan"})
		b.Role(p, org, term, store.RoleChair, "", "2026-10-15", "")
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return org
}

// liveStaffAssignment returns the id of the demo staff member's role in the current term.
func liveStaffAssignment(t *testing.T, s *apptest.Server) int64 {
	t.Helper()
	p, err := s.Store.PersonByEmail(context.Background(), demo.Staff.Email)
	if err != nil {
		t.Fatal(err)
	}
	ras, err := s.Store.CurrentAssignments(context.Background(), p.ID)
	if err != nil || len(ras) != 1 {
		t.Fatalf("staff assignments: %v, %v", ras, err)
	}
	return ras[0].ID
}

// matrixNotes are private notes of the demo chair for the matrix to read and change.
type matrixNotes struct{ private, toDelete, toShare string }

func seedMatrixNotes(t *testing.T, s *apptest.Server) matrixNotes {
	t.Helper()
	ctx := context.Background()
	chair, err := s.Store.PersonByEmail(ctx, demo.Chair.Email)
	if err != nil {
		t.Fatal(err)
	}
	var ids [3]string
	for i := range ids {
		n, err := s.Store.CreateQuickNote(ctx, store.Actor{PersonID: chair.ID}, store.NewQuickNote{ID: store.NewNoteID(time.Now()), Body: "Matrisens anteckning"})
		if err != nil {
			t.Fatal(err)
		}
		ids[i] = n.ID
	}
	return matrixNotes{private: ids[0], toDelete: ids[1], toShare: ids[2]}
}
