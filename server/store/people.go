package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Person is someone who uses Samspel.
type Person struct {
	ID          int64
	Email       string
	DisplayName string
	Admin       bool
	Disabled    bool
}

// RoleAssignment is a role held by a person for a stretch of a term.
type RoleAssignment struct {
	ID             int64
	Person         Person
	OrganizationID int64
	TermID         int64
	Role           int32 // samspelv1.Role
	Party          string
	StartDate      string
	EndDate        string // empty while the role goes on
}

// Role numbers as in samspel.v1.Role; the store needs a few of them for rules.
const (
	RoleChair      = 1
	RoleDirector   = 2
	RoleMajority   = 3
	RoleOpposition = 4
	RoleStaff      = 5
	RoleAdmin      = 6
)

// Person returns a person by id.
func (s *Store) Person(ctx context.Context, id int64) (Person, error) {
	var p Person
	var disabled sql.NullInt64
	err := s.r.QueryRowContext(ctx, `SELECT id, email, display_name, admin, disabled_at FROM people WHERE id = ?`, id).
		Scan(&p.ID, &p.Email, &p.DisplayName, &p.Admin, &disabled)
	if errors.Is(err, sql.ErrNoRows) {
		return Person{}, ErrNotFound
	}
	if err != nil {
		return Person{}, fmt.Errorf("select person: %w", err)
	}
	p.Disabled = disabled.Valid
	return p, nil
}

// PersonByEmail returns a person by e-mail address, ignoring case.
func (s *Store) PersonByEmail(ctx context.Context, email string) (Person, error) {
	var id int64
	err := s.r.QueryRowContext(ctx, `SELECT id FROM people WHERE email = ?`, email).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return Person{}, ErrNotFound
	}
	if err != nil {
		return Person{}, fmt.Errorf("select person: %w", err)
	}
	return s.Person(ctx, id)
}

// CountPeople returns how many people exist; serve uses it to offer a first administrator.
func (s *Store) CountPeople(ctx context.Context) (int, error) {
	var n int
	err := s.r.QueryRowContext(ctx, `SELECT count(*) FROM people`).Scan(&n)
	return n, err
}

// AssignRole gives a person a role in an organisation's term from a date.
func (s *Store) AssignRole(ctx context.Context, actor Actor, ra RoleAssignment) (RoleAssignment, error) {
	if _, err := time.Parse(time.DateOnly, ra.StartDate); err != nil {
		return RoleAssignment{}, &InvalidError{Field: "start_date", Description: "is not a date"}
	}
	if ra.Role == RoleOpposition && ra.Party == "" {
		return RoleAssignment{}, &InvalidError{Field: "party", Description: "is required for an opposition role"}
	}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		id, err := assignRoleTx(ctx, tx, s.now(), actor, ra)
		ra.ID = id
		return err
	})
	if err != nil {
		return RoleAssignment{}, err
	}
	return s.roleAssignment(ctx, ra.ID)
}

func assignRoleTx(ctx context.Context, tx *sql.Tx, now time.Time, actor Actor, ra RoleAssignment) (int64, error) {
	var start, end string
	err := tx.QueryRowContext(ctx, `SELECT start_date, end_date FROM terms WHERE id = ? AND organization_id = ?`,
		ra.TermID, ra.OrganizationID).Scan(&start, &end)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, &InvalidError{Field: "term_id", Description: "is not a term of the organisation"}
	}
	if err != nil {
		return 0, err
	}
	if ra.StartDate < start || ra.StartDate > end {
		return 0, &InvalidError{Field: "start_date", Description: fmt.Sprintf("must lie within the term %s–%s", start, end)}
	}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM people WHERE id = ?`, ra.Person.ID).Scan(&n); err != nil {
		return 0, err
	}
	if n == 0 {
		return 0, &InvalidError{Field: "person_id", Description: "no such person"}
	}
	res, err := tx.ExecContext(ctx, `
		INSERT INTO role_assignments (person_id, organization_id, term_id, role, party, start_date, created_at, created_by)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		ra.Person.ID, ra.OrganizationID, ra.TermID, ra.Role, ra.Party, ra.StartDate, millis(now), nullID(actor.PersonID))
	if err != nil {
		return 0, fmt.Errorf("insert role assignment: %w", err)
	}
	id, _ := res.LastInsertId()
	return id, auditTx(ctx, tx, now, actor, "role.assign", true, fmt.Sprintf("role_assignment:%d person:%d", id, ra.Person.ID))
}

// EndRoleAssignment sets the last day of a role; the row stays for the history.
func (s *Store) EndRoleAssignment(ctx context.Context, actor Actor, id int64, end string) (RoleAssignment, error) {
	if _, err := time.Parse(time.DateOnly, end); err != nil {
		return RoleAssignment{}, &InvalidError{Field: "end_date", Description: "is not a date"}
	}
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var start, termEnd string
		var ended sql.NullString
		err := tx.QueryRowContext(ctx, `
			SELECT ra.start_date, ra.end_date, t.end_date FROM role_assignments ra JOIN terms t ON t.id = ra.term_id
			WHERE ra.id = ?`, id).Scan(&start, &ended, &termEnd)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		if ended.Valid {
			return fmt.Errorf("%w: the role already ended on %s", ErrConflict, ended.String)
		}
		if end < start || end > termEnd {
			return &InvalidError{Field: "end_date", Description: fmt.Sprintf("must lie between %s and the end of the term %s", start, termEnd)}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE role_assignments SET end_date = ? WHERE id = ?`, end, id); err != nil {
			return err
		}
		return auditTx(ctx, tx, s.now(), actor, "role.end", true, fmt.Sprintf("role_assignment:%d", id))
	})
	if err != nil {
		return RoleAssignment{}, err
	}
	return s.roleAssignment(ctx, id)
}

const roleAssignmentColumns = `ra.id, ra.organization_id, ra.term_id, ra.role, ra.party, ra.start_date, coalesce(ra.end_date, ''),
	p.id, p.email, p.display_name, p.admin, p.disabled_at IS NOT NULL`

func scanRoleAssignment(sc scanner) (RoleAssignment, error) {
	var ra RoleAssignment
	err := sc.Scan(&ra.ID, &ra.OrganizationID, &ra.TermID, &ra.Role, &ra.Party, &ra.StartDate, &ra.EndDate,
		&ra.Person.ID, &ra.Person.Email, &ra.Person.DisplayName, &ra.Person.Admin, &ra.Person.Disabled)
	return ra, err
}

func (s *Store) roleAssignment(ctx context.Context, id int64) (RoleAssignment, error) {
	ra, err := scanRoleAssignment(s.r.QueryRowContext(ctx, `SELECT `+roleAssignmentColumns+`
		FROM role_assignments ra JOIN people p ON p.id = ra.person_id WHERE ra.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return RoleAssignment{}, ErrNotFound
	}
	return ra, err
}

// ListRoleAssignments lists all assignments of a term, ended ones included, by start
// date; only personID's when personID is not zero.
func (s *Store) ListRoleAssignments(ctx context.Context, viewer Viewer, orgID, termID, personID int64, p Page) ([]RoleAssignment, string, error) {
	if _, err := s.Organization(ctx, viewer, orgID); err != nil {
		return nil, "", err
	}
	t, err := s.termFor(ctx, orgID, termID)
	if err != nil {
		return nil, "", err
	}
	c, err := p.cursor()
	if err != nil {
		return nil, "", err
	}
	out, err := query(ctx, s.r, scanRoleAssignment, `SELECT `+roleAssignmentColumns+`
		FROM role_assignments ra JOIN people p ON p.id = ra.person_id
		WHERE ra.term_id = ? AND (? = 0 OR ra.person_id = ?) AND (ra.start_date, ra.id) > (?, ?)
		ORDER BY ra.start_date, ra.id LIMIT ?`, t.ID, personID, personID, c.Key, c.ID, p.size()+1)
	if err != nil {
		return nil, "", fmt.Errorf("list role assignments: %w", err)
	}
	out, next := trim(out, p, func(ra RoleAssignment) cursor { return cursor{Key: ra.StartDate, ID: ra.ID} })
	return out, next, nil
}

// ListPeople lists the people who held any role in a term, by name.
func (s *Store) ListPeople(ctx context.Context, viewer Viewer, orgID, termID int64, p Page) ([]Person, string, error) {
	if _, err := s.Organization(ctx, viewer, orgID); err != nil {
		return nil, "", err
	}
	t, err := s.termFor(ctx, orgID, termID)
	if err != nil {
		return nil, "", err
	}
	c, err := p.cursor()
	if err != nil {
		return nil, "", err
	}
	// IN, not a correlated EXISTS: SQLite answered EXISTS by walking the whole term's
	// assignments once per person, 100 ms a page with a thousand people in the term.
	out, err := query(ctx, s.r, func(rows scanner) (pr Person, err error) {
		return pr, rows.Scan(&pr.ID, &pr.Email, &pr.DisplayName, &pr.Admin, &pr.Disabled)
	}, `
		SELECT p.id, p.email, p.display_name, p.admin, p.disabled_at IS NOT NULL FROM people p
		WHERE p.id IN (SELECT ra.person_id FROM role_assignments ra WHERE ra.term_id = ?)
		  AND (p.display_name, p.id) > (?, ?)
		ORDER BY p.display_name, p.id LIMIT ?`, t.ID, c.Key, c.ID, p.size()+1)
	if err != nil {
		return nil, "", fmt.Errorf("list people: %w", err)
	}
	out, next := trim(out, p, func(pr Person) cursor { return cursor{Key: pr.DisplayName, ID: pr.ID} })
	return out, next, nil
}

// PairPeriod is a stretch in which one chair and one director worked together. Roles
// left open in a finished term end with the term.
type PairPeriod struct {
	Chair, Director Person
	StartDate       string
	EndDate         string // empty while it goes on
}

// ListPairPeriods derives who worked with whom as chair and director in a term from the
// role assignments, so the pairs can never disagree with the roles.
func (s *Store) ListPairPeriods(ctx context.Context, viewer Viewer, orgID, termID int64) ([]PairPeriod, error) {
	if _, err := s.Organization(ctx, viewer, orgID); err != nil {
		return nil, err
	}
	t, err := s.termFor(ctx, orgID, termID)
	if err != nil {
		return nil, err
	}
	return query(ctx, s.r, func(rows scanner) (pp PairPeriod, err error) {
		return pp, rows.Scan(&pp.Chair.ID, &pp.Chair.DisplayName, &pp.Director.ID, &pp.Director.DisplayName, &pp.StartDate, &pp.EndDate)
	}, `
		SELECT `+prefixed("c")+`, `+prefixed("d")+`,
		       max(c.start_date, d.start_date),
		       CASE WHEN c.end_date IS NULL AND d.end_date IS NULL AND ?4 THEN ''
		            ELSE min(coalesce(c.end_date, t.end_date), coalesce(d.end_date, t.end_date)) END
		FROM role_assignments c JOIN people cp ON cp.id = c.person_id JOIN terms t ON t.id = c.term_id,
		     role_assignments d JOIN people dp ON dp.id = d.person_id
		WHERE c.term_id = ?1 AND d.term_id = c.term_id AND c.role = ?2 AND d.role = ?3
		  AND c.start_date <= coalesce(d.end_date, t.end_date) AND d.start_date <= coalesce(c.end_date, t.end_date)
		ORDER BY 5, c.id, d.id`, t.ID, RoleChair, RoleDirector, t.Current)
}

func prefixed(alias string) string {
	return alias + "p.id, " + alias + "p.display_name"
}

// CurrentAssignments returns the role assignments a person holds today, in each
// organisation's current term.
func (s *Store) CurrentAssignments(ctx context.Context, personID int64) ([]RoleAssignment, error) {
	today := s.today()
	return query(ctx, s.r, scanRoleAssignment, `SELECT `+roleAssignmentColumns+`
		FROM role_assignments ra JOIN people p ON p.id = ra.person_id JOIN terms t ON t.id = ra.term_id
		WHERE ra.person_id = ?1 AND t.start_date <= ?2 AND t.end_date >= ?2
		  AND ra.start_date <= ?2 AND (ra.end_date IS NULL OR ra.end_date >= ?2)
		ORDER BY ra.organization_id, ra.role`, personID, today)
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}
