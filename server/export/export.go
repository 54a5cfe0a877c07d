// Package export writes a term's records as an archival package: an E-ARK SIP 2.1.0
// (CSIP 2.1.0; Riksarkivet's FGS Paketstruktur 2.0) streamed as a ZIP. It is pure: the
// caller hands it tables whose rows it pulls one at a time, and it writes the package to
// an io.Writer without holding it in memory. It knows nothing of the database.
package export

import (
	"archive/zip"
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"path"
	"time"
)

// Column is one field of a table's rows. Type is "integer" or "text".
type Column struct {
	Name     string
	Type     string
	Nullable bool
}

// Table is one record type. Rows calls yield once per row, in a stable order (by id),
// with one value per column: int64, string or nil.
type Table struct {
	Name        string // the data file is data/NAME.json, its schema schemas/NAME.schema.json
	Title       string // Swedish, for the documentation and the report
	Description string // Swedish: what a row is and which rows are included
	Columns     []Column
	Rows        func(yield func(values []any) error) error
}

// Archive describes one package.
type Archive struct {
	ID               string    // the package id: OBJID and the root folder's name
	Created          time.Time // CREATEDATE, and every file's CREATED and ZIP time
	Software         string
	SoftwareVersion  string
	Organization     string // the archival creator
	OrganizationCode string // its identification code, e.g. "samspel-organization-1"
	Term             string // e.g. "2022-2026"
	TermStart        string // YYYY-MM-DD
	TermEnd          string
	ContactPerson    string // who made the export
	// ContactPersonID is their id in Samspel: the preservation metadata names them by
	// it (see premisPersonID); zero leaves them out of it.
	ContactPersonID int64
	// Report holds the sections of the printable term report after its table of
	// contents, in order.
	Report []ReportSection
	// PersonalFor names the person whose personal export this is; empty for the
	// archive. The documentation then says that it holds their private notes.
	PersonalFor string
	Tables      []Table
}

// Summary is what WriteArchive wrote.
type Summary struct {
	Files   int
	Records int64
	Counts  map[string]int64 // records per table
}

// The CSIP and SIP profile values, and the namespaces of METS.
const (
	ProfileSIP  = "https://earksip.dilcis.eu/profile/E-ARK-SIP.xml"
	ProfileCSIP = "https://earkcsip.dilcis.eu/profile/E-ARK-CSIP.xml"
	nsMETS      = "http://www.loc.gov/METS/"
	nsCSIP      = "https://DILCIS.eu/XML/METS/CSIPExtensionMETS"
	nsSIP       = "https://DILCIS.eu/XML/METS/SIPExtensionMETS"
	nsXLink     = "http://www.w3.org/1999/xlink"
	nsXSI       = "http://www.w3.org/2001/XMLSchema-instance"
	rep         = "representations/rep1"
)

// fileEntry is a written file as METS lists it.
type fileEntry struct {
	Path     string // relative to the METS file that lists it
	MIMEType string
	Size     int64
	SHA256   string
}

// packageWriter writes ZIP entries under the root folder and records their checksums.
type packageWriter struct {
	zw      *zip.Writer
	root    string
	created time.Time
}

// create writes one file through fn and returns its size and SHA-256.
func (p *packageWriter) create(name, mime string, fn func(w io.Writer) error) (fileEntry, error) {
	hdr := &zip.FileHeader{Name: p.root + "/" + name, Method: zip.Deflate, Modified: p.created}
	zf, err := p.zw.CreateHeader(hdr)
	if err != nil {
		return fileEntry{}, err
	}
	h := sha256.New()
	cw := &countWriter{w: io.MultiWriter(zf, h)}
	bw := bufio.NewWriterSize(cw, 64<<10)
	if err := fn(bw); err != nil {
		return fileEntry{}, fmt.Errorf("%s: %w", name, err)
	}
	if err := bw.Flush(); err != nil {
		return fileEntry{}, err
	}
	return fileEntry{Path: name, MIMEType: mime, Size: cw.n, SHA256: hexSum(h)}, nil
}

func hexSum(h hash.Hash) string { return hex.EncodeToString(h.Sum(nil)) }

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(b []byte) (int, error) {
	n, err := c.w.Write(b)
	c.n += int64(n)
	return n, err
}

// WriteArchive streams the package to w as a ZIP. Files come in this order: the data
// files, their schemas, the documentation, the descriptive metadata, the
// representation's PREMIS and METS.xml, the package's PREMIS and last the root
// METS.xml, since each PREMIS and METS lists the sizes and checksums of what was
// written before it.
func WriteArchive(w io.Writer, a Archive) (Summary, error) {
	if a.ID == "" || a.Created.IsZero() {
		return Summary{}, errors.New("export: package id and creation time are required")
	}
	a.Created = a.Created.UTC().Truncate(time.Second)
	zw := zip.NewWriter(w)
	pw := &packageWriter{zw: zw, root: a.ID, created: a.Created}
	sum := Summary{Counts: map[string]int64{}}

	var data []fileEntry
	for _, t := range a.Tables {
		var n int64
		e, err := pw.create(rep+"/data/"+t.Name+".json", "application/json", func(w io.Writer) error {
			var err error
			n, err = writeRows(w, t)
			return err
		})
		if err != nil {
			return sum, err
		}
		sum.Counts[t.Name] = n
		sum.Records += n
		e.Path = "data/" + t.Name + ".json"
		data = append(data, e)
	}
	report, err := pw.create(rep+"/data/mandatperiodsrapport.html", "text/html", func(w io.Writer) error {
		return writeReport(w, a, sum.Counts)
	})
	if err != nil {
		return sum, err
	}
	report.Path = "data/mandatperiodsrapport.html"
	data = append(data, report)

	var schemas []fileEntry
	for _, t := range a.Tables {
		e, err := pw.create("schemas/"+t.Name+".schema.json", "application/json", func(w io.Writer) error {
			return writeSchema(w, t)
		})
		if err != nil {
			return sum, err
		}
		schemas = append(schemas, e)
	}
	docs := []fileEntry{}
	e, err := pw.create("documentation/beskrivning.html", "text/html", func(w io.Writer) error {
		return writeDescription(w, a, sum.Counts)
	})
	if err != nil {
		return sum, err
	}
	docs = append(docs, e)
	dc, err := pw.create("metadata/descriptive/dc.xml", "application/xml", func(w io.Writer) error {
		return writeDublinCore(w, a)
	})
	if err != nil {
		return sum, err
	}
	objects := make([]premisObject, 0, len(data))
	for _, f := range data {
		objects = append(objects, premisObject{ID: rep + "/" + f.Path, fileEntry: f})
	}
	repPREMIS, err := pw.create(rep+"/"+premisFile, "application/xml", func(w io.Writer) error {
		return writePREMIS(w, a, objects, rep)
	})
	if err != nil {
		return sum, err
	}
	repPREMIS.Path = premisFile
	repMETS, err := pw.create(rep+"/METS.xml", "application/xml", func(w io.Writer) error {
		return writeRepresentationMETS(w, a, data, repPREMIS)
	})
	if err != nil {
		return sum, err
	}
	// The package's PREMIS describes what the root METS lists; identifiers are paths
	// from the root folder.
	objects = make([]premisObject, 0, len(docs)+len(schemas)+3)
	for _, f := range append(append(append([]fileEntry{}, docs...), schemas...), dc, repMETS) {
		objects = append(objects, premisObject{ID: f.Path, fileEntry: f})
	}
	objects = append(objects, premisObject{ID: rep + "/" + premisFile, fileEntry: repPREMIS})
	premis, err := pw.create(premisFile, "application/xml", func(w io.Writer) error {
		return writePREMIS(w, a, objects, "")
	})
	if err != nil {
		return sum, err
	}
	if _, err := pw.create("METS.xml", "application/xml", func(w io.Writer) error {
		return writeRootMETS(w, a, dc, premis, docs, schemas, repMETS)
	}); err != nil {
		return sum, err
	}
	sum.Files = len(data) + len(schemas) + len(docs) + 5
	return sum, zw.Close()
}

// writeRows writes a JSON array with one object per line, keys in column order, so that
// the same rows always give the same bytes.
func writeRows(w io.Writer, t Table) (int64, error) {
	var n int64
	if _, err := io.WriteString(w, "["); err != nil {
		return 0, err
	}
	keys := make([][]byte, len(t.Columns))
	for i, c := range t.Columns {
		k, _ := json.Marshal(c.Name)
		keys[i] = k
	}
	buf := make([]byte, 0, 1024)
	err := t.Rows(func(values []any) error {
		if len(values) != len(t.Columns) {
			return fmt.Errorf("row has %d values for %d columns", len(values), len(t.Columns))
		}
		buf = buf[:0]
		if n > 0 {
			buf = append(buf, ',')
		}
		buf = append(buf, "\n{"...)
		for i, v := range values {
			if i > 0 {
				buf = append(buf, ',')
			}
			buf = append(buf, keys[i]...)
			buf = append(buf, ':')
			var err error
			buf, err = appendValue(buf, v)
			if err != nil {
				return fmt.Errorf("column %s: %w", t.Columns[i].Name, err)
			}
		}
		buf = append(buf, '}')
		n++
		_, err := w.Write(buf)
		return err
	})
	if err != nil {
		return n, err
	}
	_, err = io.WriteString(w, "\n]\n")
	return n, err
}

func appendValue(buf []byte, v any) ([]byte, error) {
	switch v := v.(type) {
	case nil:
		return append(buf, "null"...), nil
	case int64:
		return fmt.Appendf(buf, "%d", v), nil
	case string:
		b, err := json.Marshal(v)
		return append(buf, b...), err
	case []byte:
		b, err := json.Marshal(string(v))
		return append(buf, b...), err
	default:
		return buf, fmt.Errorf("unexpected value of type %T", v)
	}
}

// writeSchema writes a JSON Schema (draft 2020-12) for one data file.
func writeSchema(w io.Writer, t Table) error {
	props := map[string]any{}
	names := make([]string, 0, len(t.Columns))
	for _, c := range t.Columns {
		jt := c.Type // "integer"
		if jt == "text" {
			jt = "string"
		}
		typ := any(jt)
		if c.Nullable {
			typ = []string{jt, "null"}
		}
		props[c.Name] = map[string]any{"type": typ}
		names = append(names, c.Name)
	}
	s := map[string]any{
		"$schema":     "https://json-schema.org/draft/2020-12/schema",
		"$id":         "schemas/" + t.Name + ".schema.json",
		"title":       t.Title,
		"description": t.Description,
		"type":        "array",
		"items": map[string]any{
			"type":                 "object",
			"additionalProperties": false,
			"required":             names,
			"properties":           props,
		},
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(s)
}

// dataPath is where a table's data file lies inside the package.
func dataPath(id, table string) string { return path.Join(id, rep, "data", table+".json") }
