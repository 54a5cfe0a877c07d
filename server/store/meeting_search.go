package store

import (
	"context"
	"database/sql"
	"fmt"
)

// MeetingSearchHit is one agenda item, shared note, decision or action item found.
type MeetingSearchHit struct {
	Kind    string // "agenda_item", "note", "decision" or "action_item"
	ID      int64
	Meeting Meeting
	Snippet string
}

// searchKinds decodes meeting_search's rowid: id * 4 + kind (see 0002_meetings.sql).
var searchKinds = [4]string{"agenda_item", "note", "decision", "action_item"}

// SearchMeetings finds the shared parts of the meetings the viewer may see whose text has
// every word of q (a word matches words that begin with it). Private notes are never
// indexed, and what the viewer may not see is filtered in the same query, so a hit can
// never leak a meeting the viewer would get ErrNotFound for.
func (s *Store) SearchMeetings(ctx context.Context, viewer Viewer, orgID int64, q string, p Page) ([]MeetingSearchHit, string, error) {
	if err := s.checkOrg(ctx, viewer, orgID); err != nil {
		return nil, "", err
	}
	match := ftsQuery(q)
	if match == "" {
		return nil, "", &InvalidError{Field: "query", Description: "has no words to search for"}
	}
	c, err := p.cursor()
	if err != nil {
		return nil, "", err
	}
	if c.Key == "" {
		c.Key, c.ID = "9999-12-31", 1<<62
	}
	today := s.today()
	type row struct {
		rowid   int64
		snippet string
		m       Meeting
	}
	scanM := scanMeeting(today)
	rows, err := query(ctx, s.r, func(sc scanner) (row, error) {
		var r row
		var err error
		r.m, err = scanM(prefixScanner{sc, []any{&r.rowid, &r.snippet}})
		return r, err
	}, `
		SELECT meeting_search.rowid, snippet(meeting_search, 0, '', '', '…', 16), `+meetingColumns+`
		FROM meeting_search JOIN meetings m ON m.id = meeting_search.meeting_id JOIN meeting_series ms ON ms.id = m.series_id
		LEFT JOIN people fp ON fp.id = m.finalized_by
		WHERE meeting_search MATCH @match AND meeting_search.rowid IN (
		  SELECT meeting_search.rowid FROM meeting_search JOIN meetings m ON m.id = meeting_search.meeting_id
		    JOIN meeting_series ms ON ms.id = m.series_id
		  WHERE meeting_search MATCH @match AND `+seesMeeting+` AND `+inOrg+`
		    AND (m.date, meeting_search.rowid) < (@key, @after)
		  ORDER BY m.date DESC, meeting_search.rowid DESC LIMIT @limit)
		ORDER BY m.date DESC, meeting_search.rowid DESC`,
		sql.Named("match", match), sql.Named("viewer", viewer.PersonID), sql.Named("org", orgID),
		sql.Named("key", c.Key), sql.Named("after", c.ID), sql.Named("limit", p.size()+1))
	if err != nil {
		return nil, "", fmt.Errorf("search meetings: %w", err)
	}
	rows, next := trim(rows, p, func(r row) cursor { return cursor{Key: r.m.Date, ID: r.rowid} })
	hits := make([]MeetingSearchHit, 0, len(rows))
	for _, r := range rows {
		hits = append(hits, MeetingSearchHit{Kind: searchKinds[r.rowid%4], ID: r.rowid / 4, Meeting: r.m, Snippet: r.snippet})
	}
	return hits, next, nil
}

// prefixScanner scans the first columns of a row into prefix, and the rest with the
// wrapped scanner's caller.
type prefixScanner struct {
	sc     scanner
	prefix []any
}

func (p prefixScanner) Scan(dest ...any) error { return p.sc.Scan(append(p.prefix, dest...)...) }
