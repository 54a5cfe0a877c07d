package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/samspel/samspel/server/export"
)

var (
	instructionStateLabel = map[int64]string{1: "utkast", 2: "gällande", 3: "ersatt"}
	agreementStateLabel   = map[int64]string{1: "föreslagen", 2: "gällande", 3: "avböjd", 4: "upphävd"}
	decisionStatusLabel   = map[int64]string{1: "ej påbörjat", 2: "pågår", 3: "klart", 4: "avbrutet"}
	deviationKindLabel    = map[int64]string{1: "Avsteg", 2: "Ersättning"}
)

func day(ms int64) string { return fromMillis(ms).In(stockholm).Format(time.DateOnly) }

// reportSections are the printable term report's parts, read in the export's snapshot
// one row at a time, in a fixed order so that the report is the same for the same data.
func reportSections(ctx context.Context, tx *sql.Tx, args []any) []export.ReportSection {
	// rows runs q and calls scan for each row; scan turns it into an entry or skips it.
	rows := func(q string, scan func(sc scanner) (*export.ReportEntry, error)) func(func(export.ReportEntry) error) error {
		return func(yield func(export.ReportEntry) error) error {
			rs, err := tx.QueryContext(ctx, q, args...)
			if err != nil {
				return err
			}
			defer rs.Close()
			for rs.Next() {
				e, err := scan(rs)
				if err != nil {
					return err
				}
				if e != nil {
					if err := yield(*e); err != nil {
						return err
					}
				}
			}
			return rs.Err()
		}
	}
	return []export.ReportSection{
		{Heading: "Instruktionen för kommundirektören", Intro: "Alla versioner; texten finns i instruction_sections.json.",
			Entries: rows(`SELECT number, title, state, board_decision_date, board_decision_ref, change_reason FROM instruction_versions
				WHERE organization_id = :org ORDER BY number`, func(sc scanner) (*export.ReportEntry, error) {
				var n, state int64
				var title, date, ref, reason string
				if err := sc.Scan(&n, &title, &state, &date, &ref, &reason); err != nil {
					return nil, err
				}
				meta := fmt.Sprintf("Version %d, %s", n, instructionStateLabel[state])
				if date != "" {
					meta += fmt.Sprintf(", beslutad %s (%s)", date, ref)
				}
				return &export.ReportEntry{Title: title, Meta: meta, Body: reason}, nil
			})},
		{Heading: "Överenskommelser",
			Entries: rows(`SELECT text, state, proposed_at FROM agreements WHERE term_id = :term ORDER BY id`, func(sc scanner) (*export.ReportEntry, error) {
				var text string
				var state, at int64
				if err := sc.Scan(&text, &state, &at); err != nil {
					return nil, err
				}
				return &export.ReportEntry{Title: text, Meta: fmt.Sprintf("Föreslagen %s, %s", day(at), agreementStateLabel[state])}, nil
			})},
		{Heading: "Avsteg och ersättningar",
			Entries: rows(`SELECT kind, what, reason, occurred_on, in_crisis FROM deviations WHERE term_id = :term ORDER BY occurred_on, id`, func(sc scanner) (*export.ReportEntry, error) {
				var kind, crisis int64
				var what, reason, on string
				if err := sc.Scan(&kind, &what, &reason, &on, &crisis); err != nil {
					return nil, err
				}
				meta := deviationKindLabel[kind] + " " + on
				if crisis == 1 {
					meta += ", under kris"
				}
				return &export.ReportEntry{Title: what, Meta: meta, Body: reason}, nil
			})},
		{Heading: "Krisperioder",
			Entries: rows(`SELECT reason, started_at, ended_at, end_note FROM crisis_periods WHERE term_id = :term ORDER BY started_at, id`, func(sc scanner) (*export.ReportEntry, error) {
				var reason, note string
				var start int64
				var end sql.NullInt64
				if err := sc.Scan(&reason, &start, &end, &note); err != nil {
					return nil, err
				}
				meta := "Från " + day(start)
				if end.Valid {
					meta += " till " + day(end.Int64)
				}
				return &export.ReportEntry{Title: reason, Meta: meta, Body: note}, nil
			})},
		{Heading: "Möten och beslut", Intro: "Genomförda möten med de beslut som antecknades.",
			Entries: meetingEntries(ctx, tx, args)},
		{Heading: "Politiska beslut som följts upp",
			Entries: rows(`SELECT body, decision_date, paragraph, title, status, latest_comment FROM political_decisions
				WHERE term_id = :term ORDER BY decision_date, body, paragraph`, func(sc scanner) (*export.ReportEntry, error) {
				var body, date, title, comment string
				var para, status int64
				if err := sc.Scan(&body, &date, &para, &title, &status, &comment); err != nil {
					return nil, err
				}
				return &export.ReportEntry{Title: title, Meta: fmt.Sprintf("%s %s § %d: %s", body, date, para, decisionStatusLabel[status]), Body: comment}, nil
			})},
	}
}

// meetingEntries yields one entry per held meeting with its decisions as items. The
// meetings are sorted (a few hundred rows) and each one's decisions read by index, so
// neither SQLite's sorter nor this code holds the term's decisions: a join sorted as a
// whole buffered every decision of the term, which grew the export's peak memory with
// the number of records.
func meetingEntries(ctx context.Context, tx *sql.Tx, args []any) func(func(export.ReportEntry) error) error {
	return func(yield func(export.ReportEntry) error) error {
		rs, err := tx.QueryContext(ctx, `SELECT m.id, m.date, s.title, m.place FROM meetings m
			JOIN meeting_series s ON s.id = m.series_id
			WHERE s.term_id = :term AND m.state = 2 ORDER BY m.date, m.start_time, m.id`, args...)
		if err != nil {
			return err
		}
		defer rs.Close()
		for rs.Next() {
			var id int64
			var date, title, place string
			if err := rs.Scan(&id, &date, &title, &place); err != nil {
				return err
			}
			e := export.ReportEntry{Title: title, Meta: strings.TrimSuffix(date+", "+place, ", ")}
			// The driver's statement cache prepares this once for all meetings.
			e.Items, err = query(ctx, tx, func(sc scanner) (text string, err error) {
				err = sc.Scan(&text)
				return text, err
			}, `SELECT text FROM meeting_decisions WHERE meeting_id = ? ORDER BY id`, id)
			if err != nil {
				return err
			}
			if err := yield(e); err != nil {
				return err
			}
		}
		return rs.Err()
	}
}
