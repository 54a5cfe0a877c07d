package diskfull_test

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/samspel/samspel/server/apptest"
	"github.com/samspel/samspel/server/demo"
	samspelv1 "github.com/samspel/samspel/server/gen/samspel/v1"
)

// ext4 is a small ext4 filesystem on a loop device, mounted with errors=remount-ro the way
// servers usually mount their data disks.
type ext4 struct {
	image, dev, dir string
}

// mountExt4 makes and mounts one for the test, which needs root and a loop device. Outside
// CI a machine without them skips the test; in CI it must run.
func mountExt4(t *testing.T, size string) *ext4 {
	t.Helper()
	tmp := t.TempDir()
	fs := &ext4{image: filepath.Join(tmp, "disk.img"), dir: filepath.Join(tmp, "mnt")}
	need := func(err error, out []byte, what string) {
		if err == nil {
			return
		}
		if os.Getenv("CI") == "" {
			t.Skipf("%s (needs root and a loop device): %v %s", what, err, out)
		}
		t.Fatalf("%s: %v %s", what, err, out)
	}
	out, err := exec.Command("truncate", "-s", size, fs.image).CombinedOutput()
	need(err, out, "make the disk image")
	out, err = exec.Command("mkfs.ext4", "-q", fs.image).CombinedOutput()
	need(err, out, "mkfs.ext4")
	out, err = exec.Command("losetup", "--find", "--show", fs.image).Output()
	need(err, out, "losetup")
	fs.dev = strings.TrimSpace(string(out))
	t.Cleanup(func() { exec.Command("losetup", "-d", fs.dev).Run() })
	need(os.Mkdir(fs.dir, 0o700), nil, "mkdir")
	fs.mount(t)
	t.Cleanup(func() { exec.Command("umount", "-l", fs.dir).Run() })
	return fs
}

func (fs *ext4) mount(t *testing.T) {
	t.Helper()
	if out, err := exec.Command("mount", "-o", "errors=remount-ro", fs.dev, fs.dir).CombinedOutput(); err != nil {
		t.Fatalf("mount %s: %v %s", fs.dev, err, out)
	}
}

// fail makes the kernel meet a filesystem error, as on a failing disk: with
// errors=remount-ro it aborts the journal and turns the filesystem read-only under the
// running server. A plain `mount -o remount,ro` is refused while SQLite holds the file
// open for writing, so this is also the only way to get there with the server up.
func (fs *ext4) fail(t *testing.T) {
	t.Helper()
	knob := filepath.Join("/sys/fs/ext4", filepath.Base(fs.dev), "trigger_fs_error")
	if err := os.WriteFile(knob, []byte("samspel test: disk failing\n"), 0o200); err != nil {
		t.Fatalf("trigger an ext4 error: %v", err)
	}
	probe := filepath.Join(fs.dir, "probe")
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		err := os.WriteFile(probe, nil, 0o600)
		if err != nil {
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("the filesystem is still writable after the ext4 error")
		}
	}
}

// repair is what an operator does after such an error: with the server stopped, unmount,
// let e2fsck replay and check, and mount again.
func (fs *ext4) repair(t *testing.T) {
	t.Helper()
	if out, err := exec.Command("umount", fs.dir).CombinedOutput(); err != nil {
		t.Fatalf("umount: %v %s", err, out)
	}
	// e2fsck exits 1 when it fixed something (here: the error flag the test raised).
	if out, err := exec.Command("e2fsck", "-fy", fs.dev).CombinedOutput(); err != nil {
		if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() > 1 {
			t.Fatalf("e2fsck: %v %s", err, out)
		}
	}
	fs.mount(t)
}

func TestReadOnlyStorageRefusesWritesKeepsReadsAndLosesNothing(t *testing.T) {
	fs := mountExt4(t, "64M")
	data := filepath.Join(fs.dir, "data")
	s := apptest.StartIn(t, data)
	ctx := apptest.Bearer(context.Background(), s.Token(t, demo.Admin.Email))
	orgs := samspelv1.NewOrganizationServiceClient(s.Conn)
	create := func(orgs samspelv1.OrganizationServiceClient, name string) error {
		_, err := orgs.CreateOrganization(ctx, &samspelv1.CreateOrganizationRequest{Kind: samspelv1.OrganizationKind_ORGANIZATION_KIND_REGION, Name: name})
		return err
	}
	var acknowledged []string
	for i := range 20 {
		name := fmt.Sprintf("Kvitterad före felet %02d", i)
		if err := create(orgs, name); err != nil {
			t.Fatal(err)
		}
		acknowledged = append(acknowledged, name)
	}
	before := listNames(t, ctx, orgs)

	fs.fail(t)

	t.Run("a write answers UNAVAILABLE with a clear message", func(t *testing.T) {
		err := create(orgs, "Skriven på en skrivskyddad disk")
		if st := status.Convert(err); st.Code() != codes.Unavailable || !strings.Contains(st.Message(), "storage") {
			t.Fatalf("got %v, want UNAVAILABLE about storage", err)
		}
	})
	t.Run("reads keep working and show what was there", func(t *testing.T) {
		if got := listNames(t, ctx, orgs); strings.Join(got, "|") != strings.Join(before, "|") {
			t.Fatalf("organisations after the disk turned read-only:\n%v\nbefore:\n%v", got, before)
		}
		if _, err := samspelv1.NewAuthServiceClient(s.Conn).GetMe(ctx, &samspelv1.GetMeRequest{}); err != nil {
			t.Fatal(err)
		}
	})

	s.Stop()
	fs.repair(t)
	s = apptest.StartIn(t, data)
	orgs = samspelv1.NewOrganizationServiceClient(s.Conn)
	ctx = apptest.Bearer(context.Background(), s.Token(t, demo.Admin.Email))

	t.Run("after repair nothing is corrupted and every acknowledged write is there", func(t *testing.T) {
		if res, err := s.Store.IntegrityCheck(context.Background()); err != nil || res != "ok" {
			t.Fatalf("integrity_check: %q, %v", res, err)
		}
		have := map[string]int{}
		for _, n := range listNames(t, ctx, orgs) {
			have[n]++
		}
		for _, n := range acknowledged {
			if have[n] != 1 {
				t.Errorf("%q present %d times, want once", n, have[n])
			}
		}
		if have["Skriven på en skrivskyddad disk"] != 0 {
			t.Error("the refused write was stored")
		}
	})
	t.Run("writes resume", func(t *testing.T) {
		if err := create(orgs, "Efter reparationen"); err != nil {
			t.Fatal(err)
		}
	})
}

func listNames(t *testing.T, ctx context.Context, orgs samspelv1.OrganizationServiceClient) []string {
	t.Helper()
	var names []string
	req := &samspelv1.ListOrganizationsRequest{PageSize: 100}
	for {
		resp, err := orgs.ListOrganizations(ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range resp.Organizations {
			names = append(names, o.Name)
		}
		if resp.NextPageToken == "" {
			return names
		}
		req.PageToken = resp.NextPageToken
	}
}
