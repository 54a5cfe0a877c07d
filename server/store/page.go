package store

import (
	"encoding/base64"
	"encoding/json"
)

// DefaultPageSize is used when a List request leaves page_size at zero.
const DefaultPageSize = 50

// Page asks for one page of a list: at most Size rows after the position in Token.
type Page struct {
	Size  int
	Token string
}

// size returns the page size to query, never zero.
func (p Page) size() int {
	if p.Size <= 0 {
		return DefaultPageSize
	}
	return p.Size
}

// cursor is the keyset position after the last row of a page: the sort key and id.
// It travels base64-encoded, so clients treat it as opaque.
type cursor struct {
	Key string `json:"k,omitempty"`
	ID  int64  `json:"i"`
}

func (p Page) cursor() (cursor, error) {
	if p.Token == "" {
		return cursor{}, nil
	}
	b, err := base64.RawURLEncoding.DecodeString(p.Token)
	var c cursor
	if err == nil {
		err = json.Unmarshal(b, &c)
	}
	if err != nil {
		return cursor{}, &InvalidError{Field: "page_token", Description: "is not a token this server gave out"}
	}
	return c, nil
}

func (c cursor) token() string {
	b, _ := json.Marshal(c)
	return base64.RawURLEncoding.EncodeToString(b)
}

// trim cuts a list queried with LIMIT size+1 down to one page, and returns the token for
// the next page when there was more.
func trim[T any](rows []T, p Page, key func(T) cursor) ([]T, string) {
	if len(rows) <= p.size() {
		return rows, ""
	}
	rows = rows[:p.size()]
	return rows, key(rows[len(rows)-1]).token()
}
