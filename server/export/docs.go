package export

import (
	"html/template"
	"io"
)

type docView struct {
	A      Archive
	Tables []tableView
	Total  int64
}

type tableView struct {
	Table
	Count int64
}

func view(a Archive, counts map[string]int64) docView {
	v := docView{A: a}
	for _, t := range a.Tables {
		v.Tables = append(v.Tables, tableView{Table: t, Count: counts[t.Name]})
		v.Total += counts[t.Name]
	}
	return v
}

const docStyle = `<style>
body{font-family:system-ui,sans-serif;line-height:1.5;max-width:48rem;margin:0 auto;padding:1rem;color:#1a1a1a}
table{border-collapse:collapse;width:100%}th,td{text-align:left;border-bottom:1px solid #ccc;padding:.3rem .4rem;vertical-align:top}
td.n{text-align:right}code{font-size:.9em}
.entry{border-bottom:1px solid #ddd;padding:.2rem 0}.entry h3{font-size:1rem;margin:.4rem 0 .1rem}.meta{color:#444;margin:0}.body{white-space:pre-line}
@media print{body{max-width:none}}
</style>`

// The description tells an archivist, in Swedish, what the package holds, how the data
// is modelled and what was deliberately left out.
var descriptionTmpl = template.Must(template.New("d").Parse(`<!doctype html>
<html lang="sv"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Beskrivning av exporten: {{.A.Organization}}, mandatperioden {{.A.Term}}</title>` + docStyle + `</head>
<body><main>
<h1>Beskrivning av exporten</h1>
<p>Paketet innehåller {{.A.Organization}}s dokumentation av samspelet mellan kommunstyrelsens ordförande och
kommundirektören under mandatperioden {{.A.Term}} ({{.A.TermStart}}–{{.A.TermEnd}}), exporterat ur
{{.A.Software}} version {{.A.SoftwareVersion}}. Paketet följer E-ARK CSIP 2.1.0 och E-ARK SIP 2.1.0
(Riksarkivets FGS Paketstruktur 2.0).</p>

<h2>Vad som ingår och vad som lämnats utanför</h2>
{{if .A.PersonalFor}}<p>Detta är <strong>{{.A.PersonalFor}}s personliga export</strong>: de möten du kunde delta i med
deras gemensamma dokumentation, <strong>dina egna privata arbetsanteckningar</strong> och reflektionssvar som är dina eller
som båda delat. Andras privata anteckningar ingår aldrig. Exporten är din kopia, inte ett paket för arkivet.</p>
{{else}}<h2>Vad som ingår och vad som lämnats utanför</h2>
<p>Med finns det som är organisationens handlingar: delade minnesanteckningar och anteckningar i
justerade minnesanteckningar, möten med dagordning, beslut och åtgärder, rättelser av justerade
anteckningar, reflektionssamtal där båda parter lämnat in och valt att dela sina svar, uppföljning av
politiska beslut, rollfördelningen med dess historik och prejudikat, alla versioner av instruktionen,
överenskommelser, avsteg, krisperioder och loggen över händelser under mandatperioden.</p>
<p><strong>Privata arbetsanteckningar</strong> (minnesanteckningar som bara hjälper sin författare,
TF 2 kap. 12 §) och <strong>anteckningar i partipolitisk roll</strong> är inte organisationens handlingar
och finns inte i paketet. De lämnas åt sina författare. Reflektionssvar som inte delats av båda
parter finns inte heller med. Inloggningsuppgifter (sessioner, nycklar, inbjudningar) ingår inte.</p>

{{end}}
<h2>Datamodell</h2>
<p>Uppgifterna ligger i <code>representations/rep1/data/</code> som en JSON-fil per posttyp, med en
rad per post, sorterade efter id. Varje fil beskrivs av ett JSON Schema i <code>schemas/</code>.
Fält som slutar på <code>_id</code> eller heter <code>*_by</code> pekar på <code>id</code> i en annan fil
(till exempel <code>people</code>). Tidpunkter (<code>*_at</code>) är millisekunder sedan 1970-01-01 UTC;
datum (<code>*_date</code>, <code>*_on</code>) är kalenderdatum <code>ÅÅÅÅ-MM-DD</code> i svensk tid.
Heltalskoder för roller och tillstånd: roll 1 ordförande, 2 kommundirektör, 3 majoritetsföreträdare,
4 oppositionsföreträdare, 5 tjänsteperson. En läsbar sammanställning finns i
<code>representations/rep1/data/mandatperiodsrapport.html</code>.</p>
<table><caption>Posttyper i paketet</caption>
<thead><tr><th scope="col">Fil</th><th scope="col">Innehåll</th><th scope="col">Poster</th></tr></thead>
<tbody>{{range .Tables}}<tr><td><code>{{.Name}}.json</code></td><td><strong>{{.Title}}.</strong> {{.Description}}</td><td class="n">{{.Count}}</td></tr>
{{end}}</tbody></table>
<p>Totalt {{.Total}} poster.</p>
<h2>Bevarandemetadata</h2>
<p><code>metadata/preservation/premis.xml</code> och <code>representations/rep1/metadata/preservation/premis.xml</code>
är bevarandemetadata i PREMIS 3.0. De anger för varje fil som paketets respektive representationens
<code>METS.xml</code> förtecknar dess storlek, SHA-256-kontrollsumma och format, och att filerna skapades när
paketet exporterades ur {{.A.Software}} version {{.A.SoftwareVersion}} för {{.A.Organization}}. Den som
exporterade anges med sitt id i {{.A.Software}}, inte med namn. Med kontrollsummorna kan arkivet visa att
ingen fil har ändrats sedan exporten.</p>
</main></body></html>
`))

// ReportSection is one part of the term report: a heading and entries the caller
// streams, so that a term of any length is written without holding it.
type ReportSection struct {
	Heading string
	Intro   string
	Entries func(yield func(ReportEntry) error) error
}

// ReportEntry is one entry of a section: a title, a line of facts, a text and a list.
type ReportEntry struct {
	Title, Meta, Body string
	Items             []string
}

// The report is a printable overview of the term. It is a data file, so it holds nothing
// that changes between two exports of the same data (no export time).
var reportHead = template.Must(template.New("r").Parse(`<!doctype html>
<html lang="sv"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Mandatperioden {{.A.Term}}: {{.A.Organization}}</title>` + docStyle + `</head>
<body><main>
<h1>{{.A.Organization}}: mandatperioden {{.A.Term}}</h1>
<p>Sammanställning av samspelet mellan ordförande och kommundirektör {{.A.TermStart}}–{{.A.TermEnd}},
ur organisationens handlingar i Samspel. Privata arbetsanteckningar ingår inte.</p>
<table><caption>Innehåll</caption>
<thead><tr><th scope="col">Posttyp</th><th scope="col">Antal</th></tr></thead>
<tbody>{{range .Tables}}<tr><td>{{.Title}}</td><td class="n">{{.Count}}</td></tr>
{{end}}</tbody></table>
`))

var reportEntry = template.Must(template.New("e").Parse(`<section class="entry">{{with .Title}}<h3>{{.}}</h3>{{end}}{{with .Meta}}<p class="meta">{{.}}</p>{{end}}{{with .Body}}<p class="body">{{.}}</p>{{end}}{{with .Items}}<ul>{{range .}}<li>{{.}}</li>{{end}}</ul>{{end}}</section>
`))

func writeReport(w io.Writer, a Archive, counts map[string]int64) error {
	if err := reportHead.Execute(w, view(a, counts)); err != nil {
		return err
	}
	for _, sec := range a.Report {
		if err := reportSectionHead.Execute(w, sec); err != nil {
			return err
		}
		n := 0
		if err := sec.Entries(func(e ReportEntry) error {
			n++
			return reportEntry.Execute(w, e)
		}); err != nil {
			return err
		}
		if n == 0 {
			if _, err := io.WriteString(w, "<p>Inga.</p>\n"); err != nil {
				return err
			}
		}
	}
	_, err := io.WriteString(w, "</main></body></html>\n")
	return err
}

var reportSectionHead = template.Must(template.New("s").Parse(`<h2>{{.Heading}}</h2>
{{with .Intro}}<p>{{.}}</p>
{{end}}`))

func writeDescription(w io.Writer, a Archive, counts map[string]int64) error {
	return descriptionTmpl.Execute(w, view(a, counts))
}
