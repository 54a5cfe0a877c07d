package api_test

import (
	"context"
	"sort"
	"testing"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"

	"github.com/samspel/samspel/server/apptest"
	"github.com/samspel/samspel/server/demo"
	samspelv1 "github.com/samspel/samspel/server/gen/samspel/v1"
	"github.com/samspel/samspel/server/store"
)

// FuzzRPC sends arbitrary request bytes to every samspel.v1 RPC through the whole
// interceptor chain, as nobody, the administrator, the chair, the director and the
// opposition: the pair's records are reached only by the pair, so fuzzing as the
// administrator alone would stop most requests at NotFound. Whatever arrives, the server
// must answer with a client-error code, never Internal or Unknown, and never crash.
func FuzzRPC(f *testing.F) {
	s := apptest.Start(f)
	methods := methodsOf(f)
	// Sorted, so that an input found once names the same method in every later run.
	sort.Slice(methods, func(i, j int) bool { return fullName(methods[i]) < fullName(methods[j]) })
	index := map[string]uint8{}
	for i, md := range methods {
		index[fullName(md)] = uint8(i)
	}
	callers := []context.Context{context.Background()}
	for _, p := range []store.DemoPerson{demo.Admin, demo.Chair, demo.Director, demo.Opposition} {
		callers = append(callers, apptest.Bearer(context.Background(), s.Token(f, p.Email)))
	}
	const chair = 2
	seeds := []struct {
		method string
		who    uint8
		req    proto.Message
	}{
		{samspelv1.AuthService_RedeemInvite_FullMethodName, 0, &samspelv1.RedeemInviteRequest{Token: "si_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", DisplayName: "Åsa"}},
		{samspelv1.OrganizationService_CreateOrganization_FullMethodName, 1, &samspelv1.CreateOrganizationRequest{Kind: samspelv1.OrganizationKind_ORGANIZATION_KIND_REGION, Name: "Region Fuzz"}},
		{samspelv1.TermService_CreateTerm_FullMethodName, 1, &samspelv1.CreateTermRequest{OrganizationId: 1, StartDate: "2030-02-30", EndDate: "2030-01-01"}},
		{samspelv1.PersonService_AssignRole_FullMethodName, 1, &samspelv1.AssignRoleRequest{PersonId: 2, OrganizationId: 1, TermId: 2, Role: samspelv1.Role_ROLE_OPPOSITION, StartDate: "2026-11-01"}},
		{samspelv1.TermService_ListTerms_FullMethodName, 1, &samspelv1.ListTermsRequest{OrganizationId: 1, PageSize: 1, PageToken: "eyJpIjoxfQ"}},
		{samspelv1.InviteService_CreateInvite_FullMethodName, 1, &samspelv1.CreateInviteRequest{Email: "a@b.se", Role: samspelv1.Role_ROLE_CHAIR, OrganizationId: 99}},
		{samspelv1.NoteService_CreateQuickNote_FullMethodName, chair, &samspelv1.CreateQuickNoteRequest{Id: "01890a5d-ac96-774b-bcce-b302099a8057", Body: "Pratade med Åsa om budgeten"}},
		{samspelv1.NoteService_SearchQuickNotes_FullMethodName, chair, &samspelv1.SearchQuickNotesRequest{Query: `"åsa* OR NEAR(budget`, PageSize: 3}},
		{samspelv1.NoteService_PullQuickNoteChanges_FullMethodName, chair, &samspelv1.PullQuickNoteChangesRequest{}},
		{samspelv1.MeetingService_SearchMeetings_FullMethodName, chair, &samspelv1.SearchMeetingsRequest{Query: "ÖVERENSKOMMELSE*"}},
		{samspelv1.MeetingService_ListActionItems_FullMethodName, chair, &samspelv1.ListActionItemsRequest{}},
	}
	for _, sd := range seeds {
		i, ok := index[sd.method]
		if !ok {
			f.Fatalf("seed for unknown method %s", sd.method)
		}
		b, _ := proto.Marshal(sd.req)
		f.Add(i, sd.who, b)
	}
	f.Fuzz(func(t *testing.T, which, who uint8, body []byte) {
		md := methods[int(which)%len(methods)]
		req := newMessage(t, md.Input().FullName())
		if err := proto.Unmarshal(body, req); err != nil {
			return // not a message of this type; the transport would refuse it the same way
		}
		ctx := callers[int(who)%len(callers)]
		err := invokeAny(ctx, s.Conn, fullName(md), md.IsStreamingServer(), req, newMessage(t, md.Output().FullName()))
		switch status.Code(err) {
		case codes.Internal, codes.Unknown, codes.DataLoss, codes.Unimplemented:
			t.Fatalf("%s(%v) as caller %d answered %v", fullName(md), req, who%uint8(len(callers)), err)
		}
	})
}
