package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"time"

	"github.com/samspel/samspel/server/export"
)

// archiveTable says which rows of a table are the organisation's record of one term.
// The list below is the one place that decides what the archive export holds, and
// also the order the importer writes tables in. A feature that adds a table of records
// (quick notes, briefings) adds one entry here.
type archiveTable struct {
	name        string
	title       string // Swedish
	description string // Swedish
	// where selects the term's rows; it may use :org, :term, :from and :to (the term's
	// first day and the day after its last, as Unix milliseconds in Swedish time).
	where  string
	order  string   // ORDER BY; "id" when empty
	people []string // columns that point at people, so that people.json holds them all
}

// Reflection answers are shared only when both parties submitted and both chose to share.
const sharedReflections = `SELECT meeting_id FROM reflection_submissions GROUP BY meeting_id HAVING count(*) >= 2 AND min(share) = 1`

const termSeries = `SELECT id FROM meeting_series WHERE term_id = :term`
const termMeetings = `SELECT id FROM meetings WHERE series_id IN (` + termSeries + `)`
const sharedNotes = `SELECT id FROM meeting_notes WHERE private = 0 AND meeting_id IN (` + termMeetings + `)`

var archiveTables = []archiveTable{
	{name: "organizations", title: "Organisation", description: "Organisationen som handlingarna tillhör (kind: 1 kommun, 2 region, 3 landsting).",
		where: "id = :org"},
	{name: "terms", title: "Mandatperiod", description: "Mandatperioden som exporten gäller.", where: "id = :term"},
	{name: "people", title: "Personer", description: "Personer som förekommer i handlingarna: namn och e-postadress.",
		where: "" /* filled in by peopleWhere */},
	{name: "role_assignments", title: "Roller", description: "Vem som hade vilken roll under vilken tid (ordförande och direktör bildar paret); partitillhörighet för oppositionen.",
		where: "term_id = :term", people: []string{"person_id", "created_by"}},
	{name: "areas", title: "Ansvarsområden", description: "Rollfördelningens ansvarsområden som de ser ut nu (owner: 1 ordföranden, 2 direktören, 3 gemensamt/gråzon; retired 1: avvecklat).",
		where: "organization_id = :org"},
	{name: "area_events", title: "Ansvarsområdenas historik", description: "Ändringar, förslag och kommentarer om ansvarsområden, med ögonblicksbilder av varje version.",
		where: "organization_id = :org", people: []string{"actor_id", "decided_by"}},
	{name: "instruction_versions", title: "Instruktionens versioner", description: "Alla versioner av instruktionen för kommundirektören (state: 1 utkast, 2 gällande, 3 ersatt) med styrelsens beslut.",
		where: "organization_id = :org", people: []string{"created_by", "updated_by", "adopted_by"}},
	{name: "instruction_sections", title: "Instruktionens avsnitt", description: "Avsnitten i varje version av instruktionen.",
		where: "version_id IN (SELECT id FROM instruction_versions WHERE organization_id = :org)", order: "version_id, position"},
	{name: "instruction_reviews", title: "Genomgångar av instruktionen", description: "När paret gick igenom den gällande instruktionen.",
		where: "version_id IN (SELECT id FROM instruction_versions WHERE organization_id = :org)", people: []string{"reviewed_by"}},
	{name: "agreements", title: "Överenskommelser", description: "Parets överenskommelser under mandatperioden (state: 1 föreslagen, 2 gällande, 3 avböjd, 4 upphävd).",
		where: "term_id = :term", people: []string{"proposed_by", "revisit_by"}},
	{name: "agreement_events", title: "Överenskommelsernas historik", description: "Förslag, svar, ändringar och omprövningar av överenskommelser.",
		where: "agreement_id IN (SELECT id FROM agreements WHERE term_id = :term)", people: []string{"actor_id"}},
	{name: "deviations", title: "Avsteg och ersättningar", description: "Avsteg från rollfördelningen eller en överenskommelse, och planerade ersättningar (kind: 1 avsteg, 2 ersättning).",
		where: "term_id = :term", people: []string{"logged_by", "acknowledged_by"}},
	{name: "deviation_comments", title: "Kommentarer till avsteg", description: "Kommentarer och kvittenser av avsteg.",
		where: "deviation_id IN (SELECT id FROM deviations WHERE term_id = :term)", people: []string{"author_id"}},
	{name: "crisis_periods", title: "Krisperioder", description: "Perioder då paret förklarat läget som kris, med skäl och avslutning.",
		where: "term_id = :term", people: []string{"started_by", "ended_by"}},
	{name: "meeting_series", title: "Mötesserier", description: "Återkommande möten och enstaka möten (kind: 1 avstämning, 2 beredning, 3 reflektionssamtal, 4 annat).",
		where: "term_id = :term", people: []string{"created_by"}},
	{name: "meeting_participants", title: "Inbjudna deltagare", description: "Inbjudna deltagare i mötesserier; ordförande och direktör följer av rollerna.",
		where: "series_id IN (" + termSeries + ")", order: "series_id, person_id", people: []string{"person_id"}},
	{name: "meetings", title: "Möten", description: "Varje möte i en serie (state: 1 planerat, 2 genomfört, 3 inställt) och när anteckningarna justerades.",
		where: "series_id IN (" + termSeries + ")", people: []string{"state_changed_by", "finalized_by"}},
	{name: "agenda_items", title: "Dagordningspunkter", description: "Punkter på dagordningen och vilket möte som avslutade dem.",
		where: "series_id IN (" + termSeries + ")", people: []string{"added_by", "closed_by"}},
	{name: "meeting_notes", title: "Minnesanteckningar", description: "Delade minnesanteckningar från mötena. Privata arbetsanteckningar ingår inte.",
		where: "id IN (" + sharedNotes + ")", people: []string{"author_id"}},
	{name: "meeting_decisions", title: "Beslut vid möten", description: "Vad som beslutades vid mötena och vem som tog ställning.",
		where: "meeting_id IN (" + termMeetings + ")", people: []string{"taken_by", "recorded_by"}},
	{name: "action_items", title: "Åtgärder", description: "Vem som gör vad till när (status: 1 öppen, 2 klar, 3 struken).",
		where: "series_id IN (" + termSeries + ")", people: []string{"owner_id", "created_by"}},
	{name: "meeting_revisions", title: "Rättelser", description: "Tidigare lydelse när justerade anteckningar, beslut eller åtgärder rättades.",
		where: "meeting_id IN (" + termMeetings + ") AND (entity <> 'note' OR entity_id IN (" + sharedNotes + "))", people: []string{"revised_by"}},
	{name: "reflection_submissions", title: "Inlämnade reflektioner", description: "Reflektionssamtal där båda parter lämnat in och valt att dela sina svar.",
		where: "meeting_id IN (" + termMeetings + ") AND meeting_id IN (" + sharedReflections + ")", order: "meeting_id, person_id", people: []string{"person_id"}},
	{name: "reflection_answers", title: "Reflektionssvar", description: "Svaren på de fem frågorna, bara där båda parter delat dem.",
		where: "meeting_id IN (" + termMeetings + ") AND meeting_id IN (" + sharedReflections + ")", order: "meeting_id, person_id, question", people: []string{"person_id"}},
	{name: "political_decisions", title: "Politiska beslut som följs upp", description: "Styrelsens och fullmäktiges beslut och hur långt de kommit (status: 1 ej påbörjat, 2 pågår, 3 klart, 4 avbrutet).",
		where: "term_id = :term", people: []string{"responsible_id", "created_by"}},
	{name: "political_decision_updates", title: "Lägesrapporter", description: "Varje lägesrapport om ett politiskt beslut.",
		where: "decision_id IN (SELECT id FROM political_decisions WHERE term_id = :term)", people: []string{"author_id"}},
	// Quick notes are the organisation's only once shared with the other party; private
	// working notes and party-role notes stay their authors' (a party-role note can never
	// be shared, and a shared note can never be deleted).
	{name: "quick_notes", title: "Delade snabbanteckningar", description: "Snabbanteckningar som ordföranden eller direktören delat med den andra parten. Privata arbetsanteckningar och anteckningar i partirollen ingår inte.",
		where: "term_id = :term AND shared_with IS NOT NULL", order: "pk", people: []string{"author_id", "with_person_id", "shared_with"}},
	{name: "quick_note_revisions", title: "Rättelser av snabbanteckningar", description: "Tidigare lydelse när en delad snabbanteckning rättades.",
		where: "note_pk IN (SELECT pk FROM quick_notes WHERE term_id = :term AND shared_with IS NOT NULL)", order: "note_pk, revision", people: []string{"with_person_id", "replaced_by"}},
	// Precedents come after what they may point at (deviations, meeting decisions, shared
	// quick notes), since the importer writes tables in this order. One whose source
	// belongs to another term waits for that term's archive.
	{name: "area_precedents", title: "Prejudikat", description: "Fall som visar hur ett ansvarsområde i gråzonen hanterats: ett avsteg (deviation_id), ett beslut vid ett möte (decision_id), en delad snabbanteckning (quick_note_pk) eller ett fall som finns nedskrivet någon annanstans (reference).",
		where: "area_id IN (SELECT id FROM areas WHERE organization_id = :org)" +
			" AND (deviation_id IS NULL OR deviation_id IN (SELECT id FROM deviations WHERE term_id = :term))" +
			" AND (decision_id IS NULL OR decision_id IN (SELECT id FROM meeting_decisions WHERE meeting_id IN (" + termMeetings + ")))" +
			" AND (quick_note_pk IS NULL OR quick_note_pk IN (SELECT pk FROM quick_notes WHERE term_id = :term AND shared_with IS NOT NULL))",
		people: []string{"linked_by"}},
	{name: "opposition_topic_marks", title: "Markerade ämnen", description: "Dagordningspunkter som ska dras för oppositionen (inform 1), eller som hålls från den med skäl (withheld_reason).",
		where: "agenda_item_id IN (SELECT id FROM agenda_items WHERE series_id IN (" + termSeries + "))", order: "agenda_item_id", people: []string{"marked_by"}},
	{name: "briefings", title: "Oppositionsdragningar", description: "Dragningar för oppositionens partier (kind: 1 efter beredningen, 2 budgetarbetet, 3 vid behov): vad som sades och vilket material som hänvisades till.",
		where: "term_id = :term", people: []string{"created_by", "held_by"}},
	{name: "briefing_parties", title: "Inbjudna partier", description: "Vilka partier som bjöds in till varje dragning och om de deltog.",
		where: "briefing_id IN (SELECT id FROM briefings WHERE term_id = :term)", order: "briefing_id, party"},
	{name: "briefing_topics", title: "Dragna ämnen", description: "Vilka dagordningspunkter varje dragning tog upp; informationsparitetens underlag.",
		where: "briefing_id IN (SELECT id FROM briefings WHERE term_id = :term)", order: "briefing_id, agenda_item_id"},
	{name: "opposition_questions", title: "Frågor och svar", description: "Oppositionens frågor till förvaltningen och svaren (budget_work 1: frågor i budgetarbetet, som bara det frågande partiet och förvaltningen ser).",
		where: "term_id = :term", people: []string{"asked_by", "owner_id", "answered_by"}},
	// One installation may serve several organisations: the log keeps to what people of
	// this organisation did during the term.
	{name: "audit_events", title: "Logg", description: "Loggen över vad organisationens personer gjorde under mandatperioden: vem, vad och när. Den innehåller aldrig anteckningstext.",
		where: "created_at >= :from AND created_at < :to AND actor_person_id IN (SELECT person_id FROM role_assignments WHERE organization_id = :org)"},
}

// peopleWhere selects everyone some exported row of tables points at.
func peopleWhere(tables []archiveTable) string {
	var parts []string
	for _, t := range tables {
		for _, c := range t.people {
			parts = append(parts, fmt.Sprintf("SELECT %s FROM %s WHERE %s", c, t.name, t.where))
		}
	}
	return "id IN (" + strings.Join(parts, " UNION ") + ")"
}

// Columns never exported: secrets and what only identifies a passkey.
var archiveOmit = map[string]bool{"people.webauthn_handle": true}

// ArchiveTerm names what an archive export is of.
type ArchiveTerm struct {
	OrganizationID   int64
	OrganizationName string
	TermID           int64
	Start, End       string
}

// Years is the term as people say it, e.g. "2022-2026".
func (t ArchiveTerm) Years() string { return t.Start[:4] + "-" + t.End[:4] }

// FindTerm finds a term by its id or its years ("2022-2026"). With years, orgID
// chooses the organisation; 0 means the only one that has such a term.
func (s *Store) FindTerm(ctx context.Context, orgID int64, spec string) (ArchiveTerm, error) {
	q := `SELECT o.id, o.name, t.id, t.start_date, t.end_date FROM terms t JOIN organizations o ON o.id = t.organization_id WHERE `
	var args []any
	if m := regexp.MustCompile(`^(\d{4})-(\d{4})$`).FindStringSubmatch(spec); m != nil {
		q += `substr(t.start_date, 1, 4) = ? AND substr(t.end_date, 1, 4) = ? AND (? = 0 OR o.id = ?)`
		args = []any{m[1], m[2], orgID, orgID}
	} else {
		q += `t.id = ?`
		args = []any{spec}
	}
	terms, err := query(ctx, s.r, func(sc scanner) (ArchiveTerm, error) {
		var t ArchiveTerm
		err := sc.Scan(&t.OrganizationID, &t.OrganizationName, &t.TermID, &t.Start, &t.End)
		return t, err
	}, q, args...)
	if err != nil {
		return ArchiveTerm{}, err
	}
	switch len(terms) {
	case 0:
		return ArchiveTerm{}, ErrNotFound
	case 1:
		return terms[0], nil
	default:
		return ArchiveTerm{}, &InvalidError{Field: "term", Description: "several organisations have a term " + spec + "; give the term id"}
	}
}

// ArchiveTables reads the term's records in one read snapshot and hands fn the tables
// for export.WriteArchive. Rows are read while fn writes them, never all at once.
// The term report's sections come from the same snapshot.
func (s *Store) ArchiveTables(ctx context.Context, term ArchiveTerm, fn func([]export.Table, []export.ReportSection) error) error {
	return s.exportTables(ctx, term, archiveTables, 0, fn)
}

func (s *Store) exportTables(ctx context.Context, term ArchiveTerm, list []archiveTable, personID int64, fn func([]export.Table, []export.ReportSection) error) error {
	tx, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return err
	}
	defer tx.Rollback()
	from, err := dayStart(term.Start)
	if err != nil {
		return err
	}
	to, err := dayStart(term.End)
	if err != nil {
		return err
	}
	to += 24 * 3600 * 1000
	args := []any{sql.Named("org", term.OrganizationID), sql.Named("term", term.TermID), sql.Named("from", from), sql.Named("to", to), sql.Named("person", personID)}
	var tables []export.Table
	for _, at := range list {
		cols, err := tableColumns(ctx, tx, at.name)
		if err != nil {
			return err
		}
		where := at.where
		if at.name == "people" {
			where = peopleWhere(list)
		}
		order := at.order
		if order == "" {
			order = "id"
		}
		names := make([]string, len(cols))
		for i, c := range cols {
			names[i] = c.Name
		}
		q := fmt.Sprintf("SELECT %s FROM %s WHERE %s ORDER BY %s", strings.Join(names, ", "), at.name, where, order)
		tables = append(tables, export.Table{
			Name: at.name, Title: at.title, Description: at.description, Columns: cols,
			Rows: func(yield func([]any) error) error { return streamRows(ctx, tx, q, args, len(cols), yield) },
		})
	}
	var report []export.ReportSection
	if personID == 0 {
		report = reportSections(ctx, tx, args)
	}
	return fn(tables, report)
}

func dayStart(date string) (int64, error) {
	t, err := time.ParseInLocation(time.DateOnly, date, stockholm)
	if err != nil {
		return 0, err
	}
	return millis(t), nil
}

func streamRows(ctx context.Context, tx *sql.Tx, q string, args []any, n int, yield func([]any) error) error {
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return fmt.Errorf("%s: %w", q, err)
	}
	defer rows.Close()
	vals := make([]any, n)
	ptrs := make([]any, n)
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return err
		}
		if err := yield(vals); err != nil {
			return err
		}
	}
	return rows.Err()
}

// tableColumns reads a table's columns from SQLite, so a column added by a migration is
// exported (and imported) without touching this file.
func tableColumns(ctx context.Context, q querier, table string) ([]export.Column, error) {
	rows, err := q.QueryContext(ctx, `SELECT name, type, "notnull", pk FROM pragma_table_info(?) ORDER BY cid`, table)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var cols []export.Column
	for rows.Next() {
		var name, typ string
		var notNull, pk int
		if err := rows.Scan(&name, &typ, &notNull, &pk); err != nil {
			return nil, err
		}
		if archiveOmit[table+"."+name] {
			continue
		}
		var t string
		switch strings.ToUpper(typ) {
		case "INTEGER":
			t = "integer"
		case "TEXT":
			t = "text"
		default:
			return nil, fmt.Errorf("%s.%s: column type %s cannot be exported", table, name, typ)
		}
		cols = append(cols, export.Column{Name: name, Type: t, Nullable: notNull == 0 && pk == 0})
	}
	if len(cols) == 0 {
		return nil, fmt.Errorf("table %s has no columns", table)
	}
	return cols, rows.Err()
}

// ImportArchive loads an archive package into an empty database in one transaction:
// either every record is written or, on any error, none. Ids are kept, so exporting the
// term again gives identical data files.
func (s *Store) ImportArchive(ctx context.Context, actor Actor, p *export.Package) (int64, error) {
	var total int64
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM organizations) + (SELECT count(*) FROM people)`).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return &InvalidError{Field: "data", Description: "the database is not empty; import only into a new data directory"}
		}
		// References may point forward (an instruction version names the one that
		// superseded it): check them all at commit instead of row by row.
		if _, err := tx.ExecContext(ctx, `PRAGMA defer_foreign_keys = ON`); err != nil {
			return err
		}
		// The read-only triggers guard adopted instructions against edits; an import
		// writes them as they were, so they step aside inside this transaction only.
		restore, err := suspendTriggers(ctx, tx, "%\\_read\\_only%")
		if err != nil {
			return err
		}
		for _, at := range archiveTables {
			n, err := importTable(ctx, tx, p, at.name)
			if err != nil {
				return err
			}
			total += n
		}
		if err := restore(); err != nil {
			return err
		}
		return auditTx(ctx, tx, s.now(), actor, "archive.import", true, "package:"+p.ID)
	})
	if err != nil {
		if strings.Contains(err.Error(), "FOREIGN KEY") {
			return 0, fmt.Errorf("%w: a record points at one the package does not hold", export.ErrBadPackage)
		}
		return 0, err
	}
	return total, nil
}

func suspendTriggers(ctx context.Context, tx *sql.Tx, like string) (func() error, error) {
	rows, err := tx.QueryContext(ctx, `SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE ? ESCAPE '\' ORDER BY name`, like)
	if err != nil {
		return nil, err
	}
	var names, defs []string
	for rows.Next() {
		var n, d string
		if err := rows.Scan(&n, &d); err != nil {
			rows.Close()
			return nil, err
		}
		names, defs = append(names, n), append(defs, d)
	}
	rows.Close()
	for _, n := range names {
		if _, err := tx.ExecContext(ctx, `DROP TRIGGER "`+n+`"`); err != nil {
			return nil, err
		}
	}
	return func() error {
		for _, d := range defs {
			if _, err := tx.ExecContext(ctx, d); err != nil {
				return err
			}
		}
		return nil
	}, nil
}

func importTable(ctx context.Context, tx *sql.Tx, p *export.Package, table string) (int64, error) {
	cols, err := tableColumns(ctx, tx, table)
	if err != nil {
		return 0, err
	}
	if !p.Has(table) {
		return 0, fmt.Errorf("%w: no data file for %s", export.ErrBadPackage, table)
	}
	names := make([]string, len(cols))
	marks := make([]string, len(cols))
	for i, c := range cols {
		names[i], marks[i] = c.Name, "?"
	}
	st, err := tx.PrepareContext(ctx, fmt.Sprintf("INSERT INTO %s (%s) VALUES (%s)", table, strings.Join(names, ", "), strings.Join(marks, ", ")))
	if err != nil {
		return 0, err
	}
	defer st.Close()
	var n int64
	vals := make([]any, len(cols))
	err = p.Rows(table, func(row map[string]any) error {
		if len(row) != len(cols) {
			return fmt.Errorf("%w: %s row %d has %d fields, want %d", export.ErrBadPackage, table, n+1, len(row), len(cols))
		}
		for i, c := range cols {
			v, ok := row[c.Name]
			if !ok {
				return fmt.Errorf("%w: %s row %d lacks %s", export.ErrBadPackage, table, n+1, c.Name)
			}
			conv, err := importValue(c, v)
			if err != nil {
				return fmt.Errorf("%w: %s row %d, %s: %v", export.ErrBadPackage, table, n+1, c.Name, err)
			}
			vals[i] = conv
		}
		if _, err := st.ExecContext(ctx, vals...); err != nil {
			return fmt.Errorf("%w: %s row %d: %v", export.ErrBadPackage, table, n+1, err)
		}
		n++
		return nil
	})
	return n, err
}

func importValue(c export.Column, v any) (any, error) {
	switch v := v.(type) {
	case nil:
		if !c.Nullable {
			return nil, errors.New("null where a value is required")
		}
		return nil, nil
	case json.Number:
		if c.Type != "integer" {
			return nil, errors.New("a number where text belongs")
		}
		return v.Int64()
	case string:
		if c.Type != "text" {
			return nil, errors.New("text where a number belongs")
		}
		return v, nil
	default:
		return nil, fmt.Errorf("unexpected %T", v)
	}
}

// ArchiveRequest is one archive export: of which term, by whom, made by which software.
type ArchiveRequest struct {
	Term            ArchiveTerm
	Actor           Actor
	ContactName     string // the person who exports, named in the package as contact
	SoftwareVersion string
}

// WriteTermArchive streams the term's archive package to w and records the export in
// the audit log, also when it fails: who exported which term, and when.
func (s *Store) WriteTermArchive(ctx context.Context, w io.Writer, req ArchiveRequest) (export.Summary, error) {
	now := s.now().UTC().Truncate(time.Second)
	var sum export.Summary
	err := s.ArchiveTables(ctx, req.Term, func(tables []export.Table, report []export.ReportSection) error {
		var err error
		sum, err = export.WriteArchive(w, export.Archive{
			ID:               fmt.Sprintf("samspel-%d-%s-%s", req.Term.OrganizationID, req.Term.Years(), now.Format("20060102T150405Z")),
			Created:          now,
			Software:         "Samspel",
			SoftwareVersion:  req.SoftwareVersion,
			Organization:     req.Term.OrganizationName,
			OrganizationCode: fmt.Sprintf("samspel-organization-%d", req.Term.OrganizationID),
			Term:             req.Term.Years(),
			TermStart:        req.Term.Start,
			TermEnd:          req.Term.End,
			ContactPerson:    req.ContactName,
			ContactPersonID:  req.Actor.PersonID,
			Tables:           tables,
			Report:           report,
		})
		return err
	})
	subject := fmt.Sprintf("term:%d", req.Term.TermID)
	if aerr := s.Audit(context.WithoutCancel(ctx), req.Actor, "archive.export", err == nil, subject); aerr != nil && err == nil {
		err = aerr
	}
	return sum, err
}

// MayExportArchive reports whether the person may export the organisation's archive:
// an administrator, or staff of the organisation with the registrar permission today.
func (s *Store) MayExportArchive(ctx context.Context, personID, orgID int64) (bool, error) {
	var ok bool
	err := s.r.QueryRowContext(ctx, `
		SELECT EXISTS (SELECT 1 FROM people WHERE id = ?1 AND admin = 1 AND disabled_at IS NULL)
		    OR EXISTS (SELECT 1 FROM role_assignments r JOIN people p ON p.id = r.person_id JOIN terms t ON t.id = r.term_id
		               WHERE r.person_id = ?2 AND r.organization_id = ?3 AND r.role = ?4 AND r.registrar = 1
		                 AND p.disabled_at IS NULL AND t.start_date <= ?5 AND t.end_date >= ?5
		                 AND r.start_date <= ?5 AND (r.end_date IS NULL OR r.end_date >= ?5))`,
		personID, personID, orgID, RoleStaff, s.today()).Scan(&ok)
	return ok, err
}

// SetRegistrar gives or takes the registrar permission on the person's current STAFF
// assignments in the organisation. It answers ErrNotFound when they hold none.
func (s *Store) SetRegistrar(ctx context.Context, actor Actor, personID, orgID int64, on bool) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		today := s.today()
		res, err := tx.ExecContext(ctx, `
			UPDATE role_assignments SET registrar = ?1
			WHERE person_id = ?2 AND organization_id = ?3 AND role = ?4 AND start_date <= ?5 AND (end_date IS NULL OR end_date >= ?5)
			  AND term_id IN (SELECT id FROM terms WHERE start_date <= ?5 AND end_date >= ?5)`,
			on, personID, orgID, RoleStaff, today)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrNotFound
		}
		action := "registrar.grant"
		if !on {
			action = "registrar.revoke"
		}
		return auditTx(ctx, tx, s.now(), actor, action, true, fmt.Sprintf("person:%d", personID))
	})
}

// CountAudit counts audit events of one action by one person (for tests and reports).
func (s *Store) CountAudit(ctx context.Context, action string, personID int64, n *int) error {
	return s.r.QueryRowContext(ctx, `SELECT count(*) FROM audit_events WHERE action = ? AND actor_person_id = ?`, action, personID).Scan(n)
}
