package export_test

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/samspel/samspel/server/demo"
	"github.com/samspel/samspel/server/export"
	"github.com/samspel/samspel/server/store"
)

func TestHandoverDossier(t *testing.T) {
	st, _ := openDemo(t)
	term, err := st.FindTerm(context.Background(), 0, "2022-2026")
	if err != nil {
		t.Fatal(err)
	}
	h, err := st.Handover(context.Background(), term)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := export.WriteHandover(&buf, h); err != nil {
		t.Fatal(err)
	}
	html := buf.String()
	t.Run("it holds the adopted instruction, the role split with precedents, agreements, open items, the rhythm and shared reflections", func(t *testing.T) {
		if h.Instruction == nil || len(h.Instruction.Sections) == 0 {
			t.Error("no adopted instruction")
		}
		precedents := 0
		for _, a := range h.Areas {
			precedents += len(a.Precedents)
		}
		if len(h.Areas) == 0 || precedents == 0 {
			t.Errorf("%d areas, %d precedents", len(h.Areas), precedents)
		}
		if len(h.Agreements) == 0 || len(h.Rhythm) == 0 || len(h.Reflections) == 0 || len(h.OpenDecisions) == 0 {
			t.Errorf("agreements %d, rhythm %d, reflections %d, open decisions %d", len(h.Agreements), len(h.Rhythm), len(h.Reflections), len(h.OpenDecisions))
		}
		for _, want := range []string{`<html lang="sv">`, "Överlämning: Exempelstads kommun", "Instruktionen", "Prejudikat", "Mötesrytm"} {
			if !strings.Contains(html, want) {
				t.Errorf("the dossier lacks %q", want)
			}
		}
	})
	t.Run("it has no script and loads nothing from elsewhere", func(t *testing.T) {
		for _, bad := range []string{"<script", "src=", "http://", "https://"} {
			if strings.Contains(html, bad) {
				t.Errorf("the dossier contains %q", bad)
			}
		}
	})
}

// TestHandoverOppositionPractice reads the opposition section of the finished term's
// dossier against the parity ledger the chair sees in the app.
func TestHandoverOppositionPractice(t *testing.T) {
	st, _ := openDemo(t)
	ctx := context.Background()
	term, err := st.FindTerm(ctx, 0, "2022-2026")
	if err != nil {
		t.Fatal(err)
	}
	h, err := st.Handover(ctx, term)
	if err != nil {
		t.Fatal(err)
	}
	o := h.Opposition
	if o == nil {
		t.Fatal("the dossier says no opposition practice is registered")
	}
	var buf bytes.Buffer
	if err := export.WriteHandover(&buf, h); err != nil {
		t.Fatal(err)
	}
	html := buf.String()
	chair, err := st.PersonByEmail(ctx, demo.Chair.Email)
	if err != nil {
		t.Fatal(err)
	}
	ledger, _, err := st.ParitySummary(ctx, store.Viewer{PersonID: chair.ID}, term.OrganizationID, term.TermID)
	if err != nil {
		t.Fatal(err)
	}

	t.Run("it says how often briefings were held: after most weekly berednings and six times in the budget work", func(t *testing.T) {
		if o.AfterBeredning < 100 || o.BudgetWork != 6 || o.Held != o.AfterBeredning+o.BudgetWork+o.Other {
			t.Errorf("held %d: %d after the beredning, %d budget work, %d other", o.Held, o.AfterBeredning, o.BudgetWork, o.Other)
		}
		if o.First < term.Start || o.Last > term.End || o.PerMonth == "" {
			t.Errorf("first %s, last %s, per month %q", o.First, o.Last, o.PerMonth)
		}
		want := fmt.Sprintf("%d dragningar hölls under mandatperioden", o.Held)
		if !strings.Contains(html, want) || strings.Contains(html, "Ingen praxis för oppositionsdragningar") {
			t.Errorf("the dossier lacks %q", want)
		}
	})
	t.Run("each party has its attendance, topics, lag and open gaps, as in the parity ledger", func(t *testing.T) {
		if len(o.Parties) != len(ledger) || len(ledger) != 2 {
			t.Fatalf("%d parties in the dossier, %d in the ledger", len(o.Parties), len(ledger))
		}
		for i, p := range o.Parties {
			l := ledger[i]
			if p.Name != l.Party || p.Topics != int64(l.Topics) || p.Briefed != int64(l.Briefed) || p.OpenGaps != int64(l.OpenGaps) {
				t.Errorf("dossier %+v, ledger %+v", p, l)
			}
			if p.Attended == 0 || p.Attended > p.Invited || p.SameDay == 0 || p.SameDay > p.Briefed {
				t.Errorf("%s: invited %d, attended %d, same day %d of %d", p.Name, p.Invited, p.Attended, p.SameDay, p.Briefed)
			}
			if want := "<strong>" + p.Name + ":</strong> bjöds in till"; !strings.Contains(html, want) {
				t.Errorf("the dossier lacks %q", want)
			}
		}
		if !strings.Contains(html, "i median 0 dagar efter beredningen") {
			t.Error("the dossier does not say that most briefings came the same day as the beredning")
		}
	})
	t.Run("it lists the newest open gaps and counts the rest", func(t *testing.T) {
		if len(o.Gaps) != 10 || o.MoreGaps == 0 {
			t.Fatalf("%d gaps listed, %d more", len(o.Gaps), o.MoreGaps)
		}
		for i := 1; i < len(o.Gaps); i++ {
			if o.Gaps[i].Date > o.Gaps[i-1].Date {
				t.Errorf("gap %d (%s) is newer than gap %d (%s)", i, o.Gaps[i].Date, i-1, o.Gaps[i-1].Date)
			}
		}
		for _, g := range o.Gaps {
			if !strings.Contains(g.Parties, demo.PartyA) && !strings.Contains(g.Parties, demo.PartyB) {
				t.Errorf("gap %+v names no party", g)
			}
		}
		if !strings.Contains(html, "Öppna luckor i paritetsregistret") || !strings.Contains(html, fmt.Sprintf("Och %d äldre ämnen", o.MoreGaps)) {
			t.Error("the gaps are not in the dossier")
		}
	})
	t.Run("every question of the finished term was answered, some after the due date", func(t *testing.T) {
		if o.Questions < 100 || o.Answered != o.Questions || o.AnsweredLate == 0 || len(o.Unanswered) != 0 || o.ConfidentialUnanswered != 0 {
			t.Errorf("%d questions, %d answered, %d late, %d open, %d confidential", o.Questions, o.Answered, o.AnsweredLate, len(o.Unanswered), o.ConfidentialUnanswered)
		}
		if !strings.Contains(html, "Alla frågor är besvarade.") {
			t.Error("the dossier does not say that all questions were answered")
		}
	})
}
