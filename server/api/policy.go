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
	// The pair: the chair and the director. Which organisation's pair, and whether the
	// chair or the director, is checked by the store.
	pair         = []samspelv1.Role{samspelv1.Role_ROLE_CHAIR, samspelv1.Role_ROLE_DIRECTOR}
	chairOnly    = []samspelv1.Role{samspelv1.Role_ROLE_CHAIR}
	directorOnly = []samspelv1.Role{samspelv1.Role_ROLE_DIRECTOR}
)

// policy is the one table of who may call what. A method missing here is refused with
// PermissionDenied, and a test walks the proto descriptors so none goes missing.
var policy = map[string]rule{
	samspelv1.AuthService_RedeemInvite_FullMethodName: {public: true},
	samspelv1.AuthService_SignOut_FullMethodName:      {signedIn: true},
	samspelv1.AuthService_GetMe_FullMethodName:        {signedIn: true},

	samspelv1.AuthService_GetSignInOptions_FullMethodName:    {public: true},
	samspelv1.AuthService_BeginPasskeySignIn_FullMethodName:  {public: true},
	samspelv1.AuthService_FinishPasskeySignIn_FullMethodName: {public: true},
	samspelv1.AuthService_BeginOidcSignIn_FullMethodName:     {public: true},

	samspelv1.PasskeyService_BeginPasskeyRegistration_FullMethodName:  {signedIn: true},
	samspelv1.PasskeyService_FinishPasskeyRegistration_FullMethodName: {signedIn: true},
	samspelv1.PasskeyService_ListPasskeys_FullMethodName:              {signedIn: true},
	samspelv1.PasskeyService_RenamePasskey_FullMethodName:             {signedIn: true},
	samspelv1.PasskeyService_DeletePasskey_FullMethodName:             {signedIn: true},

	samspelv1.SessionService_ListSessions_FullMethodName: {signedIn: true},
	samspelv1.SessionService_EndSession_FullMethodName:   {signedIn: true},
	samspelv1.PersonService_DisablePerson_FullMethodName: {roles: adminOnly},
	samspelv1.PersonService_EnablePerson_FullMethodName:  {roles: adminOnly},

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
	// The role split: reads are open to every role and filtered by the store (the pair,
	// staff and administrators see it; others get NotFound). The chair decides, the
	// director proposes.
	samspelv1.RoleSplitService_ListAreas_FullMethodName:           {roles: everyone},
	samspelv1.RoleSplitService_GetArea_FullMethodName:             {roles: everyone},
	samspelv1.RoleSplitService_ListAreaEvents_FullMethodName:      {roles: everyone},
	samspelv1.RoleSplitService_ListAreaProposals_FullMethodName:   {roles: everyone},
	samspelv1.RoleSplitService_ListPrecedents_FullMethodName:      {roles: everyone},
	samspelv1.RoleSplitService_CreateArea_FullMethodName:          {roles: chairOnly},
	samspelv1.RoleSplitService_UpdateArea_FullMethodName:          {roles: chairOnly},
	samspelv1.RoleSplitService_AcceptAreaProposal_FullMethodName:  {roles: chairOnly},
	samspelv1.RoleSplitService_DeclineAreaProposal_FullMethodName: {roles: chairOnly},
	samspelv1.RoleSplitService_ProposeAreaChange_FullMethodName:   {roles: directorOnly},
	samspelv1.RoleSplitService_CommentOnArea_FullMethodName:       {roles: pair},
	samspelv1.RoleSplitService_LinkPrecedent_FullMethodName:       {roles: pair},
	samspelv1.RoleSplitService_RetireArea_FullMethodName:          {roles: chairOnly},
	samspelv1.RoleSplitService_RestoreArea_FullMethodName:         {roles: chairOnly},

	// The instruction: every member reads adopted versions, drafts are filtered by the
	// store; the pair writes.
	samspelv1.InstructionService_ListInstructionVersions_FullMethodName: {roles: everyone},
	samspelv1.InstructionService_GetInstructionVersion_FullMethodName:   {roles: everyone},
	samspelv1.InstructionService_DiffInstructionVersions_FullMethodName: {roles: everyone},
	samspelv1.InstructionService_CreateInstructionDraft_FullMethodName:  {roles: pair},
	samspelv1.InstructionService_UpdateInstructionDraft_FullMethodName:  {roles: pair},
	samspelv1.InstructionService_AdoptInstructionVersion_FullMethodName: {roles: pair},
	samspelv1.InstructionService_RecordInstructionReview_FullMethodName: {roles: pair},
	samspelv1.InstructionService_DeleteInstructionDraft_FullMethodName:  {roles: pair},

	// The pair's own records: reads answer NotFound to everyone outside the pair, so
	// they are open to every role here; writes are the pair's.
	samspelv1.PairService_GetPairStatus_FullMethodName:           {roles: everyone},
	samspelv1.PairService_ListAgreements_FullMethodName:          {roles: everyone},
	samspelv1.PairService_GetAgreement_FullMethodName:            {roles: everyone},
	samspelv1.PairService_ListDeviations_FullMethodName:          {roles: everyone},
	samspelv1.PairService_GetDeviation_FullMethodName:            {roles: everyone},
	samspelv1.PairService_ListCrisisPeriods_FullMethodName:       {roles: everyone},
	samspelv1.PairService_ProposeAgreement_FullMethodName:        {roles: pair},
	samspelv1.PairService_AcceptAgreement_FullMethodName:         {roles: pair},
	samspelv1.PairService_AmendAgreement_FullMethodName:          {roles: pair},
	samspelv1.PairService_DeclineAgreement_FullMethodName:        {roles: pair},
	samspelv1.PairService_RequestAgreementRevisit_FullMethodName: {roles: pair},
	samspelv1.PairService_ResolveAgreementRevisit_FullMethodName: {roles: pair},
	samspelv1.PairService_LogDeviation_FullMethodName:            {roles: pair},
	samspelv1.PairService_AcknowledgeDeviation_FullMethodName:    {roles: pair},
	samspelv1.PairService_CommentOnDeviation_FullMethodName:      {roles: pair},
	samspelv1.PairService_StartCrisis_FullMethodName:             {roles: pair},
	samspelv1.PairService_EndCrisis_FullMethodName:               {roles: pair},

	samspelv1.NoteService_CreateQuickNote_FullMethodName:           {roles: pair},
	samspelv1.NoteService_GetQuickNote_FullMethodName:              {roles: pair},
	samspelv1.NoteService_ListQuickNotes_FullMethodName:            {roles: pair},
	samspelv1.NoteService_UpdateQuickNote_FullMethodName:           {roles: pair},
	samspelv1.NoteService_DeleteQuickNote_FullMethodName:           {roles: pair},
	samspelv1.NoteService_ShareQuickNote_FullMethodName:            {roles: pair},
	samspelv1.NoteService_PullQuickNoteChanges_FullMethodName:      {roles: pair},
	samspelv1.NoteService_SearchQuickNotes_FullMethodName:          {roles: pair},
	samspelv1.NoteService_ListQuickNoteRevisions_FullMethodName:    {roles: pair},
	samspelv1.NoteService_ListNextCheckInQuickNotes_FullMethodName: {roles: pair},
	samspelv1.NoteService_ConvertQuickNote_FullMethodName:          {roles: pair},
	// Opposition briefings, the parity ledger and questions. Reads are open to every
	// role: the store answers NotFound for what a caller may not see (another party's
	// questions, budget-work questions for the chair and the majority).
	samspelv1.OppositionService_CreateBriefing_FullMethodName:    {roles: briefers},
	samspelv1.OppositionService_GetBriefing_FullMethodName:       {roles: everyone},
	samspelv1.OppositionService_ListBriefings_FullMethodName:     {roles: everyone},
	samspelv1.OppositionService_HoldBriefing_FullMethodName:      {roles: briefers},
	samspelv1.OppositionService_InformOpposition_FullMethodName:  {roles: briefers},
	samspelv1.OppositionService_WithholdTopic_FullMethodName:     {roles: directorOnly},
	samspelv1.OppositionService_ListParityEntries_FullMethodName: {roles: ledgerReaders},
	samspelv1.OppositionService_GetParitySummary_FullMethodName:  {roles: ledgerReaders},
	samspelv1.OppositionService_AskQuestion_FullMethodName:       {roles: oppositionOnly},
	samspelv1.OppositionService_GetQuestion_FullMethodName:       {roles: everyone},
	samspelv1.OppositionService_ListQuestions_FullMethodName:     {roles: everyone},
	samspelv1.OppositionService_SearchQuestions_FullMethodName:   {roles: everyone},
	samspelv1.OppositionService_AssignQuestion_FullMethodName:    {roles: directorOnly},
	samspelv1.OppositionService_AnswerQuestion_FullMethodName:    {roles: briefers},
	samspelv1.OppositionService_ReleaseQuestion_FullMethodName:   {roles: oppositionOnly},
	// Exports: everyone may export their own records (the personal export); the handler
	// narrows the rest. The archive is for administrators and staff with the registrar
	// permission, the handover dossier also for the pair.
	samspelv1.ExportService_ExportTerm_FullMethodName:     {roles: everyone},
	samspelv1.ExportService_GetExportKinds_FullMethodName: {roles: everyone},
}

var (
	// meetingOrganizers may call meetings: the pair, the majority and staff.
	meetingOrganizers = []samspelv1.Role{samspelv1.Role_ROLE_CHAIR, samspelv1.Role_ROLE_DIRECTOR, samspelv1.Role_ROLE_MAJORITY, samspelv1.Role_ROLE_STAFF}
	// decisionReaders see how the decisions are carried out.
	decisionReaders = meetingOrganizers
	// decisionReporters register decisions and report their status.
	decisionReporters = []samspelv1.Role{samspelv1.Role_ROLE_CHAIR, samspelv1.Role_ROLE_DIRECTOR, samspelv1.Role_ROLE_STAFF}
)

var (
	// briefers brief the opposition and answer its questions: the director and the staff.
	briefers = []samspelv1.Role{samspelv1.Role_ROLE_DIRECTOR, samspelv1.Role_ROLE_STAFF}
	// ledgerReaders see the parity ledger: the chair, the director and the staff.
	ledgerReaders = []samspelv1.Role{samspelv1.Role_ROLE_CHAIR, samspelv1.Role_ROLE_DIRECTOR, samspelv1.Role_ROLE_STAFF}
	// oppositionOnly: opposition politicians ask and release their party's questions.
	oppositionOnly = []samspelv1.Role{samspelv1.Role_ROLE_OPPOSITION}
)
