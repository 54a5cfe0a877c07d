package export_test

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// The system Python, which has lxml from Debian's python3-lxml (scripts/test installs
// it); a python3 earlier on PATH, e.g. pyenv's, may lack it.
const systemPython = "/usr/bin/python3"

// schematronPython returns the Python that runs testdata/schematron.py. Outside CI a
// machine without lxml skips the test; in CI (env CI set) that is a failure.
func schematronPython(t *testing.T) string {
	t.Helper()
	out, err := exec.Command(systemPython, "-c", "import lxml.isoschematron").CombinedOutput()
	if err != nil {
		msg := "the E-ARK Schematron rules need " + systemPython + " with lxml (apt-get install python3-lxml): " + strings.TrimSpace(err.Error()+" "+string(out))
		if os.Getenv("CI") == "" {
			t.Skip(msg)
		}
		t.Fatal(msg)
	}
	return systemPython
}

// runSchematron runs testdata/schematron.py over one METS file and returns its output
// and exit code (0: no ERROR, 1: an ERROR, 2: the rules or the file were unreadable).
func runSchematron(t *testing.T, python, mets string, representation bool) (string, int) {
	t.Helper()
	args := []string{filepath.Join("testdata", "schematron.py"), mets}
	if representation {
		args = append(args, "--representation")
	}
	out, err := exec.Command(python, args...).CombinedOutput()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return string(out), 0
	case errors.As(err, &exit):
		return string(out), exit.ExitCode()
	default:
		t.Fatalf("running %s: %v", args[0], err)
		return "", 0
	}
}

// TestArchivePackagePassesTheEARKSchematronRules checks the finished demo term's package
// with the rules eark-validator (the E-ARK validator used by archives) applies: its
// Schematron files for CSIP and SIP 2.1.0, filled in from the CSIP vocabularies, with
// the corrections to defective upstream rules that testdata/schematron.py lists.
func TestArchivePackagePassesTheEARKSchematronRules(t *testing.T) {
	python := schematronPython(t)
	st, _ := openDemo(t)
	path, _ := writeTerm(t, st)
	dir := t.TempDir()
	var root, rep []byte
	for name, b := range entries(t, path) {
		_, rest, _ := strings.Cut(name, "/")
		switch rest {
		case "METS.xml":
			root = b
		case "representations/rep1/METS.xml":
			rep = b
		}
	}
	if root == nil || rep == nil {
		t.Fatal("the package lacks METS.xml or representations/rep1/METS.xml")
	}
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}

	// CSIP31 (an amdSec for the preservation metadata) and CSIP91 (the Metadata division
	// references it) warned before the package had PREMIS; they must stay quiet.
	noWarnings := func(t *testing.T, out string, rules ...string) {
		for _, r := range rules {
			if strings.Contains(out, " "+r+" ") {
				t.Errorf("the rules report %s:\n%s", r, out)
			}
		}
	}
	t.Run("the root METS.xml passes the CSIP and SIP rules, with preservation metadata", func(t *testing.T) {
		out, code := runSchematron(t, python, write("root.xml", root), false)
		if code != 0 {
			t.Errorf("exit %d:\n%s", code, out)
		}
		noWarnings(t, out, "CSIP31", "CSIP32", "CSIP35", "CSIP91", "CSIP92")
	})
	t.Run("the representation's METS.xml passes the CSIP and SIP rules, with preservation metadata", func(t *testing.T) {
		out, code := runSchematron(t, python, write("rep.xml", rep), true)
		if code != 0 {
			t.Errorf("exit %d:\n%s", code, out)
		}
		noWarnings(t, out, "CSIP31", "CSIP32", "CSIP35", "CSIP91", "CSIP92")
	})
	t.Run("the rules warn CSIP91 for a Metadata division that does not reference the PREMIS", func(t *testing.T) {
		old := ` ADMID="digiprov-premis"`
		if !strings.Contains(string(root), old) {
			t.Fatalf("METS.xml lacks %q", old)
		}
		out, _ := runSchematron(t, python, write("noadmid.xml", []byte(strings.Replace(string(root), old, "", 1))), false)
		if !strings.Contains(out, "WARN CSIP91 ") {
			t.Errorf("no WARN CSIP91:\n%s", out)
		}
	})

	// Each change breaks one requirement; the rules must report it by its id, so the
	// test above cannot pass because the rules check nothing.
	for _, c := range []struct {
		name     string
		rep      bool
		old, new string
		rule     string
	}{
		{"a file without CHECKSUMTYPE", false, ` CHECKSUMTYPE="SHA-256">`, `>`, "CSIP72"},
		{"a metsHdr without OAISPACKAGETYPE", false, ` csip:OAISPACKAGETYPE="SIP"`, ``, "CSIP9"},
		{"a content category outside the vocabulary", false, ` TYPE="Databases"`, ` TYPE="Database"`, "CSIP2"},
		{"a descriptive metadata file of an unknown media type", false, `MDTYPE="DC" MIMETYPE="application/xml"`, `MDTYPE="DC" MIMETYPE="application/x-samspel"`, "CSIP26"},
		{"a software agent without its version note's type", false, ` csip:NOTETYPE="SOFTWARE VERSION"`, ``, "CSIP16"},
		{"a representation division without the representation's path", false, `LABEL="Representations/rep1">`, `LABEL="rep1">`, "CSIP107"},
		{"a representation's file group of type OTHER without naming it", false, ` csip:OTHERCONTENTINFORMATIONTYPE="Samspel term export 1">`, `>`, "CSIP63"},
		{"a structMap without ID", false, `<structMap ID="structmap-csip" `, `<structMap `, "CSIP83"},
		{"a METS pointer without LOCTYPE", false, `<mptr LOCTYPE="URL" `, `<mptr `, "CSIP112"},
		{"an archivist's note typed otherwise", false, `csip:NOTETYPE="IDENTIFICATIONCODE"`, `csip:NOTETYPE="VERSION"`, "SIP14"},
		{"a representation file without CHECKSUMTYPE", true, ` CHECKSUMTYPE="SHA-256">`, `>`, "CSIP72"},
		{"a representation without PROFILE", true, ` PROFILE="`, ` LABEL2="`, "SIP2"},
		{"a PREMIS reference without MDTYPE", false, ` MDTYPE="PREMIS" MDTYPEVERSION="3.0"`, ``, "CSIP39"},
		{"a PREMIS reference without CHECKSUMTYPE", false, `CHECKSUMTYPE="SHA-256" xlink:type="simple" xlink:href="metadata/preservation/`, `xlink:type="simple" xlink:href="metadata/preservation/`, "CSIP44"},
		{"a representation's PREMIS reference of an unknown media type", true, `MDTYPE="PREMIS" MDTYPEVERSION="3.0" MIMETYPE="application/xml"`, `MDTYPE="PREMIS" MDTYPEVERSION="3.0" MIMETYPE="application/x-premis"`, "CSIP40"},
	} {
		t.Run("the rules report "+c.rule+" for "+c.name, func(t *testing.T) {
			src := root
			if c.rep {
				src = rep
			}
			if !strings.Contains(string(src), c.old) {
				t.Fatalf("METS.xml lacks %q", c.old)
			}
			bad := strings.Replace(string(src), c.old, c.new, 1)
			out, code := runSchematron(t, python, write("bad.xml", []byte(bad)), c.rep)
			if code != 1 || !strings.Contains(out, "ERROR "+c.rule+" ") {
				t.Errorf("exit %d, want 1 with an ERROR %s:\n%s", code, c.rule, out)
			}
		})
	}
}
