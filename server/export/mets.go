package export

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
	"time"
)

// attr escapes a value for an XML attribute in double quotes.
func attr(s string) string {
	var b bytes.Buffer
	xml.EscapeText(&b, []byte(s))
	return strings.ReplaceAll(b.String(), `"`, "&#34;")
}

func stamp(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05Z") }

const metsOpen = `<?xml version="1.0" encoding="UTF-8"?>
<mets xmlns="` + nsMETS + `" xmlns:csip="` + nsCSIP + `" xmlns:sip="` + nsSIP + `" xmlns:xlink="` + nsXLink + `" xmlns:xsi="` + nsXSI + `"
  xsi:schemaLocation="` + nsMETS + ` http://www.loc.gov/standards/mets/mets.xsd ` + nsXLink + ` http://www.loc.gov/standards/xlink/xlink.xsd ` + nsCSIP + ` https://earkcsip.dilcis.eu/schema/DILCISExtensionMETS.xsd ` + nsSIP + ` https://earksip.dilcis.eu/schema/DILCISExtensionSIPMETS.xsd"
`

// header writes metsHdr with the agents CSIP and SIP ask for: the software that made the
// package, the archival creator (the organisation), the submitting organisation and the
// person who ran the export as contact.
func header(w io.Writer, a Archive) {
	fmt.Fprintf(w, `  <metsHdr CREATEDATE="%s" RECORDSTATUS="NEW" csip:OAISPACKAGETYPE="SIP">
    <agent ROLE="CREATOR" TYPE="OTHER" OTHERTYPE="SOFTWARE">
      <name>%s</name>
      <note csip:NOTETYPE="SOFTWARE VERSION">%s</note>
    </agent>
    <agent ROLE="ARCHIVIST" TYPE="ORGANIZATION">
      <name>%s</name>
      <note csip:NOTETYPE="IDENTIFICATIONCODE">%s</note>
    </agent>
    <agent ROLE="CREATOR" TYPE="ORGANIZATION">
      <name>%s</name>
      <note csip:NOTETYPE="IDENTIFICATIONCODE">%s</note>
    </agent>
`, stamp(a.Created), attr(a.Software), attr(a.SoftwareVersion), attr(a.Organization), attr(a.OrganizationCode),
		attr(a.Organization), attr(a.OrganizationCode))
	if a.ContactPerson != "" {
		fmt.Fprintf(w, `    <agent ROLE="CREATOR" TYPE="INDIVIDUAL">
      <name>%s</name>
    </agent>
`, attr(a.ContactPerson))
	}
	io.WriteString(w, "  </metsHdr>\n")
}

// fileElem writes one file with its FLocat; the href is relative to the METS file.
func fileElem(w io.Writer, id string, f fileEntry, created time.Time) {
	fmt.Fprintf(w, `      <file ID="%s" MIMETYPE="%s" SIZE="%d" CREATED="%s" CHECKSUM="%s" CHECKSUMTYPE="SHA-256">
        <FLocat LOCTYPE="URL" xlink:type="simple" xlink:href="%s"/>
      </file>
`, id, f.MIMEType, f.Size, stamp(created), f.SHA256, attr(f.Path))
}

// contentInformationType is the content information type of the package and of its
// representation (CSIP4, CSIP5, and CSIP62-63 on the representation's file group): no
// CITS fits Samspel's JSON tables, so OTHER with Samspel's own name for its format.
const contentInformationType = `csip:CONTENTINFORMATIONTYPE="OTHER" csip:OTHERCONTENTINFORMATIONTYPE="Samspel term export 1"`

// amdSec writes the administrative metadata section: one digiprovMD that references
// the PREMIS file (CSIP31-44).
func amdSec(w io.Writer, premis fileEntry, created time.Time) {
	fmt.Fprintf(w, `  <amdSec ID="amdsec">
    <digiprovMD ID="digiprov-premis" CREATED="%s" STATUS="CURRENT">
      <mdRef LOCTYPE="URL" MDTYPE="PREMIS" MDTYPEVERSION="3.0" MIMETYPE="%s" SIZE="%d" CREATED="%s" CHECKSUM="%s" CHECKSUMTYPE="SHA-256" xlink:type="simple" xlink:href="%s"/>
    </digiprovMD>
  </amdSec>
`, stamp(created), premis.MIMEType, premis.Size, stamp(created), premis.SHA256, attr(premis.Path))
}

func writeRootMETS(w io.Writer, a Archive, dc, premis fileEntry, docs, schemas []fileEntry, repMETS fileEntry) error {
	var b bytes.Buffer
	b.WriteString(metsOpen)
	fmt.Fprintf(&b, `  OBJID="%s" LABEL="%s" TYPE="Databases" %s PROFILE="%s">
`, attr(a.ID), attr("Samspel: "+a.Organization+", mandatperioden "+a.Term), contentInformationType, ProfileSIP)
	header(&b, a)
	created := stamp(a.Created)
	fmt.Fprintf(&b, `  <dmdSec ID="dmd-dc" CREATED="%s" STATUS="CURRENT">
    <mdRef LOCTYPE="URL" MDTYPE="DC" MIMETYPE="%s" SIZE="%d" CREATED="%s" CHECKSUM="%s" CHECKSUMTYPE="SHA-256" xlink:type="simple" xlink:href="%s"/>
  </dmdSec>
`, created, dc.MIMEType, dc.Size, created, dc.SHA256, dc.Path)
	amdSec(&b, premis, a.Created)
	b.WriteString("  <fileSec ID=\"filesec\">\n")
	b.WriteString("    <fileGrp ID=\"grp-documentation\" USE=\"Documentation\">\n")
	for i, f := range docs {
		fileElem(&b, fmt.Sprintf("file-doc-%d", i+1), f, a.Created)
	}
	b.WriteString("    </fileGrp>\n    <fileGrp ID=\"grp-schemas\" USE=\"Schemas\">\n")
	for i, f := range schemas {
		fileElem(&b, fmt.Sprintf("file-schema-%d", i+1), f, a.Created)
	}
	b.WriteString("    </fileGrp>\n    <fileGrp ID=\"grp-rep1\" USE=\"Representations/rep1\" " + contentInformationType + ">\n")
	fileElem(&b, "file-rep1-mets", repMETS, a.Created)
	b.WriteString("    </fileGrp>\n  </fileSec>\n")
	fmt.Fprintf(&b, `  <structMap ID="structmap-csip" TYPE="PHYSICAL" LABEL="CSIP">
    <div ID="div-root" LABEL="%s">
      <div ID="div-metadata" LABEL="Metadata" ADMID="digiprov-premis" DMDID="dmd-dc"/>
      <div ID="div-documentation" LABEL="Documentation">
        <fptr FILEID="grp-documentation"/>
      </div>
      <div ID="div-schemas" LABEL="Schemas">
        <fptr FILEID="grp-schemas"/>
      </div>
      <div ID="div-rep1" LABEL="Representations/rep1">
        <mptr LOCTYPE="URL" xlink:type="simple" xlink:href="%s/METS.xml" xlink:title="grp-rep1"/>
      </div>
    </div>
  </structMap>
</mets>
`, attr(a.ID), rep)
	_, err := w.Write(b.Bytes())
	return err
}

func writeRepresentationMETS(w io.Writer, a Archive, data []fileEntry, premis fileEntry) error {
	var b bytes.Buffer
	b.WriteString(metsOpen)
	fmt.Fprintf(&b, `  OBJID="%s" LABEL="%s" TYPE="Databases" %s PROFILE="%s">
`, attr(a.ID+"-rep1"), attr("Samspel: data, mandatperioden "+a.Term), contentInformationType, ProfileSIP)
	header(&b, a)
	amdSec(&b, premis, a.Created)
	b.WriteString("  <fileSec ID=\"filesec\">\n    <fileGrp ID=\"grp-data\" USE=\"Data\">\n")
	for i, f := range data {
		fileElem(&b, fmt.Sprintf("file-data-%d", i+1), f, a.Created)
	}
	b.WriteString("    </fileGrp>\n  </fileSec>\n")
	b.WriteString(`  <structMap ID="structmap-csip" TYPE="PHYSICAL" LABEL="CSIP">
    <div ID="div-root" LABEL="rep1">
      <div ID="div-metadata" LABEL="Metadata" ADMID="digiprov-premis"/>
      <div ID="div-data" LABEL="Data">
        <fptr FILEID="grp-data"/>
      </div>
    </div>
  </structMap>
</mets>
`)
	_, err := w.Write(b.Bytes())
	return err
}

// writeDublinCore writes a simple Dublin Core description of the package.
func writeDublinCore(w io.Writer, a Archive) error {
	_, err := fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?>
<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <dc:title>%s</dc:title>
  <dc:creator>%s</dc:creator>
  <dc:date>%s/%s</dc:date>
  <dc:description>Den gemensamma dokumentationen av samspelet mellan kommunstyrelsens ordförande och kommundirektören under mandatperioden %s: möten, minnesanteckningar, beslut, åtgärder, rollfördelning, instruktion, överenskommelser, avsteg, krisperioder, uppföljning av politiska beslut och loggen.</dc:description>
  <dc:language>sv</dc:language>
  <dc:identifier>%s</dc:identifier>
  <dc:type>Dataset</dc:type>
  <dc:format>application/json</dc:format>
</oai_dc:dc>
`, attr("Samspel, "+a.Organization+", mandatperioden "+a.Term), attr(a.Organization), a.TermStart, a.TermEnd, attr(a.Term), attr(a.ID))
	return err
}
