package export_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/samspel/samspel/server/export"
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
		for _, want := range []string{`<html lang="sv">`, "Överlämning: Exempelstads kommun", "Instruktionen", "Prejudikat", "Mötesrytm", "Ingen praxis för oppositionsdragningar"} {
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
