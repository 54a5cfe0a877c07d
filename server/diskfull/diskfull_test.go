// Package diskfull_test runs Samspel on a tiny filesystem of its own and fills it:
// writes must fail cleanly with UNAVAILABLE, reads must go on, nothing may be
// corrupted, and writes must resume when space returns.
package diskfull_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/samspel/samspel/server/apptest"
	"github.com/samspel/samspel/server/demo"
	samspelv1 "github.com/samspel/samspel/server/gen/samspel/v1"
)

// mountTmpfs mounts a small tmpfs for the test, which needs root. Outside CI a machine
// without that right skips the test; in CI it must run.
func mountTmpfs(t *testing.T, size string) string {
	t.Helper()
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size="+size, "tmpfs", dir).CombinedOutput(); err != nil {
		if os.Getenv("CI") == "" {
			t.Skipf("cannot mount a tmpfs (needs root): %v %s", err, out)
		}
		t.Fatalf("mount tmpfs: %v %s", err, out)
	}
	t.Cleanup(func() { exec.Command("umount", "-l", dir).Run() })
	return dir
}

func TestAFullDiskRefusesWritesKeepsReadsAndRecovers(t *testing.T) {
	mnt := mountTmpfs(t, "16m")
	s := apptest.StartIn(t, filepath.Join(mnt, "data"))
	ctx := apptest.Bearer(context.Background(), s.Token(t, demo.Admin.Email))
	orgs := samspelv1.NewOrganizationServiceClient(s.Conn)
	create := func(name string) error {
		_, err := orgs.CreateOrganization(ctx, &samspelv1.CreateOrganizationRequest{Kind: samspelv1.OrganizationKind_ORGANIZATION_KIND_KOMMUN, Name: name})
		return err
	}
	if err := create("Före fyllningen"); err != nil {
		t.Fatal(err)
	}

	filler := filepath.Join(mnt, "filler")
	fill(t, filler)
	// Whatever room the filler left, a few hundred writes use it up.
	var werr error
	for i := 0; i < 2000 && werr == nil; i++ {
		werr = create(fmt.Sprintf("Fyller disken %03d %s", i, strings.Repeat("x", 150)))
	}
	t.Run("a write on a full disk answers UNAVAILABLE with a clear message", func(t *testing.T) {
		st := status.Convert(werr)
		if st.Code() != codes.Unavailable || !strings.Contains(st.Message(), "storage") {
			t.Fatalf("got %v, want UNAVAILABLE about storage", werr)
		}
	})
	t.Run("reads keep working on a full disk", func(t *testing.T) {
		if _, err := orgs.ListOrganizations(ctx, &samspelv1.ListOrganizationsRequest{}); err != nil {
			t.Fatal(err)
		}
		if _, err := samspelv1.NewAuthServiceClient(s.Conn).GetMe(ctx, &samspelv1.GetMeRequest{}); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("writes resume when space returns", func(t *testing.T) {
		if err := os.Remove(filler); err != nil {
			t.Fatal(err)
		}
		if err := create("Efter fyllningen"); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("nothing is corrupted", func(t *testing.T) {
		if res, err := s.Store.IntegrityCheck(context.Background()); err != nil || res != "ok" {
			t.Fatalf("integrity_check: %q, %v", res, err)
		}
	})
}

// fill writes zeros to path until the filesystem is full.
func fill(t *testing.T, path string) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	buf := make([]byte, 64<<10)
	for {
		if _, err := f.Write(buf); err != nil {
			if errors.Is(err, syscall.ENOSPC) {
				return
			}
			t.Fatal(err)
		}
	}
}
