package store

import (
	"crypto/rand"
	"encoding/hex"
	"strconv"
	"time"
)

// NewNoteID makes a UUIDv7 for a note written at t, as the PWA does on the phone. The
// server never makes note ids itself; tests and the demo do.
func NewNoteID(t time.Time) string {
	var r [10]byte
	rand.Read(r[:])
	return NoteIDAt(t, r)
}

// NoteIDAt makes the UUIDv7 for time t from 10 random bytes (RFC 9562: 48 bits of Unix
// milliseconds, version 7, 74 random bits, variant 10), so the demo can be deterministic.
func NoteIDAt(t time.Time, random [10]byte) string {
	var b [16]byte
	ms := uint64(t.UnixMilli())
	for i := 0; i < 6; i++ {
		b[i] = byte(ms >> (40 - 8*i))
	}
	copy(b[6:], random[:])
	b[6] = 0x70 | b[6]&0x0f
	b[8] = 0x80 | b[8]&0x3f
	h := hex.EncodeToString(b[:])
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}

// noteIDTime reads the time a UUIDv7 carries. It reports false for anything that is not
// a lower-case UUIDv7.
func noteIDTime(id string) (time.Time, bool) {
	if len(id) != 36 || id[8] != '-' || id[13] != '-' || id[18] != '-' || id[23] != '-' || id[14] != '7' {
		return time.Time{}, false
	}
	for i, c := range id {
		if i == 8 || i == 13 || i == 18 || i == 23 {
			continue
		}
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return time.Time{}, false
		}
	}
	if v := id[19]; v != '8' && v != '9' && v != 'a' && v != 'b' {
		return time.Time{}, false
	}
	ms, err := strconv.ParseInt(id[0:8]+id[9:13], 16, 64)
	if err != nil {
		return time.Time{}, false
	}
	return time.UnixMilli(ms).UTC(), true
}
