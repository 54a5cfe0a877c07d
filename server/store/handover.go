package store

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"time"

	"github.com/samspel/samspel/server/export"
)

var (
	ownerLabel    = map[int64]string{1: "ordföranden (vad, politiken)", 2: "kommundirektören (hur, förvaltningen)", 3: "båda, gråzonen"}
	seriesLabel   = map[int64]string{1: "avstämning", 2: "beredning", 3: "reflektionssamtal", 4: "annat möte"}
	decisionLabel = map[int64]string{1: "ej påbörjat", 2: "pågår"}
	weekdayLabel  = []string{"", "måndagar", "tisdagar", "onsdagar", "torsdagar", "fredagar", "lördagar", "söndagar"}
	pairLabel     = map[int64]string{RoleChair: "Ordförande", RoleDirector: "Kommundirektör"}
)

// Handover gathers the handover dossier of a term (överlämning) in one read snapshot.
// It holds only the organisation's records: nothing private, and reflection answers
// only where both parties shared them.
func (s *Store) Handover(ctx context.Context, term ArchiveTerm) (export.Handover, error) {
	h := export.Handover{Organization: term.OrganizationName, Term: term.Years(), TermStart: term.Start, TermEnd: term.End}
	tx, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return h, err
	}
	defer tx.Rollback()
	org, tid := sql.Named("org", term.OrganizationID), sql.Named("term", term.TermID)
	each := func(q string, scan func(sc scanner) error) {
		if err != nil {
			return
		}
		var rows *sql.Rows
		rows, err = tx.QueryContext(ctx, q, org, tid)
		if err != nil {
			return
		}
		defer rows.Close()
		for rows.Next() && err == nil {
			err = scan(rows)
		}
		if err == nil {
			err = rows.Err()
		}
	}
	each(`SELECT ra.role, p.display_name, ra.start_date, coalesce(ra.end_date, t.end_date)
		FROM role_assignments ra JOIN people p ON p.id = ra.person_id JOIN terms t ON t.id = ra.term_id
		WHERE ra.term_id = :term AND ra.role IN (1, 2) ORDER BY ra.role, ra.start_date`, func(sc scanner) error {
		var p export.HandoverPerson
		var role int64
		err := sc.Scan(&role, &p.Name, &p.From, &p.To)
		p.Role = pairLabel[role]
		h.Pair = append(h.Pair, p)
		return err
	})
	each(`SELECT number, title, board_decision_date, board_decision_ref FROM instruction_versions
		WHERE organization_id = :org AND state = 2`, func(sc scanner) error {
		in := &export.HandoverInstruction{}
		h.Instruction = in
		return sc.Scan(&in.Number, &in.Title, &in.BoardDecisionDate, &in.BoardDecisionRef)
	})
	if h.Instruction != nil {
		each(`SELECT heading, body FROM instruction_sections
			WHERE version_id = (SELECT id FROM instruction_versions WHERE organization_id = :org AND state = 2) ORDER BY position`, func(sc scanner) error {
			var sec export.HandoverSection
			err := sc.Scan(&sec.Heading, &sec.Body)
			h.Instruction.Sections = append(h.Instruction.Sections, sec)
			return err
		})
	}
	areaIndex := map[int64]int{}
	each(`SELECT id, name, owner, description, examples, retired FROM areas WHERE organization_id = :org ORDER BY retired, owner, name`, func(sc scanner) error {
		var a export.HandoverArea
		var id, owner int64
		err := sc.Scan(&id, &a.Name, &owner, &a.Description, &a.Examples, &a.Retired)
		a.Owner = ownerLabel[owner]
		areaIndex[id] = len(h.Areas)
		h.Areas = append(h.Areas, a)
		return err
	})
	// Each precedent says what its source was, in the source's words as they read now,
	// when the source is of this term: the areas and their casebook are the
	// organisation's as they stand, but a deviation, a decision or a shared note of
	// another term is that term's pair's record, for that term's dossier (as in the
	// archive), and the pair of this term may be long gone.
	each(`SELECT pr.area_id, pr.occurred_on, pr.summary, pr.reference,
			CASE WHEN dv.id IS NOT NULL THEN 'Avsteg: ' || dv.what
			     WHEN ms.id IS NOT NULL THEN 'Beslut vid ' || ms.title || ' ' || m.date || ': ' || md.text
			     WHEN qn.pk IS NOT NULL THEN 'Delad anteckning: ' || qn.body
			     ELSE '' END
		FROM area_precedents pr
		LEFT JOIN deviations dv ON dv.id = pr.deviation_id AND dv.term_id = :term
		LEFT JOIN meeting_decisions md ON md.id = pr.decision_id
		LEFT JOIN meetings m ON m.id = md.meeting_id LEFT JOIN meeting_series ms ON ms.id = m.series_id AND ms.term_id = :term
		LEFT JOIN quick_notes qn ON qn.pk = pr.quick_note_pk AND qn.term_id = :term AND qn.shared_with IS NOT NULL
		WHERE pr.area_id IN (SELECT id FROM areas WHERE organization_id = :org) ORDER BY pr.area_id, pr.occurred_on, pr.id`, func(sc scanner) error {
		var p export.HandoverPrecedent
		var area int64
		err := sc.Scan(&area, &p.OccurredOn, &p.Summary, &p.Reference, &p.Source)
		if i, ok := areaIndex[area]; ok {
			h.Areas[i].Precedents = append(h.Areas[i].Precedents, p)
		}
		return err
	})
	each(`SELECT text, coalesce(agreed_at, proposed_at) FROM agreements WHERE term_id = :term AND state = 2 ORDER BY id`, func(sc scanner) error {
		var a export.HandoverAgreement
		var at int64
		err := sc.Scan(&a.Text, &at)
		a.AgreedOn = fromMillis(at).In(stockholm).Format(time.DateOnly)
		h.Agreements = append(h.Agreements, a)
		return err
	})
	each(`SELECT a.text, p.display_name, coalesce(a.due_date, ''), m.date FROM action_items a
		JOIN people p ON p.id = a.owner_id JOIN meetings m ON m.id = a.meeting_id
		WHERE a.series_id IN (SELECT id FROM meeting_series WHERE term_id = :term) AND a.status = 1
		ORDER BY coalesce(a.due_date, '9999'), a.id`, func(sc scanner) error {
		var a export.HandoverAction
		err := sc.Scan(&a.Text, &a.Owner, &a.Due, &a.Meeting)
		h.OpenActions = append(h.OpenActions, a)
		return err
	})
	each(`SELECT body, decision_date, paragraph, title, status, coalesce(expected_date, ''), latest_comment
		FROM political_decisions WHERE term_id = :term AND status IN (1, 2) ORDER BY decision_date, body, paragraph`, func(sc scanner) error {
		var d export.HandoverDecision
		var body, date string
		var para, status int64
		err := sc.Scan(&body, &date, &para, &d.Title, &status, &d.Expected, &d.Latest)
		d.Reference = fmt.Sprintf("%s %s § %d", body, date, para)
		d.Status = decisionLabel[status]
		h.OpenDecisions = append(h.OpenDecisions, d)
		return err
	})
	each(`SELECT title, kind, weekday, start_time, duration_minutes, interval_weeks, place FROM meeting_series
		WHERE term_id = :term AND interval_weeks > 0 ORDER BY kind, weekday, start_time, id`, func(sc scanner) error {
		var m export.HandoverSeries
		var kind, weekday, minutes, interval int64
		var start string
		err := sc.Scan(&m.Title, &kind, &weekday, &start, &minutes, &interval, &m.Place)
		m.Kind = seriesLabel[kind]
		every := "varje vecka"
		if interval > 1 {
			every = fmt.Sprintf("var %d:e vecka", interval)
		}
		if weekday >= 1 && weekday <= 7 {
			m.When = fmt.Sprintf("%s %s, %s, %d minuter", weekdayLabel[weekday], every, start, minutes)
		}
		h.Rhythm = append(h.Rhythm, m)
		return err
	})
	if err == nil {
		h.Opposition, err = s.handoverOpposition(ctx, tx, term)
	}
	// The two latest reflection talks both shared, newest first.
	each(`SELECT m.date, ra.question, p.display_name, ra.text FROM reflection_answers ra
		JOIN meetings m ON m.id = ra.meeting_id JOIN people p ON p.id = ra.person_id
		WHERE ra.meeting_id IN (SELECT id FROM meetings WHERE series_id IN (SELECT id FROM meeting_series WHERE term_id = :term)
		                        AND id IN (`+sharedReflections+`) ORDER BY date DESC LIMIT 2)
		ORDER BY m.date DESC, ra.question, p.display_name`, func(sc scanner) error {
		var date, name, text string
		var q int
		if err := sc.Scan(&date, &q, &name, &text); err != nil {
			return err
		}
		if n := len(h.Reflections); n == 0 || h.Reflections[n-1].Date != date {
			h.Reflections = append(h.Reflections, export.HandoverReflection{Date: date})
		}
		r := &h.Reflections[len(h.Reflections)-1]
		question := ""
		if q >= 1 && q <= len(ReflectionQuestions) {
			question = ReflectionQuestions[q-1]
		}
		r.Answers = append(r.Answers, export.HandoverAnswer{Question: question, Name: name, Text: text})
		return nil
	})
	return h, err
}

// MayExportHandover reports whether the person may export a term's handover dossier:
// whoever may export the archive, and the chair and the director of that term or of
// the organisation's current one (the one who stays hands over to the newcomer).
func (s *Store) MayExportHandover(ctx context.Context, personID int64, term ArchiveTerm) (bool, error) {
	if ok, err := s.MayExportArchive(ctx, personID, term.OrganizationID); ok || err != nil {
		return ok, err
	}
	var ok bool
	err := s.r.QueryRowContext(ctx, `
		SELECT EXISTS (SELECT 1 FROM role_assignments ra JOIN terms t ON t.id = ra.term_id JOIN people p ON p.id = ra.person_id
		               WHERE ra.person_id = ?1 AND ra.organization_id = ?2 AND ra.role IN (?3, ?4) AND p.disabled_at IS NULL
		                 AND (ra.term_id = ?5 OR (t.start_date <= ?6 AND t.end_date >= ?6)))`,
		personID, term.OrganizationID, RoleChair, RoleDirector, term.TermID, s.today()).Scan(&ok)
	return ok, err
}

// WriteHandover writes the term's handover dossier to w and records it in the audit log.
func (s *Store) WriteHandover(ctx context.Context, w io.Writer, term ArchiveTerm, actor Actor) error {
	h, err := s.Handover(ctx, term)
	if err == nil {
		err = export.WriteHandover(w, h)
	}
	if aerr := s.Audit(context.WithoutCancel(ctx), actor, "handover.export", err == nil, fmt.Sprintf("term:%d", term.TermID)); aerr != nil && err == nil {
		err = aerr
	}
	return err
}
