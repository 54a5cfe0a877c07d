package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"
)

// Briefing kinds, as in samspel.v1.BriefingKind.
const (
	BriefingAfterBeredning = 1
	BriefingBudgetWork     = 2
	BriefingAdHoc          = 3
)

// Question statuses, as in samspel.v1.QuestionStatus. They are derived, never stored.
const (
	QuestionAsked    = 1
	QuestionAssigned = 2
	QuestionAnswered = 3
)

// oppStanding is what a person is in one organisation's current term, as far as the
// opposition's records go.
type oppStanding struct {
	term                             int64
	chair, director, staff, majority bool
	party                            string // the opposition party today, or empty
}

// administration: the director and the staff, who brief and answer.
func (o oppStanding) administration() bool { return o.director || o.staff }

// directorSide: the administration and the chair, who see every briefing and the ledger.
func (o oppStanding) directorSide() bool { return o.administration() || o.chair }

// oppositionStanding reads the person's roles in the organisation's current term. An
// organisation with no current term, or one the person holds no role in, is ErrNotFound.
func oppositionStanding(ctx context.Context, q querier, personID, orgID int64, today string) (oppStanding, error) {
	var o oppStanding
	err := q.QueryRowContext(ctx, `SELECT id FROM terms WHERE organization_id = ? AND start_date <= ? AND end_date >= ?`,
		orgID, today, today).Scan(&o.term)
	if errors.Is(err, sql.ErrNoRows) {
		return oppStanding{}, ErrNotFound
	}
	if err != nil {
		return oppStanding{}, fmt.Errorf("current term: %w", err)
	}
	rows, err := q.QueryContext(ctx, `
		SELECT role, party FROM role_assignments
		WHERE person_id = ? AND term_id = ? AND start_date <= ? AND (end_date IS NULL OR end_date >= ?)`,
		personID, o.term, today, today)
	if err != nil {
		return oppStanding{}, fmt.Errorf("roles: %w", err)
	}
	defer rows.Close()
	found := false
	for rows.Next() {
		var role int32
		var party string
		if err := rows.Scan(&role, &party); err != nil {
			return oppStanding{}, err
		}
		found = true
		switch role {
		case RoleChair:
			o.chair = true
		case RoleDirector:
			o.director = true
		case RoleStaff:
			o.staff = true
		case RoleMajority:
			o.majority = true
		case RoleOpposition:
			o.party = party
		}
	}
	if err := rows.Err(); err != nil {
		return oppStanding{}, err
	}
	if !found {
		return oppStanding{}, ErrNotFound
	}
	return o, nil
}

// memberOrAdmin lets an installation administrator or anyone who ever held a role in the
// organisation list (what they see of) its opposition records: the list is then empty
// for those who see none. Anyone else learns nothing.
func (s *Store) oppositionViewer(ctx context.Context, viewer Viewer, orgID int64) (oppStanding, error) {
	o, err := oppositionStanding(ctx, s.r, viewer.PersonID, orgID, s.today())
	if errors.Is(err, ErrNotFound) {
		st, err := s.viewerStanding(ctx, viewer, orgID)
		if err != nil {
			return oppStanding{}, err
		}
		if !st.member && !st.admin {
			return oppStanding{}, ErrNotFound
		}
		return oppStanding{}, nil
	}
	return o, err
}

// ParityTopic is a topic the majority was informed about.
type ParityTopic struct {
	AgendaItemID int64
	Title        string
	InformedDate string
}

// BriefingParty is an invited party and whether it attended.
type BriefingParty struct {
	Party    string
	Attended bool
}

// Briefing is one oppositionsdragning.
type Briefing struct {
	ID             int64
	OrganizationID int64
	Kind           int32
	Title          string
	Date           string
	Notes          string
	Material       string
	Parties        []BriefingParty
	Topics         []ParityTopic
	HeldAt         time.Time // zero while scheduled
	CreatedBy      Person
}

// parityTopicFrom and isParityTopic decide what a parity topic is: an agenda item of a
// preparation meeting with the majority, or any item marked "informera oppositionen",
// unless marked "ej för oppositionen", on a meeting that was not cancelled.
const parityTopicFrom = `agenda_items ai JOIN meetings m ON m.id = ai.meeting_id JOIN meeting_series ms ON ms.id = ai.series_id
	LEFT JOIN opposition_topic_marks tm ON tm.agenda_item_id = ai.id`

const isParityTopic = `(ms.kind = 2 OR tm.inform = 1) AND coalesce(tm.withheld_reason, '') = '' AND m.state <> 3`

// seesBriefing is the condition for briefing b: the director's side sees all of them, an
// opposition party those it was invited to.
const seesBriefing = `(@side = 1 OR EXISTS (SELECT 1 FROM briefing_parties bp WHERE bp.briefing_id = b.id AND bp.party = @party))`

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func (o oppStanding) briefingArgs(more ...any) []any {
	return append([]any{sql.Named("side", b2i(o.directorSide())), sql.Named("party", o.party)}, more...)
}

const briefingColumns = `b.id, b.organization_id, b.kind, b.title, b.date, b.notes, b.material, coalesce(b.held_at, 0), ` + `coalesce(cp.id, 0), coalesce(cp.email, ''), coalesce(cp.display_name, '')`

const briefingFrom = `briefings b LEFT JOIN people cp ON cp.id = b.created_by`

func scanBriefing(sc scanner) (Briefing, error) {
	var b Briefing
	var held int64
	err := sc.Scan(&b.ID, &b.OrganizationID, &b.Kind, &b.Title, &b.Date, &b.Notes, &b.Material, &held,
		&b.CreatedBy.ID, &b.CreatedBy.Email, &b.CreatedBy.DisplayName)
	b.HeldAt = optMillis(held)
	return b, err
}

// fillBriefing reads a briefing's parties and topics.
func fillBriefing(ctx context.Context, q querier, b *Briefing) error {
	var err error
	b.Parties, err = query(ctx, q, func(sc scanner) (p BriefingParty, err error) {
		err = sc.Scan(&p.Party, &p.Attended)
		return p, err
	}, `SELECT party, attended FROM briefing_parties WHERE briefing_id = ? ORDER BY party`, b.ID)
	if err != nil {
		return fmt.Errorf("briefing parties: %w", err)
	}
	b.Topics, err = query(ctx, q, scanTopic, `
		SELECT ai.id, ai.title, m.date FROM briefing_topics bt JOIN agenda_items ai ON ai.id = bt.agenda_item_id
		JOIN meetings m ON m.id = ai.meeting_id WHERE bt.briefing_id = ? ORDER BY m.date, ai.id`, b.ID)
	if err != nil {
		return fmt.Errorf("briefing topics: %w", err)
	}
	return nil
}

func scanTopic(sc scanner) (t ParityTopic, err error) {
	err = sc.Scan(&t.AgendaItemID, &t.Title, &t.InformedDate)
	return t, err
}

// Briefing returns one briefing the viewer may see.
func (s *Store) Briefing(ctx context.Context, viewer Viewer, id int64) (Briefing, error) {
	var org int64
	if err := s.r.QueryRowContext(ctx, `SELECT organization_id FROM briefings WHERE id = ?`, id).Scan(&org); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return Briefing{}, ErrNotFound
		}
		return Briefing{}, fmt.Errorf("select briefing: %w", err)
	}
	o, err := oppositionStanding(ctx, s.r, viewer.PersonID, org, s.today())
	if err != nil {
		return Briefing{}, err
	}
	b, err := scanBriefing(s.r.QueryRowContext(ctx, `SELECT `+briefingColumns+` FROM `+briefingFrom+`
		WHERE b.id = @id AND `+seesBriefing, o.briefingArgs(sql.Named("id", id))...))
	if errors.Is(err, sql.ErrNoRows) {
		return Briefing{}, ErrNotFound
	}
	if err != nil {
		return Briefing{}, fmt.Errorf("select briefing: %w", err)
	}
	return b, fillBriefing(ctx, s.r, &b)
}

// ListBriefings lists the briefings of an organisation the viewer may see, newest first.
func (s *Store) ListBriefings(ctx context.Context, viewer Viewer, orgID int64, p Page) ([]Briefing, string, error) {
	c, err := p.cursor()
	if err != nil {
		return nil, "", err
	}
	o, err := s.oppositionViewer(ctx, viewer, orgID)
	if err != nil {
		return nil, "", err
	}
	key := c.Key
	if c.ID == 0 {
		key = "9999-99-99"
	}
	out, err := query(ctx, s.r, scanBriefing, `SELECT `+briefingColumns+` FROM `+briefingFrom+`
		WHERE b.organization_id = @org AND `+seesBriefing+` AND (b.date, b.id) < (@key, @before)
		ORDER BY b.date DESC, b.id DESC LIMIT @limit`,
		o.briefingArgs(sql.Named("org", orgID), sql.Named("key", key), sql.Named("before", beforeID(c)), sql.Named("limit", p.size()+1))...)
	if err != nil {
		return nil, "", fmt.Errorf("list briefings: %w", err)
	}
	out, next := trim(out, p, func(b Briefing) cursor { return cursor{Key: b.Date, ID: b.ID} })
	for i := range out {
		if err := fillBriefing(ctx, s.r, &out[i]); err != nil {
			return nil, "", err
		}
	}
	return out, next, nil
}

// NewBriefing describes a briefing to schedule.
type NewBriefing struct {
	OrganizationID int64
	Kind           int32
	Title          string
	Date           string
	Parties        []string
	AgendaItemIDs  []int64
	Material       string
}

// termParties lists the opposition parties of a term.
func termParties(ctx context.Context, q querier, termID int64) ([]string, error) {
	return query(ctx, q, func(sc scanner) (p string, err error) {
		err = sc.Scan(&p)
		return p, err
	}, `SELECT DISTINCT party FROM role_assignments WHERE term_id = ? AND role = ? AND party <> '' ORDER BY party`, termID, RoleOpposition)
}

// CreateBriefing schedules a briefing in the organisation's current term. The director
// and the staff may; the parties must be opposition parties of the term, and the topics
// parity topics of the organisation.
func (s *Store) CreateBriefing(ctx context.Context, actor Actor, n NewBriefing) (Briefing, error) {
	if n.Kind < BriefingAfterBeredning || n.Kind > BriefingAdHoc {
		return Briefing{}, &InvalidError{Field: "kind", Description: "is not a briefing kind"}
	}
	if !validDate(n.Date) {
		return Briefing{}, &InvalidError{Field: "date", Description: "is not a date"}
	}
	if strings.TrimSpace(n.Title) == "" {
		return Briefing{}, &InvalidError{Field: "title", Description: "is empty"}
	}
	var id int64
	err := s.tx(ctx, func(tx *sql.Tx) error {
		o, err := oppositionStanding(ctx, tx, actor.PersonID, n.OrganizationID, s.today())
		if err != nil {
			return err
		}
		if !o.administration() {
			if o.directorSide() {
				return ErrPermission
			}
			return ErrNotFound
		}
		parties, err := termParties(ctx, tx, o.term)
		if err != nil {
			return err
		}
		for _, p := range n.Parties {
			if !slices.Contains(parties, p) {
				return &InvalidError{Field: "parties", Description: fmt.Sprintf("%q is no opposition party of the term", p)}
			}
		}
		res, err := tx.ExecContext(ctx, `
			INSERT INTO briefings (organization_id, term_id, kind, title, date, material, created_by, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			n.OrganizationID, o.term, n.Kind, strings.TrimSpace(n.Title), n.Date, n.Material, actor.PersonID, millis(s.now()))
		if err != nil {
			return fmt.Errorf("insert briefing: %w", err)
		}
		id, _ = res.LastInsertId()
		for _, p := range unique(n.Parties) {
			if _, err := tx.ExecContext(ctx, `INSERT INTO briefing_parties (briefing_id, party) VALUES (?, ?)`, id, p); err != nil {
				return fmt.Errorf("insert briefing party: %w", err)
			}
		}
		for _, item := range unique(n.AgendaItemIDs) {
			var ok bool
			err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM `+parityTopicFrom+`
				WHERE ai.id = ? AND ms.organization_id = ? AND `+isParityTopic+`)`, item, n.OrganizationID).Scan(&ok)
			if err != nil {
				return err
			}
			if !ok {
				return &InvalidError{Field: "agenda_item_ids", Description: fmt.Sprintf("%d is no topic the majority was informed about", item)}
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO briefing_topics (briefing_id, agenda_item_id) VALUES (?, ?)`, id, item); err != nil {
				return fmt.Errorf("insert briefing topic: %w", err)
			}
		}
		return auditTx(ctx, tx, s.now(), actor, "briefing.create", true, fmt.Sprintf("briefing:%d", id))
	})
	if err != nil {
		return Briefing{}, err
	}
	return s.Briefing(ctx, Viewer{PersonID: actor.PersonID}, id)
}

// HoldBriefing records that a scheduled briefing took place and which invited parties
// attended; only they count as briefed.
func (s *Store) HoldBriefing(ctx context.Context, actor Actor, id int64, notes, material string, attended []string) (Briefing, error) {
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var org int64
		var held bool
		err := tx.QueryRowContext(ctx, `SELECT organization_id, held_at IS NOT NULL FROM briefings WHERE id = ?`, id).Scan(&org, &held)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		o, err := oppositionStanding(ctx, tx, actor.PersonID, org, s.today())
		if err != nil {
			return err
		}
		if !o.administration() {
			if o.directorSide() {
				return ErrPermission
			}
			return ErrNotFound
		}
		if held {
			return fmt.Errorf("%w: the briefing is already held", ErrConflict)
		}
		for _, p := range attended {
			res, err := tx.ExecContext(ctx, `UPDATE briefing_parties SET attended = 1 WHERE briefing_id = ? AND party = ?`, id, p)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n != 1 {
				return &InvalidError{Field: "attended_parties", Description: fmt.Sprintf("%q was not invited", p)}
			}
		}
		_, err = tx.ExecContext(ctx, `UPDATE briefings SET notes = ?, material = CASE WHEN ? = '' THEN material ELSE ? END,
			held_at = ?, held_by = ? WHERE id = ?`, notes, material, material, millis(s.now()), actor.PersonID, id)
		if err != nil {
			return fmt.Errorf("hold briefing: %w", err)
		}
		return auditTx(ctx, tx, s.now(), actor, "briefing.hold", true, fmt.Sprintf("briefing:%d", id))
	})
	if err != nil {
		return Briefing{}, err
	}
	return s.Briefing(ctx, Viewer{PersonID: actor.PersonID}, id)
}

// markTopic writes how the director marked an agenda item. The actor must see the item's
// meeting; informing may be done by the administration, withholding only by the director.
func (s *Store) markTopic(ctx context.Context, actor Actor, itemID int64, inform bool, reason string) error {
	return s.tx(ctx, func(tx *sql.Tx) error {
		var org int64
		err := tx.QueryRowContext(ctx, `SELECT ms.organization_id FROM agenda_items ai JOIN meetings m ON m.id = ai.meeting_id
			JOIN meeting_series ms ON ms.id = m.series_id WHERE ai.id = @id AND `+seesMeeting,
			sql.Named("id", itemID), sql.Named("viewer", actor.PersonID)).Scan(&org)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		o, err := oppositionStanding(ctx, tx, actor.PersonID, org, s.today())
		if err != nil {
			return err
		}
		if inform && !o.administration() || !inform && !o.director {
			return ErrPermission
		}
		if inform {
			return informTx(ctx, tx, actor, itemID, s.now())
		}
		if len([]rune(strings.TrimSpace(reason))) < 3 {
			return &InvalidError{Field: "reason", Description: "a topic is kept from the opposition only with a reason"}
		}
		_, err = tx.ExecContext(ctx, `
			INSERT INTO opposition_topic_marks (agenda_item_id, inform, withheld_reason, marked_by, marked_at) VALUES (?, 0, ?, ?, ?)
			ON CONFLICT (agenda_item_id) DO UPDATE SET withheld_reason = excluded.withheld_reason, marked_by = excluded.marked_by, marked_at = excluded.marked_at`,
			itemID, strings.TrimSpace(reason), actor.PersonID, millis(s.now()))
		if err != nil {
			return fmt.Errorf("mark topic: %w", err)
		}
		return auditTx(ctx, tx, s.now(), actor, "opposition_topic.withhold", true, fmt.Sprintf("agenda_item:%d", itemID))
	})
}

// informTx marks agenda item itemID "informera oppositionen", and logs it; the caller has
// checked that the actor is of the administration.
func informTx(ctx context.Context, tx *sql.Tx, actor Actor, itemID int64, now time.Time) error {
	_, err := tx.ExecContext(ctx, `
		INSERT INTO opposition_topic_marks (agenda_item_id, inform, withheld_reason, marked_by, marked_at) VALUES (?, 1, '', ?, ?)
		ON CONFLICT (agenda_item_id) DO UPDATE SET inform = 1, withheld_reason = '', marked_by = excluded.marked_by, marked_at = excluded.marked_at`,
		itemID, actor.PersonID, millis(now))
	if err != nil {
		return fmt.Errorf("mark topic: %w", err)
	}
	return auditTx(ctx, tx, now, actor, "opposition_topic.inform", true, fmt.Sprintf("agenda_item:%d", itemID))
}

// InformOpposition makes an agenda item a parity topic ("informera oppositionen").
func (s *Store) InformOpposition(ctx context.Context, actor Actor, itemID int64) error {
	return s.markTopic(ctx, actor, itemID, true, "")
}

// WithholdTopic takes an agenda item out of the ledger ("ej för oppositionen"), with a
// reason; the reason is required and the marking is logged.
func (s *Store) WithholdTopic(ctx context.Context, actor Actor, itemID int64, reason string) error {
	return s.markTopic(ctx, actor, itemID, false, reason)
}

// ParityEntry is one topic for one party.
type ParityEntry struct {
	Topic       ParityTopic
	Party       string
	Briefed     bool
	BriefedDate string
	LagDays     int32 // to the briefing; for an open gap, its age
}

// ParityFilter selects ledger entries.
type ParityFilter struct {
	OrganizationID int64
	TermID         int64 // zero: the current term
	Party          string
	GapsOnly       bool
}

// ledgerTerm checks that the viewer is on the director's side and finds the term.
func (s *Store) ledgerTerm(ctx context.Context, viewer Viewer, orgID, termID int64) (int64, error) {
	o, err := oppositionStanding(ctx, s.r, viewer.PersonID, orgID, s.today())
	if err != nil {
		return 0, err
	}
	if !o.directorSide() {
		return 0, ErrNotFound
	}
	if termID == 0 {
		return o.term, nil
	}
	var ok bool
	if err := s.r.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM terms WHERE id = ? AND organization_id = ?)`, termID, orgID).Scan(&ok); err != nil {
		return 0, err
	}
	if !ok {
		return 0, ErrNotFound
	}
	return termID, nil
}

// ledgerQuery lists the entries of a term, oldest topic first, from the position after
// (@kdate, @kid, @kparty).
const ledgerQuery = `
	WITH parties AS (SELECT DISTINCT party FROM role_assignments WHERE term_id = @term AND role = 4 AND party <> ''),
	entries AS (
		SELECT ai.id AS id, ai.title AS title, m.date AS date, p.party AS party,
		       -- CROSS JOIN keeps this order: from the topic's few briefings, not from all of
		       -- the party's briefings, which SQLite chose and which cost 19 ms a ledger.
		       (SELECT min(b.date) FROM briefing_topics bt CROSS JOIN briefings b ON b.id = bt.briefing_id
		        CROSS JOIN briefing_parties bp ON bp.briefing_id = b.id AND bp.party = p.party AND bp.attended = 1
		        WHERE bt.agenda_item_id = ai.id AND b.held_at IS NOT NULL) AS briefed
		FROM ` + parityTopicFrom + ` CROSS JOIN parties p
		WHERE ms.organization_id = @org AND ms.term_id = @term AND ` + isParityTopic + ` AND m.date <= @today
		  AND (@party = '' OR p.party = @party))
	SELECT id, title, date, party, coalesce(briefed, '') FROM entries
	WHERE (@gaps = 0 OR briefed IS NULL) AND (date, id, party) > (@kdate, @kid, @kparty)
	ORDER BY date, id, party LIMIT @limit`

// ledger reads the entries through q, so the handover dossier can read it in its snapshot.
func (s *Store) ledger(ctx context.Context, q querier, term int64, f ParityFilter, after cursor, limit int) ([]ParityEntry, error) {
	today := s.today()
	kdate, kparty, _ := strings.Cut(after.Key, "|")
	out, err := query(ctx, q, func(sc scanner) (e ParityEntry, err error) {
		err = sc.Scan(&e.Topic.AgendaItemID, &e.Topic.Title, &e.Topic.InformedDate, &e.Party, &e.BriefedDate)
		e.Briefed = e.BriefedDate != ""
		end := today
		if e.Briefed {
			end = e.BriefedDate
		}
		e.LagDays = daysBetween(e.Topic.InformedDate, end)
		return e, err
	}, ledgerQuery, sql.Named("term", term), sql.Named("org", f.OrganizationID), sql.Named("today", today),
		sql.Named("party", f.Party), sql.Named("gaps", b2i(f.GapsOnly)),
		sql.Named("kdate", kdate), sql.Named("kid", after.ID), sql.Named("kparty", kparty), sql.Named("limit", limit))
	if err != nil {
		return nil, fmt.Errorf("ledger: %w", err)
	}
	return out, nil
}

// ListParityEntries lists the ledger of one term for the director's side, oldest topic first.
func (s *Store) ListParityEntries(ctx context.Context, viewer Viewer, f ParityFilter, p Page) ([]ParityEntry, string, error) {
	c, err := p.cursor()
	if err != nil {
		return nil, "", err
	}
	term, err := s.ledgerTerm(ctx, viewer, f.OrganizationID, f.TermID)
	if err != nil {
		return nil, "", err
	}
	out, err := s.ledger(ctx, s.r, term, f, c, p.size()+1)
	if err != nil {
		return nil, "", err
	}
	out, next := trim(out, p, func(e ParityEntry) cursor {
		return cursor{Key: e.Topic.InformedDate + "|" + e.Party, ID: e.Topic.AgendaItemID}
	})
	return out, next, nil
}

// PartyParity sums up one party's ledger.
type PartyParity struct {
	Party         string
	Topics        int32
	Briefed       int32
	MedianLagDays float64
	OpenGaps      int32
	OldestGapDays int32
}

// WithheldTopics counts the topics of a term marked "ej för oppositionen".
func (s *Store) WithheldTopics(ctx context.Context, viewer Viewer, orgID, termID int64) (int32, error) {
	term, err := s.ledgerTerm(ctx, viewer, orgID, termID)
	if err != nil {
		return 0, err
	}
	var n int32
	err = s.r.QueryRowContext(ctx, `SELECT count(*) FROM opposition_topic_marks tm JOIN agenda_items ai ON ai.id = tm.agenda_item_id
		JOIN meeting_series ms ON ms.id = ai.series_id WHERE ms.organization_id = ? AND ms.term_id = ? AND tm.withheld_reason <> ''`,
		orgID, term).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("withheld topics: %w", err)
	}
	return n, nil
}

// ParitySummary sums the ledger of a term up per opposition party.
func (s *Store) ParitySummary(ctx context.Context, viewer Viewer, orgID, termID int64) ([]PartyParity, int64, error) {
	term, err := s.ledgerTerm(ctx, viewer, orgID, termID)
	if err != nil {
		return nil, 0, err
	}
	parties, err := termParties(ctx, s.r, term)
	if err != nil {
		return nil, 0, err
	}
	all, err := s.ledger(ctx, s.r, term, ParityFilter{OrganizationID: orgID}, cursor{}, -1)
	if err != nil {
		return nil, 0, err
	}
	out := make([]PartyParity, 0, len(parties))
	for _, party := range parties {
		pp := PartyParity{Party: party}
		var lags []int32
		for _, e := range all {
			if e.Party != party {
				continue
			}
			pp.Topics++
			if e.Briefed {
				pp.Briefed++
				lags = append(lags, e.LagDays)
			} else {
				pp.OpenGaps++
				pp.OldestGapDays = max(pp.OldestGapDays, e.LagDays)
			}
		}
		pp.MedianLagDays = median(lags)
		out = append(out, pp)
	}
	return out, term, nil
}

func median(v []int32) float64 {
	if len(v) == 0 {
		return 0
	}
	sort.Slice(v, func(i, j int) bool { return v[i] < v[j] })
	if len(v)%2 == 1 {
		return float64(v[len(v)/2])
	}
	return float64(v[len(v)/2-1]+v[len(v)/2]) / 2
}

// unique keeps the first of each value, in order.
func unique[T comparable](list []T) []T {
	var out []T
	for _, v := range list {
		if !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}
