package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/samspel/samspel/server/export"
)

// handoverGapsShown is how many gap topics the dossier lists; the whole ledger is in the app.
const handoverGapsShown = 10

// handoverOpposition sums up the term's opposition practice for the handover dossier,
// read through q (the dossier's snapshot): the briefings held, each party's attendance
// and lag after the beredning from the parity ledger, the ledger's open gaps, and the
// questions. It returns nil when the term has none of these.
func (s *Store) handoverOpposition(ctx context.Context, q querier, term ArchiveTerm) (*export.HandoverOpposition, error) {
	o := &export.HandoverOpposition{}
	type held struct {
		kind, n     int64
		first, last string
	}
	rows, err := query(ctx, q, func(sc scanner) (h held, err error) {
		err = sc.Scan(&h.kind, &h.n, &h.first, &h.last)
		return h, err
	}, `SELECT kind, count(*), min(date), max(date) FROM briefings WHERE term_id = ? AND held_at IS NOT NULL GROUP BY kind`, term.TermID)
	if err != nil {
		return nil, fmt.Errorf("briefings held: %w", err)
	}
	for _, h := range rows {
		o.Held += h.n
		switch h.kind {
		case BriefingAfterBeredning:
			o.AfterBeredning = h.n
		case BriefingBudgetWork:
			o.BudgetWork = h.n
		default:
			o.Other += h.n
		}
		if o.First == "" || h.first < o.First {
			o.First = h.first
		}
		o.Last = max(o.Last, h.last)
	}
	o.PerMonth = decimal(float64(o.Held) / termMonths(term, s.today()))

	parties, err := termParties(ctx, q, term.TermID)
	if err != nil {
		return nil, err
	}
	ledger, err := s.ledger(ctx, q, term.TermID, ParityFilter{OrganizationID: term.OrganizationID}, cursor{}, -1)
	if err != nil {
		return nil, err
	}
	for _, party := range parties {
		p := export.HandoverParty{Name: party}
		err := q.QueryRowContext(ctx, `SELECT count(*), coalesce(sum(bp.attended), 0) FROM briefing_parties bp
			JOIN briefings b ON b.id = bp.briefing_id WHERE b.term_id = ? AND b.held_at IS NOT NULL AND bp.party = ?`,
			term.TermID, party).Scan(&p.Invited, &p.Attended)
		if err != nil {
			return nil, fmt.Errorf("briefing attendance: %w", err)
		}
		var lags []int32
		for _, e := range ledger {
			if e.Party != party {
				continue
			}
			p.Topics++
			switch {
			case !e.Briefed:
				p.OpenGaps++
			case e.LagDays == 0:
				p.SameDay++
				fallthrough
			default:
				p.Briefed++
				lags = append(lags, e.LagDays)
			}
		}
		p.MedianLag = decimal(median(lags))
		o.Parties = append(o.Parties, p)
	}

	// The ledger runs oldest topic first, one entry per party: gather each gap topic's
	// parties, then list the newest.
	var gaps []export.HandoverGap
	lastID := int64(-1)
	for _, e := range ledger {
		if e.Briefed {
			continue
		}
		if e.Topic.AgendaItemID != lastID {
			gaps = append(gaps, export.HandoverGap{Date: e.Topic.InformedDate, Title: e.Topic.Title, Parties: e.Party})
			lastID = e.Topic.AgendaItemID
			continue
		}
		gaps[len(gaps)-1].Parties += " och " + e.Party
	}
	for i := len(gaps) - 1; i >= 0 && len(o.Gaps) < handoverGapsShown; i-- {
		o.Gaps = append(o.Gaps, gaps[i])
	}
	o.MoreGaps = len(gaps) - len(o.Gaps)

	if err := s.handoverQuestions(ctx, q, term, o); err != nil {
		return nil, err
	}
	if o.Held == 0 && len(ledger) == 0 && o.Questions == 0 {
		return nil, nil
	}
	return o, nil
}

// handoverQuestions counts the term's questions, those answered after their due date,
// and lists those still open; an unreleased budget-work question is only counted.
func (s *Store) handoverQuestions(ctx context.Context, q querier, term ArchiveTerm, o *export.HandoverOpposition) error {
	rows, err := q.QueryContext(ctx, `SELECT party, asked_at, coalesce(due_date, ''), coalesce(answered_at, 0), body,
		budget_work = 1 AND released_at IS NULL FROM opposition_questions WHERE term_id = ? ORDER BY asked_at, id`, term.TermID)
	if err != nil {
		return fmt.Errorf("questions: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var party, due, body string
		var asked, answered int64
		var confidential bool
		if err := rows.Scan(&party, &asked, &due, &answered, &body, &confidential); err != nil {
			return err
		}
		o.Questions++
		switch {
		case answered != 0:
			o.Answered++
			if due != "" && fromMillis(answered).In(stockholm).Format(time.DateOnly) > due {
				o.AnsweredLate++
			}
		case confidential:
			o.ConfidentialUnanswered++
		default:
			o.Unanswered = append(o.Unanswered, export.HandoverQuestion{
				Party: party, Asked: fromMillis(asked).In(stockholm).Format(time.DateOnly), Due: due, Body: body,
			})
		}
	}
	return rows.Err()
}

// termMonths is how many months of the term have passed by today, at least one.
func termMonths(term ArchiveTerm, today string) float64 {
	end := min(term.End, today)
	return max(float64(daysBetween(term.Start, end))/(365.25/12), 1)
}

// decimal writes a number as Swedes do: one decimal with a comma, none when whole.
func decimal(v float64) string {
	if v == float64(int64(v)) {
		return fmt.Sprint(int64(v))
	}
	return strings.Replace(fmt.Sprintf("%.1f", v), ".", ",", 1)
}
