#!/usr/bin/python3
"""Checks a METS.xml with the E-ARK validator's own Schematron rules.

    schematron.py [--representation] [--upstream] [--verbose] [--rules DIR] [--vocabularies DIR] METS.xml

This does what eark-validator v1.1.3 (github.com/E-ARK-Software/eark-validator,
Apache-2.0) does with its rules, re-written here to be read, not copied:

 1. Each rule file is read as text and its placeholders are replaced, by plain
    string replacement, with XPath tests built from the vocabularies:
    "@TYPE_vocabulary_test" becomes "(@TYPE = 'Software') or (@TYPE = 'Datasets') or ...",
    one "(ATTRIBUTE = 'TERM')" per <Term> of the attribute's vocabulary (the validator
    downloads them from earkcsip.dilcis.eu/schema/; here they are the CSIP 2.1.0 files
    beside this script), and "@MIMETYPE_IANA_test" becomes one "(@MIMETYPE = '...')"
    per line of the validator's list of IANA media types.
 2. Each filled file is compiled by lxml's isoschematron (XSLT 1) and run over the
    METS file. Every svrl:failed-assert and svrl:successful-report is a result; its
    severity is the assert's @role (ERROR, WARN, INFO; ERROR when missing) and its
    rule id is the assert's @id up to the first "_" (CSIP20_1 -> CSIP20).
 3. The validator runs the CSIP rules for the sections of the CSIP profile
    (metsRootElement, metsHdr, dmdSec, amdSec, fileSec, structMap, behaviorSec; not
    structLink) over the package's root METS.xml, and then the SIP rules for the same
    sections when metsHdr/@csip:OAISPACKAGETYPE is "SIP". A package is invalid when
    any result is an ERROR.

The validator runs no Schematron over a representation's METS.xml. CSIP describes a
representation METS with the same requirements (CSIP1, CSIP4), so --representation runs
the same rules over it, minus those that describe only the package's root METS
(REPRESENTATION_SKIPS below).

The upstream rule files are used unmodified; CORRECTIONS lists every rule this script
runs differently, with the reason. --upstream runs the rules exactly as the validator
does, to see what the corrections change.

Prints each ERROR and WARN result (and with --verbose each INFO) as
"SEVERITY RULE-ID at LOCATION: message" and exits 1 when any is an ERROR, 2 when the
rules or the METS file cannot be read.
"""

import argparse
import os
import re
import sys
from dataclasses import dataclass

from lxml import etree
from lxml.isoschematron import Schematron

HERE = os.path.dirname(os.path.abspath(__file__))
SCHEMAS = os.path.join(HERE, "archive-schemas")
RULES = os.path.join(SCHEMAS, "schematron", "eark-validator-V2.1.0")
VOCABULARIES = os.path.join(SCHEMAS, "vocabularies")

SCH = "http://purl.oclc.org/dsdl/schematron"
SVRL = "http://purl.oclc.org/dsdl/svrl"
METS = "http://www.loc.gov/METS/"
CSIP = "https://DILCIS.eu/XML/METS/CSIPExtensionMETS"

# The sections of the CSIP and SIP 2.1.0 profiles (structural_requirements), in order:
# the validator runs mets_<section>_rules.xml for each.
SECTIONS = ["metsRootElement", "metsHdr", "dmdSec", "amdSec", "fileSec", "structMap", "behaviorSec"]

# The placeholders and the vocabularies they are built from (the validator's
# SchematronTests, with its URLs replaced by the same files of CSIP 2.1.0).
VOCABULARY_TESTS = {
    "@TYPE": "CSIPVocabularyContentCategory.xml",
    "@csip:CONTENTINFORMATIONTYPE": "CSIPVocabularyContentInformationType.xml",
    "@csip:OAISPACKAGETYPE": "CSIPVocabularyOAISPackageType.xml",
    "@STATUS": "CSIPVocabularyStatus.xml",
}
IANA = "IANA-media-types.txt"


@dataclass
class Correction:
    reason: str
    context: str = ""  # a new rule context for the assert ("" keeps the upstream one)
    test: str = ""  # a new test ("" keeps the upstream one)
    skip: bool = False  # the assert is not run at all


HDR = "/mets:mets/mets:metsHdr"
SOFTWARE = "mets:agent[@ROLE = 'CREATOR'][@TYPE = 'OTHER'][@OTHERTYPE = 'SOFTWARE']"
MAIN_DIV = "/mets:mets/mets:structMap[@LABEL = 'CSIP']/mets:div"
# A representation division: a division of the main div other than the Metadata,
# Documentation, Schemas and content ("Representations") divisions.
REP_DIV = (MAIN_DIV + "/mets:div[not(@LABEL = 'Metadata' or @LABEL = 'Documentation'"
           " or @LABEL = 'Schemas' or @LABEL = 'Representations')]")

# Keyed by "SPEC/assert id": the SIP files reuse the ids CSIP73-76 for other reports.
CORRECTIONS = {
    # CSIP10-16 describe the one agent that records the software that made the package.
    # Upstream asserts CSIP12-16 on every agent with ROLE="CREATOR", and SIP itself gives
    # that role to the submitting agent (SIP15-20, TYPE ORGANIZATION or INDIVIDUAL, a note
    # typed IDENTIFICATIONCODE) and to the contact person (SIP21-25, TYPE INDIVIDUAL), so
    # every SIP with a submitter fails them. Corrected: metsHdr has a creator agent that
    # meets each requirement.
    "CSIP/CSIP12": Correction(
        "asserted on every CREATOR agent, also SIP's submitting agent and contact person",
        context=HDR, test="mets:agent[@ROLE = 'CREATOR'][@TYPE = 'OTHER']"),
    "CSIP/CSIP13": Correction(
        "asserted on every CREATOR agent, also SIP's submitting agent and contact person",
        context=HDR, test="mets:agent[@ROLE = 'CREATOR'][@TYPE = 'OTHER'][@OTHERTYPE = 'SOFTWARE']"),
    "CSIP/CSIP14": Correction(
        "asserted on every CREATOR agent, also SIP's submitting agent and contact person",
        context=HDR, test=SOFTWARE + "[count(mets:name) = 1 and mets:name != '']"),
    "CSIP/CSIP15": Correction(
        "asserted on every CREATOR agent, also SIP's submitting agent and contact person",
        context=HDR, test=SOFTWARE + "[count(mets:note) = 1 and mets:note != '']"),
    "CSIP/CSIP16": Correction(
        "asserted on every CREATOR agent, also SIP's submitting agent and contact person",
        context=HDR, test=SOFTWARE + "/mets:note[@csip:NOTETYPE = 'SOFTWARE VERSION']"),
    # CSIP63: OTHERCONTENTINFORMATIONTYPE must be given when the file group's
    # CONTENTINFORMATIONTYPE is OTHER. Upstream's second branch,
    # "@csip:CONTENTINFORMATIONTYPE != 'OTHER' and not(@csip:CONTENTINFORMATIONTYPE)",
    # can never be true (a comparison with a missing attribute is false), so the assert
    # fails for every file group that is not OTHER, i.e. for every package.
    "CSIP/CSIP63": Correction(
        "its test is false for every fileGrp that is not OTHER",
        test="not(@csip:CONTENTINFORMATIONTYPE = 'OTHER') or @csip:OTHERCONTENTINFORMATIONTYPE != ''"),
    # Within one pattern a node fires only the first rule whose context matches it. The
    # rule of CSIP83-84 follows one for every structMap (CSIP81-82) in the same pattern,
    # so it never runs: a structMap without ID or div passes upstream. Same context, in
    # a pattern of its own.
    "CSIP/CSIP83": Correction("never runs: an earlier rule of its pattern matches the same structMap",
                              context="/mets:mets/mets:structMap[@LABEL = 'CSIP']"),
    "CSIP/CSIP84": Correction("never runs: an earlier rule of its pattern matches the same structMap",
                              context="/mets:mets/mets:structMap[@LABEL = 'CSIP']"),
    # CSIP101-104 describe the content division, labelled "Representations", that CSIP
    # uses "when no representations are present"; CSIP105-112 the representation
    # divisions, labelled "Representations/<folder>", each with an mptr to the
    # representation's METS.xml (CSIP's structMapExample2). Upstream requires the content
    # division in every package (CSIP101, CSIP103) and looks for the representation
    # divisions inside it (CSIP105-112), where CSIP never puts them: a package with
    # representations fails CSIP103, and CSIP106-112 never run.
    "CSIP/CSIP101": Correction(
        "requires a content division also when representation divisions describe the content",
        test="mets:div[@LABEL = 'Representations'] or mets:div[starts-with(@LABEL, 'Representations/')]"),
    "CSIP/CSIP103": Correction(
        "requires a content division also when representation divisions describe the content",
        test="mets:div[@LABEL = 'Representations'] or mets:div[starts-with(@LABEL, 'Representations/')]"),
    "CSIP/CSIP105": Correction(
        "looks for the representation divisions inside the content division",
        test="count(mets:div[starts-with(@LABEL, 'Representations/')]) >="
             " count(/mets:mets/mets:fileSec/mets:fileGrp[starts-with(@USE, 'Representations/')])"),
    "CSIP/CSIP106": Correction("its context (inside the content division) never matches", context=REP_DIV),
    "CSIP/CSIP107": Correction(
        "its context never matches; its test only checked that a LABEL is there, not its value",
        context=REP_DIV, test="starts-with(@LABEL, 'Representations/')"),
    "CSIP/CSIP109": Correction("its context never matches", context=REP_DIV),
    "CSIP/CSIP108": Correction("its context never matches", context=REP_DIV + "/mets:mptr"),
    "CSIP/CSIP110": Correction("its context never matches", context=REP_DIV + "/mets:mptr"),
    "CSIP/CSIP111": Correction("its context never matches", context=REP_DIV + "/mets:mptr"),
    "CSIP/CSIP112": Correction("its context never matches", context=REP_DIV + "/mets:mptr"),
    # CSIP92: the Metadata division SHOULD reference every current dmdSec in @DMDID.
    # Upstream asserts @DMDID on every Metadata division, so a METS with administrative
    # metadata and no descriptive metadata (a representation's METS.xml that references
    # only its PREMIS file) is warned although it has nothing to reference, and a DMDID
    # pointing nowhere would be invalid METS. Corrected: asked for when a current dmdSec
    # exists.
    "CSIP/CSIP92": Correction(
        "warns about a missing DMDID when the METS has no descriptive metadata to reference",
        test="@DMDID or not(/mets:mets/mets:dmdSec[@STATUS = 'CURRENT'])"),
    # SIP9-14 describe the archival creator agent (ROLE="ARCHIVIST" in SIP's
    # metsHdrAgentExample1), SIP15-20 the submitting agent and SIP21-25 the contact
    # person (both ROLE="CREATOR"). Upstream's rule for SIP11 (TYPE is ORGANIZATION or
    # INDIVIDUAL) follows one for every agent (SIP10) in the same pattern, so it never
    # runs (nor do the INFO reports SIP12-13, and SIP9 behind another metsHdr rule); its
    # context, every CREATOR agent, would include CSIP's mandatory software agent
    # (TYPE="OTHER", CSIP12) and leave out the archivist. Corrected: in a pattern of its
    # own, on the archivist and the creators other than the software.
    "SIP/SIP11": Correction(
        "never runs (an earlier rule of its pattern matches every agent); its context "
        "includes the software agent, whose TYPE must be OTHER, and not the archival creator",
        context=HDR + "/mets:agent[@ROLE = 'ARCHIVIST' or @ROLE = 'CREATOR']"
                      "[not(@TYPE = 'OTHER' and @OTHERTYPE = 'SOFTWARE')]"),
    # SIP14 (and SIP20, SIP31): the archival creator's note is typed with
    # csip:NOTETYPE="IDENTIFICATIONCODE". Upstream tests an attribute NOTETYPE without
    # namespace, which no valid METS has, on every note of every CREATOR agent, so it
    # fails for the software agent's note (SOFTWARE VERSION) and for every correct note.
    "SIP/SIP14": Correction(
        "tests NOTETYPE without the csip namespace, and on the software agent's note",
        context=HDR + "/mets:agent[@ROLE = 'ARCHIVIST' or @ROLE = 'CREATOR'][@TYPE = 'ORGANIZATION']/mets:note",
        test="@csip:NOTETYPE = 'IDENTIFICATIONCODE'"),
}

# Rules left out for a representation's METS.xml: they describe what only the package's
# root METS has (CSIP60, CSIP113, CSIP114: the Documentation, Schemas and
# Representations file groups; CSIP88-CSIP105: the package's Metadata, Documentation,
# Schemas and content divisions; CSIP106-CSIP112: the divisions that point to
# representations' METS files). A representation lists its own files in file groups
# and divisions of its choosing (Samspel's: "Data").
REPRESENTATION_SKIPS = {
    "CSIP/" + i for i in "CSIP60 CSIP113 CSIP114 CSIP88 CSIP90 CSIP93 CSIP95 CSIP97 CSIP99 "
                         "CSIP101 CSIP103 CSIP105 CSIP106 CSIP107 CSIP108 CSIP109 CSIP110 "
                         "CSIP111 CSIP112".split()
}


def terms(vocabularies, vocabulary):
    """The <Term> values of a DILCIS vocabulary file, in order. (The validator takes, from
    each line containing "Term", the text between the first ">" and the next "<": the same
    values for these files.)"""
    tree = etree.parse(os.path.join(vocabularies, vocabulary))
    return [t.text for t in tree.iter("{*}Term")]


def placeholder_tests(vocabularies):
    tests = {}
    for attribute, vocabulary in VOCABULARY_TESTS.items():
        tests[attribute + "_vocabulary_test"] = " or ".join(
            f"({attribute} = '{quoted(term)}')" for term in terms(vocabularies, vocabulary))
    with open(os.path.join(vocabularies, IANA), encoding="utf-8") as f:
        types = [line.strip() for line in f if line.strip()]
    tests["@MIMETYPE_IANA_test"] = " or ".join(f"(@MIMETYPE = '{quoted(t)}')" for t in types)
    return tests


def quoted(term):
    if "'" in term or '"' in term or "&" in term or "<" in term:
        raise ValueError(f"vocabulary term {term!r} cannot be put in an XPath string")
    return term


def load_rules(rules, spec, section, tests, corrections, skips):
    """The rule file's Schematron with its placeholders filled and the corrections made."""
    path = os.path.join(rules, spec, f"mets_{section}_rules.xml")
    with open(path, encoding="utf-8") as f:
        text = f.read()
    for name, test in tests.items():
        text = text.replace(name, test)
    schema = etree.XML(text.encode("utf-8"))
    changed = set()

    def remove(elem):
        rule = elem.getparent()
        rule.remove(elem)
        if not rule.findall(f"{{{SCH}}}assert") and not rule.findall(f"{{{SCH}}}report"):
            rule.getparent().remove(rule)  # Schematron allows no empty rule

    for elem in list(schema.iter(f"{{{SCH}}}assert", f"{{{SCH}}}report")):
        key = f"{spec}/{elem.get('id')}"
        if key in skips:
            remove(elem)
            changed.add(key)
            continue
        c = corrections.get(key)
        if c is None:
            continue
        changed.add(key)
        if c.skip:
            remove(elem)
            continue
        if c.test:
            elem.set("test", c.test)
        if c.context:
            # Into a pattern of its own: within one pattern a node fires only the first
            # rule whose context matches it.
            remove(elem)
            pattern = etree.SubElement(schema, f"{{{SCH}}}pattern", id="correction-" + elem.get("id"))
            rule = etree.SubElement(pattern, f"{{{SCH}}}rule", context=c.context)
            rule.append(elem)
    return Schematron(etree=schema, store_report=True), changed


def results(report):
    """(severity, rule id, location, message) for each result in an SVRL report."""
    for elem in report.getroot().iter(f"{{{SVRL}}}failed-assert", f"{{{SVRL}}}successful-report"):
        rule_id = (elem.get("id") or "").split("_")[0]
        severity = (elem.get("role") or "ERROR").upper()
        text = elem.findtext(f"{{{SVRL}}}text") or ""
        yield severity, rule_id, short_location(elem.get("location") or ""), " ".join(text.split())


def short_location(location):
    """/*[local-name()='mets' and namespace-uri()='...']/*[...][2] -> /mets/agent[2]"""
    return re.sub(r"\*\[local-name\(\)='([^']*)' and namespace-uri\(\)='[^']*'\]", r"\1", location)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("mets", help="a METS.xml")
    ap.add_argument("--representation", action="store_true",
                    help="the METS.xml of a representation (see REPRESENTATION_SKIPS)")
    ap.add_argument("--upstream", action="store_true",
                    help="run the rules as the validator does, without CORRECTIONS")
    ap.add_argument("--verbose", action="store_true", help="print INFO results too")
    ap.add_argument("--rules", default=RULES,
                    help="the folder with CSIP/ and SIP/ mets_<section>_rules.xml (default: %(default)s)")
    ap.add_argument("--vocabularies", default=VOCABULARIES,
                    help="the folder with the CSIP vocabularies and %s (default: %%(default)s)" % IANA)
    args = ap.parse_args()

    try:
        doc = etree.parse(args.mets)
    except (OSError, etree.XMLSyntaxError) as err:
        print(f"{args.mets}: not readable XML: {err}", file=sys.stderr)
        return 2
    corrections = {} if args.upstream else CORRECTIONS
    skips = REPRESENTATION_SKIPS if args.representation else set()

    specs = ["CSIP"]
    hdr = doc.getroot().find(f"{{{METS}}}metsHdr")
    if hdr is not None and hdr.get(f"{{{CSIP}}}OAISPACKAGETYPE") == "SIP":
        specs.append("SIP")

    try:
        tests = placeholder_tests(args.vocabularies)
    except (OSError, ValueError, etree.XMLSyntaxError) as err:
        print(f"vocabularies: {err}", file=sys.stderr)
        return 2
    applied, errors, counts = set(), 0, {}
    for spec in specs:
        for section in SECTIONS:
            try:
                rules, changed = load_rules(args.rules, spec, section, tests, corrections, skips)
            except (OSError, ValueError, etree.XMLSyntaxError, etree.SchematronParseError) as err:
                print(f"{spec} {section} rules: {err}", file=sys.stderr)
                return 2
            applied |= changed
            rules.validate(doc)
            for severity, rule_id, location, message in results(rules.validation_report):
                counts[severity] = counts.get(severity, 0) + 1
                errors += severity == "ERROR"
                if severity != "INFO" or args.verbose:
                    note = " (corrected)" if f"{spec}/{rule_id}" in corrections else ""
                    print(f"{severity} {rule_id}{note} at {location}: {message}")
    missing = {k for k in set(corrections) | skips if k.split("/")[0] in specs} - applied
    if missing:
        # An upstream file changed: each correction must still find its rule.
        print("corrections that found no rule: " + ", ".join(sorted(missing)), file=sys.stderr)
        return 2
    summary = ", ".join(f"{n} {s}" for s, n in sorted(counts.items())) or "no results"
    print(f"{args.mets}: {' and '.join(specs)} rules ({len(SECTIONS)} files each), "
          f"{len(corrections)} corrected, {len(skips)} skipped: {summary}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
