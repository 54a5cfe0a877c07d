package api_test

import (
	"context"
	"strings"
	"testing"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/fieldmaskpb"

	"github.com/samspel/samspel/server/apptest"
	"github.com/samspel/samspel/server/demo"
	samspelv1 "github.com/samspel/samspel/server/gen/samspel/v1"
	"github.com/samspel/samspel/server/store"
)

// roleSplitFixture holds ids of role-split records in a fresh demo, some of them made
// here so that each write RPC of the matrix has something to act on.
type roleSplitFixture struct {
	area, proposalArea        int64 // a SHARED area; an area to propose a change to
	openProposal              int64 // the demo's open proposal (a new area), for the chair to accept
	proposalToDecline         int64
	v1, v2, draft             int64 // instruction versions: superseded, adopted, a draft
	agreementToAccept         int64 // each of these awaits the chair
	agreementToAmend          int64
	agreementToDecline        int64
	agreed                    int64 // agreed, no revisit asked
	revisitAsked              int64 // agreed, revisit asked
	deviation                 int64 // logged by the director, not acknowledged
	finishedTerm, currentTerm int64
}

func seedRoleSplitFixture(t testing.TB, s *apptest.Server) roleSplitFixture {
	t.Helper()
	ctx := context.Background()
	chair, director := personID(t, s, demo.Chair.Email), personID(t, s, demo.Director.Email)
	asChair, asDirector := store.Actor{PersonID: chair}, store.Actor{PersonID: director}
	chairView := store.Viewer{PersonID: chair}
	var f roleSplitFixture
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	areas, _, err := s.Store.ListAreas(ctx, chairView, 1, false, store.Page{Size: 100})
	must(err)
	for _, a := range areas {
		switch a.Name {
		case demo.AreaBusiness:
			f.area = a.ID
		case "Medborgardialog":
			f.proposalArea = a.ID
		}
	}
	props, _, err := s.Store.ListAreaProposals(ctx, chairView, 1, true, store.Page{})
	must(err)
	if len(props) != 1 {
		t.Fatalf("the demo has %d open proposals, want 1", len(props))
	}
	f.openProposal = props[0].ID
	p, err := s.Store.ProposeAreaChange(ctx, asDirector, 1, f.proposalArea,
		store.AreaFields{Name: "Medborgardialog", Owner: store.OwnerShared, Description: "Förslag att avböja."}, "Prov")
	must(err)
	f.proposalToDecline = p.ID

	versions, _, err := s.Store.ListInstructionVersions(ctx, chairView, 1, store.Page{})
	must(err)
	for _, v := range versions {
		switch v.Number {
		case 1:
			f.v1 = v.ID
		case 2:
			f.v2 = v.ID
		}
	}
	d, err := s.Store.CreateInstructionDraft(ctx, asDirector, 1, 0, "Översyn inför den nya mandatperioden")
	must(err)
	f.draft = d.ID

	propose := func(text string) int64 {
		a, err := s.Store.ProposeAgreement(ctx, asDirector, 1, text, 0, "")
		must(err)
		return a.ID
	}
	f.agreementToAccept = propose("Vi svarar på varandras sms samma dag.")
	f.agreementToAmend = propose("Budgetdialogen har fasta tider.")
	f.agreementToDecline = propose("Direktören deltar i alla partigruppsmöten.")
	f.agreed = propose("Vi säger till i förväg när vi är borta.")
	_, err = s.Store.AcceptAgreement(ctx, asChair, f.agreed, "")
	must(err)
	f.revisitAsked = propose("Vi äter lunch ihop på fredagar.")
	_, err = s.Store.AcceptAgreement(ctx, asChair, f.revisitAsked, "")
	must(err)
	_, err = s.Store.RequestAgreementRevisit(ctx, asDirector, f.revisitAsked, "Fredagarna är fulla av möten.")
	must(err)

	dev, err := s.Store.LogDeviation(ctx, asDirector, store.Deviation{OrganizationID: 1, Kind: store.KindDeviation, AreaID: f.area,
		What: "Svarade en företagare om tomtpriser.", OccurredOn: today(t, s)})
	must(err)
	f.deviation = dev.ID

	terms, _, err := s.Store.ListTerms(ctx, chairView, 1, store.Page{})
	must(err)
	for _, tm := range terms {
		if tm.Current {
			f.currentTerm = tm.ID
		} else if tm.StartDate == demo.FinishedStart {
			f.finishedTerm = tm.ID
		}
	}
	return f
}

func personID(t testing.TB, s *apptest.Server, email string) int64 {
	t.Helper()
	p, err := s.Store.PersonByEmail(context.Background(), email)
	if err != nil {
		t.Fatal(err)
	}
	return p.ID
}

// today is the date it is in Sweden, as the server's store counts days.
func today(t testing.TB, s *apptest.Server) string {
	t.Helper()
	return s.Store.Today()
}

// as returns a context that calls as the demo person with this e-mail address.
func as(t *testing.T, s *apptest.Server, email string) context.Context {
	t.Helper()
	return apptest.Bearer(context.Background(), s.Token(t, email))
}

func wantCode(t *testing.T, err error, want codes.Code) {
	t.Helper()
	if got := status.Code(err); got != want {
		t.Fatalf("got %v, want %v: %v", got, want, err)
	}
}

// TestAdoptedInstructionIsReadOnlyAndANewVersionSupersedesIt walks the instruction's
// life: the adopted version refuses changes, a draft copies it, the draft is changed and
// adopted, the old version is superseded, and the diff shows exactly what changed.
func TestAdoptedInstructionIsReadOnlyAndANewVersionSupersedesIt(t *testing.T) {
	s := apptest.Start(t)
	ctx := as(t, s, demo.Director.Email)
	ins := samspelv1.NewInstructionServiceClient(s.Conn)

	list, err := ins.ListInstructionVersions(ctx, &samspelv1.ListInstructionVersionsRequest{OrganizationId: 1})
	if err != nil {
		t.Fatal(err)
	}
	if len(list.Versions) != 2 || list.Versions[0].State != samspelv1.InstructionState_INSTRUCTION_STATE_ADOPTED ||
		list.Versions[1].State != samspelv1.InstructionState_INSTRUCTION_STATE_SUPERSEDED {
		t.Fatalf("the demo's versions: %v", list.Versions)
	}
	adopted := list.Versions[0]
	if adopted.BoardDecisionRef != demo.InstructionV2Ref || adopted.Sections != nil {
		t.Errorf("adopted version: ref %q, %d sections in a list", adopted.BoardDecisionRef, len(adopted.Sections))
	}

	t.Run("changing the adopted version is refused with FAILED_PRECONDITION", func(t *testing.T) {
		for _, mask := range []string{"title", "sections", "change_reason"} {
			_, err := ins.UpdateInstructionDraft(ctx, &samspelv1.UpdateInstructionDraftRequest{
				Version:    &samspelv1.InstructionVersion{Id: adopted.Id, Title: "Ändrad", ChangeReason: "Ändrad", Sections: []*samspelv1.InstructionSection{{Heading: "Ny", Body: "Text"}}},
				UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{mask}},
			})
			wantCode(t, err, codes.FailedPrecondition)
		}
		got, err := ins.GetInstructionVersion(ctx, &samspelv1.GetInstructionVersionRequest{Id: adopted.Id})
		if err != nil {
			t.Fatal(err)
		}
		if got.Version.Title != adopted.Title || len(got.Version.Sections) != 9 {
			t.Errorf("the adopted version changed: %q with %d sections", got.Version.Title, len(got.Version.Sections))
		}
	})

	draft, err := ins.CreateInstructionDraft(ctx, &samspelv1.CreateInstructionDraftRequest{OrganizationId: 1, ChangeReason: "Ny mandatperiod 2026–2030"})
	if err != nil {
		t.Fatal(err)
	}
	t.Run("a new draft copies the adopted version", func(t *testing.T) {
		if draft.Version.Number != 3 || draft.Version.BasedOnId != adopted.Id || len(draft.Version.Sections) != 9 ||
			draft.Version.State != samspelv1.InstructionState_INSTRUCTION_STATE_DRAFT {
			t.Errorf("draft: number %d, based on %d, %d sections, %v", draft.Version.Number, draft.Version.BasedOnId, len(draft.Version.Sections), draft.Version.State)
		}
	})
	t.Run("a second draft is refused while one exists", func(t *testing.T) {
		_, err := ins.CreateInstructionDraft(as(t, s, demo.Chair.Email), &samspelv1.CreateInstructionDraftRequest{OrganizationId: 1, ChangeReason: "Till"})
		wantCode(t, err, codes.FailedPrecondition)
	})

	secs := draft.Version.Sections
	for _, sec := range secs {
		if sec.Heading == "Ekonomi och budget" {
			sec.Body = strings.Replace(sec.Body, "frågor och beräkningar", "frågor, beräkningar och egna budgetalternativ", 1)
		}
	}
	secs = append(secs, &samspelv1.InstructionSection{Heading: "Digitalisering", Body: "Direktören leder förvaltningens digitala utveckling."})
	if _, err := ins.UpdateInstructionDraft(ctx, &samspelv1.UpdateInstructionDraftRequest{
		Version:    &samspelv1.InstructionVersion{Id: draft.Version.Id, Sections: secs},
		UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"sections"}},
	}); err != nil {
		t.Fatal(err)
	}
	t.Run("an empty heading is refused with INVALID_ARGUMENT", func(t *testing.T) {
		_, err := ins.UpdateInstructionDraft(ctx, &samspelv1.UpdateInstructionDraftRequest{
			Version:    &samspelv1.InstructionVersion{Id: draft.Version.Id, Sections: []*samspelv1.InstructionSection{{Heading: "", Body: "x"}}},
			UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"sections"}},
		})
		wantCode(t, err, codes.InvalidArgument)
	})

	v3, err := ins.AdoptInstructionVersion(as(t, s, demo.Chair.Email), &samspelv1.AdoptInstructionVersionRequest{
		Id: draft.Version.Id, BoardDecisionDate: "2026-11-24", BoardDecisionRef: "KS 2026-11-24 § 201"})
	if err != nil {
		t.Fatal(err)
	}
	t.Run("the adopted draft supersedes the version in force", func(t *testing.T) {
		if v3.Version.State != samspelv1.InstructionState_INSTRUCTION_STATE_ADOPTED || v3.Version.BoardDecisionRef != "KS 2026-11-24 § 201" ||
			v3.Version.AdoptedBy.GetDisplayName() != demo.Chair.Name {
			t.Errorf("v3: %v %q adopted by %v", v3.Version.State, v3.Version.BoardDecisionRef, v3.Version.AdoptedBy)
		}
		old, err := ins.GetInstructionVersion(ctx, &samspelv1.GetInstructionVersionRequest{Id: adopted.Id})
		if err != nil {
			t.Fatal(err)
		}
		if old.Version.State != samspelv1.InstructionState_INSTRUCTION_STATE_SUPERSEDED || old.Version.SupersededById != v3.Version.Id {
			t.Errorf("v2 is %v, superseded by %d", old.Version.State, old.Version.SupersededById)
		}
		_, err = ins.UpdateInstructionDraft(ctx, &samspelv1.UpdateInstructionDraftRequest{
			Version: &samspelv1.InstructionVersion{Id: v3.Version.Id, Title: "X"}, UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"title"}}})
		wantCode(t, err, codes.FailedPrecondition)
	})

	t.Run("the diff shows what changed and nothing else", func(t *testing.T) {
		diff, err := ins.DiffInstructionVersions(ctx, &samspelv1.DiffInstructionVersionsRequest{FromId: adopted.Id, ToId: v3.Version.Id})
		if err != nil {
			t.Fatal(err)
		}
		changes := map[string]samspelv1.SectionChange{}
		for _, sd := range diff.Sections {
			changes[sd.Heading] = sd.Change
			if sd.Heading == "Ekonomi och budget" {
				ins, del := chunkText(sd.Chunks, samspelv1.DiffOp_DIFF_OP_INSERT), chunkText(sd.Chunks, samspelv1.DiffOp_DIFF_OP_DELETE)
				if ins != ", beräkningar och egna budgetalternativ" || del != " och beräkningar" {
					t.Errorf("budget section: inserted %q, deleted %q", ins, del)
				}
			}
		}
		want := map[string]samspelv1.SectionChange{
			"Ekonomi och budget": samspelv1.SectionChange_SECTION_CHANGE_CHANGED,
			"Digitalisering":     samspelv1.SectionChange_SECTION_CHANGE_ADDED,
			"Inledning":          samspelv1.SectionChange_SECTION_CHANGE_UNCHANGED,
			"Överlämning":        samspelv1.SectionChange_SECTION_CHANGE_UNCHANGED,
		}
		for h, c := range want {
			if changes[h] != c {
				t.Errorf("section %q: %v, want %v", h, changes[h], c)
			}
		}
		if len(diff.Sections) != 10 {
			t.Errorf("%d sections in the diff, want 10", len(diff.Sections))
		}
	})
	t.Run("the demo's v1 to v2 adds the handover section", func(t *testing.T) {
		diff, err := ins.DiffInstructionVersions(ctx, &samspelv1.DiffInstructionVersionsRequest{FromId: list.Versions[1].Id, ToId: adopted.Id})
		if err != nil {
			t.Fatal(err)
		}
		var added, changed []string
		for _, sd := range diff.Sections {
			switch sd.Change {
			case samspelv1.SectionChange_SECTION_CHANGE_ADDED:
				added = append(added, sd.Heading)
			case samspelv1.SectionChange_SECTION_CHANGE_CHANGED:
				changed = append(changed, sd.Heading)
			}
		}
		if strings.Join(added, ",") != "Överlämning" || len(changed) != 3 {
			t.Errorf("added %q, changed %q", added, changed)
		}
	})
}

func chunkText(chunks []*samspelv1.DiffChunk, op samspelv1.DiffOp) string {
	var b strings.Builder
	for _, c := range chunks {
		if c.Op == op {
			b.WriteString(c.Text)
		}
	}
	return b.String()
}

// TestOppositionReadsTheAdoptedInstructionOnly checks what each kind of member may read
// of the role split: the opposition and the majority read adopted instructions and get
// NOT_FOUND for drafts, agreements, deviations and the rest; staff and administrators
// read the role split and drafts but not the pair's records.
func TestOppositionReadsTheAdoptedInstructionOnly(t *testing.T) {
	s := apptest.Start(t)
	f := seedRoleSplitFixture(t, s)
	ins := samspelv1.NewInstructionServiceClient(s.Conn)
	pairs := samspelv1.NewPairServiceClient(s.Conn)
	split := samspelv1.NewRoleSplitServiceClient(s.Conn)

	reads := []struct {
		name string
		call func(ctx context.Context) error
		pair bool // the pair's own record: staff get NOT_FOUND too
		open bool // a board decision: every member reads it
	}{
		{"the adopted instruction", func(ctx context.Context) error {
			_, err := ins.GetInstructionVersion(ctx, &samspelv1.GetInstructionVersionRequest{Id: f.v2})
			return err
		}, false, true},
		{"the superseded instruction", func(ctx context.Context) error {
			_, err := ins.GetInstructionVersion(ctx, &samspelv1.GetInstructionVersionRequest{Id: f.v1})
			return err
		}, false, true},
		{"the diff between adopted versions", func(ctx context.Context) error {
			_, err := ins.DiffInstructionVersions(ctx, &samspelv1.DiffInstructionVersionsRequest{FromId: f.v1, ToId: f.v2})
			return err
		}, false, true},
		{"a draft", func(ctx context.Context) error {
			_, err := ins.GetInstructionVersion(ctx, &samspelv1.GetInstructionVersionRequest{Id: f.draft})
			return err
		}, false, false},
		{"the diff to a draft", func(ctx context.Context) error {
			_, err := ins.DiffInstructionVersions(ctx, &samspelv1.DiffInstructionVersionsRequest{FromId: f.v2, ToId: f.draft})
			return err
		}, false, false},
		{"the areas", func(ctx context.Context) error {
			_, err := split.ListAreas(ctx, &samspelv1.ListAreasRequest{OrganizationId: 1})
			return err
		}, false, false},
		{"an area's history", func(ctx context.Context) error {
			_, err := split.ListAreaEvents(ctx, &samspelv1.ListAreaEventsRequest{AreaId: f.area})
			return err
		}, false, false},
		{"an area's precedents", func(ctx context.Context) error {
			_, err := split.ListPrecedents(ctx, &samspelv1.ListPrecedentsRequest{AreaId: f.area})
			return err
		}, false, false},
		{"the agreements", func(ctx context.Context) error {
			_, err := pairs.ListAgreements(ctx, &samspelv1.ListAgreementsRequest{OrganizationId: 1})
			return err
		}, true, false},
		{"an agreement", func(ctx context.Context) error {
			_, err := pairs.GetAgreement(ctx, &samspelv1.GetAgreementRequest{Id: f.agreed})
			return err
		}, true, false},
		{"the deviations", func(ctx context.Context) error {
			_, err := pairs.ListDeviations(ctx, &samspelv1.ListDeviationsRequest{OrganizationId: 1, TermId: f.finishedTerm})
			return err
		}, true, false},
		{"a deviation", func(ctx context.Context) error {
			_, err := pairs.GetDeviation(ctx, &samspelv1.GetDeviationRequest{Id: f.deviation})
			return err
		}, true, false},
		{"the crisis log", func(ctx context.Context) error {
			_, err := pairs.ListCrisisPeriods(ctx, &samspelv1.ListCrisisPeriodsRequest{OrganizationId: 1, TermId: f.finishedTerm})
			return err
		}, true, false},
	}
	readers := []struct {
		name  string
		email string
		staff bool
	}{
		{"the opposition", demo.Opposition.Email, false},
		{"a majority politician", demo.Vice.Email, false},
		{"staff", demo.Staff.Email, true},
		{"the administrator", demo.Admin.Email, true},
	}
	for _, r := range readers {
		ctx := as(t, s, r.email)
		for _, rd := range reads {
			want := codes.NotFound
			if rd.open || (r.staff && !rd.pair) {
				want = codes.OK
			}
			t.Run(r.name+" reading "+rd.name+" gets "+want.String(), func(t *testing.T) {
				wantCode(t, rd.call(ctx), want)
			})
		}
	}
	t.Run("the opposition's list of versions holds no draft", func(t *testing.T) {
		list, err := ins.ListInstructionVersions(as(t, s, demo.Opposition.Email), &samspelv1.ListInstructionVersionsRequest{OrganizationId: 1})
		if err != nil {
			t.Fatal(err)
		}
		if len(list.Versions) != 2 {
			t.Errorf("%d versions, want the adopted and the superseded one", len(list.Versions))
		}
		for _, v := range list.Versions {
			if v.State == samspelv1.InstructionState_INSTRUCTION_STATE_DRAFT {
				t.Errorf("the opposition sees draft %d", v.Number)
			}
		}
	})
}

// TestTheChairDecidesTheRoleSplit: the chair's change applies at once and is kept with
// its reason; the director can only propose and comment; a proposal waits for the chair.
func TestTheChairDecidesTheRoleSplit(t *testing.T) {
	s := apptest.Start(t)
	f := seedRoleSplitFixture(t, s)
	chairCtx, directorCtx := as(t, s, demo.Chair.Email), as(t, s, demo.Director.Email)
	split := samspelv1.NewRoleSplitServiceClient(s.Conn)

	moved, err := split.UpdateArea(chairCtx, &samspelv1.UpdateAreaRequest{
		Area:       &samspelv1.Area{Id: f.area, Owner: samspelv1.AreaOwner_AREA_OWNER_DIRECTOR},
		UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"owner"}},
		Reason:     "Näringslivsenheten tar kontakterna från och med nu.",
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Run("the chair's change applies at once as a new version", func(t *testing.T) {
		got, err := split.GetArea(directorCtx, &samspelv1.GetAreaRequest{Id: f.area})
		if err != nil {
			t.Fatal(err)
		}
		if got.Area.Owner != samspelv1.AreaOwner_AREA_OWNER_DIRECTOR || got.Area.Version != moved.Area.Version ||
			got.Area.UpdateReason != "Näringslivsenheten tar kontakterna från och med nu." || got.Area.UpdatedBy.GetDisplayName() != demo.Chair.Name {
			t.Errorf("the director sees %v", got.Area)
		}
	})
	t.Run("the director sees the change first in the history, from SHARED to DIRECTOR", func(t *testing.T) {
		h, err := split.ListAreaEvents(directorCtx, &samspelv1.ListAreaEventsRequest{AreaId: f.area})
		if err != nil {
			t.Fatal(err)
		}
		e := h.Events[0]
		if e.Kind != samspelv1.AreaEventKind_AREA_EVENT_KIND_CHANGE || e.PreviousOwner != samspelv1.AreaOwner_AREA_OWNER_SHARED ||
			e.Owner != samspelv1.AreaOwner_AREA_OWNER_DIRECTOR || e.Actor.GetDisplayName() != demo.Chair.Name || e.ActorRole != samspelv1.Role_ROLE_CHAIR {
			t.Errorf("latest entry: %v", e)
		}
		if last := h.Events[len(h.Events)-1]; last.Version != 1 || last.Owner != samspelv1.AreaOwner_AREA_OWNER_SHARED {
			t.Errorf("first version: %v", last)
		}
	})
	t.Run("a change that changes nothing is refused", func(t *testing.T) {
		_, err := split.UpdateArea(chairCtx, &samspelv1.UpdateAreaRequest{
			Area: &samspelv1.Area{Id: f.area, Owner: samspelv1.AreaOwner_AREA_OWNER_DIRECTOR}, UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"owner"}}, Reason: "Igen"})
		wantCode(t, err, codes.InvalidArgument)
	})
	t.Run("the director cannot change an area, only propose", func(t *testing.T) {
		_, err := split.UpdateArea(directorCtx, &samspelv1.UpdateAreaRequest{
			Area: &samspelv1.Area{Id: f.area, Owner: samspelv1.AreaOwner_AREA_OWNER_SHARED}, UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"owner"}}, Reason: "Nej"})
		wantCode(t, err, codes.PermissionDenied)
	})
	t.Run("the chair accepts the director's proposal for a new area", func(t *testing.T) {
		a, err := split.AcceptAreaProposal(chairCtx, &samspelv1.AcceptAreaProposalRequest{ProposalId: f.openProposal, Comment: "Bra."})
		if err != nil {
			t.Fatal(err)
		}
		if a.Area.Name != "Digitalisering" || a.Area.Version != 1 || a.Area.Owner != samspelv1.AreaOwner_AREA_OWNER_DIRECTOR {
			t.Errorf("new area: %v", a.Area)
		}
		h, err := split.ListAreaEvents(directorCtx, &samspelv1.ListAreaEventsRequest{AreaId: a.Area.Id})
		if err != nil {
			t.Fatal(err)
		}
		if len(h.Events) != 2 || h.Events[0].ProposalId != f.openProposal || h.Events[1].ProposalState != samspelv1.ProposalState_PROPOSAL_STATE_ACCEPTED ||
			h.Events[1].Actor.GetDisplayName() != demo.Director.Name || h.Events[1].DecidedBy.GetDisplayName() != demo.Chair.Name {
			t.Errorf("history of the new area: %v", h.Events)
		}
		_, err = split.AcceptAreaProposal(chairCtx, &samspelv1.AcceptAreaProposalRequest{ProposalId: f.openProposal})
		wantCode(t, err, codes.FailedPrecondition)
	})
	t.Run("the director cannot decide a proposal", func(t *testing.T) {
		_, err := split.DeclineAreaProposal(directorCtx, &samspelv1.DeclineAreaProposalRequest{ProposalId: f.proposalToDecline, Comment: "Nej"})
		wantCode(t, err, codes.PermissionDenied)
	})
	t.Run("a declined proposal leaves the area as it was", func(t *testing.T) {
		before, _ := split.GetArea(chairCtx, &samspelv1.GetAreaRequest{Id: f.proposalArea})
		p, err := split.DeclineAreaProposal(chairCtx, &samspelv1.DeclineAreaProposalRequest{ProposalId: f.proposalToDecline, Comment: "Medborgardialogen är politisk."})
		if err != nil {
			t.Fatal(err)
		}
		after, _ := split.GetArea(chairCtx, &samspelv1.GetAreaRequest{Id: f.proposalArea})
		if p.Proposal.ProposalState != samspelv1.ProposalState_PROPOSAL_STATE_DECLINED || after.Area.Version != before.Area.Version || after.Area.Owner != before.Area.Owner {
			t.Errorf("proposal %v; area version %d -> %d", p.Proposal.ProposalState, before.Area.Version, after.Area.Version)
		}
	})
	t.Run("a precedent links a deviation to the area", func(t *testing.T) {
		pr, err := split.LinkPrecedent(directorCtx, &samspelv1.LinkPrecedentRequest{AreaId: f.area, DeviationId: f.deviation, Summary: "Tomtpriser är förvaltningens."})
		if err != nil {
			t.Fatal(err)
		}
		if pr.Precedent.OccurredOn != today(t, s) {
			t.Errorf("the precedent's day %q is not the deviation's", pr.Precedent.OccurredOn)
		}
		list, err := split.ListPrecedents(chairCtx, &samspelv1.ListPrecedentsRequest{AreaId: f.area})
		if err != nil || len(list.Precedents) == 0 || list.Precedents[0].Id != pr.Precedent.Id {
			t.Errorf("precedents: %v, %v", list, err)
		}
		_, err = split.LinkPrecedent(directorCtx, &samspelv1.LinkPrecedentRequest{AreaId: f.area, DeviationId: f.deviation, Summary: "Igen"})
		wantCode(t, err, codes.InvalidArgument)
	})
}

// TestAnAgreementCountsOnlyOnceTheOtherPartyAccepts walks proposal, amendment,
// acceptance and a revisit.
func TestAnAgreementCountsOnlyOnceTheOtherPartyAccepts(t *testing.T) {
	s := apptest.Start(t)
	chairCtx, directorCtx := as(t, s, demo.Chair.Email), as(t, s, demo.Director.Email)
	pairs := samspelv1.NewPairServiceClient(s.Conn)

	a, err := pairs.ProposeAgreement(directorCtx, &samspelv1.ProposeAgreementRequest{OrganizationId: 1, Text: "Linjen är helig."})
	if err != nil {
		t.Fatal(err)
	}
	id := a.Agreement.Id
	t.Run("a proposal awaits the other party, not the proposer", func(t *testing.T) {
		if a.Agreement.State != samspelv1.AgreementState_AGREEMENT_STATE_PROPOSED || a.Agreement.AwaitingRole != samspelv1.Role_ROLE_CHAIR || a.Agreement.AwaitingYou {
			t.Errorf("proposal: %v", a.Agreement)
		}
		_, err := pairs.AcceptAgreement(directorCtx, &samspelv1.AcceptAgreementRequest{Id: id})
		wantCode(t, err, codes.FailedPrecondition)
	})
	t.Run("an amendment turns the proposal back to the proposer", func(t *testing.T) {
		got, err := pairs.AmendAgreement(chairCtx, &samspelv1.AmendAgreementRequest{Id: id, Text: "Linjen är helig, utom i kris."})
		if err != nil {
			t.Fatal(err)
		}
		if got.Agreement.AwaitingRole != samspelv1.Role_ROLE_DIRECTOR || got.Agreement.State != samspelv1.AgreementState_AGREEMENT_STATE_PROPOSED {
			t.Errorf("after the amendment: %v", got.Agreement)
		}
		_, err = pairs.AcceptAgreement(chairCtx, &samspelv1.AcceptAgreementRequest{Id: id})
		wantCode(t, err, codes.FailedPrecondition)
	})
	t.Run("accepted, it is agreed with the amended wording and its history", func(t *testing.T) {
		if _, err := pairs.AcceptAgreement(directorCtx, &samspelv1.AcceptAgreementRequest{Id: id}); err != nil {
			t.Fatal(err)
		}
		got, err := pairs.GetAgreement(chairCtx, &samspelv1.GetAgreementRequest{Id: id})
		if err != nil {
			t.Fatal(err)
		}
		if got.Agreement.State != samspelv1.AgreementState_AGREEMENT_STATE_AGREED || got.Agreement.Text != "Linjen är helig, utom i kris." || got.Agreement.AgreeTime == nil {
			t.Errorf("agreement: %v", got.Agreement)
		}
		var kinds []samspelv1.AgreementEventKind
		for _, e := range got.Events {
			kinds = append(kinds, e.Kind)
		}
		want := []samspelv1.AgreementEventKind{samspelv1.AgreementEventKind_AGREEMENT_EVENT_KIND_PROPOSED,
			samspelv1.AgreementEventKind_AGREEMENT_EVENT_KIND_AMENDED, samspelv1.AgreementEventKind_AGREEMENT_EVENT_KIND_ACCEPTED}
		if len(kinds) != len(want) || kinds[0] != want[0] || kinds[1] != want[1] || kinds[2] != want[2] {
			t.Errorf("history: %v", kinds)
		}
	})
	t.Run("a revisit keeps it agreed until it is resolved", func(t *testing.T) {
		before, err := pairs.GetPairStatus(directorCtx, &samspelv1.GetPairStatusRequest{OrganizationId: 1})
		if err != nil {
			t.Fatal(err)
		}
		got, err := pairs.RequestAgreementRevisit(chairCtx, &samspelv1.RequestAgreementRevisitRequest{Id: id, Reason: "Krisen visade att vi behöver undantag."})
		if err != nil {
			t.Fatal(err)
		}
		if got.Agreement.State != samspelv1.AgreementState_AGREEMENT_STATE_AGREED || !got.Agreement.RevisitRequested {
			t.Errorf("after asking: %v", got.Agreement)
		}
		st, err := pairs.GetPairStatus(directorCtx, &samspelv1.GetPairStatusRequest{OrganizationId: 1})
		if err != nil || st.AgreementsToRevisit != before.AgreementsToRevisit+1 {
			t.Errorf("agreements to revisit: %v, %v", st, err)
		}
		ended, err := pairs.ResolveAgreementRevisit(directorCtx, &samspelv1.ResolveAgreementRevisitRequest{Id: id, Outcome: samspelv1.RevisitOutcome_REVISIT_OUTCOME_END})
		if err != nil || ended.Agreement.State != samspelv1.AgreementState_AGREEMENT_STATE_ENDED {
			t.Errorf("resolved: %v, %v", ended, err)
		}
	})
}

// TestInCrisisADeviationNeedsAReason and the other party hears of it at once.
func TestInCrisisADeviationNeedsAReason(t *testing.T) {
	s := apptest.Start(t)
	f := seedRoleSplitFixture(t, s)
	chairCtx, directorCtx := as(t, s, demo.Chair.Email), as(t, s, demo.Director.Email)
	pairs := samspelv1.NewPairServiceClient(s.Conn)
	day := today(t, s)
	logIt := func(reason string) (*samspelv1.LogDeviationResponse, error) {
		return pairs.LogDeviation(directorCtx, &samspelv1.LogDeviationRequest{OrganizationId: 1, Kind: samspelv1.DeviationKind_DEVIATION_KIND_DEVIATION,
			AreaId: f.area, What: "Gav besked till en etablering.", Reason: reason, OccurredOn: day})
	}
	before, err := pairs.GetPairStatus(chairCtx, &samspelv1.GetPairStatusRequest{OrganizationId: 1})
	if err != nil {
		t.Fatal(err)
	}
	if before.Crisis != nil || before.YourRole != samspelv1.Role_ROLE_CHAIR {
		t.Fatalf("status before: %v", before)
	}

	if _, err := pairs.StartCrisis(chairCtx, &samspelv1.StartCrisisRequest{OrganizationId: 1, Reason: "Vattenläcka i vattenverket"}); err != nil {
		t.Fatal(err)
	}
	t.Run("in crisis a deviation without a reason is refused with INVALID_ARGUMENT on reason", func(t *testing.T) {
		_, err := logIt("  ")
		if st := status.Convert(err); st.Code() != codes.InvalidArgument || !hasViolation(st, "reason") {
			t.Errorf("got %v", err)
		}
	})
	t.Run("a second crisis cannot start while one goes on", func(t *testing.T) {
		_, err := pairs.StartCrisis(directorCtx, &samspelv1.StartCrisisRequest{OrganizationId: 1, Reason: "Igen"})
		wantCode(t, err, codes.FailedPrecondition)
	})
	logged, err := logIt("Företaget behövde besked i dag.")
	if err != nil {
		t.Fatal(err)
	}
	t.Run("with a reason it is logged as logged in crisis", func(t *testing.T) {
		if !logged.Deviation.InCrisis || logged.Deviation.AwaitingYou || logged.Deviation.AreaName != demo.AreaBusiness {
			t.Errorf("deviation: %v", logged.Deviation)
		}
	})
	t.Run("the chair's status shows it at once", func(t *testing.T) {
		after, err := pairs.GetPairStatus(chairCtx, &samspelv1.GetPairStatusRequest{OrganizationId: 1})
		if err != nil {
			t.Fatal(err)
		}
		if after.Crisis.GetReason() != "Vattenläcka i vattenverket" || after.DeviationsToAcknowledge != before.DeviationsToAcknowledge+1 {
			t.Errorf("status after: crisis %v, %d to acknowledge (was %d)", after.Crisis, after.DeviationsToAcknowledge, before.DeviationsToAcknowledge)
		}
		list, err := pairs.ListDeviations(chairCtx, &samspelv1.ListDeviationsRequest{OrganizationId: 1, AwaitingYouOnly: true})
		if err != nil || len(list.Deviations) == 0 || list.Deviations[0].Id != logged.Deviation.Id || !list.Deviations[0].AwaitingYou {
			t.Errorf("awaiting the chair: %v, %v", list, err)
		}
	})
	t.Run("the one who logged it cannot acknowledge it", func(t *testing.T) {
		_, err := pairs.AcknowledgeDeviation(directorCtx, &samspelv1.AcknowledgeDeviationRequest{Id: logged.Deviation.Id})
		wantCode(t, err, codes.FailedPrecondition)
	})
	t.Run("the chair acknowledges with a comment", func(t *testing.T) {
		if _, err := pairs.AcknowledgeDeviation(chairCtx, &samspelv1.AcknowledgeDeviationRequest{Id: logged.Deviation.Id, Comment: "Förstått."}); err != nil {
			t.Fatal(err)
		}
		got, err := pairs.GetDeviation(directorCtx, &samspelv1.GetDeviationRequest{Id: logged.Deviation.Id})
		if err != nil {
			t.Fatal(err)
		}
		if got.Deviation.AcknowledgedBy.GetDisplayName() != demo.Chair.Name || len(got.Comments) != 1 || !got.Comments[0].Acknowledgement {
			t.Errorf("acknowledged: %v %v", got.Deviation, got.Comments)
		}
	})
	if _, err := pairs.EndCrisis(directorCtx, &samspelv1.EndCrisisRequest{OrganizationId: 1, Note: "Läckan lagad."}); err != nil {
		t.Fatal(err)
	}
	t.Run("back in everyday work a deviation may leave the reason out", func(t *testing.T) {
		got, err := logIt("")
		if err != nil || got.Deviation.InCrisis {
			t.Errorf("got %v, %v", got, err)
		}
	})
	t.Run("the crisis is in the term's crisis log", func(t *testing.T) {
		list, err := pairs.ListCrisisPeriods(chairCtx, &samspelv1.ListCrisisPeriodsRequest{OrganizationId: 1})
		if err != nil || len(list.CrisisPeriods) != 1 || list.CrisisPeriods[0].EndTime == nil || list.CrisisPeriods[0].EndNote != "Läckan lagad." {
			t.Errorf("crisis log: %v, %v", list, err)
		}
	})
	t.Run("a stand-in is logged beforehand", func(t *testing.T) {
		_, err := pairs.LogDeviation(chairCtx, &samspelv1.LogDeviationRequest{OrganizationId: 1, Kind: samspelv1.DeviationKind_DEVIATION_KIND_STAND_IN,
			AreaId: f.area, What: "Maria talar på näringslivsgalan.", OccurredOn: "2020-01-01"})
		wantCode(t, err, codes.InvalidArgument)
	})
}

// TestTheDemoTermHoldsTheRoleSplitsHistory checks the demo's finished term against
// what the issue asks of it.
func TestTheDemoTermHoldsTheRoleSplitsHistory(t *testing.T) {
	s := apptest.Start(t)
	f := seedRoleSplitFixture(t, s)
	ctx := as(t, s, demo.Chair.Email)
	pairs := samspelv1.NewPairServiceClient(s.Conn)
	split := samspelv1.NewRoleSplitServiceClient(s.Conn)
	ins := samspelv1.NewInstructionServiceClient(s.Conn)

	areas, err := split.ListAreas(ctx, &samspelv1.ListAreasRequest{OrganizationId: 1})
	if err != nil {
		t.Fatal(err)
	}
	changed := 0
	for _, a := range areas.Areas {
		if a.Version > 1 {
			changed++
		}
	}
	agreements, err := pairs.ListAgreements(ctx, &samspelv1.ListAgreementsRequest{OrganizationId: 1, TermId: f.finishedTerm, PageSize: 500})
	if err != nil {
		t.Fatal(err)
	}
	deviations, err := pairs.ListDeviations(ctx, &samspelv1.ListDeviationsRequest{OrganizationId: 1, TermId: f.finishedTerm, PageSize: 500})
	if err != nil {
		t.Fatal(err)
	}
	standIns := 0
	for _, d := range deviations.Deviations {
		if d.Kind == samspelv1.DeviationKind_DEVIATION_KIND_STAND_IN {
			standIns++
		}
	}
	crises, err := pairs.ListCrisisPeriods(ctx, &samspelv1.ListCrisisPeriodsRequest{OrganizationId: 1, TermId: f.finishedTerm})
	if err != nil {
		t.Fatal(err)
	}
	v1, err := ins.GetInstructionVersion(ctx, &samspelv1.GetInstructionVersionRequest{Id: f.v1})
	if err != nil {
		t.Fatal(err)
	}
	v2, err := ins.GetInstructionVersion(ctx, &samspelv1.GetInstructionVersionRequest{Id: f.v2})
	if err != nil {
		t.Fatal(err)
	}
	checks := []struct {
		name string
		ok   bool
		got  any
	}{
		{"about fifteen areas", len(areas.Areas) == 15, len(areas.Areas)},
		{"several areas with history", changed >= 5, changed},
		{"about ten agreements in the finished term", len(agreements.Agreements) >= 10, len(agreements.Agreements)},
		{"about thirty deviations and stand-ins in the finished term", len(deviations.Deviations) >= 28, len(deviations.Deviations)},
		{"stand-ins among them", standIns >= 5, standIns},
		{"one crisis period", len(crises.CrisisPeriods) == 1, len(crises.CrisisPeriods)},
		{"v1 adopted in 2023 and superseded", v1.Version.BoardDecisionRef == demo.InstructionV1Ref && v1.Version.State == samspelv1.InstructionState_INSTRUCTION_STATE_SUPERSEDED, v1.Version.BoardDecisionRef},
		{"v2 adopted in 2024 after the director change", v2.Version.BoardDecisionDate == demo.InstructionV2Date && v2.Version.BoardDecisionDate > demo.DirectorChange && v2.Version.State == samspelv1.InstructionState_INSTRUCTION_STATE_ADOPTED, v2.Version.BoardDecisionDate},
		{"v2 is due for review in the new term", v2.Version.ReviewDue == samspelv1.InstructionReviewDue_INSTRUCTION_REVIEW_DUE_NEW_TERM, v2.Version.ReviewDue},
	}
	for _, c := range checks {
		t.Run("the demo has "+c.name, func(t *testing.T) {
			if !c.ok {
				t.Errorf("got %v", c.got)
			}
		})
	}
	t.Run("a review clears the reminder", func(t *testing.T) {
		got, err := ins.RecordInstructionReview(ctx, &samspelv1.RecordInstructionReviewRequest{Id: f.v2, Note: "Inga ändringar."})
		if err != nil || got.Version.ReviewDue != samspelv1.InstructionReviewDue_INSTRUCTION_REVIEW_DUE_UNSPECIFIED || got.Version.LastReviewDate != today(t, s) {
			t.Errorf("after the review: %v, %v", got, err)
		}
	})
}
