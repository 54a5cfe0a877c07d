package export_test

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/samspel/samspel/server/export"
)

// premisDoc is the part of a PREMIS 3.0 document the tests check.
type premisDoc struct {
	Objects []struct {
		Type   string `xml:"http://www.w3.org/2001/XMLSchema-instance type,attr"`
		ID     string `xml:"objectIdentifier>objectIdentifierValue"`
		Fixity []struct {
			Algorithm string `xml:"messageDigestAlgorithm"`
			Digest    string `xml:"messageDigest"`
		} `xml:"objectCharacteristics>fixity"`
		Size    string   `xml:"objectCharacteristics>size"`
		Formats []string `xml:"objectCharacteristics>format>formatDesignation>formatName"`
	} `xml:"object"`
	Events []struct {
		ID       string `xml:"eventIdentifier>eventIdentifierValue"`
		Type     string `xml:"eventType"`
		DateTime string `xml:"eventDateTime"`
		Outcome  string `xml:"eventOutcomeInformation>eventOutcome"`
		Agents   []struct {
			ID   string `xml:"linkingAgentIdentifierValue"`
			Role string `xml:"linkingAgentRole"`
		} `xml:"linkingAgentIdentifier"`
		Objects []string `xml:"linkingObjectIdentifier>linkingObjectIdentifierValue"`
	} `xml:"event"`
	Agents []struct {
		ID      string `xml:"agentIdentifier>agentIdentifierValue"`
		Name    string `xml:"agentName"`
		Type    string `xml:"agentType"`
		Version string `xml:"agentVersion"`
	} `xml:"agent"`
}

func parsePREMIS(t *testing.T, name string, b []byte) premisDoc {
	t.Helper()
	var d premisDoc
	if err := xml.Unmarshal(b, &d); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return d
}

// validatePREMIS runs xmllint over each PREMIS file with the PREMIS 3.0 schema.
func validatePREMIS(t *testing.T, files map[string][]byte) {
	t.Helper()
	if _, err := exec.LookPath("xmllint"); err != nil {
		t.Skip("xmllint not installed (apt-get install libxml2-utils)")
	}
	dir := t.TempDir()
	n := 0
	for name, b := range files {
		if !strings.HasSuffix(name, "/metadata/preservation/premis.xml") {
			continue
		}
		n++
		doc := filepath.Join(dir, "premis"+strconv.Itoa(n)+".xml")
		if err := os.WriteFile(doc, b, 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command("xmllint", "--nonet", "--noout", "--schema", filepath.Join(schemaDir, "premis", "premis-v3-0.xsd"), doc).CombinedOutput()
		if err != nil {
			t.Errorf("%s does not validate against PREMIS 3.0: %v\n%s", name, err, out)
		}
	}
	if n != 2 {
		t.Errorf("validated %d PREMIS files, want 2 (the package's and the representation's)", n)
	}
}

// checkPREMIS checks that each METS references its PREMIS file as CSIP31-44 and CSIP91
// ask, and that the PREMIS file describes every file the METS lists with the size and
// SHA-256 the METS gives, as the outcome of one information package creation event by
// Samspel and the organisation.
func checkPREMIS(t *testing.T, p *export.Package, files map[string][]byte) {
	t.Helper()
	for _, m := range []struct {
		name, dir, prefix string
		mets              export.METS
	}{
		{"METS.xml", p.ID, "", p.Root},
		{"representations/rep1/METS.xml", p.ID + "/representations/rep1", "representations/rep1/", p.Rep},
	} {
		if len(m.mets.DigiprovMDs) != 1 || len(m.mets.DigiprovMDs[0].MdRefs) != 1 {
			t.Errorf("%s: want one amdSec/digiprovMD with one mdRef (CSIP31-35)", m.name)
			continue
		}
		d := m.mets.DigiprovMDs[0]
		r := d.MdRefs[0]
		if d.ID == "" || d.STATUS != "CURRENT" || r.LOCTYPE != "URL" || r.Type != "simple" || r.MDTYPE != "PREMIS" || r.MDTYPEVERSION != "3.0" ||
			r.MIMETYPE != "application/xml" || r.SIZE == "" || r.CREATED == "" || r.CHECKSUM == "" || r.CHECKSUMTYPE != "SHA-256" ||
			r.Href != "metadata/preservation/premis.xml" {
			t.Errorf("%s: digiprovMD %+v lacks a required attribute (CSIP33-44)", m.name, d)
		}
		var admid string
		for _, div := range m.mets.StructMaps[0].Div.Divs {
			if div.LABEL == "Metadata" {
				admid = div.ADMID
			}
		}
		if !strings.Contains(" "+admid+" ", " "+d.ID+" ") {
			t.Errorf("%s: the Metadata division's ADMID %q does not reference %s (CSIP91)", m.name, admid, d.ID)
		}

		raw := files[m.dir+"/"+r.Href]
		doc := parsePREMIS(t, m.name, raw)
		objects := map[string]int{}
		for i, o := range doc.Objects {
			objects[o.ID] = i
		}
		// What the METS lists: the fileSec's files and the descriptive metadata.
		type listed struct{ href, size, sum, mime string }
		var want []listed
		for _, g := range m.mets.FileGrps {
			for _, f := range g.Files {
				want = append(want, listed{f.FLocat[0].Href, f.SIZE, f.CHECKSUM, f.MIMETYPE})
			}
		}
		for _, s := range m.mets.DmdSecs {
			for _, r := range s.MdRefs {
				want = append(want, listed{r.Href, r.SIZE, r.CHECKSUM, r.MIMETYPE})
			}
		}
		if len(want) < 2 {
			t.Fatalf("%s lists %d files", m.name, len(want))
		}
		for _, f := range want {
			i, ok := objects[m.prefix+f.href]
			if !ok {
				t.Errorf("%s: no PREMIS object for %s", m.name, m.prefix+f.href)
				continue
			}
			o := doc.Objects[i]
			if o.Type != "file" || len(o.Fixity) != 1 || o.Fixity[0].Algorithm != "SHA-256" || o.Fixity[0].Digest != f.sum ||
				o.Size != f.size || len(o.Formats) != 1 || o.Formats[0] != f.mime {
				t.Errorf("%s: PREMIS object %s is %+v, METS says size %s, SHA-256 %s, %s", m.name, o.ID, o, f.size, f.sum, f.mime)
			}
		}
		if len(doc.Events) != 1 {
			t.Fatalf("%s's PREMIS has %d events, want 1", m.name, len(doc.Events))
		}
		ev := doc.Events[0]
		if ev.Type != "information package creation" || ev.DateTime != p.Root.Hdr.CREATEDATE || ev.Outcome != "success" {
			t.Errorf("%s: event %s %s %s, want information package creation at %s, success", m.name, ev.Type, ev.DateTime, ev.Outcome, p.Root.Hdr.CREATEDATE)
		}
		outcome := map[string]bool{}
		for _, id := range ev.Objects {
			outcome[id] = true
		}
		for _, f := range want {
			if !outcome[m.prefix+f.href] {
				t.Errorf("%s: the event does not link %s", m.name, m.prefix+f.href)
			}
		}
		agents := map[string]string{}
		for _, a := range doc.Agents {
			agents[a.Type] = a.Name
			if a.Type == "software" && (a.Name != "Samspel" || a.Version == "") {
				t.Errorf("%s: software agent %+v, want Samspel with its version", m.name, a)
			}
		}
		if agents["software"] == "" || agents["organization"] == "" {
			t.Errorf("%s: agents %v, want the software and the organisation", m.name, agents)
		}
		for _, l := range ev.Agents {
			found := false
			for _, a := range doc.Agents {
				found = found || a.ID == l.ID
			}
			if !found {
				t.Errorf("%s: the event links agent %s, which the PREMIS file does not describe", m.name, l.ID)
			}
		}
	}
}

// TestPreservationMetadataNamesTheExporterByIDNotByName writes a small package for a
// known exporter: PREMIS names them as an agent by their Samspel id, with the role
// implementer, and holds neither their name nor an e-mail address.
func TestPreservationMetadataNamesTheExporterByIDNotByName(t *testing.T) {
	var buf bytes.Buffer
	_, err := export.WriteArchive(&buf, export.Archive{
		ID: "premis", Created: time.Date(2026, 11, 27, 6, 0, 0, 0, time.UTC), Software: "Samspel", SoftwareVersion: "1.2.3",
		Organization: "Provstads kommun", OrganizationCode: "samspel-organization-4", Term: "2022-2026",
		TermStart: "2022-10-15", TermEnd: "2026-10-14", ContactPerson: "Rut Registrator", ContactPersonID: 42,
		Tables: []export.Table{{Name: "organizations", Title: "Organisationer",
			Columns: []export.Column{{Name: "id", Type: "integer"}, {Name: "name", Type: "text"}},
			Rows:    func(yield func([]any) error) error { return yield([]any{int64(4), "Provstads kommun"}) }}},
	})
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for _, f := range zr.File {
		rc, _ := f.Open()
		files[f.Name], _ = io.ReadAll(rc)
		rc.Close()
	}
	p, err := export.Open(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	validatePREMIS(t, files)
	checkPREMIS(t, p, files)
	for _, name := range []string{"premis/metadata/preservation/premis.xml", "premis/representations/rep1/metadata/preservation/premis.xml"} {
		raw := files[name]
		if bytes.Contains(raw, []byte("Rut")) || bytes.Contains(raw, []byte("@")) {
			t.Errorf("%s holds the exporter's name or an e-mail address", name)
		}
		doc := parsePREMIS(t, name, raw)
		var person bool
		for _, a := range doc.Agents {
			person = person || (a.Type == "person" && a.ID == "samspel-person-42")
		}
		var implementer bool
		for _, l := range doc.Events[0].Agents {
			implementer = implementer || (l.ID == "samspel-person-42" && l.Role == "implementer")
		}
		if !person || !implementer {
			t.Errorf("%s: the exporter is not an agent identified as samspel-person-42 with the role implementer", name)
		}
	}
}
