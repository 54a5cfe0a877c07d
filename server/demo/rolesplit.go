package demo

import (
	"fmt"
	"time"

	"github.com/samspel/samspel/server/store"
)

// The role split of Exempelstad: fifteen areas with four years of history, the
// instruction for the director (v1 adopted in February 2023, v2 after the director change
// in September 2024), the pair's agreements, about thirty deviations and stand-ins, one
// crisis period (the flood of August 2023), and the grey-zone precedents drawn from them.
// Everything happens at fixed instants, so every seed is the same.

// Board decisions adopting the instruction, as the demo's texts and tests name them.
const (
	InstructionV1Ref  = "KS 2023-02-14 § 12"
	InstructionV1Date = "2023-02-14"
	InstructionV2Ref  = "KS 2024-10-08 § 143"
	InstructionV2Date = "2024-10-08"
)

// Names of demo areas the tests use.
const (
	AreaBusiness = "Näringslivskontakter" // SHARED in the demo
	AreaMedia    = "Kontakter med media"
)

var stockholm = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Stockholm")
	if err != nil {
		return time.FixedZone("CET", 3600)
	}
	return loc
}()

// at is a Swedish wall-clock instant, "2023-02-14 09:30".
func at(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02 15:04", s, stockholm)
	if err != nil {
		panic(fmt.Sprintf("demo: bad instant %q", s))
	}
	return t
}

// pair names the people and terms the role split's history is written by.
type pair struct {
	org, finished, current int64
	chair, oldDirector     int64
	director, staff        int64
}

func (p pair) asChair(when, text string) store.SeedStep {
	return store.SeedStep{At: at(when), By: p.chair, Role: store.RoleChair, Text: text}
}

// asDirector is the director of the day: Lars Holm before the change, Maria Ek after.
func (p pair) asDirector(when, text string) store.SeedStep {
	by := p.director
	if when < DirectorChange {
		by = p.oldDirector
	}
	return store.SeedStep{At: at(when), By: by, Role: store.RoleDirector, Text: text}
}

// as is asChair or asDirector by role.
func (p pair) as(role int32, when, text string) store.SeedStep {
	if role == store.RoleChair {
		return p.asChair(when, text)
	}
	return p.asDirector(when, text)
}

// termOf is the term a day falls in.
func (p pair) termOf(day string) int64 {
	if day >= CurrentStart {
		return p.current
	}
	return p.finished
}

const (
	chair    = store.RoleChair
	director = store.RoleDirector
	shared   = store.OwnerShared
)

// seedRoleSplit writes the role split's history into b.
func seedRoleSplit(b *store.Seeder, p pair) {
	areas := seedAreas(b, p)
	seedInstruction(b, p)
	agreements := seedAgreements(b, p)
	seedDeviations(b, p, areas, agreements)
}

// seedAreas writes the areas as agreed at the start of the term, then their history.
func seedAreas(b *store.Seeder, p pair) map[string]int64 {
	start := p.asChair("2022-11-14 09:40", "Rollfördelningen från vår första genomgång för mandatperioden.")
	list := []store.AreaFields{
		{Name: "Politiska prioriteringar och mål", Owner: store.OwnerChair,
			Description: "Vad kommunen ska uppnå under mandatperioden. Ordföranden leder majoritetens arbete med mål och prioriteringar.",
			Examples:    "Mål- och budgetdokumentets inriktning\nMajoritetsprogrammet\nPrioriteringar mellan nämnderna"},
		{Name: "Budgetberedning", Owner: shared,
			Description: "Ordföranden leder den politiska prioriteringen; direktören ansvarar för underlag, kalkyler och förvaltningens förslag.",
			Examples:    "Budgetdialog med nämnderna\nOppositionens frågor om kalkyler\nRamärenden i kommunstyrelsen"},
		{Name: "Ärendeberedning till kommunstyrelsen", Owner: store.OwnerDirector,
			Description: "Att ärenden hanteras på rätt ställe och är färdiga och beredda när de möter politiken.",
			Examples:    "Tjänsteskrivelser\nRemisser till nämnderna\nKallelse och handlingar till KS"},
		{Name: "Personalärenden", Owner: store.OwnerDirector,
			Description: "Anställningar, omplaceringar och personalfrågor i förvaltningen. Ordföranden informeras om känsliga ärenden.",
			Examples:    "Rekrytering av förvaltningschefer\nArbetsmiljöfrågor\nLönesättning"},
		{Name: "Organisationsförändringar", Owner: shared,
			Description: "Förändringar i förvaltningens organisation beslutas av direktören efter samråd med ordföranden.",
			Examples:    "Nya avdelningar\nSammanslagning av enheter\nLedningsgruppens sammansättning"},
		{Name: AreaMedia, Owner: shared,
			Description: "Ordföranden uttalar sig om politiken, direktören om verksamheten.",
			Examples:    "Intervjuer om budgeten\nFrågor om enskilda verksamheter\nDebattartiklar"},
		{Name: AreaBusiness, Owner: shared,
			Description: "Kontakter med företag och näringslivets organisationer. Etableringar är politiska, myndighetsutövningen är förvaltningens.",
			Examples:    "Företagsbesök\nEtableringsförfrågningar\nNäringslivsrådet"},
		{Name: "Representation och officiella uppdrag", Owner: store.OwnerChair,
			Description: "Kommunens ansikte utåt vid invigningar, besök och högtider.",
			Examples:    "Invigningar\nStatsbesök och delegationer\nNationaldagsfirandet"},
		{Name: "Krisledning", Owner: shared,
			Description: "Krisledningsnämnden leds politiskt av ordföranden; den operativa krisledningen av direktören.",
			Examples:    "Extraordinära händelser\nKrisledningsnämndens sammanträden\nKriskommunikation"},
		{Name: "Kontakter med oppositionen", Owner: shared,
			Description: "Direktören tjänar hela den politiska ledningen och informerar oppositionen efter måndagens beredning; ordföranden för den politiska dialogen.",
			Examples:    "Oppositionsdragningar\nFrågor om underlag\nBudgetarbetets kalkyler"},
		{Name: "Medborgardialog", Owner: store.OwnerChair,
			Description: "Dialog med kommuninvånarna om politikens inriktning.",
			Examples:    "Dialogmöten i kommundelarna\nMedborgarförslag\nUngdomsrådet"},
		{Name: "Upphandling och avtal", Owner: store.OwnerDirector,
			Description: "Upphandlingar och avtal inom ramen för beslutad budget och delegation.",
			Examples:    "Ramavtal\nDirektupphandlingar\nAvtalsuppföljning"},
		{Name: "Regional samverkan", Owner: store.OwnerChair,
			Description: "Kommunens företrädare i regionen och i samarbetet med grannkommunerna.",
			Examples:    "Regionala utvecklingsstrategin\nKommunchefsnätverket\nGemensamma nämnder"},
		{Name: "Nämndernas uppföljning", Owner: store.OwnerDirector,
			Description: "Uppföljning av nämndernas verksamhet och ekonomi till kommunstyrelsen.",
			Examples:    "Delårsrapporter\nInternkontroll\nPrognoser"},
		{Name: "Stora investeringar och lokalfrågor", Owner: shared,
			Description: "Ordföranden driver de politiska vägvalen; direktören ansvarar för kalkyler, tidplaner och genomförande.",
			Examples:    "Nya skolor\nSimhallen\nLokalförsörjningsplanen"},
	}
	ids := map[string]int64{}
	fields := map[string]store.AreaFields{}
	for _, f := range list {
		ids[f.Name] = b.Area(p.org, f, start)
		fields[f.Name] = f
	}
	change := func(name string, edit func(*store.AreaFields), s store.SeedStep, proposal int64) {
		f := fields[name]
		edit(&f)
		b.ChangeArea(ids[name], f, s, proposal)
		fields[name] = f
	}

	b.CommentOnArea(p.org, ids["Budgetberedning"], p.asDirector("2023-01-16 10:05",
		"Oppositionen bad om kalkylerna för äldreboendet innan beredningen. Jag föreslår att de får dem samtidigt som majoriteten."))
	change(AreaMedia, func(f *store.AreaFields) {
		f.Description = "Ordföranden uttalar sig om politiken, direktören om verksamheten. Den som får en fråga om den andras område hänvisar dit samma dag."
	}, p.asChair("2023-03-20 08:50", "Efter två intervjuer i mars där vi svarade på varandras frågor."), 0)

	declined := b.ProposeArea(p.org, ids[AreaBusiness], store.AreaFields{Name: AreaBusiness, Owner: store.OwnerDirector,
		Description: "Kontakter med företag och näringslivets organisationer sköts av förvaltningens näringslivsenhet.",
		Examples:    "Företagsbesök\nEtableringsförfrågningar\nNäringslivsrådet"}, shared,
		p.asDirector("2023-09-04 09:15", "Näringslivsenheten har vuxit och kan ta kontakterna; det avlastar dig."))
	b.DecideAreaProposal(declined, store.ProposalDeclined,
		p.asChair("2023-09-11 08:30", "Etableringsfrågorna är för politiska i år. Vi tar upp det igen efter valet."))

	change("Krisledning", func(f *store.AreaFields) {
		f.Description = "Krisledningsnämnden leds politiskt av ordföranden; den operativa krisledningen av direktören. I kris hålls rollerna striktare än i vardagen, och avsteg meddelas den andra parten samma dag."
		f.Examples += "\nStabsläge i förvaltningen"
	}, p.asChair("2023-09-18 09:20", "Lärdom från översvämningen i augusti: vi gick in på varandras områden utan att säga till."), 0)

	proposal := b.ProposeArea(p.org, ids["Organisationsförändringar"], store.AreaFields{Name: "Organisationsförändringar",
		Owner:       store.OwnerDirector,
		Description: "Förvaltningens inre organisation är direktörens ansvar. Ordföranden informeras innan beslut.",
		Examples:    fields["Organisationsförändringar"].Examples}, shared,
		p.asDirector("2024-09-16 09:10", "Som ny direktör behöver jag kunna forma ledningsgruppen; instruktionen säger redan att organisationen är direktörens."))
	b.DecideAreaProposal(proposal, store.ProposalAccepted, p.asChair("2024-09-23 08:45", "Ja. Informera mig innan du går ut till personalen."))
	change("Organisationsförändringar", func(f *store.AreaFields) {
		f.Owner = store.OwnerDirector
		f.Description = "Förvaltningens inre organisation är direktörens ansvar. Ordföranden informeras innan beslut."
	}, p.asChair("2024-09-23 08:45", "Som ny direktör behöver jag kunna forma ledningsgruppen; instruktionen säger redan att organisationen är direktörens."), proposal)

	change("Personalärenden", func(f *store.AreaFields) {
		f.Description = "Anställningar, omplaceringar och personalfrågor i förvaltningen. Ordföranden informeras om känsliga ärenden muntligt, på avstämningen."
	}, p.asChair("2024-10-07 09:00", "Förtydligat efter direktörsbytet, så att vi gör som förut."), 0)
	b.CommentOnArea(p.org, ids["Budgetberedning"], p.asDirector("2025-02-10 10:30",
		"I år får oppositionen tillgång till ekonomicheferna från första budgetdialogen."))
	change("Regional samverkan", func(f *store.AreaFields) {
		f.Owner = shared
		f.Description = "Ordföranden företräder kommunen politiskt i regionen; direktören leder tjänstepersonernas samverkan med grannkommunerna."
	}, p.asChair("2025-03-17 09:05", "Maria leder kommunchefsnätverket sedan januari."), 0)
	b.CommentOnArea(p.org, ids["Representation och officiella uppdrag"], p.asDirector("2025-05-12 09:50",
		"Jag tar gärna fler invigningar av verksamheter; de politiska invigningarna är dina."))
	change("Stora investeringar och lokalfrågor", func(f *store.AreaFields) {
		f.Examples += "\nNya brandstationen"
	}, p.asChair("2025-11-03 09:15", "Brandstationen tillkom i investeringsplanen."), 0)

	// The current term: one proposal for a new area waits for the chair.
	b.ProposeArea(p.org, 0, store.AreaFields{Name: "Digitalisering", Owner: store.OwnerDirector,
		Description: "Förvaltningens digitala utveckling och gemensamma system, inom beslutad budget.",
		Examples:    "E-tjänster\nGemensamt ärendehanteringssystem\nInformationssäkerhet"}, 0,
		p.asDirector("2026-11-16 09:20", "Digitaliseringen hamnar mellan stolarna; jag föreslår att den blir ett eget område."))
	return ids
}

// The instruction's text. v2 changes three sections and adds one.
var instructionV1 = []store.InstructionSection{
	{Heading: "Inledning", Body: "Enligt 7 kap. 2 § kommunallagen ska kommunstyrelsen i en instruktion fastställa hur kommundirektören ska leda förvaltningen under styrelsen och vilka övriga uppgifter direktören har.\n\nInstruktionen gäller kommundirektören i Exempelstads kommun."},
	{Heading: "Direktörens roll", Body: "Kommundirektören är kommunstyrelsens ledande tjänsteperson och chef för kommunstyrelsens förvaltning.\n\nDirektören ansvarar för att den politiska ledningens beslut genomförs och för att ärenden är färdiga och beredda när de möter politiken."},
	{Heading: "Ledning av förvaltningen", Body: "Direktören leder, samordnar och följer upp förvaltningens arbete.\n\nDirektören beslutar om förvaltningens inre organisation efter samråd med kommunstyrelsens ordförande."},
	{Heading: "Ärendeberedning", Body: "Direktören ansvarar för att ärenden till kommunstyrelsen bereds på rätt sätt och på rätt ställe, och för att nämndernas ärenden samordnas."},
	{Heading: "Ekonomi och budget", Body: "Direktören ansvarar för förvaltningens förslag till budget och för uppföljningen av nämndernas ekonomi."},
	{Heading: "Samverkan med den politiska ledningen", Body: "Direktören och ordföranden träffas regelbundet, normalt varje måndag morgon.\n\nDirektören tjänar hela den politiska ledningen och informerar oppositionen efter måndagens beredning."},
	{Heading: "Kris och extraordinära händelser", Body: "Vid en extraordinär händelse leder direktören den operativa krisledningen. Krisledningsnämnden leds av ordföranden."},
	{Heading: "Delegation och rapportering", Body: "Direktören rapporterar beslut som fattats med stöd av delegation till kommunstyrelsen enligt delegationsordningen."},
}

var instructionV2 = []store.InstructionSection{
	instructionV1[0],
	instructionV1[1],
	{Heading: "Ledning av förvaltningen", Body: "Direktören leder, samordnar och följer upp förvaltningens arbete.\n\nDirektören beslutar om förvaltningens inre organisation och informerar kommunstyrelsens ordförande innan beslut."},
	instructionV1[3],
	{Heading: "Ekonomi och budget", Body: "Direktören ansvarar för förvaltningens förslag till budget och för uppföljningen av nämndernas ekonomi.\n\nUnder budgetarbetet ges oppositionen tillgång till tjänstepersoner för frågor och beräkningar."},
	instructionV1[5],
	{Heading: "Kris och extraordinära händelser", Body: "Vid en extraordinär händelse leder direktören den operativa krisledningen. Krisledningsnämnden leds av ordföranden.\n\nI kris hålls rollfördelningen striktare än i vardagen. Avsteg dokumenteras med skäl och meddelas den andra parten snarast."},
	instructionV1[7],
	{Heading: "Överlämning", Body: "När ordföranden eller direktören byts beskriver den som stannar det önskade samspelet för den nya, med instruktionen, överenskommelserna och rollfördelningens prejudikat som underlag."},
}

func seedInstruction(b *store.Seeder, p pair) {
	v1 := b.InstructionDraft(p.org, 1, "Instruktion för kommundirektören", 0, instructionV1,
		p.asDirector("2022-12-05 14:00", "Kommunallagen kräver att styrelsen fastställer en instruktion för direktören."))
	b.AdoptInstruction(p.org, v1, InstructionV1Date, InstructionV1Ref, store.SeedStep{At: at("2023-02-15 10:00"), By: p.staff, Role: store.RoleStaff})
	b.ReviewInstruction(v1, p.asChair("2024-02-12 09:30", "Genomgången på avstämningen. Inga ändringar behövs."))
	v2 := b.InstructionDraft(p.org, 2, "Instruktion för kommundirektören", v1, instructionV2,
		p.asDirector("2024-09-09 15:30", "Ny kommundirektör från 1 september 2024; lärdomar från översvämningen 2023."))
	b.AdoptInstruction(p.org, v2, InstructionV2Date, InstructionV2Ref, store.SeedStep{At: at("2024-10-09 09:00"), By: p.staff, Role: store.RoleStaff})
	b.ReviewInstruction(v2, p.asChair("2025-10-06 09:10", "Årlig genomgång. Inga ändringar; vi ser över den igen vid den nya mandatperioden."))
}

// seedAgreements writes the pair's agreements. Agreements are per term: when the
// director changed, the chair and the new director agreed anew.
func seedAgreements(b *store.Seeder, p pair) map[string]int64 {
	ids := map[string]int64{}
	propose := func(key string, role int32, when, text string, replaces string) int64 {
		id := b.ProposeAgreement(p.org, p.termOf(when[:10]), text, ids[replaces], p.as(role, when, ""))
		ids[key] = id
		return id
	}
	step := func(key string, kind int32, role int32, when, text string) {
		b.AgreementStep(ids[key], kind, p.as(role, when, text))
	}
	const (
		amended  = store.AgreementEventAmended
		accepted = store.AgreementEventAccepted
		declined = store.AgreementEventDeclined
		revisit  = store.AgreementEventRevisitRequested
		ended    = store.AgreementEventEnded
	)

	propose("monday", chair, "2022-10-24 08:05", "Måndag morgon är helig.", "")
	step("monday", accepted, director, "2022-10-24 08:40", "")
	propose("line", director, "2022-11-07 08:30", "Linjen är helig: ordföranden ger inte uppdrag direkt till förvaltningscheferna.", "")
	step("line", amended, chair, "2022-11-07 09:10", "Linjen är helig: uppdrag till förvaltningen går genom direktören, utom i kris.")
	step("line", accepted, director, "2022-11-07 09:30", "")
	propose("standin", chair, "2023-01-09 08:20", "Vi ersätter varandra när den andra inte kan, och säger till i förväg.", "")
	step("standin", accepted, director, "2023-01-09 08:35", "")
	propose("opposition", director, "2023-03-06 08:45", "Oppositionen får samma underlag som majoriteten i budgetarbetet.", "")
	step("opposition", accepted, chair, "2023-03-06 09:30", "")
	propose("beredning", chair, "2023-05-08 08:15", "Direktören deltar i kommunalrådsberedningen varje måndag.", "")
	step("beredning", declined, director, "2023-05-08 10:00", "Jag skickar hellre ekonomichefen på de punkter som gäller budget.")
	propose("personnel", director, "2023-09-18 08:40", "Känsliga personalärenden tas muntligt, inte i mejl.", "")
	step("personnel", accepted, chair, "2023-09-18 09:00", "")

	// The new director: the chair and Maria Ek agree anew.
	propose("monday2", director, "2024-09-02 08:00", "Måndag morgon är helig: vi ses 08.00 i ordförandens rum.", "monday")
	step("monday2", accepted, chair, "2024-09-02 08:10", "")
	propose("organisation", chair, "2024-09-02 08:30", "Organisationen är ditt ansvar.", "")
	step("organisation", accepted, director, "2024-09-02 08:31", "Tack. Jag informerar dig innan jag går ut med förändringar.")
	propose("media", director, "2024-09-16 09:00", "Inga överraskningar i media: den som får en fråga om den andras område hänvisar dit och hör av sig samma dag.", "")
	step("media", accepted, chair, "2024-09-16 09:05", "")
	propose("sms", director, "2024-10-01 08:20", "Sms för det brådskande, avstämningen för resten.", "")
	step("sms", accepted, chair, "2024-10-01 08:25", "")
	propose("reflection", director, "2024-11-04 08:30", "Reflektionssamtal två gånger om året, i maj och i november.", "")
	step("reflection", accepted, chair, "2024-11-04 08:50", "")
	step("personnel", revisit, director, "2025-04-07 08:40", "Vi dokumenterar känsliga ärenden i personalsystemet nu; mejl behövs inte heller där.")
	step("personnel", ended, chair, "2025-05-19 09:30", "Avslutad på reflektionssamtalet i maj: personalsystemet räcker.")
	step("sms", revisit, chair, "2026-05-11 08:45", "Det har blivit många sms på kvällar och helger.")

	// The current term has begun: the Monday agreement is renewed, and a proposal waits
	// for the chair.
	propose("monday3", chair, "2026-10-19 08:00", "Måndag morgon är helig: vi ses 08.00 i ordförandens rum.", "monday2")
	step("monday3", accepted, director, "2026-10-19 08:05", "")
	propose("crisisline", director, "2026-11-23 08:30", "Linjen är helig också i krisledningen: ordföranden ger uppdrag genom direktören även i stabsläge.", "")
	return ids
}

// deviation is one row of the demo's log of deviations and stand-ins.
type deviation struct {
	day, logged string // occurred on; logged at
	role        int32  // who logged it
	kind        int32
	area        string // area name, or empty
	agreement   string // agreement key, or empty
	what, why   string
	ack         string // acknowledged at, or empty
	ackComment  string
	precedent   string // when set, the case is linked to the area as a precedent with this summary
	caseArea    string // for a precedent of a deviation from an agreement: the area it belongs to
}

func seedDeviations(b *store.Seeder, p pair, areas, agreements map[string]int64) {
	const (
		dev     = store.KindDeviation
		standIn = store.KindStandIn
	)
	crisisStart, crisisEnd := "2023-08-07 09:12", "2023-08-24 16:00"
	b.Crisis(p.org, p.finished,
		p.asDirector(crisisStart, "Skyfall och översvämning i centrala Exempelstad; krisledningsnämnden aktiverad."),
		p.asChair(crisisEnd, "Tillbaka i vardag. Utvärderingen tas på reflektionssamtalet i september."))

	log := []deviation{
		{day: "2022-12-12", logged: "2022-12-12 15:20", role: director, kind: dev, area: AreaMedia,
			what: "Svarade Exempelstads Tidning om skattesatsen när du satt i möte.", why: "Reportern skulle publicera samma kväll.",
			ack: "2022-12-13 07:50", ackComment: "Bra svar. Ring mig nästa gång, även om jag sitter i möte."},
		{day: "2023-01-24", logged: "2023-01-20 11:00", role: director, kind: standIn, area: "Representation och officiella uppdrag",
			what: "Jag talar för kommunen vid Regionens nyårsmottagning.", why: "Du är på SKR:s kongress.",
			ack: "2023-01-20 12:15", ackComment: "Tack! Nämn gärna satsningen på yrkesvux."},
		{day: "2023-02-02", logged: "2023-02-02 16:40", role: chair, kind: dev, agreement: "line",
			what: "Bad skolchefen direkt om siffror på behörighet inför debatten i fullmäktige.", why: "Debatten var samma kväll och du var sjuk.",
			ack: "2023-02-06 08:10", ackComment: "Förstått. Skolchefen berättade; inga problem den här gången.",
			precedent: "När direktören inte nås och fullmäktige väntar samma dag får ordföranden be en förvaltningschef om faktauppgifter, och säger till direktören efteråt.",
			caseArea:  "Ärendeberedning till kommunstyrelsen"},
		{day: "2023-03-14", logged: "2023-03-14 13:05", role: chair, kind: dev, area: AreaBusiness,
			what: "Lovade företaget på Norra industriområdet ett snabbt bygglovsbesked.", why: "",
			ack: "2023-03-15 08:30", ackComment: "Bygglov är myndighetsutövning; jag har pratat med byggnadsnämndens förvaltning. Låt oss inte lova tider.",
			precedent: "Ordföranden lovar inga tider för myndighetsbeslut; etableringssamtalet är politiskt, handläggningen förvaltningens."},
		{day: "2023-04-20", logged: "2023-04-12 09:00", role: chair, kind: standIn, area: "Krisledning",
			what: "Per Sandberg leder krisledningsnämndens övning i mitt ställe.", why: "Jag är på semester vecka 16.",
			ack: "2023-04-12 09:30"},
		{day: "2023-05-22", logged: "2023-05-22 17:10", role: director, kind: dev, area: "Budgetberedning",
			what: "Skickade oppositionen kalkylen för äldreboendet innan majoriteten sett den.", why: "Deras fråga kom först och svaret var klart.",
			ack: "2023-05-23 08:05", ackComment: "Rätt enligt vår överenskommelse, men säg till samma dag så att jag inte blir överraskad."},
		{day: "2023-06-06", logged: "2023-05-30 10:20", role: director, kind: standIn, area: "Representation och officiella uppdrag",
			what: "Jag håller nationaldagstalet på torget.", why: "Du är bortrest.",
			ack: "2023-05-30 11:00"},
		{day: "2023-08-07", logged: "2023-08-07 10:30", role: chair, kind: dev, area: AreaMedia,
			what: "Uttalade mig i Radio Exempelstad om evakueringen av Åstaden.", why: "Krisledningen bad om en röst från kommunen inom en timme och du ledde staben.",
			ack: "2023-08-07 12:00", ackComment: "Det var rätt. Hänvisa operativa frågor till staben."},
		{day: "2023-08-08", logged: "2023-08-08 07:45", role: chair, kind: dev, agreement: "line",
			what: "Gav räddningstjänstens chef i uppdrag att prioritera äldreboendet vid Ån.", why: "Larmet kom klockan fem på morgonen och staben var inte bemannad.",
			ack: "2023-08-08 09:00", ackComment: "Jag förstår varför, men i kris ska uppdragen gå via staben. Vi tar det på utvärderingen.",
			precedent: "Även i kris går uppdrag till förvaltningen genom direktören eller staben; ordföranden ringer staben, inte verksamheten.",
			caseArea:  "Krisledning"},
		{day: "2023-08-09", logged: "2023-08-09 18:20", role: director, kind: dev, area: "Politiska prioriteringar och mål",
			what: "Beslutade att skjuta upp höstens medborgardialoger.", why: "All personal behövs i återställningen efter översvämningen.",
			ack: "2023-08-10 08:00", ackComment: "Okej under krisen, men beslutet om nya datum är mitt."},
		{day: "2023-08-14", logged: "2023-08-14 11:40", role: director, kind: dev, area: "Budgetberedning",
			what: "Beställde tillfälliga pumpar och bodar för 1,8 miljoner utan budgetbeslut.", why: "Extraordinär händelse; krisledningsnämnden informeras i efterhand.",
			ack: "2023-08-14 13:00"},
		{day: "2023-08-21", logged: "2023-08-21 09:30", role: chair, kind: dev, area: "Kontakter med oppositionen",
			what: "Informerade oppositionen om läget utan dig.", why: "Du satt i länsstyrelsens samverkanskonferens.",
			ack: "2023-08-21 14:10", ackComment: "Bra. Jag skickar det skriftliga underlaget till dem i dag."},
		{day: "2023-10-03", logged: "2023-10-03 16:00", role: director, kind: dev, area: "Organisationsförändringar",
			what: "Flyttade kommunikationsenheten till kommunledningskontoret.", why: "Lärdom från krisen: kommunikationen måste ligga nära staben.",
			ack: "2023-10-04 08:15", ackComment: "Jag hade velat veta före personalen. Vi ska samråda enligt rollfördelningen."},
		{day: "2023-11-28", logged: "2023-11-20 13:00", role: director, kind: standIn, area: AreaBusiness,
			what: "Jag tar emot delegationen från batterifabriken.", why: "Du leder fullmäktiges budgetdebatt samma dag.",
			ack: "2023-11-20 14:00", ackComment: "Tack. Säg att jag gärna träffar dem i januari."},
		{day: "2024-02-19", logged: "2024-02-19 10:10", role: chair, kind: dev, area: "Personalärenden",
			what: "Sa till kultur- och fritidschefen att tjänsten som evenemangssamordnare ska tillsättas.", why: "",
			ack: "2024-02-20 08:30", ackComment: "Tillsättningar är mina. Jag tittar på behovet och återkommer på måndag."},
		{day: "2024-04-15", logged: "2024-04-15 15:45", role: director, kind: dev, agreement: "monday",
			what: "Ställde in måndagsavstämningen för att gå på länsstyrelsens möte.", why: "Mötet flyttades med en dags varsel.",
			ack: "2024-04-15 16:10", ackComment: "Vi tar den på tisdag 07.30 i stället."},
		{day: "2024-06-10", logged: "2024-06-03 09:00", role: chair, kind: standIn, area: "Regional samverkan",
			what: "Lars företräder kommunen på regionens samråd om kollektivtrafiken.", why: "Jag är på Almedalen-förberedelser.",
			ack: "2024-06-03 10:00"},
		{day: "2024-09-12", logged: "2024-09-12 14:20", role: director, kind: dev, area: "Organisationsförändringar",
			what: "Sa till ledningsgruppen att jag ser över förvaltningens organisation.", why: "Jag ville sätta förväntningar första veckan.",
			ack: "2024-09-13 08:05", ackComment: "Bra att du berättar. Låt oss skriva in hur det här ska gå till."},
		{day: "2024-10-15", logged: "2024-10-15 17:30", role: chair, kind: dev, agreement: "media",
			what: "Kommenterade sjukfrånvaron i hemtjänsten i Exempelstads Tidning.", why: "Frågan ställdes i en intervju om budgeten.",
			ack: "2024-10-16 07:55", ackComment: "Det gick bra, men hänvisa verksamhetsfrågor till mig nästa gång."},
		{day: "2024-11-21", logged: "2024-11-14 11:30", role: director, kind: standIn, area: "Representation och officiella uppdrag",
			what: "Jag inviger nya förskolan Solrosen.", why: "Du sitter i regionfullmäktige.",
			ack: "2024-11-14 12:00", ackComment: "Toppen. Hälsa personalen."},
		{day: "2025-01-27", logged: "2025-01-27 09:45", role: director, kind: dev, area: "Kontakter med oppositionen",
			what: "Lovade oppositionsrådet en dragning om simhallens kalkyl innan majoriteten fått den.", why: "Hen frågade direkt efter KS.",
			ack: "2025-01-27 11:00", ackComment: "Okej, men majoriteten ska ha samma dragning samma vecka.",
			precedent: "Oppositionen får dragningar om kalkyler, men majoriteten får samma underlag samma vecka; ingen part ska få det först utan att den andra vet."},
		{day: "2025-03-04", logged: "2025-03-04 16:20", role: chair, kind: dev, area: "Upphandling och avtal",
			what: "Ringde upphandlingschefen och frågade varför städavtalet försenats.", why: "Medborgare hörde av sig till mig.",
			ack: "2025-03-05 08:10", ackComment: "Fråga mig först; jag hade svaret."},
		{day: "2025-04-23", logged: "2025-04-16 10:00", role: chair, kind: standIn, area: AreaMedia,
			what: "Maria svarar på medias frågor om budgetramarna.", why: "Jag är sjukskriven vecka 17.",
			ack: "2025-04-16 10:30", ackComment: "Självklart. Krya på dig."},
		{day: "2025-06-02", logged: "2025-06-02 13:30", role: director, kind: dev, area: "Stora investeringar och lokalfrågor",
			what: "Pausade projekteringen av simhallen.", why: "Anbuden låg 40 procent över kalkyl; vidare arbete hade kostat utan beslut.",
			ack: "2025-06-02 15:00", ackComment: "Rätt beslut, men det är politiskt laddat. Vi går ut med det tillsammans.",
			precedent: "Direktören får pausa ett projekt som dragit över kalkylen, men beskedet utåt ges gemensamt eftersom vägvalet är politiskt."},
		{day: "2025-08-18", logged: "2025-08-18 08:40", role: chair, kind: dev, agreement: "sms",
			what: "Tog upp hemtjänstens schema på sms en söndagskväll.", why: "",
			ack: "2025-08-18 09:00", ackComment: "Det kunde vänta till avstämningen."},
		{day: "2025-10-01", logged: "2025-09-24 09:10", role: director, kind: standIn, area: "Regional samverkan",
			what: "Jag företräder kommunen i regionens tillväxtutskott.", why: "Du leder partiets kongressdelegation.",
			ack: "2025-09-24 09:40"},
		{day: "2025-11-11", logged: "2025-11-11 18:00", role: chair, kind: dev, area: "Personalärenden",
			what: "Berättade för räddningschefen om omorganisationen innan du hunnit.", why: "Han frågade rakt ut på ett möte.",
			ack: "2025-11-12 08:00", ackComment: "Jag förstår. Jag pratar med honom i dag."},
		{day: "2026-02-09", logged: "2026-02-09 12:30", role: director, kind: dev, area: AreaBusiness,
			what: "Gav etableringsbesked till logistikföretaget om tillgänglig mark.", why: "Marken var redan detaljplanerad och beslutad för ändamålet.",
			ack: "2026-02-09 14:00", ackComment: "Bra; etableringen i sig pratar vi om på måndag."},
		{day: "2026-06-06", logged: "2026-05-28 09:00", role: director, kind: standIn, area: "Representation och officiella uppdrag",
			what: "Jag håller nationaldagstalet.", why: "Du är på valkampanjens upptakt.",
			ack: "2026-05-28 09:20"},
		{day: "2026-09-14", logged: "2026-09-14 16:50", role: chair, kind: dev, area: "Ärendeberedning till kommunstyrelsen",
			what: "Lade till ett ärende om föreningsbidrag på KS dagordning utan beredning.", why: "Valet; föreningarna behövde besked före oktober.",
			ack: "2026-09-15 08:00", ackComment: "Det gick, men ärendet var inte färdigberett. Låt oss undvika det."},

		// The current term.
		{day: "2026-11-20", logged: "2026-11-20 15:05", role: director, kind: dev, area: AreaMedia,
			what: "Svarade Radio Exempelstad om budgetläget när du var på KS-resa.", why: "Reportern hade deadline samma eftermiddag."},
		{day: "2026-12-03", logged: "2026-11-25 10:15", role: director, kind: standIn, area: "Representation och officiella uppdrag",
			what: "Jag talar för kommunen på Regiondagen.", why: "Du sitter i fullmäktiges budgetdebatt.",
			ack: "2026-11-25 11:00", ackComment: "Tack! Jag skickar talepunkterna."},
	}
	for _, d := range log {
		inCrisis := d.logged >= crisisStart && d.logged <= crisisEnd
		id := b.Deviation(store.Deviation{
			OrganizationID: p.org, TermID: p.termOf(d.logged[:10]), Kind: d.kind,
			AreaID: areas[d.area], AgreementID: agreements[d.agreement],
			What: d.what, Reason: d.why, OccurredOn: d.day,
			LoggedBy: store.Person{ID: p.as(d.role, d.logged, "").By}, LoggedByRole: d.role, LogTime: at(d.logged), InCrisis: inCrisis,
		})
		if d.ack != "" {
			b.AcknowledgeDeviation(id, p.as(otherRoleOf(d.role), d.ack, d.ackComment))
		}
		if d.precedent != "" {
			area := d.area
			if area == "" {
				area = d.caseArea
			}
			b.Precedent(store.Precedent{AreaID: areas[area], DeviationID: id, Summary: d.precedent, OccurredOn: d.day,
				LinkedBy: store.Person{ID: p.chair}, CreateTime: at(d.ack)})
		}
	}
	b.Precedent(store.Precedent{AreaID: areas["Krisledning"], Reference: "KS 2023-09-12 § 101",
		Summary:    "Krisledningsnämndens reglemente ändrades efter översvämningen: ordföranden leder nämnden, direktören staben, och avsteg meddelas samma dag.",
		OccurredOn: "2023-09-12", LinkedBy: store.Person{ID: p.chair}, CreateTime: at("2023-09-18 09:25")})
}

func otherRoleOf(role int32) int32 {
	if role == chair {
		return director
	}
	return chair
}
