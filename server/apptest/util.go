package apptest

import (
	"bufio"
	"bytes"
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/samspel/samspel/server/store"
)

func bufioReader(b []byte) *bufio.Reader {
	// Trailer blocks end without the blank line textproto expects; add it.
	return bufio.NewReader(bytes.NewReader(append(append([]byte{}, b...), '\r', '\n')))
}

// urlUnescape decodes grpc-message, which is percent-encoded on the wire.
func urlUnescape(s string) (string, error) { return url.PathUnescape(s) }

// AuditCount counts the audit events with this action and outcome whose subject
// contains subject ("" matches any), among the newest 500.
func (s *Server) AuditCount(t testing.TB, action string, success bool, subject string) int {
	t.Helper()
	events, _, err := s.Store.ListAuditEvents(context.Background(), store.Page{Size: 500})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range events {
		if e.Action == action && e.Success == success && strings.Contains(e.Subject, subject) {
			n++
		}
	}
	return n
}
