package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Organization is a municipality or region.
type Organization struct {
	ID   int64
	Kind int32 // samspelv1.OrganizationKind
	Name string
}

// CreateOrganization stores a new organisation.
func (s *Store) CreateOrganization(ctx context.Context, actor Actor, kind int32, name string) (Organization, error) {
	var o Organization
	err := s.tx(ctx, func(tx *sql.Tx) error {
		var err error
		o, err = createOrganizationTx(ctx, tx, s.now(), actor, kind, name)
		return err
	})
	return o, err
}

func createOrganizationTx(ctx context.Context, tx *sql.Tx, now time.Time, actor Actor, kind int32, name string) (Organization, error) {
	res, err := tx.ExecContext(ctx, `INSERT INTO organizations (kind, name, created_at) VALUES (?, ?, ?)`, kind, name, millis(now))
	if isUnique(err) {
		return Organization{}, &InvalidError{Field: "name", Description: "an organisation with this name exists"}
	}
	if err != nil {
		return Organization{}, fmt.Errorf("insert organization: %w", err)
	}
	id, _ := res.LastInsertId()
	return Organization{ID: id, Kind: kind, Name: name}, auditTx(ctx, tx, now, actor, "organization.create", true, fmt.Sprintf("organization:%d", id))
}

// Organization returns the organisation if viewer may see it: administrators see all,
// others only those they hold or held a role in.
func (s *Store) Organization(ctx context.Context, viewer Viewer, id int64) (Organization, error) {
	var o Organization
	err := s.r.QueryRowContext(ctx, `
		SELECT id, kind, name FROM organizations o
		WHERE id = ? AND (? OR EXISTS (SELECT 1 FROM role_assignments ra WHERE ra.organization_id = o.id AND ra.person_id = ?))`,
		id, viewer.Admin, viewer.PersonID).Scan(&o.ID, &o.Kind, &o.Name)
	if errors.Is(err, sql.ErrNoRows) {
		return Organization{}, ErrNotFound
	}
	if err != nil {
		return Organization{}, fmt.Errorf("select organization: %w", err)
	}
	return o, nil
}

// ListOrganizations lists the organisations viewer may see, ordered by name.
func (s *Store) ListOrganizations(ctx context.Context, viewer Viewer, p Page) ([]Organization, string, error) {
	c, err := p.cursor()
	if err != nil {
		return nil, "", err
	}
	out, err := query(ctx, s.r, func(rows scanner) (o Organization, err error) { return o, rows.Scan(&o.ID, &o.Kind, &o.Name) }, `
		SELECT id, kind, name FROM organizations o
		WHERE (? OR EXISTS (SELECT 1 FROM role_assignments ra WHERE ra.organization_id = o.id AND ra.person_id = ?))
		  AND (name, id) > (?, ?)
		ORDER BY name, id LIMIT ?`,
		viewer.Admin, viewer.PersonID, c.Key, c.ID, p.size()+1)
	if err != nil {
		return nil, "", fmt.Errorf("list organizations: %w", err)
	}
	out, next := trim(out, p, func(o Organization) cursor { return cursor{Key: o.Name, ID: o.ID} })
	return out, next, nil
}

// Viewer is who is asking; the store filters what they may see in SQL.
type Viewer struct {
	PersonID int64
	Admin    bool
}
