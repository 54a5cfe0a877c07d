package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// agendaRevisitsTx puts every agreement of a term that either party asked to revisit on
// the agenda of the pair's next planned reflection talk, once. The report: how the two
// keep what they agreed is exactly what a reflection talk is for. Called when a revisit
// is asked for and when a reflection talk is planned, so the order of the two does not
// matter; an agreement already on an open reflection agenda is not added again.
func agendaRevisitsTx(ctx context.Context, tx *sql.Tx, now time.Time, actor Actor, orgID, termID int64) error {
	today := now.In(stockholm).Format(time.DateOnly)
	var meetingID, seriesID int64
	err := tx.QueryRowContext(ctx, `
		SELECT m.id, m.series_id FROM meetings m JOIN meeting_series ms ON ms.id = m.series_id
		WHERE ms.organization_id = ? AND ms.term_id = ? AND ms.kind = ? AND m.state = ? AND m.finalized_at IS NULL AND m.date >= ?
		ORDER BY m.date, m.start_time, m.id LIMIT 1`, orgID, termID, KindReflektion, MeetingScheduled, today).Scan(&meetingID, &seriesID)
	if err == sql.ErrNoRows {
		return nil // no talk planned yet: planning one picks the revisits up
	}
	if err != nil {
		return fmt.Errorf("next reflection talk: %w", err)
	}
	_, err = tx.ExecContext(ctx, `
		INSERT INTO agenda_items (meeting_id, series_id, title, description, source_kind, source_id, added_by, created_at)
		SELECT ?, ?, 'Ompröva överenskommelsen: ' || a.text, a.revisit_reason, 'agreement', a.id, coalesce(a.revisit_by, ?), ?
		FROM agreements a
		WHERE a.organization_id = ? AND a.term_id = ? AND a.revisit_at IS NOT NULL
		  AND NOT EXISTS (SELECT 1 FROM agenda_items ai WHERE ai.source_kind = 'agreement' AND ai.source_id = a.id AND ai.closed_meeting_id IS NULL)
		ORDER BY a.revisit_at, a.id`,
		meetingID, seriesID, actor.PersonID, millis(now), orgID, termID)
	if err != nil {
		return fmt.Errorf("put revisits on the agenda: %w", err)
	}
	return nil
}
