package api

import (
	samspelv1 "github.com/samspel/samspel/server/gen/samspel/v1"
)

type rule struct {
	// public methods need no credentials: the ones that sign a person in.
	public bool
	// signedIn methods serve any signed-in person, even one who holds no role today.
	signedIn bool
	// roles that may call the method; anyone else gets PermissionDenied. What a permitted
	// caller may see is filtered further in the store's SQL, answering NotFound.
	roles []samspelv1.Role
}

var (
	everyone = []samspelv1.Role{
		samspelv1.Role_ROLE_CHAIR, samspelv1.Role_ROLE_DIRECTOR, samspelv1.Role_ROLE_MAJORITY,
		samspelv1.Role_ROLE_OPPOSITION, samspelv1.Role_ROLE_STAFF, samspelv1.Role_ROLE_ADMIN,
	}
	adminOnly = []samspelv1.Role{samspelv1.Role_ROLE_ADMIN}
)

// policy is the one table of who may call what. A method missing here is refused with
// PermissionDenied, and a test walks the proto descriptors so none goes missing.
var policy = map[string]rule{
	samspelv1.AuthService_RedeemInvite_FullMethodName: {public: true},
	samspelv1.AuthService_SignOut_FullMethodName:      {signedIn: true},
	samspelv1.AuthService_GetMe_FullMethodName:        {signedIn: true},

	samspelv1.OrganizationService_ListOrganizations_FullMethodName:  {roles: everyone},
	samspelv1.OrganizationService_GetOrganization_FullMethodName:    {roles: everyone},
	samspelv1.OrganizationService_CreateOrganization_FullMethodName: {roles: adminOnly},

	samspelv1.TermService_ListTerms_FullMethodName:  {roles: everyone},
	samspelv1.TermService_CreateTerm_FullMethodName: {roles: adminOnly},

	samspelv1.PersonService_ListPeople_FullMethodName:          {roles: everyone},
	samspelv1.PersonService_ListRoleAssignments_FullMethodName: {roles: everyone},
	samspelv1.PersonService_ListPairPeriods_FullMethodName:     {roles: everyone},
	samspelv1.PersonService_AssignRole_FullMethodName:          {roles: adminOnly},
	samspelv1.PersonService_EndRoleAssignment_FullMethodName:   {roles: adminOnly},

	samspelv1.InviteService_CreateInvite_FullMethodName: {roles: adminOnly},

	samspelv1.AuditService_ListAuditEvents_FullMethodName: {roles: adminOnly},

	// Meetings are open to every role here and filtered per row in the store: someone
	// who is not a participant (the opposition, an administrator) gets NOT_FOUND, as if
	// the meeting did not exist, in every call.
	samspelv1.MeetingService_CreateMeetingSeries_FullMethodName: {roles: meetingOrganizers},
	samspelv1.MeetingService_GetMeetingSeries_FullMethodName:    {roles: everyone},
	samspelv1.MeetingService_ListMeetingSeries_FullMethodName:   {roles: everyone},
	samspelv1.MeetingService_UpdateMeetingSeries_FullMethodName: {roles: everyone},
	samspelv1.MeetingService_ListMeetings_FullMethodName:        {roles: everyone},
	samspelv1.MeetingService_GetMeeting_FullMethodName:          {roles: everyone},
	samspelv1.MeetingService_GetMeetingOverview_FullMethodName:  {roles: everyone},
	samspelv1.MeetingService_UpdateMeeting_FullMethodName:       {roles: everyone},
	samspelv1.MeetingService_HoldMeeting_FullMethodName:         {roles: everyone},
	samspelv1.MeetingService_CancelMeeting_FullMethodName:       {roles: everyone},
	samspelv1.MeetingService_FinalizeMeeting_FullMethodName:     {roles: everyone},
	samspelv1.MeetingService_AddAgendaItem_FullMethodName:       {roles: everyone},
	samspelv1.MeetingService_UpdateAgendaItem_FullMethodName:    {roles: everyone},
	samspelv1.MeetingService_CloseAgendaItem_FullMethodName:     {roles: everyone},
	samspelv1.MeetingService_ReopenAgendaItem_FullMethodName:    {roles: everyone},
	samspelv1.MeetingService_AddMeetingNote_FullMethodName:      {roles: everyone},
	samspelv1.MeetingService_UpdateMeetingNote_FullMethodName:   {roles: everyone},
	samspelv1.MeetingService_AddDecision_FullMethodName:         {roles: everyone},
	samspelv1.MeetingService_UpdateDecision_FullMethodName:      {roles: everyone},
	samspelv1.MeetingService_AddActionItem_FullMethodName:       {roles: everyone},
	samspelv1.MeetingService_UpdateActionItem_FullMethodName:    {roles: everyone},
	samspelv1.MeetingService_ListActionItems_FullMethodName:     {roles: everyone},
	samspelv1.MeetingService_SearchMeetings_FullMethodName:      {roles: everyone},

	// Reflection talks belong to the chair and the director; the store answers NOT_FOUND
	// to anyone else, and hides the other party's answers until both have shared.
	samspelv1.ReflectionService_GetReflection_FullMethodName:         {roles: everyone},
	samspelv1.ReflectionService_SaveReflectionAnswers_FullMethodName: {roles: everyone},
	samspelv1.ReflectionService_SubmitReflection_FullMethodName:      {roles: everyone},

	// Following up the board's and council's decisions is the majority side's and the
	// administration's work; the director and staff report, the others read.
	samspelv1.DecisionFollowUpService_CreatePoliticalDecision_FullMethodName:       {roles: decisionReporters},
	samspelv1.DecisionFollowUpService_GetPoliticalDecision_FullMethodName:          {roles: decisionReaders},
	samspelv1.DecisionFollowUpService_ListPoliticalDecisions_FullMethodName:        {roles: decisionReaders},
	samspelv1.DecisionFollowUpService_UpdatePoliticalDecision_FullMethodName:       {roles: decisionReporters},
	samspelv1.DecisionFollowUpService_ReportPoliticalDecisionStatus_FullMethodName: {roles: decisionReporters},
	samspelv1.DecisionFollowUpService_SummarizePoliticalDecisions_FullMethodName:   {roles: decisionReaders},

	// A calendar subscription is each person's own.
	samspelv1.CalendarService_GetCalendarFeed_FullMethodName:    {roles: everyone},
	samspelv1.CalendarService_CreateCalendarFeed_FullMethodName: {roles: everyone},
	samspelv1.CalendarService_RevokeCalendarFeed_FullMethodName: {roles: everyone},
}

var (
	// meetingOrganizers may call meetings: the pair, the majority and staff.
	meetingOrganizers = []samspelv1.Role{samspelv1.Role_ROLE_CHAIR, samspelv1.Role_ROLE_DIRECTOR, samspelv1.Role_ROLE_MAJORITY, samspelv1.Role_ROLE_STAFF}
	// decisionReaders see how the decisions are carried out.
	decisionReaders = meetingOrganizers
	// decisionReporters register decisions and report their status.
	decisionReporters = []samspelv1.Role{samspelv1.Role_ROLE_CHAIR, samspelv1.Role_ROLE_DIRECTOR, samspelv1.Role_ROLE_STAFF}
)
