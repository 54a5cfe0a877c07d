package export

import (
	"crypto/sha256"
	"encoding/base64"
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
	// Opposition is how the opposition was briefed and answered; nil when the term has
	// no briefings, no parity topics and no questions, and the dossier then says so.
	Opposition  *HandoverOpposition
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

// HandoverOpposition is the practice of opposition briefings (oppositionsdragningar)
// over the term: how often, for which parties, how soon after the majority's beredning,
// what the parity ledger still lacks, and the questions not yet answered.
type HandoverOpposition struct {
	Held                              int64  // briefings held
	AfterBeredning, BudgetWork, Other int64  // held, by kind
	PerMonth                          string // held per month of the term, e.g. "3,1"
	First, Last                       string // the first and the last held, YYYY-MM-DD
	Parties                           []HandoverParty
	Gaps                              []HandoverGap // the newest topics some party was never briefed on
	MoreGaps                          int           // gap topics left out of Gaps
	Questions, Answered, AnsweredLate int64
	Unanswered                        []HandoverQuestion
	// ConfidentialUnanswered counts the unanswered budget-work questions the party has
	// not released: they are confidential to the party and the administration, so the
	// dossier, which the chair also reads, gives only their number.
	ConfidentialUnanswered int64
}

// HandoverParty is one opposition party's side of the practice.
type HandoverParty struct {
	Name              string
	Invited, Attended int64  // held briefings it was invited to, and came to
	Topics, Briefed   int64  // parity topics of the term, and those it was briefed on
	MedianLag         string // days from the beredning to the briefing, e.g. "0" or "1,5"
	SameDay           int64  // topics briefed the day of the beredning
	OpenGaps          int64  // topics never briefed
}

// HandoverGap is a topic the majority was informed about and some party was not.
type HandoverGap struct{ Date, Title, Parties string }

// HandoverQuestion is a question still waiting for its answer.
type HandoverQuestion struct{ Party, Asked, Due, Body string }

type HandoverReflection struct {
	Date    string
	Answers []HandoverAnswer
}

type HandoverAnswer struct{ Question, Name, Text string }

// WriteHandover writes the dossier as one self-contained HTML page in Swedish: no
// scripts and no external files, so it prints, reads on a phone and can be mailed.
func WriteHandover(w io.Writer, h Handover) error { return handoverTmpl.Execute(w, h) }

// handoverCSS is the dossier's whole stylesheet. It is inline so the file stands alone,
// and a constant so the app can allow exactly it (see HandoverStyleSource).
const handoverCSS = `
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
`

// HandoverStyleSource is the Content-Security-Policy source that admits the dossier's
// stylesheet and nothing else. The app opens a freshly made dossier as a blob: page,
// which inherits the app's policy, and that policy allows no inline styles otherwise.
func HandoverStyleSource() string {
	sum := sha256.Sum256([]byte(handoverCSS))
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}

var handoverTmpl = template.Must(template.New("h").Parse(`<!doctype html>
<html lang="sv"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Överlämning: {{.Organization}}, mandatperioden {{.Term}}</title>
<style>` + handoverCSS + `</style></head>
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
{{with .Opposition}}<p>Efter majoritetens beredning informeras oppositionen om samma ärenden (paritet), och i budgetarbetet
får den ställa frågor till förvaltningen.</p>
<h3>Dragningar</h3>
{{if .Held}}<p>{{.Held}} dragningar hölls under mandatperioden ({{.First}}–{{.Last}}), i genomsnitt {{.PerMonth}} i månaden:
{{.AfterBeredning}} efter beredningen, {{.BudgetWork}} i budgetarbetet{{with .Other}} och {{.}} särskilda{{end}}.</p>
{{else}}<p>Inga dragningar hölls under mandatperioden.</p>{{end}}
{{with .Parties}}<ul>{{range .}}<li><strong>{{.Name}}:</strong> bjöds in till {{.Invited}} och kom till {{.Attended}}.
Informerades om {{.Briefed}} av {{.Topics}} ämnen som majoriteten fick veta{{if .Briefed}}, i median {{.MedianLag}} dagar efter beredningen ({{.SameDay}} samma dag){{end}};
{{if .OpenGaps}}{{.OpenGaps}} öppna luckor{{else}}inga öppna luckor{{end}}.</li>{{end}}</ul>{{end}}
<h3>Öppna luckor i paritetsregistret</h3>
{{with .Gaps}}<p>Ämnen som majoriteten informerades om men inte alla oppositionspartier, de senaste först:</p>
<ul>{{range .}}<li>{{.Date}}: {{.Title}} <span class="muted">(inte {{.Parties}})</span></li>{{end}}</ul>
{{with $.Opposition.MoreGaps}}<p class="muted">Och {{.}} äldre ämnen; hela registret finns under Mer → Oppositionen i Samspel.</p>{{end}}
{{else}}<p>Inga öppna luckor: varje parti informerades om allt som majoriteten fick veta.</p>{{end}}
<h3>Frågor från oppositionen</h3>
{{if .Questions}}<p>{{.Questions}} frågor ställdes och {{.Answered}} besvarades{{if .AnsweredLate}}, varav {{.AnsweredLate}} efter svarsdagen{{end}}.</p>
{{else}}<p>Inga frågor ställdes under mandatperioden.</p>{{end}}
{{with .Unanswered}}<p>Obesvarade frågor:</p>
<ul>{{range .}}<li>{{.Body}} <span class="muted">({{.Party}}, ställd {{.Asked}}{{with .Due}}, svar senast {{.}}{{end}})</span></li>{{end}}</ul>{{end}}
{{with .ConfidentialUnanswered}}<p>{{.}} obesvarade frågor gäller budgetarbetet och är sekretessbelagda för partiet och förvaltningen; de visas inte här.</p>{{end}}
{{if and .Questions (not .Unanswered) (not .ConfidentialUnanswered)}}<p>Alla frågor är besvarade.</p>{{end}}
{{else}}<p>Ingen praxis för oppositionsdragningar är registrerad i Samspel.</p>{{end}}

<h2 id="reflektion">Reflektion</h2>
<p>Svar från reflektionssamtal där båda valt att dela dem.</p>
{{range .Reflections}}<div class="card"><h3>Reflektionssamtal {{.Date}}</h3><dl>
{{range .Answers}}<dt>{{.Question}}</dt><dd><span class="muted">{{.Name}}:</span> {{.Text}}</dd>{{end}}</dl></div>
{{else}}<p>Inga delade reflektioner.</p>{{end}}
</main></body></html>
`))
