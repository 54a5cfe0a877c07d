package store

import "slices"

// Seeder methods for the opposition's briefings and questions. Like the meeting seeders
// they write rows as they are, without the store's checks.

// SeedTopic is a parity topic found while seeding: an agenda item and its meeting's day.
type SeedTopic struct {
	AgendaItemID int64
	Date         string
}

// ParityTopics lists the parity topics of a term seeded so far, oldest first.
func (b *Seeder) ParityTopics(orgID, termID int64) []SeedTopic {
	if b.err != nil {
		return nil
	}
	out, err := query(b.ctx, b.tx, func(sc scanner) (t SeedTopic, err error) {
		err = sc.Scan(&t.AgendaItemID, &t.Date)
		return t, err
	}, `SELECT ai.id, m.date FROM `+parityTopicFrom+` WHERE ms.organization_id = ? AND ms.term_id = ? AND `+isParityTopic+`
		ORDER BY m.date, ai.id`, orgID, termID)
	if err != nil {
		b.err = err
	}
	return out
}

// SeedBriefing describes a briefing to seed; Attended lists the parties that came, and a
// briefing with HeldBy zero is only scheduled.
type SeedBriefing struct {
	OrganizationID, TermID int64
	Kind                   int32
	Title, Date            string
	Notes, Material        string
	Parties, Attended      []string
	Topics                 []int64
	CreatedBy, HeldBy      int64
}

// Briefing adds a briefing with its parties and topics.
func (b *Seeder) Briefing(s SeedBriefing) int64 {
	var held any
	if s.HeldBy != 0 {
		held = At(s.Date, "16:00")
	}
	id := b.insert(`
		INSERT INTO briefings (organization_id, term_id, kind, title, date, notes, material, created_by, created_at, held_at, held_by)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		s.OrganizationID, s.TermID, s.Kind, s.Title, s.Date, s.Notes, s.Material, s.CreatedBy, At(s.Date, "08:00")-2*24*3600*1000, held, nullID(s.HeldBy))
	for _, p := range s.Parties {
		b.insert(`INSERT INTO briefing_parties (briefing_id, party, attended) VALUES (?, ?, ?)`, id, p, slices.Contains(s.Attended, p))
	}
	for _, t := range s.Topics {
		b.insert(`INSERT INTO briefing_topics (briefing_id, agenda_item_id) VALUES (?, ?)`, id, t)
	}
	return id
}

// SeedQuestion describes a question to seed; an empty Answer leaves it open.
type SeedQuestion struct {
	OrganizationID, TermID int64
	Party                  string
	AskedBy                int64
	AskedDate              string
	Body                   string
	BudgetWork, Released   bool
	Owner                  int64
	DueDate                string
	Answer                 string
	AnsweredBy             int64
	AnsweredDate           string
}

// Question adds a question, with its owner and answer when given.
func (b *Seeder) Question(s SeedQuestion) int64 {
	var released, answered, due any
	if s.Released {
		released = At(s.AskedDate, "17:00")
	}
	if s.Answer != "" {
		answered = At(s.AnsweredDate, "14:00")
	}
	if s.DueDate != "" {
		due = s.DueDate
	}
	return b.insert(`
		INSERT INTO opposition_questions (organization_id, term_id, party, asked_by, asked_at, body, budget_work, released_at,
		                                  owner_id, due_date, answer, answered_by, answered_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		s.OrganizationID, s.TermID, s.Party, s.AskedBy, At(s.AskedDate, "10:00"), s.Body, s.BudgetWork, released,
		nullID(s.Owner), due, s.Answer, nullID(s.AnsweredBy), answered)
}
