package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// QuickNote is a short note written on a phone. A note is private to its author until
// the author shares it with the other party of the pair; then it is the organisation's
// record and can be corrected (history kept) but not deleted.
type QuickNote struct {
	ID                 string // the client-made UUIDv7
	Author             Person // ID and DisplayName only
	AuthorRole         int32  // RoleChair or RoleDirector
	OrganizationID     int64
	TermID             int64
	Body               string
	WithPerson         Person // zero ID for nobody
	WithText           string
	Tag                string
	RaiseAtNextCheckIn bool // offered at the author's next check-in until converted
	Sorted             bool // false while the note waits in the triage inbox
	PartyRole          bool
	SharedWith         Person    // zero ID while private
	ShareTime          time.Time // zero while private
	Revision           int64
	Sequence           int64
	CreateTime         time.Time // when it was written: the time in its id, never in the future
	UpdateTime         time.Time
	DeleteTime         time.Time        // non-zero for a tombstone
	Outcome            QuickNoteOutcome // what ConvertQuickNote last made of it; zero Kind for nothing

	pk int64
}

// Deleted reports whether the note is a tombstone.
func (n QuickNote) Deleted() bool { return !n.DeleteTime.IsZero() }

// NewQuickNote is what a device sends to create a note.
type NewQuickNote struct {
	ID                 string
	OrganizationID     int64 // zero: the one organisation where the author is chair or director today
	Body               string
	WithPersonID       int64
	WithText           string
	Tag                string
	RaiseAtNextCheckIn bool
}

// QuickNoteChange is an update of the fields named in Fields, made from Revision.
type QuickNoteChange struct {
	ID       string
	Revision int64
	// Fields names what to change, as in the proto's update_mask: body, with_person,
	// with_text, tag, raise_at_next_check_in, sorted, party_role.
	Fields             []string
	Body               string
	WithPersonID       int64
	WithText           string
	Tag                string
	RaiseAtNextCheckIn bool
	Sorted             bool
	PartyRole          bool
}

// QuickNoteRevision is an earlier version of a shared note.
type QuickNoteRevision struct {
	Revision           int64
	Body               string
	WithPerson         Person
	WithText           string
	Tag                string
	RaiseAtNextCheckIn bool
	ReplaceTime        time.Time
}

// quickNoteColumns and quickNoteJoins read a QuickNote n with scanQuickNote.
const quickNoteColumns = `n.pk, n.id, n.author_id, a.display_name, n.author_role, n.organization_id, n.term_id, n.body,
	coalesce(n.with_person_id, 0), coalesce(w.display_name, ''), n.with_text, n.tag, n.next_check_in, n.sorted, n.party_role,
	coalesce(n.shared_with, 0), coalesce(s.display_name, ''), coalesce(n.shared_at, 0), n.revision, n.seq,
	n.written_at, n.updated_at, coalesce(n.deleted_at, 0),
	coalesce(qo.kind, 0), coalesce(qo.meeting_id, 0), coalesce(qm.date, ''), coalesce(qo.agenda_item_id, 0), coalesce(qo.action_item_id, 0)`

// quickNoteJoins joins the author, the people named and the note's latest outcome.
const quickNoteJoins = ` JOIN people a ON a.id = n.author_id
	LEFT JOIN people w ON w.id = n.with_person_id LEFT JOIN people s ON s.id = n.shared_with
	LEFT JOIN quick_note_outcomes qo ON qo.id = (SELECT max(id) FROM quick_note_outcomes WHERE note_pk = n.pk)
	LEFT JOIN meetings qm ON qm.id = qo.meeting_id`

// visibleTo is the one rule of who sees a note, for WHERE clauses with the viewer's
// person id as parameter ?1: its author, and the person it was shared with.
const visibleTo = `(n.author_id = ?1 OR n.shared_with = ?1)`

func scanQuickNote(sc scanner) (QuickNote, error) {
	var n QuickNote
	var shared, written, updated, deleted int64
	err := sc.Scan(&n.pk, &n.ID, &n.Author.ID, &n.Author.DisplayName, &n.AuthorRole, &n.OrganizationID, &n.TermID, &n.Body,
		&n.WithPerson.ID, &n.WithPerson.DisplayName, &n.WithText, &n.Tag, &n.RaiseAtNextCheckIn, &n.Sorted, &n.PartyRole,
		&n.SharedWith.ID, &n.SharedWith.DisplayName, &shared, &n.Revision, &n.Sequence,
		&written, &updated, &deleted,
		&n.Outcome.Kind, &n.Outcome.MeetingID, &n.Outcome.MeetingDate, &n.Outcome.AgendaItemID, &n.Outcome.ActionItemID)
	n.CreateTime, n.UpdateTime = fromMillis(written), fromMillis(updated)
	if shared != 0 {
		n.ShareTime = fromMillis(shared)
	}
	if deleted != 0 {
		n.DeleteTime = fromMillis(deleted)
	}
	return n, err
}

// queryer is what *sql.DB and *sql.Tx have in common for single rows.
type queryer interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// note reads a note by id if viewer may see it; tombstones only with withDeleted.
func note(ctx context.Context, q queryer, viewerID int64, id string, withDeleted bool) (QuickNote, error) {
	n, err := scanQuickNote(q.QueryRowContext(ctx, `SELECT `+quickNoteColumns+` FROM quick_notes n`+quickNoteJoins+`
		WHERE n.id = ?2 AND `+visibleTo+` AND (?3 OR n.deleted_at IS NULL)`, viewerID, id, withDeleted))
	if errors.Is(err, sql.ErrNoRows) {
		return QuickNote{}, ErrNotFound
	}
	if err != nil {
		return QuickNote{}, fmt.Errorf("select quick note: %w", err)
	}
	return n, nil
}

// QuickNote returns a note viewer may see; a deleted note is not found.
func (s *Store) QuickNote(ctx context.Context, viewer Viewer, id string) (QuickNote, error) {
	return note(ctx, s.r, viewer.PersonID, strings.ToLower(id), false)
}

// CreateQuickNote stores a note written by actor. It is idempotent on the id: a replay
// by the author returns the stored note as it is now (even a tombstone) and writes
// nothing; the id of another author's note is ErrConflict.
func (s *Store) CreateQuickNote(ctx context.Context, actor Actor, nn NewQuickNote) (QuickNote, error) {
	written, ok := noteIDTime(nn.ID)
	if !ok {
		return QuickNote{}, &InvalidError{Field: "id", Description: "must be a UUIDv7 in lower case"}
	}
	if strings.TrimSpace(nn.Body) == "" {
		return QuickNote{}, &InvalidError{Field: "body", Description: "must hold more than white space"}
	}
	// One spelling of å, ä and ö (some keyboards send a + a combining ring), so search
	// finds what was written.
	nn.Body, nn.WithText, nn.Tag = norm.NFC.String(nn.Body), norm.NFC.String(nn.WithText), norm.NFC.String(nn.Tag)
	now := s.now()
	if written.After(now) {
		written = now // a phone whose clock runs fast must not write into the future
	}
	// Phones send their outboxes in bursts: concurrent creates share one commit.
	err := s.groupTx(ctx, func(tx *sql.Tx) error {
		var author int64
		err := tx.QueryRowContext(ctx, `SELECT author_id FROM quick_notes WHERE id = ?`, nn.ID).Scan(&author)
		switch {
		case err == nil && author == actor.PersonID:
			return nil // a replay: the note is stored already
		case err == nil:
			return fmt.Errorf("%w: the id is taken; make a new one", ErrConflict)
		case !errors.Is(err, sql.ErrNoRows):
			return fmt.Errorf("select quick note: %w", err)
		}
		org, term, role, err := pairRole(ctx, tx, actor.PersonID, nn.OrganizationID, today(now))
		if err != nil {
			return err
		}
		if err := checkWithPerson(ctx, tx, nn.WithPersonID, org); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `
			INSERT INTO quick_notes (id, author_id, author_role, organization_id, term_id, body, with_person_id, with_text, tag,
			                         next_check_in, sorted, written_at, created_at, updated_at, seq)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, `+nextSeq+`)`,
			nn.ID, actor.PersonID, role, org, term, nn.Body, nullID(nn.WithPersonID), nn.WithText, nn.Tag,
			nn.RaiseAtNextCheckIn, nn.RaiseAtNextCheckIn, millis(written), millis(now), millis(now))
		if err != nil {
			return fmt.Errorf("insert quick note: %w", err)
		}
		return nil
	})
	if err != nil {
		return QuickNote{}, err
	}
	return note(ctx, s.r, actor.PersonID, nn.ID, true)
}

// pairRole finds the organisation, current term and role (chair or director) in which
// person writes a note today; orgID zero means their only such organisation.
func pairRole(ctx context.Context, tx querier, personID, orgID int64, today string) (org, term int64, role int32, err error) {
	type hold struct {
		org, term int64
		role      int32
	}
	rows, err := tx.QueryContext(ctx, `
		SELECT ra.organization_id, ra.term_id, ra.role FROM role_assignments ra JOIN terms t ON t.id = ra.term_id
		WHERE ra.person_id = ?1 AND ra.role IN (?2, ?3) AND (?4 = 0 OR ra.organization_id = ?4)
		  AND t.start_date <= ?5 AND t.end_date >= ?5 AND ra.start_date <= ?5 AND (ra.end_date IS NULL OR ra.end_date >= ?5)
		ORDER BY ra.organization_id, ra.role`, personID, RoleChair, RoleDirector, orgID, today)
	if err != nil {
		return 0, 0, 0, fmt.Errorf("select pair role: %w", err)
	}
	defer rows.Close()
	var holds []hold
	for rows.Next() {
		var h hold
		if err := rows.Scan(&h.org, &h.term, &h.role); err != nil {
			return 0, 0, 0, err
		}
		holds = append(holds, h)
	}
	if err := rows.Err(); err != nil {
		return 0, 0, 0, err
	}
	if len(holds) == 0 {
		return 0, 0, 0, &InvalidError{Field: "organization_id", Description: "you are not chair or director of the organisation today"}
	}
	if holds[0].org != holds[len(holds)-1].org {
		return 0, 0, 0, &InvalidError{Field: "organization_id", Description: "you are chair or director of more than one organisation: name one"}
	}
	return holds[0].org, holds[0].term, holds[0].role, nil
}

// checkWithPerson accepts nobody (zero) or someone who holds or held a role in org.
func checkWithPerson(ctx context.Context, tx *sql.Tx, personID, org int64) error {
	if personID == 0 {
		return nil
	}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM role_assignments WHERE person_id = ? AND organization_id = ?`,
		personID, org).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return &InvalidError{Field: "with_person_id", Description: "is not a person of the organisation"}
	}
	return nil
}

// nextSeq is the sequence number of the next change; the one writer makes it safe.
const nextSeq = `(SELECT coalesce(max(seq), 0) + 1 FROM quick_notes)`

// UpdateQuickNote changes the fields named in c.Fields if c.Revision is still the stored
// revision (ErrStale otherwise). Only the author may; for anyone else the note is not
// found. A shared note keeps the version it replaces, and the correction is audited.
func (s *Store) UpdateQuickNote(ctx context.Context, actor Actor, c QuickNoteChange) (QuickNote, error) {
	c.ID = strings.ToLower(c.ID)
	if c.Revision <= 0 {
		return QuickNote{}, &InvalidError{Field: "quick_note.revision", Description: "must be the revision the change was made from"}
	}
	if len(c.Fields) == 0 {
		return QuickNote{}, &InvalidError{Field: "update_mask", Description: "must name at least one field"}
	}
	now := s.now()
	err := s.tx(ctx, func(tx *sql.Tx) error {
		n, err := ownNote(ctx, tx, actor.PersonID, c.ID)
		if err != nil {
			return err
		}
		if n.Deleted() {
			return ErrNotFound
		}
		if n.Revision != c.Revision {
			return fmt.Errorf("%w: the note is at revision %d, the change was made from %d", ErrStale, n.Revision, c.Revision)
		}
		old := n
		for _, f := range c.Fields {
			switch f {
			case "body":
				if strings.TrimSpace(c.Body) == "" {
					return &InvalidError{Field: "quick_note.body", Description: "must hold more than white space"}
				}
				n.Body = norm.NFC.String(c.Body)
			case "with_person":
				if err := checkWithPerson(ctx, tx, c.WithPersonID, n.OrganizationID); err != nil {
					return &InvalidError{Field: "quick_note.with_person.id", Description: err.(*InvalidError).Description}
				}
				n.WithPerson.ID = c.WithPersonID
			case "with_text":
				n.WithText = norm.NFC.String(c.WithText)
			case "tag":
				n.Tag = norm.NFC.String(c.Tag)
			case "raise_at_next_check_in":
				n.RaiseAtNextCheckIn = c.RaiseAtNextCheckIn
			case "sorted":
				n.Sorted = c.Sorted
			case "party_role":
				if c.PartyRole && n.AuthorRole != RoleChair {
					return &InvalidError{Field: "quick_note.party_role", Description: "only a politician writes in a party role"}
				}
				if c.PartyRole && n.SharedWith.ID != 0 {
					return fmt.Errorf("%w: a shared note is the organisation's record and cannot be marked as written in a party role", ErrConflict)
				}
				n.PartyRole = c.PartyRole
			default:
				return &InvalidError{Field: "update_mask", Description: fmt.Sprintf("%q cannot be changed", f)}
			}
		}
		// Deciding to raise the note at the next check-in is sorting it.
		if n.RaiseAtNextCheckIn {
			n.Sorted = true
		}
		if n.SharedWith.ID != 0 {
			if _, err := tx.ExecContext(ctx, `
				INSERT INTO quick_note_revisions (note_pk, revision, body, with_person_id, with_text, tag, next_check_in, replaced_at, replaced_by)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, old.pk, old.Revision, old.Body, nullID(old.WithPerson.ID), old.WithText, old.Tag,
				old.RaiseAtNextCheckIn, millis(now), actor.PersonID); err != nil {
				return fmt.Errorf("insert quick note revision: %w", err)
			}
			if err := auditTx(ctx, tx, now, actor, "note.correct", true, "quick_note:"+n.ID); err != nil {
				return err
			}
		}
		_, err = tx.ExecContext(ctx, `
			UPDATE quick_notes SET body = ?, with_person_id = ?, with_text = ?, tag = ?, next_check_in = ?, sorted = ?, party_role = ?,
			       revision = revision + 1, updated_at = ?, seq = `+nextSeq+`
			WHERE pk = ?`, n.Body, nullID(n.WithPerson.ID), n.WithText, n.Tag, n.RaiseAtNextCheckIn, n.Sorted, n.PartyRole,
			millis(now), n.pk)
		if err != nil {
			return fmt.Errorf("update quick note: %w", err)
		}
		return nil
	})
	if err != nil {
		return QuickNote{}, err
	}
	return note(ctx, s.r, actor.PersonID, c.ID, false)
}

// ownNote reads a note, tombstones included, that person wrote.
func ownNote(ctx context.Context, tx *sql.Tx, personID int64, id string) (QuickNote, error) {
	n, err := note(ctx, tx, personID, id, true)
	if err != nil {
		return QuickNote{}, err
	}
	if n.Author.ID != personID {
		return QuickNote{}, ErrNotFound // only the author may change a note
	}
	return n, nil
}

// DeleteQuickNote deletes a private note, leaving a tombstone without its text; other
// devices learn of it from PullQuickNoteChanges. A shared note is ErrConflict. Revision
// zero deletes whatever the revision; deleting a tombstone returns it again.
func (s *Store) DeleteQuickNote(ctx context.Context, actor Actor, id string, revision int64) (QuickNote, error) {
	id = strings.ToLower(id)
	now := s.now()
	err := s.tx(ctx, func(tx *sql.Tx) error {
		n, err := ownNote(ctx, tx, actor.PersonID, id)
		if err != nil {
			return err
		}
		switch {
		case n.Deleted():
			return nil
		case n.SharedWith.ID != 0:
			return fmt.Errorf("%w: a shared note is the organisation's record and cannot be deleted; correct it instead", ErrConflict)
		case revision != 0 && revision != n.Revision:
			return fmt.Errorf("%w: the note is at revision %d, not %d", ErrStale, n.Revision, revision)
		}
		_, err = tx.ExecContext(ctx, `
			UPDATE quick_notes SET body = '', with_person_id = NULL, with_text = '', tag = '', next_check_in = 0, party_role = 0,
			       sorted = 1, deleted_at = ?, revision = revision + 1, updated_at = ?, seq = `+nextSeq+`
			WHERE pk = ?`, millis(now), millis(now), n.pk)
		if err != nil {
			return fmt.Errorf("delete quick note: %w", err)
		}
		return nil
	})
	if err != nil {
		return QuickNote{}, err
	}
	return note(ctx, s.r, actor.PersonID, id, true)
}

// ShareQuickNote shares a private note with the other party of the pair in force today,
// and audits it; with validateOnly it only returns the note as it would be. Sharing a
// shared note returns it unchanged.
func (s *Store) ShareQuickNote(ctx context.Context, actor Actor, id string, revision int64, validateOnly bool) (QuickNote, error) {
	id = strings.ToLower(id)
	now := s.now()
	var shared QuickNote
	err := s.tx(ctx, func(tx *sql.Tx) error {
		n, err := ownNote(ctx, tx, actor.PersonID, id)
		if err != nil {
			return err
		}
		switch {
		case n.Deleted():
			return ErrNotFound
		case n.SharedWith.ID != 0:
			shared = n
			return nil
		case n.Revision != revision:
			return fmt.Errorf("%w: the note is at revision %d, not %d", ErrStale, n.Revision, revision)
		case n.PartyRole:
			return fmt.Errorf("%w: the note is written in a party role; unmark it before sharing", ErrConflict)
		}
		partner, err := counterpart(ctx, tx, n, today(now))
		if err != nil {
			return err
		}
		n.SharedWith, n.ShareTime = partner, now
		shared = n
		if validateOnly {
			return nil
		}
		_, err = tx.ExecContext(ctx, `
			UPDATE quick_notes SET shared_with = ?, shared_at = ?, revision = revision + 1, updated_at = ?, seq = `+nextSeq+`
			WHERE pk = ?`, partner.ID, millis(now), millis(now), n.pk)
		if err != nil {
			return fmt.Errorf("share quick note: %w", err)
		}
		return auditTx(ctx, tx, now, actor, "note.share", true, fmt.Sprintf("quick_note:%s person:%d", n.ID, partner.ID))
	})
	if err != nil || validateOnly {
		return shared, err
	}
	return note(ctx, s.r, actor.PersonID, id, false)
}

// counterpart is the other party of the pair for note n today: the director in force in
// the note's organisation and term for a chair's note, and the chair for a director's.
func counterpart(ctx context.Context, tx *sql.Tx, n QuickNote, today string) (Person, error) {
	other := int32(RoleDirector)
	if n.AuthorRole == RoleDirector {
		other = RoleChair
	}
	var p Person
	err := tx.QueryRowContext(ctx, `
		SELECT p.id, p.display_name FROM role_assignments ra JOIN people p ON p.id = ra.person_id
		WHERE ra.organization_id = ?1 AND ra.term_id = ?2 AND ra.role = ?3 AND ra.person_id != ?4
		  AND ra.start_date <= ?5 AND (ra.end_date IS NULL OR ra.end_date >= ?5)
		ORDER BY ra.start_date DESC, ra.id DESC LIMIT 1`, n.OrganizationID, n.TermID, other, n.Author.ID, today).
		Scan(&p.ID, &p.DisplayName)
	if errors.Is(err, sql.ErrNoRows) {
		return Person{}, fmt.Errorf("%w: nobody holds the other role of the pair in the note's term today", ErrConflict)
	}
	if err != nil {
		return Person{}, fmt.Errorf("select counterpart: %w", err)
	}
	return p, nil
}

// ListQuickNotes lists the notes viewer may see, newest first; unsortedOnly gives the
// triage inbox: the viewer's own notes that wait to be sorted.
func (s *Store) ListQuickNotes(ctx context.Context, viewer Viewer, unsortedOnly bool, p Page) ([]QuickNote, string, error) {
	if unsortedOnly {
		return s.listNotes(ctx, viewer, `sorted = 0 AND deleted_at IS NULL`, false, p)
	}
	return s.listNotes(ctx, viewer, `deleted_at IS NULL`, true, p)
}

// listNotes lists, newest first, the viewer's own notes that meet own (a condition that
// one of the partial indexes of quick_notes answers), and withShared those shared with
// them.
func (s *Store) listNotes(ctx context.Context, viewer Viewer, own string, withShared bool, p Page) ([]QuickNote, string, error) {
	c, err := p.cursor()
	if err != nil {
		return nil, "", err
	}
	at, pk := noteCursor(c)
	// One ordered, limited scan per way of seeing a note, each along its own index, and
	// the two merged: an OR over both columns would sort every visible note instead.
	shared := ""
	if withShared {
		shared = `UNION ALL SELECT * FROM (SELECT pk, written_at FROM quick_notes
			WHERE shared_with = ?1 AND (written_at, pk) < (?2, ?3) ORDER BY written_at DESC, pk DESC LIMIT ?4)`
	}
	out, err := query(ctx, s.r, scanQuickNote, `SELECT `+quickNoteColumns+` FROM (
			SELECT * FROM (SELECT pk, written_at FROM quick_notes
				WHERE author_id = ?1 AND `+own+` AND (written_at, pk) < (?2, ?3) ORDER BY written_at DESC, pk DESC LIMIT ?4)
			`+shared+`
		) v JOIN quick_notes n ON n.pk = v.pk`+quickNoteJoins+`
		ORDER BY v.written_at DESC, v.pk DESC LIMIT ?4`, viewer.PersonID, at, pk, p.size()+1)
	if err != nil {
		return nil, "", fmt.Errorf("list quick notes: %w", err)
	}
	out, next := trim(out, p, newestFirst)
	return out, next, nil
}

// noteCursor reads a newest-first position; the first page starts after the end of time.
func noteCursor(c cursor) (writtenAt, pk int64) {
	if c.Key == "" {
		return 1<<63 - 1, 0
	}
	at, _ := strconv.ParseInt(c.Key, 10, 64)
	return at, c.ID
}

func newestFirst(n QuickNote) cursor {
	return cursor{Key: strconv.FormatInt(millis(n.CreateTime), 10), ID: n.pk}
}

// PullQuickNoteChanges returns up to size notes viewer may see that changed after
// sequence since, oldest change first, tombstones included, and whether more wait.
func (s *Store) PullQuickNoteChanges(ctx context.Context, viewer Viewer, since int64, size int) ([]QuickNote, bool, error) {
	size = Page{Size: size}.size()
	out, err := query(ctx, s.r, scanQuickNote, `SELECT `+quickNoteColumns+` FROM (
			SELECT * FROM (SELECT pk, seq FROM quick_notes WHERE author_id = ?1 AND seq > ?2 ORDER BY seq LIMIT ?3)
			UNION ALL
			SELECT * FROM (SELECT pk, seq FROM quick_notes WHERE shared_with = ?1 AND seq > ?2 ORDER BY seq LIMIT ?3)
		) v JOIN quick_notes n ON n.pk = v.pk`+quickNoteJoins+`
		ORDER BY v.seq LIMIT ?3`, viewer.PersonID, since, size+1)
	if err != nil {
		return nil, false, fmt.Errorf("pull quick note changes: %w", err)
	}
	if len(out) > size {
		return out[:size], true, nil
	}
	return out, false, nil
}

// SearchQuickNotes finds the notes viewer may see that hold every word of q, each as a
// word or the start of one, newest first by when the server received them. That is the
// full-text index's own order, which lets a common word stop after one page instead of
// sorting every match; a note written offline shows by when it arrived.
func (s *Store) SearchQuickNotes(ctx context.Context, viewer Viewer, q string, p Page) ([]QuickNote, string, error) {
	match := ftsQuery(q)
	if match == "" {
		return nil, "", &InvalidError{Field: "query", Description: "holds no words to search for"}
	}
	c, err := p.cursor()
	if err != nil {
		return nil, "", err
	}
	if c.ID == 0 {
		c.ID = 1<<63 - 1
	}
	out, err := query(ctx, s.r, scanQuickNote, `SELECT `+quickNoteColumns+` FROM quick_notes_fts f JOIN quick_notes n ON n.pk = f.rowid`+quickNoteJoins+`
		WHERE quick_notes_fts MATCH ?4 AND f.rowid < ?2 AND `+visibleTo+` AND n.deleted_at IS NULL
		ORDER BY f.rowid DESC LIMIT ?3`, viewer.PersonID, c.ID, p.size()+1, match)
	if err != nil {
		return nil, "", fmt.Errorf("search quick notes: %w", err)
	}
	out, next := trim(out, p, func(n QuickNote) cursor { return cursor{ID: n.pk} })
	return out, next, nil
}

// ftsQuery turns what a person typed into an FTS5 query for the unicode61 indexes of
// notes and meetings: every run of letters and digits, split where the tokenizer splits
// ("e-post" is "e" and "post"), becomes a quoted prefix term, so nothing typed is read
// as FTS5 syntax; all of them must match.
func ftsQuery(q string) string {
	words := strings.FieldsFunc(norm.NFC.String(q), func(r rune) bool { return !isWordRune(r) })
	for i, w := range words {
		words[i] = `"` + w + `"*`
	}
	return strings.Join(words, " ")
}

// isWordRune tells the characters FTS5's unicode61 tokenizer keeps in words by default:
// letters, digits and private-use characters.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.Is(unicode.Co, r)
}

// ListQuickNoteRevisions lists the earlier versions of a note viewer may see, newest
// first; a private note has none.
func (s *Store) ListQuickNoteRevisions(ctx context.Context, viewer Viewer, id string, p Page) ([]QuickNoteRevision, string, error) {
	n, err := s.QuickNote(ctx, viewer, id)
	if err != nil {
		return nil, "", err
	}
	c, err := p.cursor()
	if err != nil {
		return nil, "", err
	}
	if c.ID == 0 {
		c.ID = n.Revision
	}
	out, err := query(ctx, s.r, func(sc scanner) (r QuickNoteRevision, err error) {
		var at int64
		err = sc.Scan(&r.Revision, &r.Body, &r.WithPerson.ID, &r.WithPerson.DisplayName, &r.WithText, &r.Tag, &r.RaiseAtNextCheckIn, &at)
		r.ReplaceTime = fromMillis(at)
		return r, err
	}, `
		SELECT r.revision, r.body, coalesce(r.with_person_id, 0), coalesce(w.display_name, ''), r.with_text, r.tag, r.next_check_in, r.replaced_at
		FROM quick_note_revisions r LEFT JOIN people w ON w.id = r.with_person_id
		WHERE r.note_pk = ? AND r.revision < ? ORDER BY r.revision DESC LIMIT ?`, n.pk, c.ID, p.size()+1)
	if err != nil {
		return nil, "", fmt.Errorf("list quick note revisions: %w", err)
	}
	out, next := trim(out, p, func(r QuickNoteRevision) cursor { return cursor{ID: r.Revision} })
	return out, next, nil
}

// today is the calendar date in Sweden at now.
func today(now time.Time) string { return now.In(stockholm).Format(time.DateOnly) }
