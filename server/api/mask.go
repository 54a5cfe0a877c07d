package api

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"google.golang.org/protobuf/types/known/fieldmaskpb"
	"google.golang.org/protobuf/types/known/timestamppb"
)

// maskPaths returns the paths of an update mask, refusing any that is not allowed: a
// client that asks to change what cannot change learns so, instead of being ignored.
func maskPaths(m *fieldmaskpb.FieldMask, allowed ...string) (map[string]bool, error) {
	set := map[string]bool{}
	for _, p := range m.GetPaths() {
		if !slices.Contains(allowed, p) {
			return nil, invalid(fieldViolation{"update_mask", fmt.Sprintf("%q cannot be changed; these can: %s", p, strings.Join(allowed, ", "))})
		}
		set[p] = true
	}
	if len(set) == 0 {
		return nil, invalid(fieldViolation{"update_mask", "names no field to change"})
	}
	return set, nil
}

// ptrIf returns &v when the mask names the field, else nil (unchanged).
func ptrIf[T any](set map[string]bool, path string, v T) *T {
	if !set[path] {
		return nil
	}
	return &v
}

// timestamp converts a time, leaving the zero time unset.
func timestamp(t time.Time) *timestamppb.Timestamp {
	if t.IsZero() {
		return nil
	}
	return timestamppb.New(t)
}
