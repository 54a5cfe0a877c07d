package api_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/samspel/samspel/server/api"
	"github.com/samspel/samspel/server/apptest"
	"github.com/samspel/samspel/server/demo"
	samspelv1 "github.com/samspel/samspel/server/gen/samspel/v1"
	"github.com/samspel/samspel/server/store"
)

// countRows counts rows in the test server's database with a query of its own.
func countRows(t *testing.T, s *apptest.Server, query string, args ...any) int {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+filepath.Join(s.DataDir, store.FileName)+"?mode=ro&_busy_timeout=5000")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRowContext(context.Background(), query, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestEnablingADisabledPersonLetsThemSignInAgainButNothingOldComesBack(t *testing.T) {
	s := apptest.Start(t)
	ctx := context.Background()
	admin := signIn(t, s, demo.Admin.Email, store.RoleAdmin, androidChrome, "")
	phone := signIn(t, s, demo.Chair.Email, store.RoleChair, androidChrome, "")
	token := s.Token(t, demo.Chair.Email)
	chair, err := s.Store.PersonByEmail(ctx, demo.Chair.Email)
	if err != nil {
		t.Fatal(err)
	}
	invites := samspelv1.NewInviteServiceClient(s.Conn)
	adminCtx := apptest.Bearer(ctx, s.Token(t, demo.Admin.Email))
	inviteChair := &samspelv1.CreateInviteRequest{Email: demo.Chair.Email, Role: samspelv1.Role_ROLE_CHAIR, OrganizationId: 1}
	// An invite made before the disabling, never redeemed: it must not work after.
	early := s.Invite(t, demo.Chair.Email, store.RoleChair, "")

	if got := callWithCookie(t, s, admin, samspelv1.PersonService_DisablePerson_FullMethodName, &samspelv1.DisablePersonRequest{PersonId: chair.ID}, &samspelv1.DisablePersonResponse{}); got != codes.OK {
		t.Fatalf("DisablePerson: %v", got)
	}
	// A token made for the disabled person from the command line: refused while they are
	// disabled, and it must not start working when they are enabled.
	lateToken := s.Token(t, demo.Chair.Email)

	t.Run("an invite to a disabled person's e-mail is refused and nothing is stored", func(t *testing.T) {
		before := countRows(t, s, `SELECT count(*) FROM invites`)
		auditsBefore := s.AuditCount(t, "invite.create", true, "")
		for _, email := range []string{demo.Chair.Email, strings.ToUpper(demo.Chair.Email)} {
			_, err := invites.CreateInvite(adminCtx, &samspelv1.CreateInviteRequest{Email: email, Role: samspelv1.Role_ROLE_CHAIR, OrganizationId: 1})
			if got := status.Code(err); got != codes.FailedPrecondition {
				t.Errorf("CreateInvite for %s = %v; want FailedPrecondition", email, err)
			}
			if msg := status.Convert(err).Message(); !strings.Contains(msg, "is disabled") || !strings.Contains(msg, "enable them first") {
				t.Errorf("the refusal reads %q", msg)
			}
			if info := errorInfo(err); info == nil || info.Reason != "PERSON_DISABLED" || info.Domain != api.ErrorDomain {
				t.Errorf("the refusal carries ErrorInfo %v; want reason PERSON_DISABLED in domain %q", info, api.ErrorDomain)
			}
		}
		if after := countRows(t, s, `SELECT count(*) FROM invites`); after != before {
			t.Errorf("invites went from %d to %d", before, after)
		}
		if got := s.AuditCount(t, "invite.create", true, ""); got != auditsBefore {
			t.Errorf("invite.create events went from %d to %d", auditsBefore, got)
		}
	})

	var resp samspelv1.EnablePersonResponse
	if got := callWithCookie(t, s, admin, samspelv1.PersonService_EnablePerson_FullMethodName, &samspelv1.EnablePersonRequest{PersonId: chair.ID}, &resp); got != codes.OK {
		t.Fatalf("EnablePerson from the administrator's session: %v", got)
	}

	t.Run("the answer says the person was disabled and is not now", func(t *testing.T) {
		if !resp.WasDisabled || resp.Person.GetDisabled() || resp.Person.GetId() != chair.ID {
			t.Errorf("EnablePerson answered %v", &resp)
		}
	})
	t.Run("the sessions and tokens ended at disabling stay ended", func(t *testing.T) {
		if got := getMe(t, s, phone); got != codes.Unauthenticated {
			t.Errorf("GetMe with the old session = %v; want Unauthenticated", got)
		}
		for name, tok := range map[string]string{"the token from before": token, "the token made while disabled": lateToken} {
			_, err := samspelv1.NewAuthServiceClient(s.Conn).GetMe(apptest.Bearer(ctx, tok), &samspelv1.GetMeRequest{})
			if got := status.Code(err); got != codes.Unauthenticated {
				t.Errorf("GetMe with %s = %v; want Unauthenticated", name, got)
			}
		}
	})
	t.Run("an invite made before the disabling stays unusable", func(t *testing.T) {
		_, tok, _ := strings.Cut(early, "#invite=")
		_, err := samspelv1.NewAuthServiceClient(s.Conn).RedeemInvite(ctx, &samspelv1.RedeemInviteRequest{Token: tok})
		if got := status.Code(err); got != codes.NotFound {
			t.Errorf("RedeemInvite = %v; want NotFound", got)
		}
	})
	t.Run("a new invite is accepted and signs the person in", func(t *testing.T) {
		if _, err := invites.CreateInvite(adminCtx, inviteChair); err != nil {
			t.Fatalf("CreateInvite after enabling: %v", err)
		}
		again := signIn(t, s, demo.Chair.Email, store.RoleChair, iphoneSafari, "")
		if got := getMe(t, s, again); got != codes.OK {
			t.Errorf("GetMe with the new session = %v; want OK", got)
		}
	})
	t.Run("the audit log records the disabling and the enabling, with what was ended", func(t *testing.T) {
		subject := "person:" + strconv.FormatInt(chair.ID, 10) + " "
		if s.AuditCount(t, "person.disable", true, subject) != 1 {
			t.Error("no person.disable event for the chair")
		}
		if s.AuditCount(t, "person.enable", true, subject+"sessions:0 tokens:1 calendar_feeds:0 invites:1") != 1 {
			events, _, _ := s.Store.ListAuditEvents(ctx, store.Page{Size: 5})
			t.Errorf("no person.enable event with the leftovers ended; the newest: %+v", events)
		}
	})
	t.Run("enabling someone who is not disabled changes nothing and is no error", func(t *testing.T) {
		before := s.AuditCount(t, "person.enable", true, "")
		var again samspelv1.EnablePersonResponse
		if got := callWithCookie(t, s, admin, samspelv1.PersonService_EnablePerson_FullMethodName, &samspelv1.EnablePersonRequest{PersonId: chair.ID}, &again); got != codes.OK {
			t.Fatalf("EnablePerson again = %v; want OK", got)
		}
		if again.WasDisabled || again.Person.GetDisabled() {
			t.Errorf("EnablePerson again answered %v", &again)
		}
		if after := s.AuditCount(t, "person.enable", true, ""); after != before {
			t.Errorf("person.enable events went from %d to %d", before, after)
		}
	})
	t.Run("an unknown person is NotFound", func(t *testing.T) {
		if got := callWithCookie(t, s, admin, samspelv1.PersonService_EnablePerson_FullMethodName, &samspelv1.EnablePersonRequest{PersonId: 999999}, &samspelv1.EnablePersonResponse{}); got != codes.NotFound {
			t.Errorf("EnablePerson of nobody = %v; want NotFound", got)
		}
	})
	t.Run("someone who is not an administrator is refused", func(t *testing.T) {
		director := signIn(t, s, demo.Director.Email, store.RoleDirector, androidChrome, "")
		if got := callWithCookie(t, s, director, samspelv1.PersonService_EnablePerson_FullMethodName, &samspelv1.EnablePersonRequest{PersonId: chair.ID}, &samspelv1.EnablePersonResponse{}); got != codes.PermissionDenied {
			t.Errorf("EnablePerson by the director = %v; want PermissionDenied", got)
		}
	})
}

// errorInfo is the google.rpc.ErrorInfo an error carries, or nil.
func errorInfo(err error) *errdetails.ErrorInfo {
	for _, d := range status.Convert(err).Details() {
		if info, ok := d.(*errdetails.ErrorInfo); ok {
			return info
		}
	}
	return nil
}
