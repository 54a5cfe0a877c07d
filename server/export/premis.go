package export

import (
	"fmt"
	"io"
	"strconv"
)

// PREMIS 3.0 preservation metadata (CSIP 5.4, CSIP31-44). Each METS file's amdSec
// references one PREMIS file in the metadata/preservation folder beside it, and each
// PREMIS file describes the files its METS lists: the representation's
// (representations/rep1/metadata/preservation/premis.xml) its data files, the package's
// (metadata/preservation/premis.xml) the documentation, the schemas, the descriptive
// metadata and the representation's METS.xml and PREMIS file. Both record the same
// event, the making of this package, and its agents, so that either file on its own
// says where its files came from. A PREMIS file is written after the files it
// describes, when their sizes and checksums are known, and before its METS.

const (
	nsPREMIS     = "http://www.loc.gov/premis/v3"
	premisSchema = "https://www.loc.gov/standards/premis/v3/premis-v3-0.xsd"
	premisFile   = "metadata/preservation/premis.xml"

	// The Library of Congress vocabularies for PREMIS semantic units.
	vocabEventType  = "http://id.loc.gov/vocabulary/preservation/eventType"
	vocabAgentRole  = "http://id.loc.gov/vocabulary/preservation/eventRelatedAgentRole"
	vocabObjectRole = "http://id.loc.gov/vocabulary/preservation/eventRelatedObjectRole"
	vocabAgentType  = "http://id.loc.gov/vocabulary/preservation/agentType"
	vocabHash       = "http://id.loc.gov/vocabulary/preservation/cryptographicHashFunctions"
)

// premisObject is one file a PREMIS file describes; ID is its path from the package's
// root folder, unique in the package whichever METS lists the file.
type premisObject struct {
	ID string
	fileEntry
}

// premisIDs are the identifiers of the event and agents, the same in both PREMIS files.
func premisEventID(a Archive) string { return a.ID + "/information-package-creation" }

const premisSoftwareID = "samspel"

// premisPersonID identifies who made the export by their id in Samspel, not by name or
// e-mail: preservation metadata is kept as long as the package and copied into the
// archive's systems, and the name is already where a person's data can be handled
// (the METS header's contact agent, people.json). The id leads to the person through
// people.json or the organisation's own Samspel audit log ("archive.export").
func premisPersonID(a Archive) string {
	if a.ContactPersonID == 0 {
		return ""
	}
	return "samspel-person-" + strconv.FormatInt(a.ContactPersonID, 10)
}

// errWriter keeps the first write error, so that a long document is written with
// plain Fprintf calls and checked once.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) printf(format string, args ...any) {
	if e.err == nil {
		_, e.err = fmt.Fprintf(e.w, format, args...)
	}
}

// writePREMIS writes one PREMIS document: with representation set, first an object for
// the representation that includes the files; then one file object per file with its
// size, SHA-256 and format; the event of making the package, with the files as its
// outcome; and the agents.
func writePREMIS(w io.Writer, a Archive, objects []premisObject, representation string) error {
	e := &errWriter{w: w}
	e.printf(`<?xml version="1.0" encoding="UTF-8"?>
<premis xmlns="%s" xmlns:xsi="%s" xsi:schemaLocation="%s %s" version="3.0">
`, nsPREMIS, nsXSI, nsPREMIS, premisSchema)
	if representation != "" {
		e.printf(`  <object xsi:type="representation">
    <objectIdentifier>
      <objectIdentifierType>local</objectIdentifierType>
      <objectIdentifierValue>%s</objectIdentifierValue>
    </objectIdentifier>
    <relationship>
      <relationshipType authority="relationshipType" authorityURI="http://id.loc.gov/vocabulary/preservation/relationshipType">structural</relationshipType>
      <relationshipSubType authority="relationshipSubType" authorityURI="http://id.loc.gov/vocabulary/preservation/relationshipSubType">includes</relationshipSubType>
`, attr(representation))
		for _, o := range objects {
			e.printf(`      <relatedObjectIdentifier>
        <relatedObjectIdentifierType>local</relatedObjectIdentifierType>
        <relatedObjectIdentifierValue>%s</relatedObjectIdentifierValue>
      </relatedObjectIdentifier>
`, attr(o.ID))
		}
		e.printf(`    </relationship>
    <linkingEventIdentifier>
      <linkingEventIdentifierType>local</linkingEventIdentifierType>
      <linkingEventIdentifierValue>%s</linkingEventIdentifierValue>
    </linkingEventIdentifier>
  </object>
`, attr(premisEventID(a)))
	}
	for _, o := range objects {
		e.printf(`  <object xsi:type="file">
    <objectIdentifier>
      <objectIdentifierType>local</objectIdentifierType>
      <objectIdentifierValue>%s</objectIdentifierValue>
    </objectIdentifier>
    <objectCharacteristics>
      <compositionLevel>0</compositionLevel>
      <fixity>
        <messageDigestAlgorithm authority="cryptographicHashFunctions" authorityURI="%s">SHA-256</messageDigestAlgorithm>
        <messageDigest>%s</messageDigest>
        <messageDigestOriginator>%s</messageDigestOriginator>
      </fixity>
      <size>%d</size>
      <format>
        <formatDesignation>
          <formatName>%s</formatName>
        </formatDesignation>
      </format>
      <creatingApplication>
        <creatingApplicationName>%s</creatingApplicationName>
        <creatingApplicationVersion>%s</creatingApplicationVersion>
        <dateCreatedByApplication>%s</dateCreatedByApplication>
      </creatingApplication>
    </objectCharacteristics>
    <linkingEventIdentifier>
      <linkingEventIdentifierType>local</linkingEventIdentifierType>
      <linkingEventIdentifierValue>%s</linkingEventIdentifierValue>
    </linkingEventIdentifier>
  </object>
`, attr(o.ID), vocabHash, o.SHA256, attr(a.Software), o.Size, attr(o.MIMEType),
			attr(a.Software), attr(a.SoftwareVersion), stamp(a.Created), attr(premisEventID(a)))
	}

	e.printf(`  <event>
    <eventIdentifier>
      <eventIdentifierType>local</eventIdentifierType>
      <eventIdentifierValue>%s</eventIdentifierValue>
    </eventIdentifier>
    <eventType authority="eventType" authorityURI="%s" valueURI="%s/ipc">information package creation</eventType>
    <eventDateTime>%s</eventDateTime>
    <eventDetailInformation>
      <eventDetail>%s</eventDetail>
    </eventDetailInformation>
    <eventOutcomeInformation>
      <eventOutcome>success</eventOutcome>
      <eventOutcomeDetail>
        <eventOutcomeDetailNote>%s</eventOutcomeDetailNote>
      </eventOutcomeDetail>
    </eventOutcomeInformation>
`, attr(premisEventID(a)), vocabEventType, vocabEventType, stamp(a.Created),
		attr("Export ur "+a.Software+" "+a.SoftwareVersion+" av "+a.Organization+"s handlingar från mandatperioden "+a.Term+
			" som informationspaket enligt E-ARK SIP 2.1.0 (FGS Paketstruktur 2.0)."),
		attr("Storlek och SHA-256 för varje fil beräknades när filen skrevs och är desamma som i METS.xml."))
	agentLink := func(id, role, code string) {
		valueURI := ""
		if code != "" {
			valueURI = fmt.Sprintf(` valueURI="%s/%s"`, vocabAgentRole, code)
		}
		e.printf(`    <linkingAgentIdentifier>
      <linkingAgentIdentifierType>local</linkingAgentIdentifierType>
      <linkingAgentIdentifierValue>%s</linkingAgentIdentifierValue>
      <linkingAgentRole authority="eventRelatedAgentRole" authorityURI="%s"%s>%s</linkingAgentRole>
    </linkingAgentIdentifier>
`, attr(id), vocabAgentRole, valueURI, role)
	}
	agentLink(premisSoftwareID, "executing program", "exe")
	if id := premisPersonID(a); id != "" {
		agentLink(id, "implementer", "imp")
	}
	agentLink(a.OrganizationCode, "authorizer", "")
	if representation != "" {
		e.printf(`    <linkingObjectIdentifier>
      <linkingObjectIdentifierType>local</linkingObjectIdentifierType>
      <linkingObjectIdentifierValue>%s</linkingObjectIdentifierValue>
      <linkingObjectRole authority="eventRelatedObjectRole" authorityURI="%s">outcome</linkingObjectRole>
    </linkingObjectIdentifier>
`, attr(representation), vocabObjectRole)
	}
	for _, o := range objects {
		e.printf(`    <linkingObjectIdentifier>
      <linkingObjectIdentifierType>local</linkingObjectIdentifierType>
      <linkingObjectIdentifierValue>%s</linkingObjectIdentifierValue>
      <linkingObjectRole authority="eventRelatedObjectRole" authorityURI="%s">outcome</linkingObjectRole>
    </linkingObjectIdentifier>
`, attr(o.ID), vocabObjectRole)
	}
	e.printf("  </event>\n")

	agent := func(id, name, typ, version, note string) {
		e.printf(`  <agent>
    <agentIdentifier>
      <agentIdentifierType>local</agentIdentifierType>
      <agentIdentifierValue>%s</agentIdentifierValue>
    </agentIdentifier>
    <agentName>%s</agentName>
    <agentType authority="agentType" authorityURI="%s">%s</agentType>
`, attr(id), attr(name), vocabAgentType, typ)
		if version != "" {
			e.printf("    <agentVersion>%s</agentVersion>\n", attr(version))
		}
		if note != "" {
			e.printf("    <agentNote>%s</agentNote>\n", attr(note))
		}
		e.printf("  </agent>\n")
	}
	agent(premisSoftwareID, a.Software, "software", a.SoftwareVersion, "")
	if id := premisPersonID(a); id != "" {
		who := "Administratör eller registrator i " + a.Software
		if a.PersonalFor != "" {
			who = "Personen vars personliga export detta är"
		}
		agent(id, "Den som exporterade paketet", "person", "",
			who+", här angiven med sitt id i "+a.Software+" och inte med namn. Id:t leder till personen genom "+
				"people.json eller organisationens logg i "+a.Software+".")
	}
	agent(a.OrganizationCode, a.Organization, "organization", "", "Arkivbildare och den som lämnar paketet.")
	e.printf("</premis>\n")
	return e.err
}
