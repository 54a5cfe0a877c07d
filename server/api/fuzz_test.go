package api_test

import (
	"context"
	"testing"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"

	"github.com/samspel/samspel/server/apptest"
	"github.com/samspel/samspel/server/demo"
	samspelv1 "github.com/samspel/samspel/server/gen/samspel/v1"
)

// FuzzRPC sends arbitrary request bytes to every samspel.v1 RPC through the whole
// interceptor chain, as the administrator (who may call everything) and as nobody.
// Whatever arrives, the server must answer with a client-error code, never Internal or
// Unknown, and never crash.
func FuzzRPC(f *testing.F) {
	s := apptest.Start(f)
	methods := methodsOf(f)
	admin := apptest.Bearer(context.Background(), s.Token(f, demo.Admin.Email))
	seeds := []proto.Message{
		&samspelv1.RedeemInviteRequest{Token: "si_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", DisplayName: "Åsa"},
		&samspelv1.CreateOrganizationRequest{Kind: samspelv1.OrganizationKind_ORGANIZATION_KIND_REGION, Name: "Region Fuzz"},
		&samspelv1.CreateTermRequest{OrganizationId: 1, StartDate: "2030-02-30", EndDate: "2030-01-01"},
		&samspelv1.AssignRoleRequest{PersonId: 2, OrganizationId: 1, TermId: 2, Role: samspelv1.Role_ROLE_OPPOSITION, StartDate: "2026-11-01"},
		&samspelv1.ListTermsRequest{OrganizationId: 1, PageSize: 1, PageToken: "eyJpIjoxfQ"},
		&samspelv1.CreateInviteRequest{Email: "a@b.se", Role: samspelv1.Role_ROLE_CHAIR, OrganizationId: 99},
	}
	for i, m := range seeds {
		b, _ := proto.Marshal(m)
		f.Add(uint8(i), true, b)
	}
	f.Fuzz(func(t *testing.T, which uint8, asAdmin bool, body []byte) {
		md := methods[int(which)%len(methods)]
		req := newMessage(t, md.Input().FullName())
		if err := proto.Unmarshal(body, req); err != nil {
			return // not a message of this type; the transport would refuse it the same way
		}
		ctx := context.Background()
		if asAdmin {
			ctx = admin
		}
		err := invokeAny(ctx, s.Conn, fullName(md), md.IsStreamingServer(), req, newMessage(t, md.Output().FullName()))
		switch status.Code(err) {
		case codes.Internal, codes.Unknown, codes.DataLoss, codes.Unimplemented:
			t.Fatalf("%s(%v) answered %v", fullName(md), req, err)
		}
	})
}
