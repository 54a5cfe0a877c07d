package api_test

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"google.golang.org/grpc/codes"
	"google.golang.org/protobuf/types/known/fieldmaskpb"

	"github.com/samspel/samspel/server/apptest"
	"github.com/samspel/samspel/server/demo"
	samspelv1 "github.com/samspel/samspel/server/gen/samspel/v1"
	"github.com/samspel/samspel/server/store"
)

// TestPrecedentsFromDecisionsAndNotes: a meeting decision and a shared quick note become
// precedents of an area, which lists each with its text, day and source; a private note
// is refused to its author and not found for anyone else, a party-role note is refused.
func TestPrecedentsFromDecisionsAndNotes(t *testing.T) {
	s := apptest.Start(t)
	f := seedRoleSplitFixture(t, s)
	mf := meetingFixtures(t, s)
	chairCtx, directorCtx := as(t, s, demo.Chair.Email), as(t, s, demo.Director.Email)
	split := samspelv1.NewRoleSplitServiceClient(s.Conn)
	notes := samspelv1.NewNoteServiceClient(s.Conn)

	dec, err := samspelv1.NewMeetingServiceClient(s.Conn).AddDecision(chairCtx, &samspelv1.AddDecisionRequest{
		MeetingId: mf.heldDraft, Text: "Ordföranden svarar pressen om tomtpriserna; direktören tar fakta.",
	})
	if err != nil {
		t.Fatal(err)
	}
	decision := dec.Decision

	shared := writeNote(t, s, directorCtx, "Ringde KSO om tomtpriserna: hon tar pressen, jag tar siffrorna.", false)
	if _, err := notes.ShareQuickNote(directorCtx, &samspelv1.ShareQuickNoteRequest{Id: shared.Id, Revision: shared.Revision}); err != nil {
		t.Fatal(err)
	}
	private := writeNote(t, s, chairCtx, "Mina egna tankar om tomtpriserna.", false)
	party := writeNote(t, s, chairCtx, "Gruppmötet vill driva tomtpriserna.", false)
	if _, err := notes.UpdateQuickNote(chairCtx, &samspelv1.UpdateQuickNoteRequest{
		QuickNote:  &samspelv1.QuickNote{Id: party.Id, Revision: party.Revision, PartyRole: true},
		UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"party_role"}},
	}); err != nil {
		t.Fatal(err)
	}

	t.Run("the chair links a meeting decision and it takes the meeting's day", func(t *testing.T) {
		res, err := split.LinkPrecedent(chairCtx, &samspelv1.LinkPrecedentRequest{AreaId: f.area, DecisionId: decision.Id, Summary: "Pressen är ordförandens."})
		if err != nil {
			t.Fatal(err)
		}
		p := res.Precedent
		if p.DecisionId != decision.Id || p.MeetingId != mf.heldDraft || p.OccurredOn != decision.MeetingDate || p.SourceText != decision.Text {
			t.Errorf("precedent %+v, want decision %d of meeting %d on %s with its text", p, decision.Id, mf.heldDraft, decision.MeetingDate)
		}
		_, err = split.LinkPrecedent(directorCtx, &samspelv1.LinkPrecedentRequest{AreaId: f.area, DecisionId: decision.Id, Summary: "Igen"})
		wantCode(t, err, codes.InvalidArgument)
	})
	t.Run("the director links a shared note", func(t *testing.T) {
		res, err := split.LinkPrecedent(directorCtx, &samspelv1.LinkPrecedentRequest{AreaId: f.area, QuickNoteId: shared.Id, Summary: "Fakta är direktörens."})
		if err != nil {
			t.Fatal(err)
		}
		if res.Precedent.QuickNoteId != shared.Id || res.Precedent.SourceText != shared.Body || res.Precedent.OccurredOn != today(t, s) {
			t.Errorf("precedent %+v, want the shared note written today", res.Precedent)
		}
	})
	t.Run("a private note is refused to its author and asks to be shared first", func(t *testing.T) {
		_, err := split.LinkPrecedent(chairCtx, &samspelv1.LinkPrecedentRequest{AreaId: f.area, QuickNoteId: private.Id, Summary: "Prov"})
		wantCode(t, err, codes.FailedPrecondition)
		if !strings.Contains(err.Error(), "share it") {
			t.Errorf("the refusal does not say to share the note first: %v", err)
		}
	})
	t.Run("someone else's private note is not found", func(t *testing.T) {
		_, err := split.LinkPrecedent(directorCtx, &samspelv1.LinkPrecedentRequest{AreaId: f.area, QuickNoteId: private.Id, Summary: "Prov"})
		wantCode(t, err, codes.NotFound)
	})
	t.Run("a party-role note is refused", func(t *testing.T) {
		_, err := split.LinkPrecedent(chairCtx, &samspelv1.LinkPrecedentRequest{AreaId: f.area, QuickNoteId: party.Id, Summary: "Prov"})
		wantCode(t, err, codes.FailedPrecondition)
	})
	t.Run("two sources at once are refused", func(t *testing.T) {
		_, err := split.LinkPrecedent(chairCtx, &samspelv1.LinkPrecedentRequest{AreaId: f.area, DecisionId: decision.Id, QuickNoteId: shared.Id, Summary: "Prov"})
		wantCode(t, err, codes.InvalidArgument)
	})
	const deviationText = "Svarade en företagare om tomtpriser." // the fixture's deviation, the pair's own record
	if _, err := split.LinkPrecedent(chairCtx, &samspelv1.LinkPrecedentRequest{AreaId: f.area, DeviationId: f.deviation, Summary: "Företagarna får svar av direktören."}); err != nil {
		t.Fatal(err)
	}
	sourceTexts := func(t *testing.T, ctx context.Context) (summaries, texts map[string]bool) {
		t.Helper()
		list, err := split.ListPrecedents(ctx, &samspelv1.ListPrecedentsRequest{AreaId: f.area, PageSize: 500})
		if err != nil {
			t.Fatal(err)
		}
		summaries, texts = map[string]bool{}, map[string]bool{}
		for _, p := range list.Precedents {
			summaries[p.Summary], texts[p.SourceText] = true, true
		}
		return summaries, texts
	}
	t.Run("the pair read each precedent's source in its own words", func(t *testing.T) {
		for _, ctx := range []context.Context{chairCtx, directorCtx} {
			if _, texts := sourceTexts(t, ctx); !texts[decision.Text] || !texts[shared.Body] || !texts[deviationText] {
				t.Errorf("the list lacks the decision's, the note's or the deviation's text: %v", texts)
			}
		}
	})
	for _, c := range []struct {
		who          string
		seesDecision bool // the check-in's staff take part in it; an administrator does not
	}{{demo.Staff.Email, true}, {demo.Admin.Email, false}} {
		t.Run(c.who+" reads the casebook's summaries but nothing of the pair's own records", func(t *testing.T) {
			ctx := as(t, s, c.who)
			// What they may not read on its own, they may not read through the casebook.
			_, err := samspelv1.NewPairServiceClient(s.Conn).GetDeviation(ctx, &samspelv1.GetDeviationRequest{Id: f.deviation})
			wantCode(t, err, codes.NotFound)
			_, err = notes.GetQuickNote(ctx, &samspelv1.GetQuickNoteRequest{Id: shared.Id})
			wantCode(t, err, codes.PermissionDenied)
			_, err = samspelv1.NewMeetingServiceClient(s.Conn).GetMeeting(ctx, &samspelv1.GetMeetingRequest{Id: mf.heldDraft})
			if (err == nil) != c.seesDecision {
				t.Fatalf("GetMeeting of the decision's check-in: %v", err)
			}
			summaries, texts := sourceTexts(t, ctx)
			if !summaries["Pressen är ordförandens."] || !summaries["Fakta är direktörens."] || !summaries["Företagarna får svar av direktören."] {
				t.Errorf("the casebook lacks a summary: %v", summaries)
			}
			for _, secret := range []string{shared.Body, deviationText} {
				if texts[secret] {
					t.Errorf("the casebook shows %q", secret)
				}
			}
			if texts[decision.Text] != c.seesDecision {
				t.Errorf("the casebook shows the decision's text: %v, want %v", texts[decision.Text], c.seesDecision)
			}
		})
	}
	t.Run("staff may not add to the casebook", func(t *testing.T) {
		_, err := split.LinkPrecedent(as(t, s, demo.Staff.Email), &samspelv1.LinkPrecedentRequest{AreaId: f.area, DecisionId: decision.Id, Summary: "Prov"})
		wantCode(t, err, codes.PermissionDenied)
	})
	t.Run("the handover dossier shows the decision and the note in words", func(t *testing.T) {
		var b strings.Builder
		term, err := s.Store.FindTerm(context.Background(), 1, strconv.FormatInt(f.currentTerm, 10))
		if err != nil {
			t.Fatal(err)
		}
		h, err := s.Store.Handover(context.Background(), term)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range h.Areas {
			for _, p := range a.Precedents {
				b.WriteString(p.Source + "\n")
			}
		}
		for _, want := range []string{"Beslut vid ", decision.Text, "Delad anteckning: " + shared.Body} {
			if !strings.Contains(b.String(), want) {
				t.Errorf("the dossier's precedents lack %q:\n%s", want, b.String())
			}
		}
	})
}

// TestRetiringAnArea: the chair retires an area with a reason, it leaves the active list
// and is kept with its history, refuses changes until restored; the director proposes a
// retirement for the chair to accept.
func TestRetiringAnArea(t *testing.T) {
	s := apptest.Start(t)
	f := seedRoleSplitFixture(t, s)
	chairCtx, directorCtx := as(t, s, demo.Chair.Email), as(t, s, demo.Director.Email)
	split := samspelv1.NewRoleSplitServiceClient(s.Conn)
	names := func(retired bool) map[int64]bool {
		t.Helper()
		list, err := split.ListAreas(as(t, s, demo.Staff.Email), &samspelv1.ListAreasRequest{OrganizationId: 1, Retired: retired, PageSize: 500})
		if err != nil {
			t.Fatal(err)
		}
		out := map[int64]bool{}
		for _, a := range list.Areas {
			out[a.Id] = true
		}
		return out
	}

	res, err := split.RetireArea(chairCtx, &samspelv1.RetireAreaRequest{AreaId: f.area, Reason: "Näringslivsfrågorna går till bolaget."})
	if err != nil {
		t.Fatal(err)
	}
	if !res.Area.Retired {
		t.Fatal("the area is not retired")
	}
	t.Run("it leaves the active list and shows among the retired", func(t *testing.T) {
		if names(false)[f.area] || !names(true)[f.area] {
			t.Error("the retired area is in the wrong list")
		}
	})
	t.Run("its history says it was retired and why", func(t *testing.T) {
		ev, err := split.ListAreaEvents(chairCtx, &samspelv1.ListAreaEventsRequest{AreaId: f.area})
		if err != nil {
			t.Fatal(err)
		}
		e := ev.Events[0]
		if !e.Retired || e.PreviousRetired || e.Text != "Näringslivsfrågorna går till bolaget." {
			t.Errorf("latest entry %+v, want the retirement with its reason", e)
		}
	})
	t.Run("it refuses changes and precedents until restored", func(t *testing.T) {
		_, err := split.UpdateArea(chairCtx, &samspelv1.UpdateAreaRequest{
			Area: &samspelv1.Area{Id: f.area, Description: "Ny"}, UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"description"}}, Reason: "Prov",
		})
		wantCode(t, err, codes.FailedPrecondition)
		_, err = split.LinkPrecedent(chairCtx, &samspelv1.LinkPrecedentRequest{AreaId: f.area, Reference: "KS § 1", OccurredOn: "2026-11-02", Summary: "Prov"})
		wantCode(t, err, codes.FailedPrecondition)
		_, err = split.RetireArea(chairCtx, &samspelv1.RetireAreaRequest{AreaId: f.area, Reason: "Igen"})
		wantCode(t, err, codes.FailedPrecondition)
	})
	t.Run("the director may not retire it but proposes to restore it, and the chair accepts", func(t *testing.T) {
		_, err := split.RestoreArea(directorCtx, &samspelv1.RestoreAreaRequest{AreaId: f.area, Reason: "Prov"})
		wantCode(t, err, codes.PermissionDenied)
		a := res.Area
		p, err := split.ProposeAreaChange(directorCtx, &samspelv1.ProposeAreaChangeRequest{OrganizationId: 1, AreaId: a.Id,
			Name: a.Name, Owner: a.Owner, Description: a.Description, Examples: a.Examples, Retired: false, Reason: "Bolaget lades ner."})
		if err != nil {
			t.Fatal(err)
		}
		back, err := split.AcceptAreaProposal(chairCtx, &samspelv1.AcceptAreaProposalRequest{ProposalId: p.Proposal.Id})
		if err != nil {
			t.Fatal(err)
		}
		if back.Area.Retired || !names(false)[f.area] {
			t.Error("the accepted proposal did not restore the area")
		}
	})
	t.Run("the director proposes a retirement and the chair's acceptance retires it", func(t *testing.T) {
		cur, err := split.GetArea(chairCtx, &samspelv1.GetAreaRequest{Id: f.proposalArea})
		if err != nil {
			t.Fatal(err)
		}
		a := cur.Area
		p, err := split.ProposeAreaChange(directorCtx, &samspelv1.ProposeAreaChangeRequest{OrganizationId: 1, AreaId: a.Id,
			Name: a.Name, Owner: a.Owner, Description: a.Description, Examples: a.Examples, Retired: true, Reason: "Ingår i kommunikation."})
		if err != nil {
			t.Fatal(err)
		}
		if !p.Proposal.Retired || p.Proposal.PreviousRetired {
			t.Errorf("proposal %+v does not propose a retirement", p.Proposal)
		}
		got, err := split.AcceptAreaProposal(chairCtx, &samspelv1.AcceptAreaProposalRequest{ProposalId: p.Proposal.Id})
		if err != nil {
			t.Fatal(err)
		}
		if !got.Area.Retired {
			t.Error("the accepted proposal did not retire the area")
		}
	})
	t.Run("the chair restores an area", func(t *testing.T) {
		got, err := split.RestoreArea(chairCtx, &samspelv1.RestoreAreaRequest{AreaId: f.proposalArea, Reason: "Behövs igen."})
		if err != nil {
			t.Fatal(err)
		}
		if got.Area.Retired {
			t.Error("the area is still retired")
		}
	})
}

// TestAProposalFromBeforeARetirementDoesNotRestoreTheArea: the director proposes a new
// description for an active area, the chair then retires the area; accepting the old
// proposal, which said nothing of retiring, is refused like any change to a retired
// area, and the area stays retired until the chair restores it.
func TestAProposalFromBeforeARetirementDoesNotRestoreTheArea(t *testing.T) {
	s := apptest.Start(t)
	f := seedRoleSplitFixture(t, s)
	chairCtx, directorCtx := as(t, s, demo.Chair.Email), as(t, s, demo.Director.Email)
	split := samspelv1.NewRoleSplitServiceClient(s.Conn)
	a := must(split.GetArea(chairCtx, &samspelv1.GetAreaRequest{Id: f.area}))(t).Area
	p := must(split.ProposeAreaChange(directorCtx, &samspelv1.ProposeAreaChangeRequest{OrganizationId: 1, AreaId: a.Id,
		Name: a.Name, Owner: a.Owner, Description: "Näringslivsfrågor som rör bolagen.", Examples: a.Examples, Reason: "Tydligare."}))(t)
	must(split.RetireArea(chairCtx, &samspelv1.RetireAreaRequest{AreaId: a.Id, Reason: "Näringslivsfrågorna går till bolaget."}))(t)

	_, err := split.AcceptAreaProposal(chairCtx, &samspelv1.AcceptAreaProposalRequest{ProposalId: p.Proposal.Id})
	wantCode(t, err, codes.FailedPrecondition)
	if got := must(split.GetArea(chairCtx, &samspelv1.GetAreaRequest{Id: a.Id}))(t).Area; !got.Retired || got.Description != a.Description {
		t.Errorf("after the refused acceptance the area is %+v", got)
	}
}

// TestDeletingADraft: a draft can be deleted by the pair; adopted and superseded versions
// are board decisions and cannot; staff read drafts but change nothing.
func TestDeletingADraft(t *testing.T) {
	s := apptest.Start(t)
	f := seedRoleSplitFixture(t, s)
	ins := samspelv1.NewInstructionServiceClient(s.Conn)
	staffCtx := as(t, s, demo.Staff.Email)

	t.Run("staff read the draft but may neither change nor delete it", func(t *testing.T) {
		if _, err := ins.GetInstructionVersion(staffCtx, &samspelv1.GetInstructionVersionRequest{Id: f.draft}); err != nil {
			t.Fatal(err)
		}
		_, err := ins.UpdateInstructionDraft(staffCtx, &samspelv1.UpdateInstructionDraftRequest{
			Version: &samspelv1.InstructionVersion{Id: f.draft, Title: "Kansliets"}, UpdateMask: &fieldmaskpb.FieldMask{Paths: []string{"title"}},
		})
		wantCode(t, err, codes.PermissionDenied)
		_, err = ins.DeleteInstructionDraft(staffCtx, &samspelv1.DeleteInstructionDraftRequest{Id: f.draft})
		wantCode(t, err, codes.PermissionDenied)
	})
	for _, v := range []struct {
		name string
		id   int64
	}{{"the adopted version", f.v2}, {"a superseded version", f.v1}} {
		t.Run(v.name+" cannot be deleted", func(t *testing.T) {
			_, err := ins.DeleteInstructionDraft(as(t, s, demo.Chair.Email), &samspelv1.DeleteInstructionDraftRequest{Id: v.id})
			wantCode(t, err, codes.FailedPrecondition)
			if _, err := ins.GetInstructionVersion(as(t, s, demo.Opposition.Email), &samspelv1.GetInstructionVersionRequest{Id: v.id}); err != nil {
				t.Errorf("it is gone: %v", err)
			}
		})
	}
	t.Run("the director deletes the draft and a new one can be started", func(t *testing.T) {
		directorCtx := as(t, s, demo.Director.Email)
		if _, err := ins.DeleteInstructionDraft(directorCtx, &samspelv1.DeleteInstructionDraftRequest{Id: f.draft}); err != nil {
			t.Fatal(err)
		}
		_, err := ins.GetInstructionVersion(directorCtx, &samspelv1.GetInstructionVersionRequest{Id: f.draft})
		wantCode(t, err, codes.NotFound)
		if _, err := ins.CreateInstructionDraft(directorCtx, &samspelv1.CreateInstructionDraftRequest{OrganizationId: 1, ChangeReason: "Ett nytt försök"}); err != nil {
			t.Errorf("no new draft after deleting one: %v", err)
		}
	})
	t.Run("the audit log keeps the deletion", func(t *testing.T) {
		events, _, err := s.Store.ListAuditEvents(context.Background(), store.Page{Size: 20})
		if err != nil {
			t.Fatal(err)
		}
		deleted := 0
		for _, e := range events {
			if e.Action == "instruction.delete" && e.Success {
				deleted++
			}
		}
		if deleted != 1 {
			t.Errorf("%d audit events of the deletion, want 1", deleted)
		}
	})
}

// TestAnEarlierTermsDossierKeepsLaterRecordsOut: the director who left in the finished
// term, now an opposition politician, may still export that term's handover dossier, as
// the director of the term. The areas' casebook in it shows the current pair's precedents
// by their summaries only: the words of a deviation and of a shared note of the current
// term are the current pair's own records, and wait for the current term's dossier.
func TestAnEarlierTermsDossierKeepsLaterRecordsOut(t *testing.T) {
	s := apptest.Start(t)
	f := seedRoleSplitFixture(t, s)
	ctx := context.Background()
	chairCtx, directorCtx := as(t, s, demo.Chair.Email), as(t, s, demo.Director.Email)
	split := samspelv1.NewRoleSplitServiceClient(s.Conn)
	notes := samspelv1.NewNoteServiceClient(s.Conn)

	const deviationText = "Svarade en företagare om tomtpriser." // the fixture's deviation, of the current term
	shared := writeNote(t, s, directorCtx, "Ringde KSO om markanvisningen: hon tar pressen, jag tar siffrorna.", false)
	if _, err := notes.ShareQuickNote(directorCtx, &samspelv1.ShareQuickNoteRequest{Id: shared.Id, Revision: shared.Revision}); err != nil {
		t.Fatal(err)
	}
	for _, req := range []*samspelv1.LinkPrecedentRequest{
		{AreaId: f.area, DeviationId: f.deviation, Summary: "Företagarna får svar av direktören."},
		{AreaId: f.area, QuickNoteId: shared.Id, Summary: "Markanvisningens fakta är direktörens."},
	} {
		if _, err := split.LinkPrecedent(chairCtx, req); err != nil {
			t.Fatal(err)
		}
	}
	old := personID(t, s, demo.OldDirector.Email)
	if _, err := s.Store.AssignRole(ctx, store.Actor{PersonID: personID(t, s, demo.Admin.Email)}, store.RoleAssignment{
		Person: store.Person{ID: old}, OrganizationID: 1, TermID: f.currentTerm, Role: store.RoleOpposition, Party: demo.PartyA, StartDate: today(t, s),
	}); err != nil {
		t.Fatal(err)
	}

	_, b, _, err := download(t, as(t, s, demo.OldDirector.Email), s, &samspelv1.ExportTermRequest{TermId: f.finishedTerm, Kind: samspelv1.ExportKind_EXPORT_KIND_HANDOVER})
	if err != nil {
		t.Fatal(err)
	}
	html := string(b)
	if !strings.Contains(html, "Företagarna får svar av direktören.") {
		t.Error("the dossier lacks the precedent's summary")
	}
	for _, secret := range []string{deviationText, shared.Body} {
		if strings.Contains(html, secret) {
			t.Errorf("the finished term's dossier shows the current pair's %q", secret)
		}
	}
	t.Run("the current term's dossier shows them in words", func(t *testing.T) {
		_, b, _, err := download(t, directorCtx, s, &samspelv1.ExportTermRequest{TermId: f.currentTerm, Kind: samspelv1.ExportKind_EXPORT_KIND_HANDOVER})
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{deviationText, shared.Body} {
			if !strings.Contains(string(b), want) {
				t.Errorf("the dossier lacks %q", want)
			}
		}
	})
}
