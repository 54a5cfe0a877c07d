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
}
