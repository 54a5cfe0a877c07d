package textdiff

import (
	"reflect"
	"strings"
	"testing"
)

// rebuild returns the old and the new text the chunks describe.
func rebuild(chunks []Chunk) (old, new string) {
	var o, n strings.Builder
	for _, c := range chunks {
		if c.Op != Insert {
			o.WriteString(c.Text)
		}
		if c.Op != Delete {
			n.WriteString(c.Text)
		}
	}
	return o.String(), n.String()
}

func TestText(t *testing.T) {
	tests := []struct {
		name     string
		old, new string
		want     []Chunk
	}{
		{"identical texts are one equal chunk", "Måndag morgon är helig.", "Måndag morgon är helig.",
			[]Chunk{{Equal, "Måndag morgon är helig."}}},
		{"two empty texts give nothing", "", "", nil},
		{"a new text is all inserted", "", "Ny text", []Chunk{{Insert, "Ny text"}}},
		{"a removed text is all deleted", "Gammal text", "", []Chunk{{Delete, "Gammal text"}}},
		{"a changed word shows as the word removed and the word added",
			"Direktören leder förvaltningen.", "Direktören styr förvaltningen.",
			[]Chunk{{Equal, "Direktören "}, {Delete, "leder"}, {Insert, "styr"}, {Equal, " förvaltningen."}}},
		{"an added sentence inside a line keeps the rest equal",
			"Ordföranden ansvarar för media.", "Ordföranden ansvarar för media. Direktören svarar på sakfrågor.",
			[]Chunk{{Equal, "Ordföranden ansvarar för media."}, {Insert, " Direktören svarar på sakfrågor."}}},
		{"an unchanged line between two changed ones stays equal",
			"ett\ntvå\ntre\n", "ETT\ntvå\nTRE\n",
			[]Chunk{{Delete, "ett"}, {Insert, "ETT"}, {Equal, "\ntvå\n"}, {Delete, "tre"}, {Insert, "TRE"}, {Equal, "\n"}}},
		{"an added line is inserted whole", "a\nc\n", "a\nb\nc\n",
			[]Chunk{{Equal, "a\n"}, {Insert, "b\n"}, {Equal, "c\n"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Text(tc.old, tc.new)
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Text(%q, %q)\n got %+v\nwant %+v", tc.old, tc.new, got, tc.want)
			}
			if o, n := rebuild(got); o != tc.old || n != tc.new {
				t.Errorf("the chunks rebuild %q and %q", o, n)
			}
		})
	}
}

func TestTextTooLargeForTheTableIsStillCorrect(t *testing.T) {
	old := strings.Repeat("a b\n", 1500) + strings.Repeat("x ", 1200)
	new := strings.Repeat("a b\n", 1500) + strings.Repeat("y ", 1200)
	got := Text(old, new)
	if o, n := rebuild(got); o != old || n != new {
		t.Fatal("the chunks do not rebuild the texts")
	}
	if got[0].Op != Equal || !strings.HasPrefix(got[0].Text, "a b\n") {
		t.Errorf("the common start is not kept equal: %+v", got[0])
	}
}

func TestSections(t *testing.T) {
	old := []Section{{"Uppdrag", "Direktören leder förvaltningen."}, {"Media", "Ordföranden talar."}, {"Budget", "Som förut."}}
	new := []Section{{"Uppdrag", "Direktören leder och utvecklar förvaltningen."}, {"Budget", "Som förut."}, {"Kris", "Roller hålls strikt."}}
	got := Sections(old, new)
	want := []struct {
		change  SectionChange
		heading string
	}{{Changed, "Uppdrag"}, {Removed, "Media"}, {Unchanged, "Budget"}, {Added, "Kris"}}
	if len(got) != len(want) {
		t.Fatalf("got %d sections, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		t.Run(w.heading+" is "+[]string{"", "unchanged", "changed", "added", "removed"}[w.change], func(t *testing.T) {
			if got[i].Change != w.change || got[i].Heading != w.heading {
				t.Errorf("got %v %q", got[i].Change, got[i].Heading)
			}
		})
	}
	if o, n := rebuild(got[0].Chunks); o != old[0].Body || n != new[0].Body {
		t.Errorf("changed section's chunks rebuild %q and %q", o, n)
	}
	if !reflect.DeepEqual(got[3].Chunks, []Chunk{{Insert, "Roller hålls strikt."}}) {
		t.Errorf("added section's chunks: %+v", got[3].Chunks)
	}
}

func TestTextReadsAsPhrasesReplaced(t *testing.T) {
	got := Text("ges oppositionen tillgång till tjänstepersoner för frågor och beräkningar.",
		"ges oppositionen tillgång till tjänstepersoner för frågor, beräkningar och egna budgetalternativ.")
	want := []Chunk{
		{Equal, "ges oppositionen tillgång till tjänstepersoner för frågor"},
		{Delete, " och beräkningar"},
		{Insert, ", beräkningar och egna budgetalternativ"},
		{Equal, "."},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
}
