package export

import (
	"archive/zip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
)

// METS is the part of a METS document that reading and checking a package need.
type METS struct {
	OBJID   string `xml:"OBJID,attr"`
	TYPE    string `xml:"TYPE,attr"`
	PROFILE string `xml:"PROFILE,attr"`
	CIT     string `xml:"https://DILCIS.eu/XML/METS/CSIPExtensionMETS CONTENTINFORMATIONTYPE,attr"`
	Hdr     struct {
		CREATEDATE      string `xml:"CREATEDATE,attr"`
		OAISPACKAGETYPE string `xml:"https://DILCIS.eu/XML/METS/CSIPExtensionMETS OAISPACKAGETYPE,attr"`
		Agents          []struct {
			ROLE      string `xml:"ROLE,attr"`
			TYPE      string `xml:"TYPE,attr"`
			OTHERTYPE string `xml:"OTHERTYPE,attr"`
			Name      string `xml:"name"`
			Notes     []struct {
				Type string `xml:"https://DILCIS.eu/XML/METS/CSIPExtensionMETS NOTETYPE,attr"`
				Text string `xml:",chardata"`
			} `xml:"note"`
		} `xml:"agent"`
	} `xml:"metsHdr"`
	DmdSecs []MdSec `xml:"dmdSec"`
	// DigiprovMDs are the amdSec's digital provenance sections (CSIP32), which
	// reference the PREMIS files.
	DigiprovMDs []MdSec `xml:"amdSec>digiprovMD"`
	FileGrps    []struct {
		ID    string     `xml:"ID,attr"`
		USE   string     `xml:"USE,attr"`
		Files []METSFile `xml:"file"`
	} `xml:"fileSec>fileGrp"`
	StructMaps []struct {
		TYPE  string `xml:"TYPE,attr"`
		LABEL string `xml:"LABEL,attr"`
		Div   struct {
			LABEL string `xml:"LABEL,attr"`
			Divs  []struct {
				ID    string `xml:"ID,attr"`
				LABEL string `xml:"LABEL,attr"`
				ADMID string `xml:"ADMID,attr"`
				DMDID string `xml:"DMDID,attr"`
				Fptrs []struct {
					FILEID string `xml:"FILEID,attr"`
				} `xml:"fptr"`
				Mptrs []struct {
					LOCTYPE string `xml:"LOCTYPE,attr"`
					Type    string `xml:"http://www.w3.org/1999/xlink type,attr"`
					Href    string `xml:"http://www.w3.org/1999/xlink href,attr"`
					Title   string `xml:"http://www.w3.org/1999/xlink title,attr"`
				} `xml:"mptr"`
			} `xml:"div"`
		} `xml:"div"`
	} `xml:"structMap"`
}

// MdSec is a dmdSec or digiprovMD with the files it references.
type MdSec struct {
	ID     string `xml:"ID,attr"`
	STATUS string `xml:"STATUS,attr"`
	MdRefs []struct {
		LOCTYPE       string `xml:"LOCTYPE,attr"`
		MDTYPE        string `xml:"MDTYPE,attr"`
		MDTYPEVERSION string `xml:"MDTYPEVERSION,attr"`
		MIMETYPE      string `xml:"MIMETYPE,attr"`
		SIZE          string `xml:"SIZE,attr"`
		CREATED       string `xml:"CREATED,attr"`
		CHECKSUM      string `xml:"CHECKSUM,attr"`
		CHECKSUMTYPE  string `xml:"CHECKSUMTYPE,attr"`
		Type          string `xml:"http://www.w3.org/1999/xlink type,attr"`
		Href          string `xml:"http://www.w3.org/1999/xlink href,attr"`
	} `xml:"mdRef"`
}

// METSFile is one file of a fileSec.
type METSFile struct {
	ID           string `xml:"ID,attr"`
	MIMETYPE     string `xml:"MIMETYPE,attr"`
	SIZE         string `xml:"SIZE,attr"`
	CREATED      string `xml:"CREATED,attr"`
	CHECKSUM     string `xml:"CHECKSUM,attr"`
	CHECKSUMTYPE string `xml:"CHECKSUMTYPE,attr"`
	FLocat       []struct {
		LOCTYPE string `xml:"LOCTYPE,attr"`
		Type    string `xml:"http://www.w3.org/1999/xlink type,attr"`
		Href    string `xml:"http://www.w3.org/1999/xlink href,attr"`
	} `xml:"FLocat"`
}

// Package is an opened, checked archive package.
type Package struct {
	ID     string
	Root   METS
	Rep    METS
	zr     *zip.Reader
	byName map[string]*zip.File
}

// ErrBadPackage wraps every reason a package is refused.
var ErrBadPackage = errors.New("not a valid Samspel archive package")

func bad(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrBadPackage, fmt.Sprintf(format, args...))
}

// Open reads a package's METS files and checks that every file they list is there with
// the size and SHA-256 they give, and that the package holds no file they do not list.
// Checking reads every file once; nothing is kept in memory but the METS.
func Open(r io.ReaderAt, size int64) (*Package, error) {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, bad("not a readable ZIP file (%v)", err)
	}
	p := &Package{zr: zr, byName: map[string]*zip.File{}}
	for _, f := range zr.File {
		if strings.HasSuffix(f.Name, "/") {
			continue
		}
		root, _, ok := strings.Cut(f.Name, "/")
		if !ok || (p.ID != "" && root != p.ID) {
			return nil, bad("%q lies outside the one root folder", f.Name)
		}
		p.ID = root
		p.byName[f.Name] = f
	}
	if p.ID == "" {
		return nil, bad("the ZIP file is empty")
	}
	if err := p.readMETS(p.ID+"/METS.xml", &p.Root); err != nil {
		return nil, err
	}
	if p.Root.OBJID != p.ID {
		return nil, bad("METS.xml's OBJID %q is not the root folder's name %q", p.Root.OBJID, p.ID)
	}
	listed := map[string]bool{p.ID + "/METS.xml": true}
	if err := p.checkFiles(p.Root, p.ID, listed); err != nil {
		return nil, err
	}
	repMETS := p.ID + "/" + rep + "/METS.xml"
	if !listed[repMETS] {
		return nil, bad("the root METS.xml does not list %s", rep+"/METS.xml")
	}
	if err := p.readMETS(repMETS, &p.Rep); err != nil {
		return nil, err
	}
	if err := p.checkFiles(p.Rep, p.ID+"/"+rep, listed); err != nil {
		return nil, err
	}
	for name := range p.byName {
		if !listed[name] {
			return nil, bad("%s is in the package but in no METS fileSec", name)
		}
	}
	return p, nil
}

func (p *Package) readMETS(name string, into *METS) error {
	f, ok := p.byName[name]
	if !ok {
		return bad("%s is missing", strings.TrimPrefix(name, p.ID+"/"))
	}
	rc, err := f.Open()
	if err != nil {
		return bad("%s: %v", name, err)
	}
	defer rc.Close()
	if err := xml.NewDecoder(io.LimitReader(rc, 64<<20)).Decode(into); err != nil {
		return bad("%s is not readable METS (%v)", name, err)
	}
	return nil
}

// checkFiles checks the files a METS lists in its fileSec and the metadata files its
// dmdSecs and digiprovMDs reference.
func (p *Package) checkFiles(m METS, dir string, listed map[string]bool) error {
	for _, d := range append(append([]MdSec{}, m.DmdSecs...), m.DigiprovMDs...) {
		for _, r := range d.MdRefs {
			if err := p.checkFile(d.ID, r.Href, r.SIZE, r.CHECKSUM, r.CHECKSUMTYPE, dir, listed); err != nil {
				return err
			}
		}
	}
	for _, g := range m.FileGrps {
		for _, f := range g.Files {
			if len(f.FLocat) != 1 {
				return bad("file %s has %d FLocat", f.ID, len(f.FLocat))
			}
			if err := p.checkFile(f.ID, f.FLocat[0].Href, f.SIZE, f.CHECKSUM, f.CHECKSUMTYPE, dir, listed); err != nil {
				return err
			}
		}
	}
	return nil
}

// checkFile checks that the file at href (relative to dir) is in the package with the
// size and SHA-256 its METS gives, and marks it listed.
func (p *Package) checkFile(id, href, size, checksum, checksumType, dir string, listed map[string]bool) error {
	if href == "" || path.IsAbs(href) || strings.Contains(href, "..") || strings.Contains(href, "://") {
		return bad("%s has no relative location", id)
	}
	name := dir + "/" + href
	zf, ok := p.byName[name]
	if !ok {
		return bad("%s is listed in METS but missing", href)
	}
	if checksumType != "SHA-256" {
		return bad("%s: checksum type %q, want SHA-256", id, checksumType)
	}
	n, sum, err := digest(zf)
	if err != nil {
		return bad("%s: %v", href, err)
	}
	if strconv.FormatInt(n, 10) != size {
		return bad("%s: size %d, METS says %s", href, n, size)
	}
	if !strings.EqualFold(sum, checksum) {
		return bad("%s: checksum does not match METS", href)
	}
	listed[name] = true
	return nil
}

func digest(f *zip.File) (int64, string, error) {
	rc, err := f.Open()
	if err != nil {
		return 0, "", err
	}
	defer rc.Close()
	h := sha256.New()
	n, err := io.Copy(h, rc)
	if err != nil {
		return 0, "", err
	}
	return n, hex.EncodeToString(h.Sum(nil)), nil
}

// Has reports whether the package holds a data file for table.
func (p *Package) Has(table string) bool {
	_, ok := p.byName[dataPath(p.ID, table)]
	return ok
}

// Rows decodes a table's data file and calls fn once per row, in file order. Numbers
// come as json.Number so that ids keep all their digits.
func (p *Package) Rows(table string, fn func(row map[string]any) error) error {
	f, ok := p.byName[dataPath(p.ID, table)]
	if !ok {
		return bad("no data file for %s", table)
	}
	rc, err := f.Open()
	if err != nil {
		return bad("%s: %v", table, err)
	}
	defer rc.Close()
	dec := json.NewDecoder(rc)
	dec.UseNumber()
	if t, err := dec.Token(); err != nil || t != json.Delim('[') {
		return bad("%s.json is not a JSON array", table)
	}
	for dec.More() {
		var row map[string]any
		if err := dec.Decode(&row); err != nil {
			return bad("%s.json: %v", table, err)
		}
		if err := fn(row); err != nil {
			return err
		}
	}
	if _, err := dec.Token(); err != nil {
		return bad("%s.json: %v", table, err)
	}
	return nil
}
