package apptest

import (
	"bufio"
	"bytes"
	"net/url"
)

func bufioReader(b []byte) *bufio.Reader {
	// Trailer blocks end without the blank line textproto expects; add it.
	return bufio.NewReader(bytes.NewReader(append(append([]byte{}, b...), '\r', '\n')))
}

// urlUnescape decodes grpc-message, which is percent-encoded on the wire.
func urlUnescape(s string) (string, error) { return url.PathUnescape(s) }
