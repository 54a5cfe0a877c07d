package calendar

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestWriteMatchesTheGoldenFile pins the exact bytes a calendar app receives.
func TestWriteMatchesTheGoldenFile(t *testing.T) {
	start := time.Date(2026, 11, 30, 8, 0, 0, 0, stockholm)
	c := Calendar{
		Name:  "Samspel – Anna Lindqvist",
		Stamp: time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC),
		Events: []Event{
			{UID: "meeting-1@samspel.example.se", Summary: "Måndagsavstämning", Location: "Ordförandens rum",
				Description: "3 punkter på dagordningen.", URL: "https://samspel.example.se/moten/1",
				Start: start, End: start.Add(time.Hour)},
			{UID: "meeting-2@samspel.example.se", Summary: "Måndagsavstämning", Location: "Ordförandens rum, plan 3; vid trappan",
				Description: "Inställt: Budgetberedning hela dagen\noch kvällen", Start: start.AddDate(0, 0, 7), End: start.AddDate(0, 0, 7).Add(time.Hour), Cancelled: true},
			{UID: "action-9@samspel.example.se", Summary: "Åtgärd: Ta fram konsekvensbeskrivning för socialnämndens ram inför budgetberedningen i december",
				Description: "Från Måndagsavstämning 2026-11-30.", Day: "2026-12-04"},
		},
	}
	var buf bytes.Buffer
	if err := Write(&buf, c); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "calendar.ics")
	if *update {
		if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update once to write it)", err)
	}
	if !bytes.Equal(buf.Bytes(), want) {
		t.Errorf("the calendar differs from %s:\n%s", golden, buf.String())
	}
}

// TestLinesAreFoldedWithinSeventyFiveOctets checks RFC 5545's line rule on long
// Swedish text, where a fold must never split a character.
func TestLinesAreFoldedWithinSeventyFiveOctets(t *testing.T) {
	var buf bytes.Buffer
	long := strings.Repeat("Åtgärd för älvdalens öar, ", 20)
	if err := Write(&buf, Calendar{Name: long, Events: []Event{{UID: "x", Summary: long, Day: "2026-12-01"}}}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if !strings.HasSuffix(out, "END:VCALENDAR\r\n") || strings.Contains(strings.ReplaceAll(out, "\r\n", ""), "\n") {
		t.Fatalf("lines must end in CRLF")
	}
	var unfolded strings.Builder
	for _, line := range strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n") {
		if len(line) > 75 {
			t.Errorf("a line of %d octets: %q", len(line), line)
		}
		if !strings.HasPrefix(line, " ") {
			unfolded.WriteString("\n")
		}
		unfolded.WriteString(strings.TrimPrefix(line, " "))
	}
	if !strings.Contains(unfolded.String(), "SUMMARY:"+escape(long)) {
		t.Errorf("unfolding does not give back the summary")
	}
}
