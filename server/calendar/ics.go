package calendar

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"
)

// Calendar is what an ICS file holds: a name and events.
type Calendar struct {
	Name   string
	Stamp  time.Time // when the file was made (DTSTAMP of every event)
	Events []Event
}

// Event is a timed event (Start and End set) or an all-day one (Day set).
type Event struct {
	UID         string
	Summary     string
	Location    string
	Description string
	URL         string
	Start, End  time.Time // timed events, any zone; written in UTC
	Day         string    // all-day events: YYYY-MM-DD
	Cancelled   bool
}

// Write writes c as iCalendar (RFC 5545): CRLF line ends, text escaped, lines folded at
// 75 octets without splitting a UTF-8 character. Times are UTC, so no VTIMEZONE is needed.
func Write(w io.Writer, c Calendar) error {
	bw := bufio.NewWriter(w)
	line := func(name, value string) { writeFolded(bw, name+":"+value) }
	line("BEGIN", "VCALENDAR")
	line("VERSION", "2.0")
	line("PRODID", "-//Samspel//Samspel//SV")
	line("CALSCALE", "GREGORIAN")
	line("METHOD", "PUBLISH")
	line("X-WR-CALNAME", escape(c.Name))
	line("X-WR-TIMEZONE", "Europe/Stockholm")
	stamp := utc(c.Stamp)
	for _, e := range c.Events {
		line("BEGIN", "VEVENT")
		line("UID", escape(e.UID))
		line("DTSTAMP", stamp)
		if e.Day != "" {
			day, err := time.Parse(time.DateOnly, e.Day)
			if err != nil {
				return fmt.Errorf("event %s: %w", e.UID, err)
			}
			writeFolded(bw, "DTSTART;VALUE=DATE:"+day.Format("20060102"))
			writeFolded(bw, "DTEND;VALUE=DATE:"+day.AddDate(0, 0, 1).Format("20060102"))
			line("TRANSP", "TRANSPARENT")
		} else {
			line("DTSTART", utc(e.Start))
			line("DTEND", utc(e.End))
		}
		line("SUMMARY", escape(e.Summary))
		if e.Location != "" {
			line("LOCATION", escape(e.Location))
		}
		if e.Description != "" {
			line("DESCRIPTION", escape(e.Description))
		}
		if e.URL != "" {
			line("URL", e.URL)
		}
		if e.Cancelled {
			line("STATUS", "CANCELLED")
		} else {
			line("STATUS", "CONFIRMED")
		}
		line("END", "VEVENT")
	}
	line("END", "VCALENDAR")
	return bw.Flush()
}

func utc(t time.Time) string { return t.UTC().Format("20060102T150405Z") }

// escape makes text safe for a TEXT value (RFC 5545 §3.3.11).
var escaper = strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\r\n", `\n`, "\n", `\n`, "\r", `\n`)

func escape(s string) string { return escaper.Replace(s) }

// writeFolded writes one content line, folded so no line is longer than 75 octets:
// continuation lines begin with a space (RFC 5545 §3.1).
func writeFolded(w *bufio.Writer, s string) {
	limit := 75
	for len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		w.WriteString(s[:cut])
		w.WriteString("\r\n ")
		s = s[cut:]
		limit = 74 // the leading space counts
	}
	w.WriteString(s)
	w.WriteString("\r\n")
}
