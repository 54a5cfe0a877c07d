package store

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/samspel/samspel/server/export"
)

// The personal export holds what one person (:person) took part in during a term: the
// meetings they could open, with the shared record, their own private working notes
// and never anyone else's, and reflection answers that are theirs or that both shared.
//
// A meeting is theirs when they were invited to its series, or when it is a check-in
// or a reflection talk held while they were the chair or the director.
const personalMeetings = `SELECT m.id FROM meetings m JOIN meeting_series s ON s.id = m.series_id
	WHERE s.term_id = :term AND (
	  EXISTS (SELECT 1 FROM meeting_participants mp WHERE mp.series_id = s.id AND mp.person_id = :person)
	  OR (s.kind IN (1, 3) AND EXISTS (SELECT 1 FROM role_assignments ra WHERE ra.person_id = :person AND ra.term_id = :term
	      AND ra.role IN (1, 2) AND ra.start_date <= m.date AND (ra.end_date IS NULL OR ra.end_date >= m.date))))`

const personalSeries = `SELECT series_id FROM meetings WHERE id IN (` + personalMeetings + `)`

var personalTables = []archiveTable{
	{name: "organizations", title: "Organisation", description: "Organisationen.", where: "id = :org"},
	{name: "terms", title: "Mandatperiod", description: "Mandatperioden som exporten gäller.", where: "id = :term"},
	{name: "people", title: "Personer", description: "Personer som förekommer i exporten."},
	{name: "role_assignments", title: "Dina roller", description: "Dina roller under mandatperioden.",
		where: "term_id = :term AND person_id = :person", people: []string{"person_id"}},
	{name: "meeting_series", title: "Mötesserier", description: "Mötesserier du deltog i.",
		where: "id IN (" + personalSeries + ")", people: []string{"created_by"}},
	{name: "meetings", title: "Möten", description: "Möten du kunde delta i.",
		where: "id IN (" + personalMeetings + ")", people: []string{"state_changed_by", "finalized_by"}},
	{name: "agenda_items", title: "Dagordningspunkter", description: "Punkter på dagordningen för dina möten.",
		where: "meeting_id IN (" + personalMeetings + ")", people: []string{"added_by", "closed_by"}},
	{name: "meeting_notes", title: "Minnesanteckningar", description: "Delade anteckningar från dina möten och dina egna privata arbetsanteckningar (private = 1). Andras privata anteckningar ingår aldrig.",
		where: "meeting_id IN (" + personalMeetings + ") AND (private = 0 OR author_id = :person)", people: []string{"author_id"}},
	{name: "meeting_decisions", title: "Beslut vid möten", description: "Beslut vid dina möten.",
		where: "meeting_id IN (" + personalMeetings + ")", people: []string{"taken_by", "recorded_by"}},
	{name: "action_items", title: "Åtgärder", description: "Åtgärder från dina möten.",
		where: "meeting_id IN (" + personalMeetings + ")", people: []string{"owner_id", "created_by"}},
	{name: "quick_notes", title: "Snabbanteckningar", description: "Dina egna snabbanteckningar, också privata och i partirollen, och de som den andra parten delat med dig. Andras privata anteckningar ingår aldrig.",
		where: "term_id = :term AND deleted_at IS NULL AND (author_id = :person OR shared_with = :person)", order: "pk",
		people: []string{"author_id", "with_person_id", "shared_with"}},
	{name: "reflection_answers", title: "Reflektionssvar", description: "Dina egna svar, och den andres där båda delat dem.",
		where: "meeting_id IN (" + personalMeetings + ") AND (person_id = :person OR meeting_id IN (" + sharedReflections + "))",
		order: "meeting_id, person_id, question", people: []string{"person_id"}},
}

// WritePersonalExport streams one person's export of a term to w and audits it. It is
// the person's own copy, not an archive package for submission, though it has the same
// layout so that the same tools read it.
func (s *Store) WritePersonalExport(ctx context.Context, w io.Writer, term ArchiveTerm, person Person, actor Actor, version string) (export.Summary, error) {
	now := s.now().UTC().Truncate(time.Second)
	var sum export.Summary
	err := s.exportTables(ctx, term, personalTables, person.ID, func(tables []export.Table, _ []export.ReportSection) error {
		var err error
		sum, err = export.WriteArchive(w, export.Archive{
			ID:               fmt.Sprintf("samspel-personlig-%d-%s-%s", person.ID, term.Years(), now.Format("20060102T150405Z")),
			Created:          now,
			Software:         "Samspel",
			SoftwareVersion:  version,
			Organization:     term.OrganizationName,
			OrganizationCode: fmt.Sprintf("samspel-organization-%d", term.OrganizationID),
			Term:             term.Years(),
			TermStart:        term.Start,
			TermEnd:          term.End,
			ContactPerson:    person.DisplayName,
			ContactPersonID:  person.ID,
			PersonalFor:      strings.TrimSpace(person.DisplayName),
			Tables:           tables,
		})
		return err
	})
	if aerr := s.Audit(context.WithoutCancel(ctx), actor, "personal.export", err == nil, fmt.Sprintf("person:%d term:%d", person.ID, term.TermID)); aerr != nil && err == nil {
		err = aerr
	}
	return sum, err
}
