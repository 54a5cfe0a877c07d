package auth

import (
	"context"
	"strings"
	"time"

	"github.com/samspel/samspel/server/store"
)

// CreateInvite stores a one-time invite and returns its sign-in URL. The secret travels
// only in the URL's fragment, which browsers never send to a server, so it cannot end up
// in access logs; the store keeps its hash.
func CreateInvite(ctx context.Context, st *store.Store, actor store.Actor, baseURL string, inv store.Invite) (url string, expires time.Time, err error) {
	secret, hash := NewSecret(PrefixInvite)
	inv.SecretHash = hash
	inv.ExpireTime = time.Now().Add(InviteLifetime)
	if err := st.CreateInvite(ctx, actor, inv); err != nil {
		return "", time.Time{}, err
	}
	return strings.TrimRight(baseURL, "/") + "/#invite=" + secret, inv.ExpireTime, nil
}
