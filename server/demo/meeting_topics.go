package demo

// The words of the demo's meetings: what a chair and a director of a Swedish municipality
// talk about on Monday mornings, what they decide and who does what.

// who names a party of the pair in the demo's text tables.
type who int

const (
	both who = iota
	byChair
	byDirector
)

// topic is an agenda item with what was written about it.
type topic struct {
	title, description string
	note               string
	decision           string // empty: nothing was decided
	takenBy            who
	action             string // empty: nobody was given anything to do
	owner              who
}

// snowCannons is the report's cautionary tale: a no that nobody wrote down.
const snowCannons = "Snökanoner till skidbacken"

var topics = []topic{
	{"Budgetramar för nämnderna", "Förslaget till ramar inför budgetberedningen.",
		"Direktören gick igenom nämndernas äskanden. Socialnämnden och utbildningsnämnden ligger över ramen.",
		"Ramarna hålls. Nämnderna får prioritera inom sina ramar.", byChair,
		"Ta fram konsekvensbeskrivning för socialnämndens ram", byDirector},
	{"Skolorganisationen i norra kommundelen", "Elevunderlaget i Norrby och Åsen minskar.",
		"Två alternativ presenterades: samla F–6 i Norrby eller behålla båda skolorna med gemensam rektor.",
		"Båda alternativen utreds vidare innan något förs till politiken.", both,
		"Beställa elevprognos för 2025–2030 från planeringsenheten", byDirector},
	{"Bostadsbyggande vid stationsområdet", "Exploatören vill börja etapp två tidigare.",
		"Ordföranden vill se fler hyresrätter. Direktören påminde om att detaljplanen styr.",
		"Frågan om upplåtelseform tas upp i markanvisningsavtalet, inte i detaljplanen.", byChair,
		"Boka möte med exploatören om etapp två", byChair},
	{"Vinterväghållningen", "Klagomål på snöröjningen i villaområdena.",
		"Entreprenören har haft maskinhaveri. Avtalet har vitesklausul.",
		"", both,
		"Följa upp entreprenörens åtgärdsplan och rapportera nästa måndag", byDirector},
	{snowCannons, "Skidklubben vill att kommunen köper fem snökanoner.",
		"Ordföranden har fått frågan av skidklubben. Direktören: det finns ingen budget och frågan är inte beredd.",
		"Inga snökanoner köps in i vinter. Direktören sa nej: ingen budget och ingen beredning. Skidklubben får svar från fritidsförvaltningen.", byDirector,
		"Skriva svar till skidklubben om snökanonerna", byDirector},
	{"Rekrytering av socialchef", "Nuvarande socialchef går i pension i juni.",
		"Direktören redogjorde för tidplanen. Ordföranden vill att presidiet i socialnämnden får träffa slutkandidaterna.",
		"Presidiet träffar slutkandidaterna. Beslutet om anställning är direktörens.", both,
		"", both},
	{"Medarbetarenkäten", "Resultatet för kommunhuset är sämre än förra året.",
		"Svarsfrekvensen 78 procent. Lägst resultat för arbetsbelastning.",
		"", both,
		"Ta fram handlingsplan för arbetsbelastningen tillsammans med facken", byDirector},
	{"Näringslivsrankingen", "Svenskt Näringslivs ranking kommer i september.",
		"Ordföranden vill ha en plan för bättre service till företagen. Handläggningstiderna för bygglov är problemet.",
		"Målet är att bygglov ska handläggas inom sex veckor.", byChair,
		"Redovisa handläggningstider för bygglov per månad", byDirector},
	{"Äldreboendet Solbacken", "Renoveringen är försenad.",
		"Fastighetsbolaget räknar med tre månaders försening. De boende är informerade.",
		"", both,
		"Informera socialnämndens presidium om förseningen", byChair},
	{"Inför kommunfullmäktige", "Ärendena på fullmäktiges dagordning.",
		"Genomgång av ärendelistan. Motionen om gratis kollektivtrafik för unga väntas ge debatt.",
		"Ordföranden håller i svaret på motionen om kollektivtrafiken.", byChair,
		"", both},
	{"Krisberedskapen", "Övningen med länsstyrelsen i höst.",
		"Krisledningsnämnden har inte övat sedan 2019. Direktören vill öva innan valet.",
		"Krisledningsnämnden övar i oktober.", both,
		"Boka datum för krisövning med länsstyrelsen", byDirector},
	{"Hälsocentralen i Åsen", "Regionen vill stänga filialen.",
		"Ordföranden har pratat med regionrådet. Regionen pekar på läkarbristen.",
		"Kommunen kräver samråd innan regionen beslutar.", byChair,
		"Skriva brev till regionen om samråd om hälsocentralen", byChair},
	{"Detaljplanen för Hamnområdet", "Samrådet är klart.",
		"Många synpunkter om höjden på husen vid kajen. Planenheten föreslår att sänka två kvarter.",
		"", both,
		"Sammanställa samrådsredogörelsen för byggnadsnämnden", byDirector},
	{"Månadsuppföljning av ekonomin", "Prognosen efter april.",
		"Prognosen visar underskott på 12 miljoner, främst inom individ- och familjeomsorgen.",
		"Nämnder med underskott lämnar åtgärdsplaner till kommunstyrelsen.", both,
		"Begära åtgärdsplaner från nämnderna med underskott", byDirector},
	{"Vattenläckan på Storgatan", "Pressen frågar om ansvaret.",
		"Läckan är lagad. Frågan om ersättning till fastighetsägarna är inte avgjord.",
		"Direktören svarar pressen om det tekniska, ordföranden om det politiska.", both,
		"", both},
	{"Oppositionens frågor", "Frågor som kommit från oppositionen sedan förra veckan.",
		"Oppositionen har frågat om konsultkostnaderna och om skolskjutsarna.",
		"Oppositionen får samma underlag om konsultkostnaderna som majoriteten.", byChair,
		"Ta fram sammanställning av konsultkostnader till oppositionen", byDirector},
	{"Digitaliseringsstrategin", "Förslaget ska ut på remiss.",
		"Direktören vill att strategin knyts till budgeten. Ordföranden vill ha med medborgarnas e-tjänster.",
		"", both,
		"Skicka strategin på remiss till nämnderna", byDirector},
	{"Lokalförsörjningsplanen", "Behovet av förskoleplatser i centrum.",
		"Det saknas 60 förskoleplatser till 2026. Två tomter är möjliga.",
		"Utred tomten vid Parkvägen först.", byChair,
		"Beställa förstudie för förskola vid Parkvägen", byDirector},
	{"Mottagandet av nyanlända", "Anvisningarna från Migrationsverket för nästa år.",
		"Kommunen anvisas 35 personer. Bostäderna är den svåra frågan.",
		"", both,
		"Stämma av bostäder för nyanlända med bostadsbolaget", byDirector},
	{"Sommarjobb för unga", "Hur många platser blir det i år?",
		"Förra året fick 210 ungdomar sommarjobb. Ordföranden vill ha fler platser hos företagen.",
		"Målet är 250 platser, varav 50 hos privata arbetsgivare.", byChair,
		"Kontakta företagarföreningen om sommarjobb", byChair},
	{"Kollektivtrafiken", "Regionens förslag till nya linjer.",
		"Linje 4 föreslås läggas ner. Den trafikerar två skolor.",
		"Kommunen yttrar sig mot att linje 4 läggs ner.", byChair,
		"Skriva yttrande om linje 4 till regionen", byDirector},
	{"Energikostnaderna i fastigheterna", "Elpriset och kommunens fastigheter.",
		"Kostnaden blir 8 miljoner högre än budgeterat. Åtgärder: sänkt inomhustemperatur i lokaler som inte används.",
		"", both,
		"Ta fram energisparplan för kommunens lokaler", byDirector},
	{"Delårsrapporten", "Tidplan och innehåll.",
		"Delårsrapporten går till KS i september. Målavstämningen är inte klar för alla nämnder.",
		"", both,
		"Påminna nämnderna om målavstämningen", byDirector},
	{"Arbetsmiljön i kommunhuset", "Ombyggnaden av entréplanet.",
		"Receptionen har problem med drag och buller under ombyggnaden.",
		"", both,
		"Se över tillfällig placering av receptionen", byDirector},
	{"Instruktionen för kommundirektören", "Revideringen som styrelsen ska anta.",
		"Genomgång av vad som ändrats: delegering i personalfrågor och vem som svarar pressen.",
		"Förslaget till reviderad instruktion går till KS i nästa månad.", both,
		"Skriva tjänsteskrivelse om reviderad instruktion", byDirector},
	{"Medborgardialog om centrumplanen", "Formerna för dialogen.",
		"Ordföranden vill ha öppna möten i alla kommundelar. Direktören föreslår även en digital enkät.",
		"Dialogen blir både öppna möten och enkät.", both,
		"Planera medborgardialogen med kommunikationsenheten", byDirector},
	{"Pressfrågor om skolskjutsen", "Lokaltidningen har skrivit om förseningarna.",
		"Upphandlingen av skolskjuts har överprövats. Tillfälligt avtal gäller.",
		"", both,
		"Ta fram faktaunderlag om skolskjutsupphandlingen", byDirector},
	{"Samverkan med grannkommunerna", "Gemensam räddningstjänst och IT-drift.",
		"Grannkommunerna vill utreda gemensam IT-drift. Ordföranden är positiv men vill se kostnaderna.",
		"Kommunen deltar i utredningen om gemensam IT-drift.", byChair,
		"", both},
	{"Brottsförebyggande rådet", "Otryggheten vid resecentrum.",
		"Polisen har ökat närvaron. Belysningen vid gångtunneln är dålig.",
		"Belysningen vid gångtunneln åtgärdas före vintern.", both,
		"Beställa ny belysning vid gångtunneln", byDirector},
	{"Föreningsbidragen", "Översynen av bidragsreglerna.",
		"Förslaget innebär att bidraget följer antalet aktiva ungdomar. Idrottsföreningarna är oroliga.",
		"", both,
		"Bjuda in idrottsrådet till dialog om bidragsreglerna", byChair},
}

// missedNotes are what gets written on a meeting where an item came back after a week or
// more, to show that it carried over.
var carriedNotes = []string{
	"Frågan togs upp igen. Underlaget är nu klart och frågan kan avslutas.",
	"Återkoppling från förra veckan: klart.",
	"Direktören återrapporterade. Inget mer att göra i nuläget.",
	"Ordföranden har stämt av med gruppledarna. Frågan avslutas här.",
}

// Answers of the chair and the director to the five reflection questions, a few versions
// each; the demo picks one per talk.
var chairAnswers = [5][]string{
	{"Måndagsmötena håller. Det gör att vi kan ta snabba frågor däremellan utan att tappa något.",
		"Strukturen är bra, men vi har ställt in för många möten under våren.",
		"Ja. Dagordningen vi gör tillsammans gör att inget faller mellan stolarna."},
	{"Vardag, men med hög belastning. Ekonomin är det som kan bli en kris.",
		"Det var kris under vattenläckan. Då höll vi rollerna bättre än i vardagen.",
		"Vardag. Men vi behöver prata om vad som gör att det blir kris."},
	{"Mest. Jag har ibland lovat saker till föreningar innan förvaltningen hunnit bereda.",
		"Ja, men jag har gått in i personalfrågor som är direktörens.",
		"Vi gör det vi säger. Åtgärdslistan hjälper."},
	{"Ja, stort förtroende.",
		"Förtroendet växer. Vi behöver lära känna varandra mer.",
		"Ja. Vi säger till när något skaver."},
	{"För lite. Två gånger om året räcker inte alltid.",
		"Ja, de här samtalen är bra. Fortsätt.",
		"Vi borde ta några minuter varje måndag också."},
}

var directorAnswers = [5][]string{
	{"Strukturen är stabil. Jag skulle vilja ha mer tid för framåtblick på måndagarna.",
		"Ja. Det som saknas är en fast tid för oppositionens frågor.",
		"Stabil nog. När vi improviserar gör vi det tillsammans."},
	{"Vardag, men organisationen känns pressad av ekonomin.",
		"Under krisen höll vi isär rollerna. Det fungerade.",
		"Vardag. Personalomsättningen i socialtjänsten är det som oroar mig."},
	{"Oftast. Ibland kommer politiska löften före beredningen, som med snökanonerna.",
		"Ja. Jag har varit tydlig med vad som är mitt ansvar.",
		"Vi håller det vi säger, och när vi inte gör det säger vi det."},
	{"Ja.",
		"Ja, och det har vuxit under året.",
		"Ja. Jag kan ta upp svåra frågor utan att det blir personligt."},
	{"Vi borde göra det oftare. Kanske en halvdag per kvartal.",
		"Ja, och det är värdefullt.",
		"Inte tillräckligt. Vardagen tar över."},
}

// decisionTitles are followed-up decisions of the board (KS) and the council (KF).
var decisionTitles = []string{
	"Uppdrag att ta fram en plan för förskoleplatser i centrum",
	"Investering i ny belysning längs gång- och cykelvägar",
	"Revidering av riktlinjerna för föreningsbidrag",
	"Uppdrag att utreda gemensam IT-drift med grannkommunerna",
	"Antagande av digitaliseringsstrategi",
	"Uppdrag att sänka handläggningstiden för bygglov",
	"Renovering av äldreboendet Solbacken",
	"Uppdrag att ta fram energisparplan för kommunens lokaler",
	"Revidering av instruktionen för kommundirektören",
	"Uppdrag att genomföra medborgardialog om centrumplanen",
	"Markanvisning för stationsområdet etapp två",
	"Uppdrag att utreda skolorganisationen i norra kommundelen",
	"Antagande av lokalförsörjningsplan",
	"Uppdrag att öka antalet sommarjobb för unga",
	"Yttrande till regionen om kollektivtrafiken",
	"Handlingsplan för minskad sjukfrånvaro",
	"Uppdrag att ta fram bostadsförsörjningsprogram",
	"Investering i nytt reningsverk, förstudie",
	"Uppdrag att se över avgifterna inom äldreomsorgen",
	"Antagande av plan för krisberedskap",
	"Uppdrag att införa e-tjänst för ekonomiskt bistånd",
	"Försäljning av fastigheten Kvarnen 3",
	"Uppdrag att ta fram trygghetsprogram för resecentrum",
	"Utbyggnad av fiber på landsbygden",
	"Uppdrag att utreda gemensam räddningstjänst",
	"Antagande av miljö- och klimatprogram",
	"Uppdrag att ta fram plan för integration och mottagande",
	"Renovering av simhallen",
	"Uppdrag att minska konsultkostnaderna",
	"Antagande av näringslivsstrategi",
}

var reportComments = map[int32][]string{
	1: {"Arbetet har inte startat. Resurser saknas tills efter sommaren."},
	2: {"Arbetet pågår enligt plan.", "Upphandling pågår.", "Förstudien är klar, projektering pågår.", "Försenat på grund av personalbrist."},
	3: {"Klart. Redovisat till kommunstyrelsen.", "Genomfört enligt beslutet.", "Klart och överlämnat till nämnden."},
	4: {"Avslutas: ersatt av senare beslut.", "Avslutas: budgetmedel saknas."},
}
