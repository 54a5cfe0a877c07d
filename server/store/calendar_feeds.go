package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// CalendarFeed is a person's calendar subscription, without its secret.
type CalendarFeed struct {
	Active        bool
	CreatedAt     time.Time
	LastFetchedAt time.Time // zero if never fetched
}

// CreateCalendarFeed stores the hash of a new subscription secret for the actor and
// revokes any earlier one, so at most one URL works at a time.
func (s *Store) CreateCalendarFeed(ctx context.Context, actor Actor, secretHash []byte) (time.Time, error) {
	now := s.now()
	err := s.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE calendar_feeds SET revoked_at = ? WHERE person_id = ? AND revoked_at IS NULL`,
			millis(now), actor.PersonID); err != nil {
			return fmt.Errorf("revoke calendar feed: %w", err)
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO calendar_feeds (person_id, secret_hash, created_at) VALUES (?, ?, ?)`,
			actor.PersonID, secretHash, millis(now))
		if err != nil {
			return fmt.Errorf("insert calendar feed: %w", err)
		}
		id, _ := res.LastInsertId()
		return auditTx(ctx, tx, now, actor, "calendar_feed.create", true, fmt.Sprintf("calendar_feed:%d person:%d", id, actor.PersonID))
	})
	return now, err
}

// RevokeCalendarFeed ends the actor's subscription; having none is no error.
func (s *Store) RevokeCalendarFeed(ctx context.Context, actor Actor) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE calendar_feeds SET revoked_at = ? WHERE person_id = ? AND revoked_at IS NULL`,
			millis(s.now()), actor.PersonID)
		if err != nil {
			return fmt.Errorf("revoke calendar feed: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil
		}
		return auditTx(ctx, tx, s.now(), actor, "calendar_feed.revoke", true, fmt.Sprintf("person:%d", actor.PersonID))
	})
}

// CalendarFeed tells whether the person has a live subscription.
func (s *Store) CalendarFeed(ctx context.Context, personID int64) (CalendarFeed, error) {
	var created, fetched int64
	err := s.r.QueryRowContext(ctx, `SELECT created_at, coalesce(last_fetched_at, 0) FROM calendar_feeds WHERE person_id = ? AND revoked_at IS NULL`,
		personID).Scan(&created, &fetched)
	if errors.Is(err, sql.ErrNoRows) {
		return CalendarFeed{}, nil
	}
	if err != nil {
		return CalendarFeed{}, fmt.Errorf("select calendar feed: %w", err)
	}
	f := CalendarFeed{Active: true, CreatedAt: fromMillis(created)}
	if fetched != 0 {
		f.LastFetchedAt = fromMillis(fetched)
	}
	return f, nil
}

// CalendarFeedPerson returns the person whose live subscription has this secret hash, and
// notes the fetch. Revoked feeds and disabled people are ErrNotFound.
func (s *Store) CalendarFeedPerson(ctx context.Context, secretHash []byte) (Person, error) {
	var id, personID int64
	err := s.r.QueryRowContext(ctx, `
		SELECT f.id, f.person_id FROM calendar_feeds f JOIN people p ON p.id = f.person_id
		WHERE f.secret_hash = ? AND f.revoked_at IS NULL AND p.disabled_at IS NULL`, secretHash).Scan(&id, &personID)
	if errors.Is(err, sql.ErrNoRows) {
		return Person{}, ErrNotFound
	}
	if err != nil {
		return Person{}, fmt.Errorf("select calendar feed: %w", err)
	}
	if _, err := s.w.ExecContext(ctx, `UPDATE calendar_feeds SET last_fetched_at = ? WHERE id = ?`, millis(s.now()), id); err != nil {
		return Person{}, fmt.Errorf("note calendar fetch: %w", err)
	}
	return s.Person(ctx, personID)
}

// CalendarEntries are what a person's calendar subscription shows.
type CalendarEntries struct {
	Meetings []Meeting    // meetings the person may see, cancelled ones included (calendars show them as such)
	Actions  []ActionItem // open action items the person owns, by due date
}

// CalendarEntries returns the person's meetings from one day to another, and the open
// action items they own that fall due in that time.
func (s *Store) CalendarEntries(ctx context.Context, personID int64, from, to string) (CalendarEntries, error) {
	today := s.today()
	args := []any{sql.Named("viewer", personID), sql.Named("from", from), sql.Named("to", to), sql.Named("org", 0)}
	var e CalendarEntries
	var err error
	e.Meetings, err = query(ctx, s.r, scanMeeting(today), `SELECT `+meetingColumns+` FROM `+meetingFrom+`
		WHERE m.date >= @from AND m.date <= @to AND `+seesMeeting+`
		ORDER BY m.date, m.start_time, m.id`, args...)
	if err != nil {
		return CalendarEntries{}, fmt.Errorf("select calendar meetings: %w", err)
	}
	e.Actions, err = query(ctx, s.r, scanAction(today), `SELECT `+actionColumns+` FROM `+actionFrom+`
		JOIN meetings m ON m.id = a.meeting_id JOIN meeting_series ms ON ms.id = m.series_id
		WHERE a.owner_id = @viewer AND a.status = 1 AND a.due_date >= @from AND a.due_date <= @to AND `+seesMeeting+`
		ORDER BY a.due_date, a.id`, args...)
	if err != nil {
		return CalendarEntries{}, fmt.Errorf("select calendar action items: %w", err)
	}
	return e, nil
}
