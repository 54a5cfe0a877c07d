package api_test

import (
	"context"
	"testing"

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
)

// TestPolicyMatrix calls every RPC as every kind of caller and checks the outcome:
// UNAUTHENTICATED without valid credentials, PERMISSION_DENIED for a role the policy
// does not admit, NOT_FOUND for what the caller may not know exists, OK otherwise.
func TestPolicyMatrix(t *testing.T) {
	s := apptest.Start(t)
	ctx := context.Background()
	other := seedOtherOrganization(t, s)
	staffRole := liveStaffAssignment(t, s)
	mf := meetingFixtures(t, s)

	rows := []struct {
		method  string
		req     proto.Message
		resp    proto.Message
		allowed []string // OK
		hidden  []string // NOT_FOUND; all other signed-in callers get PERMISSION_DENIED
		public  bool
		fresh   func() proto.Message // when set, a new request for every call (creates that must be unique)
	}{
		{method: samspelv1.AuthService_RedeemInvite_FullMethodName, req: &samspelv1.RedeemInviteRequest{Token: "si_" + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}, resp: &samspelv1.RedeemInviteResponse{}, public: true},
		{method: samspelv1.AuthService_GetMe_FullMethodName, req: &samspelv1.GetMeRequest{}, resp: &samspelv1.GetMeResponse{}, allowed: signedIn},
		{method: samspelv1.AuthService_SignOut_FullMethodName, req: &samspelv1.SignOutRequest{}, resp: &samspelv1.SignOutResponse{}, allowed: signedIn},
		{method: samspelv1.OrganizationService_ListOrganizations_FullMethodName, req: &samspelv1.ListOrganizationsRequest{}, resp: &samspelv1.ListOrganizationsResponse{}, allowed: signedIn},
		{method: samspelv1.OrganizationService_GetOrganization_FullMethodName, req: &samspelv1.GetOrganizationRequest{Id: 1}, resp: &samspelv1.GetOrganizationResponse{}, allowed: members, hidden: hiddenFrom},
		{method: samspelv1.OrganizationService_CreateOrganization_FullMethodName, req: &samspelv1.CreateOrganizationRequest{Kind: samspelv1.OrganizationKind_ORGANIZATION_KIND_REGION, Name: "Region Exempel"}, resp: &samspelv1.CreateOrganizationResponse{}, allowed: onlyAdmin},
		{method: samspelv1.TermService_ListTerms_FullMethodName, req: &samspelv1.ListTermsRequest{OrganizationId: 1}, resp: &samspelv1.ListTermsResponse{}, allowed: members, hidden: hiddenFrom},
		{method: samspelv1.TermService_CreateTerm_FullMethodName, req: &samspelv1.CreateTermRequest{OrganizationId: other, StartDate: "2030-10-15", EndDate: "2034-10-14"}, resp: &samspelv1.CreateTermResponse{}, allowed: onlyAdmin},
		// Meeting rows come before the staff member's role is ended below.
		{method: samspelv1.MeetingService_CreateMeetingSeries_FullMethodName, req: &samspelv1.CreateMeetingSeriesRequest{OrganizationId: 1, Kind: samspelv1.MeetingKind_MEETING_KIND_AD_HOC, Title: "Dragning om budgeten", StartTime: "10:00", DurationMinutes: 45, StartDate: "2027-03-01"}, resp: &samspelv1.CreateMeetingSeriesResponse{}, allowed: organizers, hidden: hiddenFrom},
		{method: samspelv1.MeetingService_GetMeetingSeries_FullMethodName, req: &samspelv1.GetMeetingSeriesRequest{Id: mf.series}, resp: &samspelv1.GetMeetingSeriesResponse{}, allowed: checkInPeople, hidden: notCheckInPeople},
		{method: samspelv1.MeetingService_ListMeetingSeries_FullMethodName, req: &samspelv1.ListMeetingSeriesRequest{OrganizationId: 1}, resp: &samspelv1.ListMeetingSeriesResponse{}, allowed: members, hidden: hiddenFrom},
		{method: samspelv1.MeetingService_UpdateMeetingSeries_FullMethodName, req: &samspelv1.UpdateMeetingSeriesRequest{MeetingSeries: &samspelv1.MeetingSeries{Id: mf.series, Place: demo.CheckInPlace}, UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"place"}}}, resp: &samspelv1.UpdateMeetingSeriesResponse{}, allowed: checkInPeople, hidden: notCheckInPeople},
		{method: samspelv1.MeetingService_ListMeetings_FullMethodName, req: &samspelv1.ListMeetingsRequest{OrganizationId: 1}, resp: &samspelv1.ListMeetingsResponse{}, allowed: members, hidden: hiddenFrom},
		{method: samspelv1.MeetingService_GetMeeting_FullMethodName, req: &samspelv1.GetMeetingRequest{Id: mf.next}, resp: &samspelv1.GetMeetingResponse{}, allowed: checkInPeople, hidden: notCheckInPeople},
		{method: samspelv1.MeetingService_GetMeetingOverview_FullMethodName, req: &samspelv1.GetMeetingOverviewRequest{OrganizationId: 1}, resp: &samspelv1.GetMeetingOverviewResponse{}, allowed: members, hidden: hiddenFrom},
		{method: samspelv1.MeetingService_UpdateMeeting_FullMethodName, req: &samspelv1.UpdateMeetingRequest{Meeting: &samspelv1.Meeting{Id: mf.next, Place: demo.CheckInPlace}, UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"place"}}}, resp: &samspelv1.UpdateMeetingResponse{}, allowed: checkInPeople, hidden: notCheckInPeople},
		{method: samspelv1.MeetingService_HoldMeeting_FullMethodName, req: &samspelv1.HoldMeetingRequest{Id: mf.missed}, resp: &samspelv1.HoldMeetingResponse{}, allowed: checkInPeople, hidden: notCheckInPeople},
		{method: samspelv1.MeetingService_CancelMeeting_FullMethodName, req: &samspelv1.CancelMeetingRequest{Id: mf.later, Reason: "Budgetberedning hela dagen"}, resp: &samspelv1.CancelMeetingResponse{}, allowed: checkInPeople, hidden: notCheckInPeople},
		{method: samspelv1.MeetingService_FinalizeMeeting_FullMethodName, req: &samspelv1.FinalizeMeetingRequest{Id: mf.heldDraft}, resp: &samspelv1.FinalizeMeetingResponse{}, allowed: checkInPeople, hidden: notCheckInPeople},
		{method: samspelv1.MeetingService_AddAgendaItem_FullMethodName, req: &samspelv1.AddAgendaItemRequest{MeetingId: mf.next, Title: "Vinterväghållningen"}, resp: &samspelv1.AddAgendaItemResponse{}, allowed: checkInPeople, hidden: notCheckInPeople},
		{method: samspelv1.MeetingService_UpdateAgendaItem_FullMethodName, req: &samspelv1.UpdateAgendaItemRequest{AgendaItem: &samspelv1.AgendaItem{Id: mf.item, Title: "Budgetdialogen"}, UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"title"}}}, resp: &samspelv1.UpdateAgendaItemResponse{}, allowed: checkInPeople, hidden: notCheckInPeople},
		{method: samspelv1.MeetingService_CloseAgendaItem_FullMethodName, req: &samspelv1.CloseAgendaItemRequest{Id: mf.itemToClose, MeetingId: mf.next}, resp: &samspelv1.CloseAgendaItemResponse{}, allowed: checkInPeople, hidden: notCheckInPeople},
		{method: samspelv1.MeetingService_ReopenAgendaItem_FullMethodName, req: &samspelv1.ReopenAgendaItemRequest{Id: mf.closedItem}, resp: &samspelv1.ReopenAgendaItemResponse{}, allowed: checkInPeople, hidden: notCheckInPeople},
		{method: samspelv1.MeetingService_AddMeetingNote_FullMethodName, req: &samspelv1.AddMeetingNoteRequest{MeetingId: mf.next, Body: "Kort genomgång."}, resp: &samspelv1.AddMeetingNoteResponse{}, allowed: checkInPeople, hidden: notCheckInPeople},
		{method: samspelv1.MeetingService_UpdateMeetingNote_FullMethodName, req: &samspelv1.UpdateMeetingNoteRequest{MeetingNote: &samspelv1.MeetingNote{Id: mf.note, Body: "Genomgång av läget."}, UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"body"}}}, resp: &samspelv1.UpdateMeetingNoteResponse{}, allowed: checkInPeople, hidden: notCheckInPeople},
		{method: samspelv1.MeetingService_AddDecision_FullMethodName, req: &samspelv1.AddDecisionRequest{MeetingId: mf.next, Text: "Ramarna hålls."}, resp: &samspelv1.AddDecisionResponse{}, allowed: checkInPeople, hidden: notCheckInPeople},
		{method: samspelv1.MeetingService_UpdateDecision_FullMethodName, req: &samspelv1.UpdateDecisionRequest{Decision: &samspelv1.Decision{Id: mf.decision, Text: "Ramarna hålls i år."}, UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"text"}}}, resp: &samspelv1.UpdateDecisionResponse{}, allowed: checkInPeople, hidden: notCheckInPeople},
		{method: samspelv1.MeetingService_AddActionItem_FullMethodName, req: &samspelv1.AddActionItemRequest{MeetingId: mf.next, Text: "Boka möte", OwnerPersonId: mf.chair}, resp: &samspelv1.AddActionItemResponse{}, allowed: checkInPeople, hidden: notCheckInPeople},
		{method: samspelv1.MeetingService_UpdateActionItem_FullMethodName, req: &samspelv1.UpdateActionItemRequest{ActionItem: &samspelv1.ActionItem{Id: mf.action, Status: samspelv1.ActionItemStatus_ACTION_ITEM_STATUS_DONE}, UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"status"}}}, resp: &samspelv1.UpdateActionItemResponse{}, allowed: checkInPeople, hidden: notCheckInPeople},
		{method: samspelv1.MeetingService_ListActionItems_FullMethodName, req: &samspelv1.ListActionItemsRequest{OrganizationId: 1}, resp: &samspelv1.ListActionItemsResponse{}, allowed: members, hidden: hiddenFrom},
		{method: samspelv1.MeetingService_SearchMeetings_FullMethodName, req: &samspelv1.SearchMeetingsRequest{OrganizationId: 1, Query: "budget"}, resp: &samspelv1.SearchMeetingsResponse{}, allowed: members, hidden: hiddenFrom},

		{method: samspelv1.ReflectionService_GetReflection_FullMethodName, req: &samspelv1.GetReflectionRequest{MeetingId: mf.reflection}, resp: &samspelv1.GetReflectionResponse{}, allowed: thePair, hidden: notThePair},
		{method: samspelv1.ReflectionService_SaveReflectionAnswers_FullMethodName, req: &samspelv1.SaveReflectionAnswersRequest{MeetingId: mf.reflection, Answers: []*samspelv1.ReflectionAnswer{{QuestionNumber: 1, Text: "Ja."}}}, resp: &samspelv1.SaveReflectionAnswersResponse{}, allowed: thePair, hidden: notThePair},
		{method: samspelv1.ReflectionService_SubmitReflection_FullMethodName, req: &samspelv1.SubmitReflectionRequest{MeetingId: mf.reflection, Share: true}, resp: &samspelv1.SubmitReflectionResponse{}, allowed: thePair, hidden: notThePair},

		{method: samspelv1.DecisionFollowUpService_CreatePoliticalDecision_FullMethodName, fresh: mf.newPoliticalDecision, resp: &samspelv1.CreatePoliticalDecisionResponse{}, allowed: reporters, hidden: hiddenFrom},
		{method: samspelv1.DecisionFollowUpService_GetPoliticalDecision_FullMethodName, req: &samspelv1.GetPoliticalDecisionRequest{Id: mf.politicalDecision}, resp: &samspelv1.GetPoliticalDecisionResponse{}, allowed: organizers, hidden: hiddenFrom},
		{method: samspelv1.DecisionFollowUpService_ListPoliticalDecisions_FullMethodName, req: &samspelv1.ListPoliticalDecisionsRequest{OrganizationId: 1}, resp: &samspelv1.ListPoliticalDecisionsResponse{}, allowed: organizers, hidden: hiddenFrom},
		{method: samspelv1.DecisionFollowUpService_UpdatePoliticalDecision_FullMethodName, req: &samspelv1.UpdatePoliticalDecisionRequest{PoliticalDecision: &samspelv1.PoliticalDecision{Id: mf.politicalDecision, ExpectedCompletionDate: "2027-06-30"}, UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"expected_completion_date"}}}, resp: &samspelv1.UpdatePoliticalDecisionResponse{}, allowed: reporters, hidden: hiddenFrom},
		{method: samspelv1.DecisionFollowUpService_ReportPoliticalDecisionStatus_FullMethodName, req: &samspelv1.ReportPoliticalDecisionStatusRequest{Id: mf.politicalDecision, Status: samspelv1.PoliticalDecisionStatus_POLITICAL_DECISION_STATUS_IN_PROGRESS, Comment: "Pågår."}, resp: &samspelv1.ReportPoliticalDecisionStatusResponse{}, allowed: reporters, hidden: hiddenFrom},
		{method: samspelv1.DecisionFollowUpService_SummarizePoliticalDecisions_FullMethodName, req: &samspelv1.SummarizePoliticalDecisionsRequest{OrganizationId: 1}, resp: &samspelv1.SummarizePoliticalDecisionsResponse{}, allowed: organizers, hidden: hiddenFrom},

		{method: samspelv1.CalendarService_GetCalendarFeed_FullMethodName, req: &samspelv1.GetCalendarFeedRequest{}, resp: &samspelv1.GetCalendarFeedResponse{}, allowed: signedIn},
		{method: samspelv1.CalendarService_CreateCalendarFeed_FullMethodName, req: &samspelv1.CreateCalendarFeedRequest{}, resp: &samspelv1.CreateCalendarFeedResponse{}, allowed: signedIn},
		{method: samspelv1.CalendarService_RevokeCalendarFeed_FullMethodName, req: &samspelv1.RevokeCalendarFeedRequest{}, resp: &samspelv1.RevokeCalendarFeedResponse{}, allowed: signedIn},

		{method: samspelv1.PersonService_ListPeople_FullMethodName, req: &samspelv1.ListPeopleRequest{OrganizationId: 1}, resp: &samspelv1.ListPeopleResponse{}, allowed: members, hidden: hiddenFrom},
		{method: samspelv1.PersonService_ListRoleAssignments_FullMethodName, req: &samspelv1.ListRoleAssignmentsRequest{OrganizationId: 1}, resp: &samspelv1.ListRoleAssignmentsResponse{}, allowed: members, hidden: hiddenFrom},
		{method: samspelv1.PersonService_ListPairPeriods_FullMethodName, req: &samspelv1.ListPairPeriodsRequest{OrganizationId: 1}, resp: &samspelv1.ListPairPeriodsResponse{}, allowed: members, hidden: hiddenFrom},
		{method: samspelv1.PersonService_AssignRole_FullMethodName, req: &samspelv1.AssignRoleRequest{PersonId: 2, OrganizationId: 1, TermId: 2, Role: samspelv1.Role_ROLE_STAFF, StartDate: "2026-11-01"}, resp: &samspelv1.AssignRoleResponse{}, allowed: onlyAdmin},
		{method: samspelv1.PersonService_EndRoleAssignment_FullMethodName, req: &samspelv1.EndRoleAssignmentRequest{Id: staffRole, EndDate: "2026-11-20"}, resp: &samspelv1.EndRoleAssignmentResponse{}, allowed: onlyAdmin},
		{method: samspelv1.InviteService_CreateInvite_FullMethodName, req: &samspelv1.CreateInviteRequest{Email: "ny@exempelstad.example", Role: samspelv1.Role_ROLE_STAFF, OrganizationId: 1}, resp: &samspelv1.CreateInviteResponse{}, allowed: onlyAdmin},
		{method: samspelv1.AuditService_ListAuditEvents_FullMethodName, req: &samspelv1.ListAuditEventsRequest{}, resp: &samspelv1.ListAuditEventsResponse{}, allowed: onlyAdmin},
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
				if row.fresh != nil {
					req = row.fresh()
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
