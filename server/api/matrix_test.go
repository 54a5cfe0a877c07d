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
	// The role split's readers and the pair; everyone else in the organisation gets NotFound.
	onlyChair           = []string{demo.Chair.Email}
	onlyDirector        = []string{demo.Director.Email}
	thePair             = []string{demo.Chair.Email, demo.Director.Email}
	roleSplitReaders    = []string{demo.Chair.Email, demo.Director.Email, demo.Staff.Email, demo.Admin.Email}
	notRoleSplitReaders = []string{demo.Vice.Email, demo.Opposition.Email, outsiderEmail}
	notThePair          = []string{demo.Vice.Email, demo.Opposition.Email, demo.Staff.Email, demo.Admin.Email, outsiderEmail}
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
	mf := meetingFixtures(t, s)
	of := oppositionFixtures(t, s)
	toDisable := seedPersonToDisable(t, s)
	rs := seedRoleSplitFixture(t, s)
	day := today(t, s)
	notes := seedMatrixNotes(t, s)

	rows := []struct {
		method  string
		req     proto.Message
		resp    proto.Message
		allowed []string // OK
		hidden  []string // NOT_FOUND; all other signed-in callers get PERMISSION_DENIED
		public  bool
		fresh   func() proto.Message // when set, a new request for every call (creates that must be unique)
		// okCode is what an admitted caller gets when the request cannot succeed for
		// anyone (a made-up id); OK when unset. Not PERMISSION_DENIED or UNAUTHENTICATED
		// is what proves the policy let them through.
		okCode codes.Code
		// publicCode is what everyone gets from a public method, whoever asks.
		publicCode codes.Code
		// refused: callers the policy admits but a rule of the data turns away (a proposal
		// that awaits the other party, a second draft), with the code they get. Rows run
		// in order, so a one-time change is OK for the first caller and refused after.
		refused map[string]codes.Code
		// stream: the method streams its response; the call reads it to the end.
		stream bool
	}{
		{method: samspelv1.AuthService_RedeemInvite_FullMethodName, req: &samspelv1.RedeemInviteRequest{Token: "si_" + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}, resp: &samspelv1.RedeemInviteResponse{}, public: true, publicCode: codes.NotFound},
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

		// Everyone in the organisation learns what they may export of its term (before the
		// staff member's role is ended below).
		{method: samspelv1.ExportService_GetExportKinds_FullMethodName, req: &samspelv1.GetExportKindsRequest{TermId: finishedTerm(t, s)}, resp: &samspelv1.GetExportKindsResponse{}, allowed: members, hidden: hiddenFrom},
		// Opposition rows come before the staff member's role is ended below.
		{method: samspelv1.OppositionService_CreateBriefing_FullMethodName, req: &samspelv1.CreateBriefingRequest{OrganizationId: 1, Kind: samspelv1.BriefingKind_BRIEFING_KIND_AD_HOC, Title: "Dragning", Date: "2026-12-01", Parties: []string{demo.PartyA}}, resp: &samspelv1.CreateBriefingResponse{}, allowed: theBriefers},
		{method: samspelv1.OppositionService_GetBriefing_FullMethodName, req: &samspelv1.GetBriefingRequest{Id: of.briefing}, resp: &samspelv1.GetBriefingResponse{}, allowed: briefingReaders, hidden: notBriefingReaders},
		{method: samspelv1.OppositionService_ListBriefings_FullMethodName, req: &samspelv1.ListBriefingsRequest{OrganizationId: 1}, resp: &samspelv1.ListBriefingsResponse{}, allowed: members, hidden: hiddenFrom},
		{method: samspelv1.OppositionService_HoldBriefing_FullMethodName, fresh: of.newBriefing, resp: &samspelv1.HoldBriefingResponse{}, allowed: theBriefers},
		{method: samspelv1.OppositionService_InformOpposition_FullMethodName, req: &samspelv1.InformOppositionRequest{AgendaItemId: mf.item}, resp: &samspelv1.InformOppositionResponse{}, allowed: theBriefers},
		{method: samspelv1.OppositionService_WithholdTopic_FullMethodName, req: &samspelv1.WithholdTopicRequest{AgendaItemId: mf.item, Reason: "Sekretess enligt OSL"}, resp: &samspelv1.WithholdTopicResponse{}, allowed: onlyDirector},
		{method: samspelv1.OppositionService_ListParityEntries_FullMethodName, req: &samspelv1.ListParityEntriesRequest{OrganizationId: 1}, resp: &samspelv1.ListParityEntriesResponse{}, allowed: ledgerPeople, hidden: hiddenFrom},
		{method: samspelv1.OppositionService_GetParitySummary_FullMethodName, req: &samspelv1.GetParitySummaryRequest{OrganizationId: 1}, resp: &samspelv1.GetParitySummaryResponse{}, allowed: ledgerPeople, hidden: hiddenFrom},
		{method: samspelv1.OppositionService_AskQuestion_FullMethodName, req: &samspelv1.AskQuestionRequest{OrganizationId: 1, Body: "Hur många elever går i kommunens skolor?"}, resp: &samspelv1.AskQuestionResponse{}, allowed: onlyOpposition},
		{method: samspelv1.OppositionService_GetQuestion_FullMethodName, req: &samspelv1.GetQuestionRequest{Id: of.question}, resp: &samspelv1.GetQuestionResponse{}, allowed: budgetReaders, hidden: notBudgetReaders},
		{method: samspelv1.OppositionService_ListQuestions_FullMethodName, req: &samspelv1.ListQuestionsRequest{OrganizationId: 1}, resp: &samspelv1.ListQuestionsResponse{}, allowed: members, hidden: hiddenFrom},
		{method: samspelv1.OppositionService_SearchQuestions_FullMethodName, req: &samspelv1.SearchQuestionsRequest{OrganizationId: 1, Query: "barngrupp"}, resp: &samspelv1.SearchQuestionsResponse{}, allowed: members, hidden: hiddenFrom},
		{method: samspelv1.OppositionService_AssignQuestion_FullMethodName, req: &samspelv1.AssignQuestionRequest{Id: of.question, OwnerPersonId: of.staff, DueDate: "2026-12-15"}, resp: &samspelv1.AssignQuestionResponse{}, allowed: onlyDirector},
		{method: samspelv1.OppositionService_AnswerQuestion_FullMethodName, req: &samspelv1.AnswerQuestionRequest{Id: of.question, Answer: "Omkring 4 miljoner kronor om året."}, resp: &samspelv1.AnswerQuestionResponse{}, allowed: theBriefers},
		{method: samspelv1.OppositionService_ReleaseQuestion_FullMethodName, req: &samspelv1.ReleaseQuestionRequest{Id: of.question}, resp: &samspelv1.ReleaseQuestionResponse{}, allowed: onlyOpposition},

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
		// The role split, before the rows that end the staff member's role: the pair, staff and administrators read it; the chair decides, the director proposes.
		{method: samspelv1.RoleSplitService_ListAreas_FullMethodName, req: &samspelv1.ListAreasRequest{OrganizationId: 1}, resp: &samspelv1.ListAreasResponse{}, allowed: roleSplitReaders, hidden: notRoleSplitReaders},
		{method: samspelv1.RoleSplitService_GetArea_FullMethodName, req: &samspelv1.GetAreaRequest{Id: rs.area}, resp: &samspelv1.GetAreaResponse{}, allowed: roleSplitReaders, hidden: notRoleSplitReaders},
		{method: samspelv1.RoleSplitService_ListAreaEvents_FullMethodName, req: &samspelv1.ListAreaEventsRequest{AreaId: rs.area}, resp: &samspelv1.ListAreaEventsResponse{}, allowed: roleSplitReaders, hidden: notRoleSplitReaders},
		{method: samspelv1.RoleSplitService_ListAreaProposals_FullMethodName, req: &samspelv1.ListAreaProposalsRequest{OrganizationId: 1}, resp: &samspelv1.ListAreaProposalsResponse{}, allowed: roleSplitReaders, hidden: notRoleSplitReaders},
		{method: samspelv1.RoleSplitService_ListPrecedents_FullMethodName, req: &samspelv1.ListPrecedentsRequest{AreaId: rs.area}, resp: &samspelv1.ListPrecedentsResponse{}, allowed: roleSplitReaders, hidden: notRoleSplitReaders},
		{method: samspelv1.RoleSplitService_CreateArea_FullMethodName, req: &samspelv1.CreateAreaRequest{OrganizationId: 1, Name: "Matrisområde", Owner: samspelv1.AreaOwner_AREA_OWNER_SHARED, Reason: "Prov"}, resp: &samspelv1.CreateAreaResponse{}, allowed: onlyChair, hidden: hiddenFrom},
		{method: samspelv1.RoleSplitService_UpdateArea_FullMethodName, req: &samspelv1.UpdateAreaRequest{Area: &samspelv1.Area{Id: rs.area, Description: "Ändrad i matrisen."}, UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"description"}}, Reason: "Prov"}, resp: &samspelv1.UpdateAreaResponse{}, allowed: onlyChair, hidden: hiddenFrom},
		{method: samspelv1.RoleSplitService_ProposeAreaChange_FullMethodName, req: &samspelv1.ProposeAreaChangeRequest{OrganizationId: 1, AreaId: rs.proposalArea, Name: "Medborgardialog", Owner: samspelv1.AreaOwner_AREA_OWNER_SHARED, Reason: "Prov"}, resp: &samspelv1.ProposeAreaChangeResponse{}, allowed: onlyDirector},
		{method: samspelv1.RoleSplitService_AcceptAreaProposal_FullMethodName, req: &samspelv1.AcceptAreaProposalRequest{ProposalId: rs.openProposal}, resp: &samspelv1.AcceptAreaProposalResponse{}, allowed: onlyChair, hidden: hiddenFrom},
		{method: samspelv1.RoleSplitService_DeclineAreaProposal_FullMethodName, req: &samspelv1.DeclineAreaProposalRequest{ProposalId: rs.proposalToDecline, Comment: "Nej"}, resp: &samspelv1.DeclineAreaProposalResponse{}, allowed: onlyChair, hidden: hiddenFrom},
		{method: samspelv1.RoleSplitService_CommentOnArea_FullMethodName, req: &samspelv1.CommentOnAreaRequest{AreaId: rs.area, Text: "En kommentar"}, resp: &samspelv1.CommentOnAreaResponse{}, allowed: thePair, hidden: hiddenFrom},
		{method: samspelv1.RoleSplitService_LinkPrecedent_FullMethodName, req: &samspelv1.LinkPrecedentRequest{AreaId: rs.area, Reference: "KS 2026-11-24 § 200", Summary: "Prov", OccurredOn: "2026-11-24"}, resp: &samspelv1.LinkPrecedentResponse{}, allowed: thePair, hidden: hiddenFrom},
		// Retired and restored again, so the rows after still find the area active.
		{method: samspelv1.RoleSplitService_RetireArea_FullMethodName, req: &samspelv1.RetireAreaRequest{AreaId: rs.area, Reason: "Prov"}, resp: &samspelv1.RetireAreaResponse{}, allowed: onlyChair, hidden: hiddenFrom},
		{method: samspelv1.RoleSplitService_RestoreArea_FullMethodName, req: &samspelv1.RestoreAreaRequest{AreaId: rs.area, Reason: "Prov"}, resp: &samspelv1.RestoreAreaResponse{}, allowed: onlyChair, hidden: hiddenFrom},

		// The instruction: every member reads adopted versions; the pair writes drafts.
		{method: samspelv1.InstructionService_ListInstructionVersions_FullMethodName, req: &samspelv1.ListInstructionVersionsRequest{OrganizationId: 1}, resp: &samspelv1.ListInstructionVersionsResponse{}, allowed: members, hidden: hiddenFrom},
		{method: samspelv1.InstructionService_GetInstructionVersion_FullMethodName, req: &samspelv1.GetInstructionVersionRequest{Id: rs.v2}, resp: &samspelv1.GetInstructionVersionResponse{}, allowed: members, hidden: hiddenFrom},
		{method: samspelv1.InstructionService_DiffInstructionVersions_FullMethodName, req: &samspelv1.DiffInstructionVersionsRequest{FromId: rs.v1, ToId: rs.v2}, resp: &samspelv1.DiffInstructionVersionsResponse{}, allowed: members, hidden: hiddenFrom},
		{method: samspelv1.InstructionService_UpdateInstructionDraft_FullMethodName, req: &samspelv1.UpdateInstructionDraftRequest{Version: &samspelv1.InstructionVersion{Id: rs.draft, Title: "Instruktion för kommundirektören 2026"}, UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"title"}}}, resp: &samspelv1.UpdateInstructionDraftResponse{}, allowed: thePair, hidden: hiddenFrom},
		{method: samspelv1.InstructionService_AdoptInstructionVersion_FullMethodName, req: &samspelv1.AdoptInstructionVersionRequest{Id: rs.draft, BoardDecisionDate: "2026-11-24", BoardDecisionRef: "KS 2026-11-24 § 201"}, resp: &samspelv1.AdoptInstructionVersionResponse{}, allowed: onlyChair, hidden: hiddenFrom, refused: map[string]codes.Code{demo.Director.Email: codes.FailedPrecondition}},
		{method: samspelv1.InstructionService_CreateInstructionDraft_FullMethodName, req: &samspelv1.CreateInstructionDraftRequest{OrganizationId: 1, ChangeReason: "Prov"}, resp: &samspelv1.CreateInstructionDraftResponse{}, allowed: onlyChair, hidden: hiddenFrom, refused: map[string]codes.Code{demo.Director.Email: codes.FailedPrecondition}},
		{method: samspelv1.InstructionService_RecordInstructionReview_FullMethodName, req: &samspelv1.RecordInstructionReviewRequest{Id: rs.draft}, resp: &samspelv1.RecordInstructionReviewResponse{}, allowed: thePair, hidden: hiddenFrom},
		// The superseded version 1 is a board decision: the pair are let through and refused.
		{method: samspelv1.InstructionService_DeleteInstructionDraft_FullMethodName, req: &samspelv1.DeleteInstructionDraftRequest{Id: rs.v1}, resp: &samspelv1.DeleteInstructionDraftResponse{}, allowed: thePair, hidden: hiddenFrom, okCode: codes.FailedPrecondition},

		// The pair's own records: NotFound for everyone but the pair.
		{method: samspelv1.PairService_GetPairStatus_FullMethodName, req: &samspelv1.GetPairStatusRequest{OrganizationId: 1}, resp: &samspelv1.GetPairStatusResponse{}, allowed: thePair, hidden: notThePair},
		{method: samspelv1.PairService_ListAgreements_FullMethodName, req: &samspelv1.ListAgreementsRequest{OrganizationId: 1}, resp: &samspelv1.ListAgreementsResponse{}, allowed: thePair, hidden: notThePair},
		{method: samspelv1.PairService_GetAgreement_FullMethodName, req: &samspelv1.GetAgreementRequest{Id: rs.agreed}, resp: &samspelv1.GetAgreementResponse{}, allowed: thePair, hidden: notThePair},
		{method: samspelv1.PairService_ListDeviations_FullMethodName, req: &samspelv1.ListDeviationsRequest{OrganizationId: 1}, resp: &samspelv1.ListDeviationsResponse{}, allowed: thePair, hidden: notThePair},
		{method: samspelv1.PairService_GetDeviation_FullMethodName, req: &samspelv1.GetDeviationRequest{Id: rs.deviation}, resp: &samspelv1.GetDeviationResponse{}, allowed: thePair, hidden: notThePair},
		{method: samspelv1.PairService_ListCrisisPeriods_FullMethodName, req: &samspelv1.ListCrisisPeriodsRequest{OrganizationId: 1, TermId: rs.finishedTerm}, resp: &samspelv1.ListCrisisPeriodsResponse{}, allowed: thePair, hidden: notThePair},
		{method: samspelv1.PairService_ProposeAgreement_FullMethodName, req: &samspelv1.ProposeAgreementRequest{OrganizationId: 1, Text: "Vi provar matrisen."}, resp: &samspelv1.ProposeAgreementResponse{}, allowed: thePair, hidden: hiddenFrom},
		{method: samspelv1.PairService_AcceptAgreement_FullMethodName, req: &samspelv1.AcceptAgreementRequest{Id: rs.agreementToAccept}, resp: &samspelv1.AcceptAgreementResponse{}, allowed: onlyChair, hidden: hiddenFrom, refused: map[string]codes.Code{demo.Director.Email: codes.FailedPrecondition}},
		{method: samspelv1.PairService_AmendAgreement_FullMethodName, req: &samspelv1.AmendAgreementRequest{Id: rs.agreementToAmend, Text: "Budgetdialogen har fasta tider i april."}, resp: &samspelv1.AmendAgreementResponse{}, allowed: thePair, hidden: hiddenFrom},
		{method: samspelv1.PairService_DeclineAgreement_FullMethodName, req: &samspelv1.DeclineAgreementRequest{Id: rs.agreementToDecline}, resp: &samspelv1.DeclineAgreementResponse{}, allowed: onlyChair, hidden: hiddenFrom, refused: map[string]codes.Code{demo.Director.Email: codes.FailedPrecondition}},
		{method: samspelv1.PairService_RequestAgreementRevisit_FullMethodName, req: &samspelv1.RequestAgreementRevisitRequest{Id: rs.agreed, Reason: "Prov"}, resp: &samspelv1.RequestAgreementRevisitResponse{}, allowed: onlyChair, hidden: hiddenFrom, refused: map[string]codes.Code{demo.Director.Email: codes.FailedPrecondition}},
		{method: samspelv1.PairService_ResolveAgreementRevisit_FullMethodName, req: &samspelv1.ResolveAgreementRevisitRequest{Id: rs.revisitAsked, Outcome: samspelv1.RevisitOutcome_REVISIT_OUTCOME_KEEP}, resp: &samspelv1.ResolveAgreementRevisitResponse{}, allowed: onlyChair, hidden: hiddenFrom, refused: map[string]codes.Code{demo.Director.Email: codes.FailedPrecondition}},
		{method: samspelv1.PairService_StartCrisis_FullMethodName, req: &samspelv1.StartCrisisRequest{OrganizationId: 1, Reason: "Prov"}, resp: &samspelv1.StartCrisisResponse{}, allowed: onlyChair, hidden: hiddenFrom, refused: map[string]codes.Code{demo.Director.Email: codes.FailedPrecondition}},
		{method: samspelv1.PairService_LogDeviation_FullMethodName, req: &samspelv1.LogDeviationRequest{OrganizationId: 1, Kind: samspelv1.DeviationKind_DEVIATION_KIND_DEVIATION, AreaId: rs.area, What: "Prov", Reason: "Prov", OccurredOn: day}, resp: &samspelv1.LogDeviationResponse{}, allowed: thePair, hidden: hiddenFrom},
		{method: samspelv1.PairService_EndCrisis_FullMethodName, req: &samspelv1.EndCrisisRequest{OrganizationId: 1}, resp: &samspelv1.EndCrisisResponse{}, allowed: onlyChair, hidden: hiddenFrom, refused: map[string]codes.Code{demo.Director.Email: codes.FailedPrecondition}},
		{method: samspelv1.PairService_AcknowledgeDeviation_FullMethodName, req: &samspelv1.AcknowledgeDeviationRequest{Id: rs.deviation}, resp: &samspelv1.AcknowledgeDeviationResponse{}, allowed: onlyChair, hidden: hiddenFrom, refused: map[string]codes.Code{demo.Director.Email: codes.FailedPrecondition}},
		{method: samspelv1.PairService_CommentOnDeviation_FullMethodName, req: &samspelv1.CommentOnDeviationRequest{Id: rs.deviation, Text: "En kommentar"}, resp: &samspelv1.CommentOnDeviationResponse{}, allowed: thePair, hidden: hiddenFrom},

		{method: samspelv1.PersonService_AssignRole_FullMethodName, req: &samspelv1.AssignRoleRequest{PersonId: 2, OrganizationId: 1, TermId: 2, Role: samspelv1.Role_ROLE_STAFF, StartDate: "2026-11-01"}, resp: &samspelv1.AssignRoleResponse{}, allowed: onlyAdmin},
		{method: samspelv1.PersonService_EndRoleAssignment_FullMethodName, req: &samspelv1.EndRoleAssignmentRequest{Id: staffRole, EndDate: "2026-11-20"}, resp: &samspelv1.EndRoleAssignmentResponse{}, allowed: onlyAdmin},
		{method: samspelv1.InviteService_CreateInvite_FullMethodName, req: &samspelv1.CreateInviteRequest{Email: "ny@exempelstad.example", Role: samspelv1.Role_ROLE_STAFF, OrganizationId: 1}, resp: &samspelv1.CreateInviteResponse{}, allowed: onlyAdmin},
		{method: samspelv1.AuditService_ListAuditEvents_FullMethodName, req: &samspelv1.ListAuditEventsRequest{}, resp: &samspelv1.ListAuditEventsResponse{}, allowed: onlyAdmin},

		{method: samspelv1.AuthService_GetSignInOptions_FullMethodName, req: &samspelv1.GetSignInOptionsRequest{}, resp: &samspelv1.GetSignInOptionsResponse{}, public: true, publicCode: codes.OK},
		{method: samspelv1.AuthService_BeginPasskeySignIn_FullMethodName, req: &samspelv1.BeginPasskeySignInRequest{}, resp: &samspelv1.BeginPasskeySignInResponse{}, public: true, publicCode: codes.OK},
		{method: samspelv1.AuthService_FinishPasskeySignIn_FullMethodName, req: &samspelv1.FinishPasskeySignInRequest{CeremonyId: "swc_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", CredentialJson: "{}"}, resp: &samspelv1.FinishPasskeySignInResponse{}, public: true, publicCode: codes.Unauthenticated},
		{method: samspelv1.AuthService_BeginOidcSignIn_FullMethodName, req: &samspelv1.BeginOidcSignInRequest{ProviderId: "nowhere"}, resp: &samspelv1.BeginOidcSignInResponse{}, public: true, publicCode: codes.InvalidArgument},
		{method: samspelv1.PasskeyService_BeginPasskeyRegistration_FullMethodName, req: &samspelv1.BeginPasskeyRegistrationRequest{}, resp: &samspelv1.BeginPasskeyRegistrationResponse{}, allowed: signedIn},
		{method: samspelv1.PasskeyService_FinishPasskeyRegistration_FullMethodName, req: &samspelv1.FinishPasskeyRegistrationRequest{CeremonyId: "swc_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", CredentialJson: "{}"}, resp: &samspelv1.FinishPasskeyRegistrationResponse{}, allowed: signedIn, okCode: codes.InvalidArgument},
		{method: samspelv1.PasskeyService_ListPasskeys_FullMethodName, req: &samspelv1.ListPasskeysRequest{}, resp: &samspelv1.ListPasskeysResponse{}, allowed: signedIn},
		{method: samspelv1.PasskeyService_RenamePasskey_FullMethodName, req: &samspelv1.RenamePasskeyRequest{Id: 999, Name: "Telefonen"}, resp: &samspelv1.RenamePasskeyResponse{}, allowed: signedIn, okCode: codes.NotFound},
		{method: samspelv1.PasskeyService_DeletePasskey_FullMethodName, req: &samspelv1.DeletePasskeyRequest{Id: 999}, resp: &samspelv1.DeletePasskeyResponse{}, allowed: signedIn, okCode: codes.NotFound},
		{method: samspelv1.SessionService_ListSessions_FullMethodName, req: &samspelv1.ListSessionsRequest{}, resp: &samspelv1.ListSessionsResponse{}, allowed: signedIn},
		{method: samspelv1.SessionService_EndSession_FullMethodName, req: &samspelv1.EndSessionRequest{Id: 999999}, resp: &samspelv1.EndSessionResponse{}, allowed: signedIn, okCode: codes.NotFound},
		{method: samspelv1.PersonService_DisablePerson_FullMethodName, req: &samspelv1.DisablePersonRequest{PersonId: toDisable}, resp: &samspelv1.DisablePersonResponse{}, allowed: onlyAdmin},
		// After the row above, so the administrator enables someone disabled.
		{method: samspelv1.PersonService_EnablePerson_FullMethodName, req: &samspelv1.EnablePersonRequest{PersonId: toDisable}, resp: &samspelv1.EnablePersonResponse{}, allowed: onlyAdmin},
		// Notes: the chair wrote notes.private, .toDelete and .toShare, all private.
		{method: samspelv1.NoteService_CreateQuickNote_FullMethodName, fresh: func() proto.Message {
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
		{method: samspelv1.NoteService_ListNextCheckInQuickNotes_FullMethodName, req: &samspelv1.ListNextCheckInQuickNotesRequest{}, resp: &samspelv1.ListNextCheckInQuickNotesResponse{}, allowed: pairs},
		// The next check-in is looked up when the row runs: other rows hold and move meetings.
		{method: samspelv1.NoteService_ConvertQuickNote_FullMethodName, fresh: func() proto.Message {
			return &samspelv1.ConvertQuickNoteRequest{Id: notes.toConvert, Revision: 1, MeetingId: nextCheckInOf(t, s, demo.Chair.Email),
				Into: &samspelv1.ConvertQuickNoteRequest_AgendaItem{AgendaItem: &samspelv1.QuickNoteAgendaItem{Title: "Matrisens punkt"}}}
		}, resp: &samspelv1.ConvertQuickNoteResponse{}, allowed: author, hidden: notAuthor},
		// Exports: the archive only for administrators (and staff with the registrar
		// permission, which the demo's staff member lacks); outsiders may not know the term.
		{method: samspelv1.ExportService_ExportTerm_FullMethodName, req: &samspelv1.ExportTermRequest{TermId: finishedTerm(t, s), Kind: samspelv1.ExportKind_EXPORT_KIND_ARCHIVE}, resp: &samspelv1.ExportTermResponse{}, allowed: onlyAdmin, hidden: hiddenFrom, stream: true},
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
				want = row.publicCode
			case c.email == "":
				want = codes.Unauthenticated
			case row.refused[c.email] != codes.OK:
				want = row.refused[c.email]
			case contains(row.allowed, c.email):
				want = row.okCode // OK unless the row says otherwise
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
				err := invokeAny(callCtx, s.Conn, row.method, row.stream, req, proto.Clone(row.resp))
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

// seedPersonToDisable adds a person who is none of the callers, so disabling them
// leaves every caller's token working for the rest of the matrix.
func seedPersonToDisable(t *testing.T, s *apptest.Server) int64 {
	t.Helper()
	var id int64
	_, err := s.Store.SeedOnce(context.Background(), "a person to disable", func(b *store.Seeder) error {
		id = b.Person(store.DemoPerson{Email: "avslutad@exempelstad.example", Name: "Avslutad Person"})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// matrixNotes are private notes of the demo chair for the matrix to read and change.
type matrixNotes struct{ private, toDelete, toShare, toConvert string }

func seedMatrixNotes(t *testing.T, s *apptest.Server) matrixNotes {
	t.Helper()
	ctx := context.Background()
	chair, err := s.Store.PersonByEmail(ctx, demo.Chair.Email)
	if err != nil {
		t.Fatal(err)
	}
	var ids [4]string
	for i := range ids {
		n, err := s.Store.CreateQuickNote(ctx, store.Actor{PersonID: chair.ID}, store.NewQuickNote{ID: store.NewNoteID(time.Now()), Body: "Matrisens anteckning"})
		if err != nil {
			t.Fatal(err)
		}
		ids[i] = n.ID
	}
	return matrixNotes{private: ids[0], toDelete: ids[1], toShare: ids[2], toConvert: ids[3]}
}

// nextCheckInOf is the id of the person's next check-in, as ListNextCheckInQuickNotes has it.
func nextCheckInOf(t *testing.T, s *apptest.Server, email string) int64 {
	t.Helper()
	p, err := s.Store.PersonByEmail(context.Background(), email)
	if err != nil {
		t.Fatal(err)
	}
	next, _, _, err := s.Store.NextCheckInNotes(context.Background(), store.Viewer{PersonID: p.ID}, 0, store.Page{})
	if err != nil || next == nil {
		t.Fatalf("next check-in of %s: %v, %v", email, next, err)
	}
	return next.ID
}
