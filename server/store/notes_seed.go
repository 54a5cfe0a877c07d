package store

import "time"

// SeedQuickNote is a note to seed as it stands after its history: shared (SharedWith
// non-zero) and corrected (Earlier holds the texts it had before, oldest first).
type SeedQuickNote struct {
	ID                 string
	AuthorID           int64
	AuthorRole         int32
	OrganizationID     int64
	TermID             int64
	Body               string
	WithText           string
	Tag                string
	RaiseAtNextCheckIn bool
	Sorted             bool
	PartyRole          bool
	SharedWith         int64
	Written            time.Time
	Earlier            []string
}

// QuickNote adds a note with the next sequence number, so seeding in time order gives
// the sequence a device would have seen.
func (b *Seeder) QuickNote(n SeedQuickNote) {
	if b.err != nil {
		return
	}
	at := millis(n.Written)
	var shared any
	if n.SharedWith != 0 {
		shared = at
	}
	rev := int64(len(n.Earlier)) + 1
	if n.SharedWith != 0 {
		rev++ // sharing is a change of its own
	}
	pk := b.insert(`
		INSERT INTO quick_notes (id, author_id, author_role, organization_id, term_id, body, with_text, tag, next_check_in, sorted,
		                         party_role, shared_with, shared_at, written_at, created_at, updated_at, revision, seq)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, `+nextSeq+`)`,
		n.ID, n.AuthorID, n.AuthorRole, n.OrganizationID, n.TermID, n.Body, n.WithText, n.Tag, n.RaiseAtNextCheckIn, n.Sorted,
		n.PartyRole, nullID(n.SharedWith), shared, at, at, at, rev)
	for i, body := range n.Earlier {
		// Corrections come after the share, an hour apart.
		b.insert(`
			INSERT INTO quick_note_revisions (note_pk, revision, body, with_text, tag, next_check_in, replaced_at, replaced_by)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, pk, int64(i)+2, body, n.WithText, n.Tag, n.RaiseAtNextCheckIn,
			at+int64(i+1)*int64(time.Hour/time.Millisecond), n.AuthorID)
	}
}
