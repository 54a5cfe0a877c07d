package store

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// ErrPermission means the caller may see the thing but their role in its organisation
// does not allow the change, for example a director who tries to apply a change to the
// role split instead of proposing it.
var ErrPermission = errors.New("permission denied")

// standing is what a person is in one organisation today. It decides what of the role
// split they see and what they may do; the queries then filter on it.
type standing struct {
	pairRole int32 // RoleChair or RoleDirector while in the pair today, else 0
	staff    bool  // holds the STAFF role today
	member   bool  // holds or held any role in the organisation
	admin    bool
}

// inPair reports whether the person is the chair or the director today.
func (st standing) inPair() bool { return st.pairRole != 0 }

// seesRoleSplit: the pair, staff and administrators see the areas, their history and
// every instruction version.
func (st standing) seesRoleSplit() bool { return st.inPair() || st.staff || st.admin }

// seesAdopted: every member of the organisation sees the adopted instruction, a board decision.
func (st standing) seesAdopted() bool { return st.seesRoleSplit() || st.member }

// require checks that the person holds one of roles in the pair today. Someone who may
// not even see the role split learns nothing (ErrNotFound); someone who may see it but
// not change it this way gets ErrPermission.
func (st standing) require(roles ...int32) error {
	for _, r := range roles {
		if st.pairRole == r {
			return nil
		}
	}
	if !st.seesRoleSplit() {
		return ErrNotFound
	}
	return ErrPermission
}

// requirePair checks that the person is the chair or the director today; everyone else
// gets ErrNotFound, since agreements, deviations and crises belong to the pair alone.
func (st standing) requirePair() error {
	if !st.inPair() {
		return ErrNotFound
	}
	return nil
}

// standingIn finds what person is in organisation orgID on day today. An organisation
// that does not exist answers ErrNotFound, even to an administrator.
func standingIn(ctx context.Context, q querier, personID int64, admin bool, orgID int64, today string) (standing, error) {
	var st standing
	var exists bool
	err := q.QueryRowContext(ctx, `
		SELECT EXISTS (SELECT 1 FROM organizations WHERE id = ?1),
		       coalesce(max(CASE WHEN ra.role IN (?4, ?5) AND `+inForceToday+` THEN ra.role END), 0),
		       coalesce(max(ra.role = ?6 AND `+inForceToday+`), 0),
		       count(ra.id) > 0
		FROM role_assignments ra JOIN terms t ON t.id = ra.term_id
		WHERE ra.organization_id = ?1 AND ra.person_id = ?2`,
		orgID, personID, today, RoleChair, RoleDirector, RoleStaff).Scan(&exists, &st.pairRole, &st.staff, &st.member)
	if err != nil {
		return standing{}, fmt.Errorf("standing: %w", err)
	}
	if !exists {
		return standing{}, ErrNotFound
	}
	st.admin = admin
	return st, nil
}

// inForceToday is true for a role assignment (ra) of the current term (t) that holds on
// day ?3.
const inForceToday = `(t.start_date <= ?3 AND t.end_date >= ?3 AND ra.start_date <= ?3 AND (ra.end_date IS NULL OR ra.end_date >= ?3))`

// viewerStanding is standingIn for a reader, through the read pool.
func (s *Store) viewerStanding(ctx context.Context, viewer Viewer, orgID int64) (standing, error) {
	return standingIn(ctx, s.r, viewer.PersonID, viewer.Admin, orgID, s.today())
}

// personColumns selects a person joined under alias as id, e-mail and name; a person
// from a LEFT JOIN that found nobody comes out as zero values.
func personColumns(alias string) string {
	return `coalesce(` + alias + `.id, 0), coalesce(` + alias + `.email, ''), coalesce(` + alias + `.display_name, '')`
}

// personDest is where personColumns scan to.
func personDest(p *Person) []any { return []any{&p.ID, &p.Email, &p.DisplayName} }

// optMillis turns a nullable instant column, read as zero when NULL, into a time that is
// zero when unset.
func optMillis(ms int64) time.Time {
	if ms == 0 {
		return time.Time{}
	}
	return fromMillis(ms)
}

// dest joins scan destinations, so a scan of joined columns reads in column order.
func dest(parts ...any) []any {
	var out []any
	for _, p := range parts {
		if ps, ok := p.([]any); ok {
			out = append(out, ps...)
		} else {
			out = append(out, p)
		}
	}
	return out
}

// maxID starts a newest-first keyset page.
const maxID = 1<<63 - 1

// beforeID is the id a newest-first page continues below.
func beforeID(c cursor) int64 {
	if c.ID == 0 {
		return maxID
	}
	return c.ID
}

// validDate reports whether s is a real YYYY-MM-DD date.
func validDate(s string) bool {
	_, err := time.Parse(time.DateOnly, s)
	return err == nil
}
