package export

import (
	"html/template"
	"io"
)

// Handover is what a newcomer chair or director needs from the term that ends: the
// instruction in force, the role split and its precedents, what was agreed, what is
// still open, how the pair meets, and what both chose to share from reflection talks.
type Handover struct {
	Organization, Term, TermStart, TermEnd string
	Pair                                   []HandoverPerson
	Instruction                            *HandoverInstruction // nil when none was adopted
	Areas                                  []HandoverArea
	Agreements                             []HandoverAgreement
	OpenActions                            []HandoverAction
	OpenDecisions                          []HandoverDecision
	Rhythm                                 []HandoverSeries
	// Opposition describes how the opposition was briefed. Empty until the opposition
	// briefings feature stores them; the dossier then says so.
	Opposition  []string
	Reflections []HandoverReflection
}

type HandoverPerson struct{ Role, Name, From, To string }

type HandoverInstruction struct {
	Title, BoardDecisionDate, BoardDecisionRef string
	Number                                     int64
	Sections                                   []HandoverSection
}

type HandoverSection struct{ Heading, Body string }

type HandoverArea struct {
	Name, Owner, Description, Examples string
	Retired                            bool // avvecklat: listed after the active areas
	Precedents                         []HandoverPrecedent
}

// HandoverPrecedent is one case; Source says what it was (an avsteg, a decision at a
// meeting, a shared note) with its text, empty for a case written down elsewhere.
type HandoverPrecedent struct{ OccurredOn, Summary, Reference, Source string }

type HandoverAgreement struct{ Text, AgreedOn string }

type HandoverAction struct{ Text, Owner, Due, Meeting string }

type HandoverDecision struct{ Reference, Title, Status, Expected, Latest string }

type HandoverSeries struct{ Title, Kind, When, Place string }

type HandoverReflection struct {
	Date    string
	Answers []HandoverAnswer
}

type HandoverAnswer struct{ Question, Name, Text string }

// WriteHandover writes the dossier as one self-contained HTML page in Swedish: no
// scripts and no external files, so it prints, reads on a phone and can be mailed.
func WriteHandover(w io.Writer, h Handover) error { return handoverTmpl.Execute(w, h) }

var handoverTmpl = template.Must(template.New("h").Parse(`<!doctype html>
<html lang="sv"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Överlämning: {{.Organization}}, mandatperioden {{.Term}}</title>
<style>
:root{color-scheme:light dark;--fg:#1a1a1a;--bg:#fff;--muted:#4a4a4a;--line:#c8c8c8;--accent:#0b5394}
@media (prefers-color-scheme:dark){:root{--fg:#f0f0f0;--bg:#121212;--muted:#c4c4c4;--line:#555;--accent:#9cc3ff}}
body{font-family:system-ui,sans-serif;line-height:1.55;margin:0;padding:1rem;color:var(--fg);background:var(--bg);font-size:1.05rem}
main{max-width:44rem;margin:0 auto}
h1{font-size:1.6rem;line-height:1.25}h2{font-size:1.25rem;margin-top:2rem;border-bottom:2px solid var(--accent);padding-bottom:.2rem}
h3{font-size:1.05rem;margin-bottom:.3rem}
.muted{color:var(--muted)}ul{padding-left:1.2rem}li{margin:.35rem 0}
nav ol{padding-left:1.2rem}a{color:var(--accent)}
dl{margin:0}dt{font-weight:600}dd{margin:0 0 .6rem 0}
.card{border:1px solid var(--line);border-radius:.5rem;padding:.6rem .8rem;margin:.6rem 0}
.body{white-space:pre-line}
@media print{body{font-size:11pt}nav{display:none}.card{break-inside:avoid}a{color:inherit}}
</style></head>
<body><main>
<h1>Överlämning: {{.Organization}}</h1>
<p class="muted">Mandatperioden {{.Term}} ({{.TermStart}}–{{.TermEnd}}). Sammanställt ur Samspel för den som tar över som
ordförande eller kommundirektör: så här har samspelet fungerat, och det här behöver du känna till.</p>
{{with .Pair}}<ul>{{range .}}<li><strong>{{.Role}}:</strong> {{.Name}} <span class="muted">({{.From}}–{{.To}})</span></li>{{end}}</ul>{{end}}
<nav aria-label="Innehåll"><h2 id="innehall">Innehåll</h2><ol>
<li><a href="#instruktion">Instruktionen</a></li><li><a href="#rollfordelning">Rollfördelning och prejudikat</a></li>
<li><a href="#overenskommelser">Överenskommelser</a></li><li><a href="#oppet">Öppna åtgärder och beslut som följs upp</a></li>
<li><a href="#motesrytm">Mötesrytm</a></li><li><a href="#opposition">Oppositionen</a></li><li><a href="#reflektion">Reflektion</a></li>
</ol></nav>

<h2 id="instruktion">Instruktionen</h2>
{{with .Instruction}}<p>Gällande version {{.Number}}: <strong>{{.Title}}</strong>, antagen av styrelsen {{.BoardDecisionDate}} ({{.BoardDecisionRef}}).</p>
{{range .Sections}}<h3>{{.Heading}}</h3><p class="body">{{.Body}}</p>
{{end}}{{else}}<p>Ingen instruktion är antagen i Samspel.</p>{{end}}

<h2 id="rollfordelning">Rollfördelning och prejudikat</h2>
<p>Vem som ansvarar för vad (politiken) och vem för hur (förvaltningen), och fall som visar hur gråzonen hanterats.</p>
{{range .Areas}}<div class="card"><h3>{{.Name}}{{if .Retired}} <span class="muted">(avvecklat)</span>{{end}}</h3><p><strong>Ansvar:</strong> {{.Owner}}</p>
{{with .Description}}<p class="body">{{.}}</p>{{end}}{{with .Examples}}<p class="body"><strong>Exempel:</strong> {{.}}</p>{{end}}
{{with .Precedents}}<p><strong>Prejudikat:</strong></p><ul>{{range .}}<li>{{.OccurredOn}}: {{.Summary}}{{with .Reference}} <span class="muted">({{.}})</span>{{end}}{{with .Source}}<br><span class="muted">{{.}}</span>{{end}}</li>{{end}}</ul>{{end}}
</div>{{else}}<p>Ingen rollfördelning är registrerad.</p>{{end}}

<h2 id="overenskommelser">Överenskommelser</h2>
{{with .Agreements}}<ul>{{range .}}<li>{{.Text}} <span class="muted">(överenskommet {{.AgreedOn}})</span></li>{{end}}</ul>
{{else}}<p>Inga gällande överenskommelser.</p>{{end}}

<h2 id="oppet">Öppna åtgärder och beslut som följs upp</h2>
<h3>Öppna åtgärder</h3>
{{with .OpenActions}}<ul>{{range .}}<li>{{.Text}} <span class="muted">({{.Owner}}{{with .Due}}, senast {{.}}{{end}}; från mötet {{.Meeting}})</span></li>{{end}}</ul>
{{else}}<p>Inga öppna åtgärder.</p>{{end}}
<h3>Politiska beslut som följs upp</h3>
{{with .OpenDecisions}}<ul>{{range .}}<li><strong>{{.Reference}}</strong> {{.Title}}: {{.Status}}{{with .Expected}}, väntas klart {{.}}{{end}}{{with .Latest}}. <span class="muted">Senast: {{.}}</span>{{end}}</li>{{end}}</ul>
{{else}}<p>Inga beslut följs upp.</p>{{end}}

<h2 id="motesrytm">Mötesrytm</h2>
{{with .Rhythm}}<ul>{{range .}}<li><strong>{{.Title}}</strong> ({{.Kind}}): {{.When}}{{with .Place}}, {{.}}{{end}}</li>{{end}}</ul>
{{else}}<p>Inga återkommande möten.</p>{{end}}

<h2 id="opposition">Oppositionen</h2>
{{with .Opposition}}<ul>{{range .}}<li>{{.}}</li>{{end}}</ul>
{{else}}<p>Ingen praxis för oppositionsdragningar är registrerad i Samspel.</p>{{end}}

<h2 id="reflektion">Reflektion</h2>
<p>Svar från reflektionssamtal där båda valt att dela dem.</p>
{{range .Reflections}}<div class="card"><h3>Reflektionssamtal {{.Date}}</h3><dl>
{{range .Answers}}<dt>{{.Question}}</dt><dd><span class="muted">{{.Name}}:</span> {{.Text}}</dd>{{end}}</dl></div>
{{else}}<p>Inga delade reflektioner.</p>{{end}}
</main></body></html>
`))
