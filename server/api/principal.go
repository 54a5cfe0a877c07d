package api

import (
	"context"

	samspelv1 "github.com/samspel/samspel/server/gen/samspel/v1"
	"github.com/samspel/samspel/server/store"
)

// principal is the signed-in caller of an RPC.
type principal struct {
	person store.Person
	// roles holds the roles the person has today in any organisation's current term,
	// plus ROLE_ADMIN for an administrator; the policy table is checked against it.
	roles map[samspelv1.Role]bool
	// assignments are the role assignments in force today that roles was built from;
	// GetMe answers from them rather than asking the database again.
	assignments []store.RoleAssignment
	// sessionHash is set when the caller came with a session cookie, so SignOut can end it.
	sessionHash []byte
	clientIP    string
}

func (p *principal) viewer() store.Viewer {
	return store.Viewer{PersonID: p.person.ID, Admin: p.person.Admin}
}

func (p *principal) actor() store.Actor {
	return store.Actor{PersonID: p.person.ID, ClientIP: p.clientIP}
}

type principalKey struct{}

func withPrincipal(ctx context.Context, p *principal) context.Context {
	return context.WithValue(ctx, principalKey{}, p)
}

// caller returns the signed-in caller. The authenticate interceptor guarantees one for
// every method that is not public, so handlers of such methods may rely on it.
func caller(ctx context.Context) *principal {
	p, _ := ctx.Value(principalKey{}).(*principal)
	return p
}
