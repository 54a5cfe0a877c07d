package api_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"

	"github.com/samspel/samspel/server/apptest"
	"github.com/samspel/samspel/server/auth"
	"github.com/samspel/samspel/server/demo"
	samspelv1 "github.com/samspel/samspel/server/gen/samspel/v1"
	"github.com/samspel/samspel/server/store"
)

const (
	androidChrome = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Mobile Safari/537.36"
	iphoneSafari  = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1"
)

// signIn redeems a fresh invite for email over grpc-web, as a browser with this user
// agent would, and returns the session secret from the Set-Cookie header. cookie, if
// not empty, is the session the browser already holds.
func signIn(t *testing.T, s *apptest.Server, email string, role int32, userAgent, cookie string) string {
	t.Helper()
	invite := s.Invite(t, email, role, "")
	_, token, _ := strings.Cut(invite, "#invite=")
	h := http.Header{"User-Agent": {userAgent}}
	if cookie != "" {
		h.Set("Cookie", auth.CookieName+"="+cookie)
	}
	res, err := s.GRPCWeb(context.Background(), samspelv1.AuthService_RedeemInvite_FullMethodName,
		&samspelv1.RedeemInviteRequest{Token: token, DisplayName: "Ny Person"}, &samspelv1.RedeemInviteResponse{}, h)
	if err != nil || res.Status.Code() != codes.OK {
		t.Fatalf("redeem invite for %s: %v %v", email, err, res.Status)
	}
	secret := auth.SessionFromCookieHeader([]string{strings.Split(res.Header.Get("Set-Cookie"), ";")[0]})
	if secret == "" {
		t.Fatalf("no session cookie in %q", res.Header.Get("Set-Cookie"))
	}
	return secret
}

// callWithCookie calls method over grpc-web with a session cookie and returns the code.
func callWithCookie(t *testing.T, s *apptest.Server, secret, method string, req, resp proto.Message) codes.Code {
	t.Helper()
	res, err := s.GRPCWeb(context.Background(), method, req, resp, http.Header{"Cookie": {auth.CookieName + "=" + secret}})
	if err != nil {
		t.Fatalf("%s: %v", method, err)
	}
	return res.Status.Code()
}

func getMe(t *testing.T, s *apptest.Server, secret string) codes.Code {
	t.Helper()
	return callWithCookie(t, s, secret, samspelv1.AuthService_GetMe_FullMethodName, &samspelv1.GetMeRequest{}, &samspelv1.GetMeResponse{})
}

func TestDisablingAPersonEndsTheirSessionsAndTokensAtOnce(t *testing.T) {
	s := apptest.Start(t)
	ctx := context.Background()
	phone := signIn(t, s, demo.Chair.Email, store.RoleChair, androidChrome, "")
	laptop := signIn(t, s, demo.Chair.Email, store.RoleChair, iphoneSafari, "")
	token := s.Token(t, demo.Chair.Email)
	bystander := signIn(t, s, demo.Director.Email, store.RoleDirector, androidChrome, "")
	admin := signIn(t, s, demo.Admin.Email, store.RoleAdmin, androidChrome, "")
	chair, err := s.Store.PersonByEmail(ctx, demo.Chair.Email)
	if err != nil {
		t.Fatal(err)
	}
	early := s.Invite(t, demo.Chair.Email, store.RoleChair, "") // unused when the chair is disabled

	t.Run("before: both sessions and the token work", func(t *testing.T) {
		for _, secret := range []string{phone, laptop} {
			if got := getMe(t, s, secret); got != codes.OK {
				t.Errorf("GetMe with a session: %v", got)
			}
		}
		if _, err := samspelv1.NewAuthServiceClient(s.Conn).GetMe(apptest.Bearer(ctx, token), &samspelv1.GetMeRequest{}); err != nil {
			t.Errorf("GetMe with the token: %v", err)
		}
	})

	var resp samspelv1.DisablePersonResponse
	if got := callWithCookie(t, s, admin, samspelv1.PersonService_DisablePerson_FullMethodName, &samspelv1.DisablePersonRequest{PersonId: chair.ID}, &resp); got != codes.OK {
		t.Fatalf("DisablePerson from the administrator's session: %v", got)
	}
	if resp.SessionsEnded != 2 || resp.TokensRevoked != 1 {
		t.Errorf("DisablePerson ended %d sessions and %d tokens; want 2 and 1", resp.SessionsEnded, resp.TokensRevoked)
	}

	t.Run("the phone's session fails on its next call", func(t *testing.T) {
		if got := getMe(t, s, phone); got != codes.Unauthenticated {
			t.Errorf("GetMe = %v; want Unauthenticated", got)
		}
	})
	t.Run("the other session fails on its next call", func(t *testing.T) {
		if got := getMe(t, s, laptop); got != codes.Unauthenticated {
			t.Errorf("GetMe = %v; want Unauthenticated", got)
		}
	})
	t.Run("the bearer token fails on its next call", func(t *testing.T) {
		_, err := samspelv1.NewAuthServiceClient(s.Conn).GetMe(apptest.Bearer(ctx, token), &samspelv1.GetMeRequest{})
		if got := status.Code(err); got != codes.Unauthenticated {
			t.Errorf("GetMe = %v; want Unauthenticated", got)
		}
	})
	t.Run("an invite made before cannot bring the disabled person back in", func(t *testing.T) {
		_, tok, _ := strings.Cut(early, "#invite=")
		_, err := samspelv1.NewAuthServiceClient(s.Conn).RedeemInvite(ctx, &samspelv1.RedeemInviteRequest{Token: tok})
		if got := status.Code(err); got != codes.NotFound {
			t.Errorf("RedeemInvite = %v; want NotFound", got)
		}
	})
	t.Run("other people's sessions go on", func(t *testing.T) {
		if got := getMe(t, s, bystander); got != codes.OK {
			t.Errorf("the director's GetMe = %v; want OK", got)
		}
	})
	t.Run("an administrator cannot disable themselves", func(t *testing.T) {
		me, _ := s.Store.PersonByEmail(ctx, demo.Admin.Email)
		if got := callWithCookie(t, s, admin, samspelv1.PersonService_DisablePerson_FullMethodName, &samspelv1.DisablePersonRequest{PersonId: me.ID}, &resp); got != codes.InvalidArgument {
			t.Errorf("DisablePerson of oneself = %v; want InvalidArgument", got)
		}
	})
	t.Run("the audit log records who disabled whom", func(t *testing.T) {
		if s.AuditCount(t, "person.disable", true, "person:") == 0 {
			t.Errorf("no person.disable event")
		}
	})
}

func TestHammeringSignInIsRateLimitedAndAudited(t *testing.T) {
	tests := []struct {
		name   string
		method string
		req    proto.Message
		action string // the audit action of each refused attempt
	}{
		{"passkey sign-in with a made-up answer", samspelv1.AuthService_FinishPasskeySignIn_FullMethodName,
			&samspelv1.FinishPasskeySignInRequest{CeremonyId: "swc_" + strings.Repeat("A", 43), CredentialJson: "{}"}, "passkey.sign_in"},
		{"invite redemption with a made-up link", samspelv1.AuthService_RedeemInvite_FullMethodName,
			&samspelv1.RedeemInviteRequest{Token: "si_" + strings.Repeat("B", 43)}, "invite.redeem"},
	}
	for _, tc := range tests {
		t.Run(tc.name+" is refused with RESOURCE_EXHAUSTED and a retry hint once hammered", func(t *testing.T) {
			s := apptest.Start(t)
			var exhausted *status.Status
			attempts := 0
			for attempts < 30 && exhausted == nil {
				attempts++
				res, err := s.GRPCWeb(context.Background(), tc.method, tc.req, nil, nil)
				if err != nil {
					t.Fatal(err)
				}
				if res.Status.Code() == codes.ResourceExhausted {
					exhausted = res.Status
				}
			}
			if exhausted == nil {
				t.Fatalf("30 attempts in a row were all let through")
			}
			if attempts != auth.ClientLimit.Burst+1 {
				t.Errorf("refused at attempt %d; want %d (the burst, plus one)", attempts, auth.ClientLimit.Burst+1)
			}
			var retry *errdetails.RetryInfo
			for _, d := range exhausted.Details() {
				if ri, ok := d.(*errdetails.RetryInfo); ok {
					retry = ri
				}
			}
			if retry == nil || retry.RetryDelay.AsDuration() < time.Second {
				t.Errorf("RESOURCE_EXHAUSTED without a RetryInfo of at least a second: %v", exhausted.Details())
			}
			if n := s.AuditCount(t, tc.action, false, ""); n != auth.ClientLimit.Burst {
				t.Errorf("the audit log has %d failed %s attempts; want %d", n, tc.action, auth.ClientLimit.Burst)
			}
			method := tc.method[strings.LastIndex(tc.method, "/")+1:]
			if n := s.AuditCount(t, "rate_limit."+method, false, ""); n != 1 {
				t.Errorf("the audit log has %d rate_limit.%s events; want 1 (one per minute, however many are refused)", n, method)
			}
		})
	}
}

func TestSessionsCanBeListedAndEnded(t *testing.T) {
	s := apptest.Start(t)
	phone := signIn(t, s, demo.Director.Email, store.RoleDirector, androidChrome, "")
	iphone := signIn(t, s, demo.Director.Email, store.RoleDirector, iphoneSafari, "")
	other := signIn(t, s, demo.Chair.Email, store.RoleChair, androidChrome, "")

	var list samspelv1.ListSessionsResponse
	if got := callWithCookie(t, s, phone, samspelv1.SessionService_ListSessions_FullMethodName, &samspelv1.ListSessionsRequest{}, &list); got != codes.OK {
		t.Fatalf("ListSessions: %v", got)
	}
	t.Run("my sessions are listed newest first with their device, and mine is marked", func(t *testing.T) {
		if len(list.Sessions) != 2 {
			t.Fatalf("got %d sessions; want 2", len(list.Sessions))
		}
		first, second := list.Sessions[0], list.Sessions[1]
		if first.Os != "iPhone" || first.Browser != "Safari" || first.Current {
			t.Errorf("newest session: %s/%s current=%v; want iPhone/Safari, not current", first.Os, first.Browser, first.Current)
		}
		if second.Os != "Android" || second.Browser != "Chrome" || !second.Current {
			t.Errorf("older session: %s/%s current=%v; want Android/Chrome, current", second.Os, second.Browser, second.Current)
		}
		if second.Method != samspelv1.SignInMethod_SIGN_IN_METHOD_INVITE || second.LastUseTime == nil {
			t.Errorf("session method %v, last use %v", second.Method, second.LastUseTime)
		}
	})
	t.Run("a script with a token sees the same sessions, none of them its own", func(t *testing.T) {
		resp, err := samspelv1.NewSessionServiceClient(s.Conn).ListSessions(apptest.Bearer(context.Background(), s.Token(t, demo.Director.Email)), &samspelv1.ListSessionsRequest{})
		if err != nil || len(resp.Sessions) != 2 || resp.Sessions[0].Current || resp.Sessions[1].Current {
			t.Errorf("ListSessions with a token: %v, %v", resp, err)
		}
	})
	t.Run("ending the other session makes it fail on its next call", func(t *testing.T) {
		if got := callWithCookie(t, s, phone, samspelv1.SessionService_EndSession_FullMethodName, &samspelv1.EndSessionRequest{Id: list.Sessions[0].Id}, nil); got != codes.OK {
			t.Fatalf("EndSession: %v", got)
		}
		if got := getMe(t, s, iphone); got != codes.Unauthenticated {
			t.Errorf("GetMe with the ended session = %v; want Unauthenticated", got)
		}
		if got := getMe(t, s, phone); got != codes.OK {
			t.Errorf("GetMe with the session that ended it = %v; want OK", got)
		}
	})
	t.Run("someone else's session is not found", func(t *testing.T) {
		var theirs samspelv1.ListSessionsResponse
		callWithCookie(t, s, other, samspelv1.SessionService_ListSessions_FullMethodName, &samspelv1.ListSessionsRequest{}, &theirs)
		if got := callWithCookie(t, s, phone, samspelv1.SessionService_EndSession_FullMethodName, &samspelv1.EndSessionRequest{Id: theirs.Sessions[0].Id}, nil); got != codes.NotFound {
			t.Errorf("EndSession of the chair's session by the director = %v; want NotFound", got)
		}
		if got := getMe(t, s, other); got != codes.OK {
			t.Errorf("the chair's session was ended by someone else")
		}
	})
}

func TestSigningInGivesANewSessionAndEndsTheOneItReplaces(t *testing.T) {
	s := apptest.Start(t)
	first := signIn(t, s, demo.Vice.Email, 3, androidChrome, "")
	second := signIn(t, s, demo.Vice.Email, 3, androidChrome, first)
	if first == second {
		t.Fatalf("the second sign-in kept the session id")
	}
	if got := getMe(t, s, first); got != codes.Unauthenticated {
		t.Errorf("the replaced session still works: %v", got)
	}
	if got := getMe(t, s, second); got != codes.OK {
		t.Errorf("the new session does not work: %v", got)
	}
}

func TestARecoveryInviteAddsASessionAndEndsNothingElse(t *testing.T) {
	s := apptest.Start(t)
	ctx := context.Background()
	phone := signIn(t, s, demo.Staff.Email, 5, androidChrome, "")
	token := s.Token(t, demo.Staff.Email)
	// The lost phone is still signed in; the new one redeems the administrator's new invite.
	recovered := signIn(t, s, demo.Staff.Email, 5, iphoneSafari, "")
	for name, code := range map[string]codes.Code{"the old session": getMe(t, s, phone), "the new session": getMe(t, s, recovered)} {
		if code != codes.OK {
			t.Errorf("%s: GetMe = %v; want OK", name, code)
		}
	}
	if _, err := samspelv1.NewAuthServiceClient(s.Conn).GetMe(apptest.Bearer(ctx, token), &samspelv1.GetMeRequest{}); err != nil {
		t.Errorf("the token stopped working: %v", err)
	}
	var begin samspelv1.BeginPasskeyRegistrationResponse
	if got := callWithCookie(t, s, recovered, samspelv1.PasskeyService_BeginPasskeyRegistration_FullMethodName, &samspelv1.BeginPasskeyRegistrationRequest{}, &begin); got != codes.OK {
		t.Fatalf("BeginPasskeyRegistration from the recovered session: %v", got)
	}
	for _, want := range []string{`"residentKey":"required"`, `"userVerification":"required"`, `"rp":{"name":"Samspel","id":"localhost"}`} {
		if !strings.Contains(begin.OptionsJson, want) {
			t.Errorf("registration options lack %s: %s", want, begin.OptionsJson)
		}
	}
}

func TestSignOutClearsTheSiteButNotItsStorage(t *testing.T) {
	s := apptest.Start(t)
	secret := signIn(t, s, demo.Chair.Email, store.RoleChair, androidChrome, "")
	res, err := s.GRPCWeb(context.Background(), samspelv1.AuthService_SignOut_FullMethodName, &samspelv1.SignOutRequest{}, nil,
		http.Header{"Cookie": {auth.CookieName + "=" + secret}})
	if err != nil || res.Status.Code() != codes.OK {
		t.Fatalf("SignOut: %v %v", err, res.Status)
	}
	// "storage" would also delete the outbox of notes not yet sent; the PWA clears the
	// rest of its storage itself.
	if got := res.Header.Get("Clear-Site-Data"); got != `"cache", "cookies"` {
		t.Errorf("Clear-Site-Data = %q; want %q", got, `"cache", "cookies"`)
	}
	if got := getMe(t, s, secret); got != codes.Unauthenticated {
		t.Errorf("GetMe after signing out = %v", got)
	}
}
