package api_test

import (
	"context"
	"net/http"
	"testing"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	reflectionpb "google.golang.org/grpc/reflection/grpc_reflection_v1"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/reflect/protoregistry"

	"github.com/samspel/samspel/server/apptest"
	"github.com/samspel/samspel/server/demo"
	samspelv1 "github.com/samspel/samspel/server/gen/samspel/v1"
)

// methodsOf lists every samspel.v1 RPC with its request and response types.
func methodsOf(t testing.TB) []protoreflect.MethodDescriptor {
	t.Helper()
	var out []protoreflect.MethodDescriptor
	protoregistry.GlobalFiles.RangeFilesByPackage("samspel.v1", func(fd protoreflect.FileDescriptor) bool {
		for i := 0; i < fd.Services().Len(); i++ {
			for j := 0; j < fd.Services().Get(i).Methods().Len(); j++ {
				out = append(out, fd.Services().Get(i).Methods().Get(j))
			}
		}
		return true
	})
	return out
}

func fullName(md protoreflect.MethodDescriptor) string {
	return "/" + string(md.Parent().FullName()) + "/" + string(md.Name())
}

func newMessage(t testing.TB, name protoreflect.FullName) proto.Message {
	t.Helper()
	mt, err := protoregistry.GlobalTypes.FindMessageByName(name)
	if err != nil {
		t.Fatal(err)
	}
	return mt.New().Interface()
}

func TestEveryRPCWithoutCredentialsIsUnauthenticated(t *testing.T) {
	s := apptest.Start(t)
	ctx := context.Background()
	for _, md := range methodsOf(t) {
		method := fullName(md)
		// The public methods are how one signs in; empty requests to them are invalid, or
		// (for the two that take nothing) answered.
		want, public := map[string]codes.Code{
			samspelv1.AuthService_RedeemInvite_FullMethodName:        codes.InvalidArgument,
			samspelv1.AuthService_FinishPasskeySignIn_FullMethodName: codes.InvalidArgument,
			samspelv1.AuthService_BeginOidcSignIn_FullMethodName:     codes.InvalidArgument,
			samspelv1.AuthService_GetSignInOptions_FullMethodName:    codes.OK,
			samspelv1.AuthService_BeginPasskeySignIn_FullMethodName:  codes.OK,
		}[method]
		if !public {
			want = codes.Unauthenticated
		}
		t.Run(method+" over native gRPC", func(t *testing.T) {
			err := s.Conn.Invoke(ctx, method, newMessage(t, md.Input().FullName()), newMessage(t, md.Output().FullName()))
			if got := status.Code(err); got != want {
				t.Errorf("got %v, want %v (%v)", got, want, err)
			}
		})
		t.Run(method+" over grpc-web", func(t *testing.T) {
			res, err := s.GRPCWeb(ctx, method, newMessage(t, md.Input().FullName()), nil, nil)
			if err != nil {
				t.Fatal(err)
			}
			if got := res.Status.Code(); got != want {
				t.Errorf("got %v, want %v (%v)", got, want, res.Status.Message())
			}
		})
	}
}

func TestHealth(t *testing.T) {
	s := apptest.Start(t)
	ctx := context.Background()
	t.Run("healthz answers 200", func(t *testing.T) {
		res, err := http.Get(s.URL + "/healthz")
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != 200 {
			t.Errorf("status %d", res.StatusCode)
		}
	})
	t.Run("grpc.health.v1 is SERVING over native gRPC", func(t *testing.T) {
		resp, err := healthpb.NewHealthClient(s.Conn).Check(ctx, &healthpb.HealthCheckRequest{})
		if err != nil || resp.Status != healthpb.HealthCheckResponse_SERVING {
			t.Errorf("got %v, %v", resp, err)
		}
	})
	for _, c := range []struct {
		proto  string
		client *http.Client
	}{{"HTTP/1.1", http.DefaultClient}, {"HTTP/2.0", apptest.H2CClient()}} {
		t.Run("grpc.health.v1 is SERVING over grpc-web on "+c.proto, func(t *testing.T) {
			var resp healthpb.HealthCheckResponse
			res, err := s.GRPCWebWith(ctx, c.client, "/grpc.health.v1.Health/Check", &healthpb.HealthCheckRequest{}, &resp, nil)
			if err != nil {
				t.Fatal(err)
			}
			if res.Proto != c.proto {
				t.Fatalf("spoke %s, want %s", res.Proto, c.proto)
			}
			if res.Status.Code() != codes.OK || resp.Status != healthpb.HealthCheckResponse_SERVING {
				t.Errorf("got %v, %v", resp.Status, res.Status)
			}
		})
	}
	t.Run("server reflection lists the samspel.v1 services", func(t *testing.T) {
		stream, err := reflectionpb.NewServerReflectionClient(s.Conn).ServerReflectionInfo(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if err := stream.Send(&reflectionpb.ServerReflectionRequest{MessageRequest: &reflectionpb.ServerReflectionRequest_ListServices{}}); err != nil {
			t.Fatal(err)
		}
		resp, err := stream.Recv()
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, svc := range resp.GetListServicesResponse().GetService() {
			found = found || svc.Name == "samspel.v1.AuthService"
		}
		if !found {
			t.Errorf("samspel.v1.AuthService not listed: %v", resp)
		}
	})
}

func TestInvalidRequestGetsFieldViolationsAndChangesNothing(t *testing.T) {
	s := apptest.Start(t)
	ctx := apptest.Bearer(context.Background(), s.Token(t, demo.Admin.Email))
	orgs := samspelv1.NewOrganizationServiceClient(s.Conn)
	before, err := orgs.ListOrganizations(ctx, &samspelv1.ListOrganizationsRequest{})
	if err != nil {
		t.Fatal(err)
	}
	_, err = orgs.CreateOrganization(ctx, &samspelv1.CreateOrganizationRequest{Kind: samspelv1.OrganizationKind_ORGANIZATION_KIND_KOMMUN, Name: "X"})
	st := status.Convert(err)
	if st.Code() != codes.InvalidArgument {
		t.Fatalf("got %v, want InvalidArgument", err)
	}
	if !hasViolation(st, "name") {
		t.Errorf("no field violation for name in %v", st.Details())
	}
	_, err = samspelv1.NewTermServiceClient(s.Conn).CreateTerm(ctx, &samspelv1.CreateTermRequest{OrganizationId: 1, StartDate: "2026-11-01", EndDate: "2027-01-01"})
	if st := status.Convert(err); st.Code() != codes.InvalidArgument || !hasViolation(st, "start_date") {
		t.Errorf("overlapping term: got %v, want InvalidArgument on start_date", err)
	}
	after, err := orgs.ListOrganizations(ctx, &samspelv1.ListOrganizationsRequest{})
	if err != nil {
		t.Fatal(err)
	}
	if !proto.Equal(before, after) {
		t.Errorf("organisations changed: %v -> %v", before, after)
	}
}

func hasViolation(st *status.Status, field string) bool {
	for _, d := range st.Details() {
		if br, ok := d.(*errdetails.BadRequest); ok {
			for _, v := range br.FieldViolations {
				if v.Field == field {
					return true
				}
			}
		}
	}
	return false
}

func TestPairPeriodsFollowTheDirectorChange(t *testing.T) {
	s := apptest.Start(t)
	ctx := apptest.Bearer(context.Background(), s.Token(t, demo.Chair.Email))
	terms, err := samspelv1.NewTermServiceClient(s.Conn).ListTerms(ctx, &samspelv1.ListTermsRequest{OrganizationId: 1})
	if err != nil {
		t.Fatal(err)
	}
	var finished *samspelv1.Term
	for _, tm := range terms.Terms {
		if tm.StartDate == demo.FinishedStart {
			finished = tm
		}
	}
	if finished == nil || finished.Current {
		t.Fatalf("finished term missing or current: %v", terms.Terms)
	}
	resp, err := samspelv1.NewPersonServiceClient(s.Conn).ListPairPeriods(ctx, &samspelv1.ListPairPeriodsRequest{OrganizationId: 1, TermId: finished.Id})
	if err != nil {
		t.Fatal(err)
	}
	type pair struct{ chair, director, from, to string }
	var got []pair
	for _, p := range resp.PairPeriods {
		got = append(got, pair{p.Chair.DisplayName, p.Director.DisplayName, p.StartDate, p.EndDate})
	}
	want := []pair{
		{demo.Chair.Name, demo.OldDirector.Name, demo.FinishedStart, "2024-08-31"},
		{demo.Chair.Name, demo.Director.Name, demo.DirectorChange, demo.FinishedEnd},
	}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("period %d: got %v, want %v", i, got[i], want[i])
		}
	}
}
