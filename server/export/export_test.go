package export_test

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"html/template"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/samspel/samspel/server/demo"
	"github.com/samspel/samspel/server/export"
	"github.com/samspel/samspel/server/store"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// The demo is seeded at a fixed instant so that its records, and so the data files,
// are the same on every run.
var seedTime = time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
var exportTime = time.Date(2026, 11, 27, 6, 0, 0, 0, time.UTC)

func openDemo(t testing.TB) (*store.Store, string) {
	t.Helper()
	dir := t.TempDir()
	st, err := store.Open(context.Background(), dir, store.WithClock(func() time.Time { return seedTime }))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := demo.Seed(context.Background(), st); err != nil {
		t.Fatal(err)
	}
	return st, dir
}

// writeTerm exports the demo's finished term to a file and returns its path.
func writeTerm(t testing.TB, st *store.Store) (string, export.Summary) {
	t.Helper()
	ctx := context.Background()
	term, err := st.FindTerm(ctx, 0, "2022-2026")
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "package.zip")
	f, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sum, err := st.WriteTermArchive(ctx, f, store.ArchiveRequest{Term: term, ContactName: "Eva Kansli", SoftwareVersion: "test"})
	if err != nil {
		t.Fatal(err)
	}
	return out, sum
}

func openPackage(t testing.TB, path string) *export.Package {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	fi, _ := f.Stat()
	p, err := export.Open(f, fi.Size())
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// entries reads every file of a ZIP into memory (test packages are small).
func entries(t testing.TB, path string) map[string][]byte {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	out := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		out[f.Name] = b
	}
	return out
}

func dataFiles(files map[string][]byte) map[string][]byte {
	out := map[string][]byte{}
	for name, b := range files {
		if i := strings.Index(name, "/representations/rep1/data/"); i >= 0 {
			out[name[i+len("/representations/rep1/data/"):]] = b
		}
	}
	return out
}

func TestArchivePackage(t *testing.T) {
	st, dir := openDemo(t)
	path, sum := writeTerm(t, st)
	files := entries(t, path)
	p := openPackage(t, path)

	t.Run("the package's XML validates against the METS schema and the DILCIS extensions", func(t *testing.T) {
		validateXML(t, files)
	})
	t.Run("the package meets the CSIP and SIP structure, attribute and checksum requirements", func(t *testing.T) {
		checkCSIP(t, p, files)
	})
	t.Run("the PREMIS files validate against the PREMIS 3.0 schema", func(t *testing.T) {
		validatePREMIS(t, files)
	})
	t.Run("the PREMIS files describe every file their METS lists, with the same size and SHA-256", func(t *testing.T) {
		checkPREMIS(t, p, files)
	})
	t.Run("the data files match the golden checksums", func(t *testing.T) {
		var b strings.Builder
		data := dataFiles(files)
		names := make([]string, 0, len(data))
		for n := range data {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			h := sha256.Sum256(data[n])
			fmt.Fprintf(&b, "%s  %s  %d records\n", hex.EncodeToString(h[:]), n, sum.Counts[strings.TrimSuffix(n, ".json")])
		}
		golden(t, "demo-term-data.sha256", b.String())
	})
	t.Run("every data file follows its JSON Schema in schemas/", func(t *testing.T) {
		for name, data := range dataFiles(files) {
			table, ok := strings.CutSuffix(name, ".json")
			if !ok {
				continue
			}
			raw := files[p.ID+"/schemas/"+table+".schema.json"]
			if raw == nil {
				t.Errorf("%s has no schema", name)
				continue
			}
			checkAgainstSchema(t, name, raw, data)
		}
	})
	t.Run("the printable report lists the held meetings with their decisions", func(t *testing.T) {
		report := string(dataFiles(files)["mandatperiodsrapport.html"])
		for _, want := range []string{`<html lang="sv">`, "Instruktionen för kommundirektören", "Överenskommelser", "Möten och beslut", "Politiska beslut som följts upp"} {
			if !strings.Contains(report, want) {
				t.Errorf("the report lacks %q", want)
			}
		}
		db, err := sql.Open("sqlite3", "file:"+filepath.Join(dir, store.FileName)+"?mode=ro")
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		var decision string
		if err := db.QueryRow(`SELECT d.text FROM meeting_decisions d JOIN meetings m ON m.id = d.meeting_id
			JOIN meeting_series s ON s.id = m.series_id JOIN terms t ON t.id = s.term_id
			WHERE t.start_date = '2022-10-15' AND m.state = 2 ORDER BY d.id LIMIT 1`).Scan(&decision); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(report, template.HTMLEscapeString(decision)) {
			t.Errorf("the report lacks the decision %q", decision)
		}
	})
	t.Run("no private working note is in the package", func(t *testing.T) {
		db, err := sql.Open("sqlite3", "file:"+filepath.Join(dir, store.FileName)+"?mode=ro")
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		// Private working notes and party-role notes, of meetings and quick notes alike;
		// a demo text that also stands in a shared note proves nothing either way.
		rows, err := db.Query(`
			SELECT body FROM meeting_notes WHERE private = 1
			UNION ALL
			SELECT body FROM quick_notes WHERE shared_with IS NULL AND deleted_at IS NULL
			  AND body NOT IN (SELECT body FROM quick_notes WHERE shared_with IS NOT NULL)
			  AND body NOT IN (SELECT body FROM quick_note_revisions)`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var all bytes.Buffer
		for _, b := range files {
			all.Write(b)
		}
		n := 0
		for rows.Next() {
			var body string
			rows.Scan(&body)
			n++
			// A whole JSON string: demo texts are built from phrases, so a shared note may
			// contain a private one's words without being it.
			if q := strings.TrimSpace(body); len(q) > 12 && bytes.Contains(all.Bytes(), []byte(`"`+jsonText(body)+`"`)) {
				t.Errorf("private note %q is in the package", q)
			}
		}
		if n == 0 {
			t.Fatal("the demo holds no private notes: the test proves nothing")
		}
	})
	t.Run("importing the package into an empty database and exporting again gives identical data files", func(t *testing.T) {
		st2, err := store.Open(context.Background(), t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		defer st2.Close()
		n, err := st2.ImportArchive(context.Background(), store.Actor{}, p)
		if err != nil {
			t.Fatal(err)
		}
		if n != sum.Records {
			t.Errorf("imported %d records, exported %d", n, sum.Records)
		}
		again, _ := writeTerm(t, st2)
		a, b := dataFiles(files), dataFiles(entries(t, again))
		if len(a) != len(b) {
			t.Fatalf("%d data files, then %d", len(a), len(b))
		}
		for name, want := range a {
			if !bytes.Equal(b[name], want) {
				t.Errorf("%s differs after import and export", name)
			}
		}
		if _, err := st2.ImportArchive(context.Background(), store.Actor{}, p); err == nil {
			t.Error("a second import into the same database was accepted")
		}
	})
}

func jsonText(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)
	return r.Replace(s)
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to write it)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs from the golden file (go test -update rewrites it):\n got:\n%s\nwant:\n%s", name, got, want)
	}
}

func TestBadPackagesAreRefused(t *testing.T) {
	st, _ := openDemo(t)
	path, _ := writeTerm(t, st)
	good, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	files := entries(t, path)
	var root string
	for n := range files {
		root, _, _ = strings.Cut(n, "/")
	}
	rezip := func(change func(name string, b []byte) ([]byte, bool), extra ...string) []byte {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		names := make([]string, 0, len(files))
		for n := range files {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			b, keep := change(n, files[n])
			if !keep {
				continue
			}
			w, _ := zw.Create(n)
			w.Write(b)
		}
		for _, n := range extra {
			w, _ := zw.Create(n)
			w.Write([]byte("utanför"))
		}
		zw.Close()
		return buf.Bytes()
	}
	cases := []struct {
		name string
		pkg  []byte
		want string
	}{
		{"a truncated ZIP", good[:len(good)/2], "not a readable ZIP"},
		{"a package without its METS.xml", rezip(func(n string, b []byte) ([]byte, bool) {
			return b, strings.Count(n, "/") != 1 || !strings.HasSuffix(n, "/METS.xml")
		}), "METS.xml is missing"},
		{"a data file whose checksum does not match", rezip(func(n string, b []byte) ([]byte, bool) {
			if strings.HasSuffix(n, "/meetings.json") {
				return bytes.Replace(b, []byte(`"state":2`), []byte(`"state":3`), 1), true
			}
			return b, true
		}), "checksum does not match"},
		{"a file that no METS lists", rezip(func(n string, b []byte) ([]byte, bool) { return b, true },
			root+"/documentation/extra.txt"), "in no METS fileSec"},
		{"descriptive metadata whose checksum does not match", rezip(func(n string, b []byte) ([]byte, bool) {
			if strings.HasSuffix(n, "/metadata/descriptive/dc.xml") {
				return bytes.Replace(b, []byte("<dc:language>sv"), []byte("<dc:language>en"), 1), true
			}
			return b, true
		}), "dc.xml: checksum does not match"},
		{"preservation metadata whose checksum does not match", rezip(func(n string, b []byte) ([]byte, bool) {
			if strings.HasSuffix(n, "/representations/rep1/metadata/preservation/premis.xml") {
				return bytes.Replace(b, []byte("<eventOutcome>success"), []byte("<eventOutcome>failure"), 1), true
			}
			return b, true
		}), "premis.xml: checksum does not match"},
		{"a package without its preservation metadata", rezip(func(n string, b []byte) ([]byte, bool) {
			return b, !strings.HasSuffix(n, "/metadata/preservation/premis.xml") || strings.Contains(n, "/representations/")
		}), "metadata/preservation/premis.xml is listed in METS but missing"},
	}
	for _, c := range cases {
		t.Run(c.name+" is refused with a clear message", func(t *testing.T) {
			_, err := export.Open(bytes.NewReader(c.pkg), int64(len(c.pkg)))
			if !errors.Is(err, export.ErrBadPackage) || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("got %v, want a bad package error containing %q", err, c.want)
			}
		})
	}
}

// checkCSIP checks, in Go, the CSIP 2.1.0 and SIP 2.1.0 requirements the XML Schema
// cannot: values from the controlled vocabularies, the agents, the structMap, and that
// every file is listed with a checksum that matches.
func checkCSIP(t *testing.T, p *export.Package, files map[string][]byte) {
	vocab := vocabularies(t)
	for _, m := range []struct {
		name string
		mets export.METS
	}{{"METS.xml", p.Root}, {"representations/rep1/METS.xml", p.Rep}} {
		mets := m.mets
		if mets.OBJID == "" {
			t.Errorf("%s: no OBJID (CSIP1)", m.name)
		}
		if !vocab["ContentCategory"][mets.TYPE] {
			t.Errorf("%s: TYPE %q is not in the content category vocabulary (CSIP2)", m.name, mets.TYPE)
		}
		if !vocab["ContentInformationType"][mets.CIT] {
			t.Errorf("%s: CONTENTINFORMATIONTYPE %q is not in the vocabulary (CSIP4)", m.name, mets.CIT)
		}
		if mets.PROFILE != export.ProfileSIP {
			t.Errorf("%s: PROFILE %q (SIP2)", m.name, mets.PROFILE)
		}
		if _, err := time.Parse(time.RFC3339, mets.Hdr.CREATEDATE); err != nil {
			t.Errorf("%s: CREATEDATE %q (CSIP7)", m.name, mets.Hdr.CREATEDATE)
		}
		if mets.Hdr.OAISPACKAGETYPE != "SIP" || !vocab["OAISPackageType"][mets.Hdr.OAISPACKAGETYPE] {
			t.Errorf("%s: OAISPACKAGETYPE %q (SIP4)", m.name, mets.Hdr.OAISPACKAGETYPE)
		}
		var software, archivist, submitter bool
		for _, a := range mets.Hdr.Agents {
			switch {
			case a.ROLE == "CREATOR" && a.TYPE == "OTHER" && a.OTHERTYPE == "SOFTWARE":
				software = vocab["AgentOtherType"][a.OTHERTYPE] && a.Name != "" && len(a.Notes) == 1 &&
					a.Notes[0].Type == "SOFTWARE VERSION" && vocab["NoteType"][a.Notes[0].Type] && a.Notes[0].Text != ""
			case a.ROLE == "ARCHIVIST" && a.TYPE == "ORGANIZATION":
				archivist = a.Name != "" && len(a.Notes) == 1 && a.Notes[0].Type == "IDENTIFICATIONCODE"
			case a.ROLE == "CREATOR" && a.TYPE == "ORGANIZATION":
				submitter = a.Name != ""
			}
		}
		if !software || !archivist || !submitter {
			t.Errorf("%s: agents: software %v (CSIP10-16), archival creator %v (SIP9-14), submitting agent %v (SIP15-20)", m.name, software, archivist, submitter)
		}
		if len(mets.StructMaps) != 1 || mets.StructMaps[0].TYPE != "PHYSICAL" || mets.StructMaps[0].LABEL != "CSIP" {
			t.Errorf("%s: want one physical structMap labelled CSIP (CSIP80-82)", m.name)
		}
		for _, g := range mets.FileGrps {
			use, _, _ := strings.Cut(g.USE, "/")
			if use != "Data" && !vocab["FileGrpAndStructMapDivisionLabel"][use] {
				t.Errorf("%s: fileGrp USE %q is not in the vocabulary (CSIP65)", m.name, g.USE)
			}
			for _, f := range g.Files {
				if f.ID == "" || f.MIMETYPE == "" || f.SIZE == "" || f.CREATED == "" || f.CHECKSUM == "" || f.CHECKSUMTYPE != "SHA-256" {
					t.Errorf("%s: file %+v lacks a required attribute (CSIP66-73)", m.name, f)
				}
				if !vocab["IANA"][f.MIMETYPE] {
					t.Errorf("%s: MIMETYPE %q is not an IANA media type (CSIP69)", m.name, f.MIMETYPE)
				}
				for _, l := range f.FLocat {
					if l.LOCTYPE != "URL" || l.Type != "simple" {
						t.Errorf("%s: FLocat of %s: LOCTYPE %q, xlink:type %q (CSIP77-79)", m.name, f.ID, l.LOCTYPE, l.Type)
					}
				}
			}
		}
	}
	root := p.Root.StructMaps[0].Div
	if root.LABEL != p.ID {
		t.Errorf("the structMap's main div is labelled %q, want the package id (CSIP85)", root.LABEL)
	}
	labels := map[string]bool{}
	for _, d := range root.Divs {
		labels[d.LABEL] = true
		if strings.HasPrefix(d.LABEL, "Representations/") {
			if len(d.Mptrs) != 1 || d.Mptrs[0].LOCTYPE != "URL" || d.Mptrs[0].Type != "simple" || files[p.ID+"/"+d.Mptrs[0].Href] == nil {
				t.Errorf("representation div %s: want one mptr to its METS.xml (CSIP113-118)", d.LABEL)
			}
		}
	}
	for _, want := range []string{"Metadata", "Documentation", "Schemas", "Representations/rep1"} {
		if !labels[want] {
			t.Errorf("the structMap lacks a %s div", want)
		}
	}
	// CSIPSTR: one root folder, METS.xml in it, representations with their own METS and data.
	for _, want := range []string{"METS.xml", "representations/rep1/METS.xml", "documentation/beskrivning.html", "schemas/meetings.schema.json", "representations/rep1/data/meetings.json"} {
		if files[p.ID+"/"+want] == nil {
			t.Errorf("the package lacks %s", want)
		}
	}
	for name := range files {
		if !strings.HasPrefix(name, p.ID+"/") {
			t.Errorf("%s lies outside the root folder (CSIPSTR1)", name)
		}
	}
}

const schemaDir = "testdata/archive-schemas"

// vocabularies reads the terms of the CSIP vocabularies and the IANA media types.
func vocabularies(t *testing.T) map[string]map[string]bool {
	dir := schemaDir + "/vocabularies"
	out := map[string]map[string]bool{}
	term := regexp.MustCompile(`<Term[^>]*>([^<]+)</Term>`)
	for _, name := range []string{"ContentCategory", "ContentInformationType", "OAISPackageType", "AgentOtherType", "NoteType", "FileGrpAndStructMapDivisionLabel"} {
		b, err := os.ReadFile(filepath.Join(dir, "CSIPVocabulary"+name+".xml"))
		if err != nil {
			t.Fatalf("archive schemas not found: %v", err)
		}
		out[name] = map[string]bool{}
		for _, m := range term.FindAllStringSubmatch(string(b), -1) {
			out[name][strings.TrimSpace(m[1])] = true
		}
	}
	b, err := os.ReadFile(filepath.Join(dir, "IANA-media-types.txt"))
	if err != nil {
		t.Fatal(err)
	}
	out["IANA"] = map[string]bool{}
	for _, l := range strings.Split(string(b), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out["IANA"][l] = true
		}
	}
	return out
}

// validateXML runs xmllint over both METS files with the METS 1.12 schema, XLink and the
// DILCIS extensions, all read from local copies (the schemas import each other by URL).
func validateXML(t *testing.T, files map[string][]byte) {
	if _, err := exec.LookPath("xmllint"); err != nil {
		t.Skip("xmllint not installed (apt-get install libxml2-utils)")
	}
	dir := t.TempDir()
	copyTo := func(src, dst string, replace ...string) {
		b, err := os.ReadFile(filepath.Join(schemaDir, src))
		if err != nil {
			t.Fatalf("archive schemas not found: %v", err)
		}
		b = []byte(strings.NewReplacer(replace...).Replace(string(b)))
		if err := os.WriteFile(filepath.Join(dir, dst), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	copyTo("mets/mets.xsd", "mets.xsd", "http://www.loc.gov/standards/xlink/xlink.xsd", "xlink.xsd")
	copyTo("xlink/xlink.xsd", "xlink.xsd")
	copyTo("dilcis/DILCISExtensionMETS.xsd", "csip.xsd")
	copyTo("dilcis/DILCISExtensionSIPMETS.xsd", "sip.xsd")
	wrapper := `<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xs:import namespace="http://www.loc.gov/METS/" schemaLocation="mets.xsd"/>
  <xs:import namespace="https://DILCIS.eu/XML/METS/CSIPExtensionMETS" schemaLocation="csip.xsd"/>
  <xs:import namespace="https://DILCIS.eu/XML/METS/SIPExtensionMETS" schemaLocation="sip.xsd"/>
</xs:schema>
`
	os.WriteFile(filepath.Join(dir, "all.xsd"), []byte(wrapper), 0o644)
	n := 0
	for name, b := range files {
		if !strings.HasSuffix(name, "METS.xml") {
			continue
		}
		n++
		doc := filepath.Join(dir, fmt.Sprintf("doc%d.xml", n))
		os.WriteFile(doc, b, 0o644)
		out, err := exec.Command("xmllint", "--nonet", "--noout", "--schema", filepath.Join(dir, "all.xsd"), doc).CombinedOutput()
		if err != nil {
			t.Errorf("%s does not validate: %v\n%s", name, err, out)
		}
	}
	if n != 2 {
		t.Errorf("validated %d METS files, want 2", n)
	}
}

// checkAgainstSchema checks rows against the subset of JSON Schema the export writes:
// an array of objects with required properties, no others, each of a given type.
func checkAgainstSchema(t *testing.T, name string, rawSchema, data []byte) {
	t.Helper()
	var schema struct {
		Type  string `json:"type"`
		Items struct {
			Required             []string                   `json:"required"`
			AdditionalProperties bool                       `json:"additionalProperties"`
			Properties           map[string]json.RawMessage `json:"properties"`
		} `json:"items"`
	}
	if err := json.Unmarshal(rawSchema, &schema); err != nil || schema.Type != "array" {
		t.Fatalf("%s: schema unreadable (%v)", name, err)
	}
	types := map[string][]string{}
	for prop, raw := range schema.Items.Properties {
		var p struct {
			Type json.RawMessage `json:"type"`
		}
		json.Unmarshal(raw, &p)
		var one string
		var many []string
		if json.Unmarshal(p.Type, &one) == nil {
			many = []string{one}
		} else {
			json.Unmarshal(p.Type, &many)
		}
		types[prop] = many
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var rows []map[string]any
	if err := dec.Decode(&rows); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	for i, row := range rows {
		for _, req := range schema.Items.Required {
			if _, ok := row[req]; !ok {
				t.Errorf("%s row %d lacks %s", name, i, req)
			}
		}
		for k, v := range row {
			allowed, ok := types[k]
			if !ok {
				t.Errorf("%s row %d has %s, which the schema does not allow", name, i, k)
				continue
			}
			got := "null"
			switch v := v.(type) {
			case string:
				got = "string"
			case json.Number:
				if _, err := v.Int64(); err == nil {
					got = "integer"
				}
			}
			if !slices.Contains(allowed, got) {
				t.Errorf("%s row %d: %s is %s, schema says %v", name, i, k, got, allowed)
			}
		}
	}
}
