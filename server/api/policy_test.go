package api

import (
	"testing"

	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/reflect/protoregistry"

	_ "github.com/samspel/samspel/server/gen/samspel/v1"
)

// samspelMethods lists the full method names of every samspel.v1 RPC from the compiled
// descriptors, so a new RPC cannot hide from the tests.
func samspelMethods(t *testing.T) []string {
	t.Helper()
	var methods []string
	protoregistry.GlobalFiles.RangeFilesByPackage("samspel.v1", func(fd protoreflect.FileDescriptor) bool {
		for i := 0; i < fd.Services().Len(); i++ {
			sd := fd.Services().Get(i)
			for j := 0; j < sd.Methods().Len(); j++ {
				methods = append(methods, "/"+string(sd.FullName())+"/"+string(sd.Methods().Get(j).Name()))
			}
		}
		return true
	})
	if len(methods) == 0 {
		t.Fatal("found no samspel.v1 methods")
	}
	return methods
}

func TestEveryMethodHasAPolicyEntry(t *testing.T) {
	methods := samspelMethods(t)
	for _, m := range methods {
		r, ok := policy[m]
		if !ok {
			t.Errorf("%s has no policy entry", m)
			continue
		}
		if !r.public && !r.signedIn && len(r.roles) == 0 {
			t.Errorf("%s admits nobody", m)
		}
	}
	if len(policy) != len(methods) {
		t.Errorf("policy has %d entries for %d methods: remove entries for methods that are gone", len(policy), len(methods))
	}
}
