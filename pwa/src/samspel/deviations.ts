// Deviations (avsteg) and stand-ins: logged by the one who acted, seen at once by the
// other, who acknowledges or comments. In crisis a deviation needs its reason.

import type { MeView } from "../me";
import { h, type Child } from "../render";
import { AgreementState, DeviationKind, type Deviation, type DeviationComment } from "../gen/samspel/v1/pair_service_pb";
import type { Problem } from "../ui";
import { check } from "../details";
import { isoDate } from "../format";
import { pair, roleSplit, standing } from "./client";
import { act, errorFor, form, go, input, link, load, p, page, radios, required, section, select, textarea } from "./view";
import { dayText, isoOf, otherParty, timeText, who } from "./words";
import { termSwitch, termsOf } from "./terms";

const base = "/samspel/avsteg";

function kindName(k: DeviationKind): string {
  return k === DeviationKind.STAND_IN ? "Ersättare" : "Avsteg";
}

/** showDeviations lists those awaiting your acknowledgement first, then the term's log. */
export function showDeviations(me: MeView, query: URLSearchParams, focus: boolean): Promise<void> {
  const st = standing(me);
  const termId = BigInt(query.get("mandatperiod") ?? "0");
  return load(
    focus,
    async () => {
      const [all, awaiting, terms] = await Promise.all([
        pair.listDeviations({ organizationId: st.org, termId, pageSize: 500 }),
        pair.listDeviations({ organizationId: st.org, awaitingYouOnly: true, pageSize: 100 }),
        termsOf(st.org),
      ]);
      return { all: all.deviations, awaiting: awaiting.deviations, terms };
    },
    ({ all, awaiting, terms }) => {
      page(
        "avsteg",
        "Avsteg och ersättare",
        [
          p("När en av er agerar på den andras område, frångår en överenskommelse eller ersätter den andra. Den andra parten ser det direkt."),
          st.inPair && h("p", null, link(`${base}/ny`, "Logga avsteg eller ersättare", { id: "new-deviation", class: "button" })),
          awaiting.length > 0 && section("att-kvittera", "Att kvittera", h("ul", { class: "list" }, awaiting.map(item))),
          termSwitch(terms, termId, base),
          section("logg", "Loggen", all.length === 0 ? p("Inget loggat under mandatperioden.") : h("ul", { class: "list" }, all.map(item))),
        ],
        { focus },
      );
    },
  );
}

function item(d: Deviation): HTMLElement {
  const status = d.acknowledgedBy ? `Kvitterad av ${d.acknowledgedBy.displayName}` : d.awaitingYou ? "Väntar på din kvittens" : "Väntar på kvittens";
  return h(
    "li",
    { class: d.awaitingYou ? "awaiting" : undefined },
    h("p", { class: "meta" }, `${kindName(d.kind)} · `, h("time", { datetime: d.occurredOn }, dayText(d.occurredOn)), d.inCrisis ? " · i kris" : ""),
    link(`${base}/${d.id}`, d.what),
    h("p", { class: "meta" }, `${who(d.loggedBy, d.loggedByRole)} · ${d.areaName || d.agreementText} · ${status}`),
  );
}

/** NewValues keep what was typed when the form is drawn again. */
interface NewValues {
  kind?: string;
  area?: string;
  agreement?: string;
  what?: string;
  reason?: string;
  day?: string;
}

/** showNewDeviation is the form to log a deviation or a planned stand-in. */
export function showNewDeviation(me: MeView, focus: boolean, problem?: Problem, v?: NewValues): Promise<void> {
  const st = standing(me);
  return load(
    focus,
    async () => {
      const [areas, agreements, status] = await Promise.all([
        roleSplit.listAreas({ organizationId: st.org, pageSize: 500 }),
        pair.listAgreements({ organizationId: st.org, state: AgreementState.AGREED, pageSize: 500 }),
        pair.getPairStatus({ organizationId: st.org }),
      ]);
      return { areas: areas.areas, agreements: agreements.agreements, crisis: status.crisis };
    },
    ({ areas, agreements, crisis }) => {
      const kind = radios({
        id: "deviation-kind",
        label: "Vad vill du logga?",
        value: v?.kind ?? String(DeviationKind.DEVIATION),
        options: [
          { value: String(DeviationKind.DEVIATION), label: "Avsteg", hint: "Du har agerat på den andras område eller frångått en överenskommelse." },
          { value: String(DeviationKind.STAND_IN), label: "Ersättare", hint: "Du ersätter den andra, till exempel på ett möte. Logga det i förväg." },
        ],
      });
      const area = select({
        id: "deviation-area",
        label: "Område",
        error: errorFor(problem, "deviation-area"),
        value: v?.area ?? "",
        options: [["", "Inget område"], ...areas.map((a): [string, string] => [String(a.id), a.name])],
      });
      const agreement = select({
        id: "deviation-agreement",
        label: "Överenskommelse",
        hint: "Om du frångår en överenskommelse.",
        value: v?.agreement ?? "",
        options: [["", "Ingen"], ...agreements.map((a): [string, string] => [String(a.id), a.text])],
      });
      const what = textarea({ id: "deviation-what", label: "Vad gjorde du, eller vad ska du göra?", value: v?.what ?? "", error: errorFor(problem, "deviation-what"), maxlength: 2000 });
      const reason = textarea({
        id: "deviation-reason",
        label: "Varför?",
        hint: crisis ? "Krävs i kris: säg varför rollerna frångicks." : "Skälen gör det lättare för den andra att förstå.",
        value: v?.reason ?? "",
        error: errorFor(problem, "deviation-reason"),
        maxlength: 2000,
      });
      const day = input({ id: "deviation-day", label: "Datum", type: "date", value: v?.day ?? isoDate(new Date()), error: errorFor(problem, "deviation-day") });
      const values = (): NewValues => ({ kind: kind.value(), area: area.value(), agreement: agreement.value(), what: what.value(), reason: reason.value(), day: day.value() });
      const redraw = (pr: Problem, vs: NewValues) => void showNewDeviation(me, true, pr, vs);
      const submit = () => {
        const vs = values();
        const title = "Det gick inte att logga";
        const missing =
          (!vs.area && !vs.agreement ? { title, message: "Välj ett område eller en överenskommelse", fieldId: "deviation-area" } : undefined) ??
          required("deviation-what", vs.what ?? "", "Skriv vad du gjorde") ??
          (crisis ? required("deviation-reason", vs.reason ?? "", "Skriv varför: i kris måste ett avsteg ha ett skäl") : undefined) ??
          required("deviation-day", vs.day ?? "", "Välj ett datum");
        if (missing) return redraw(missing, vs);
        void act(
          async () => {
            const res = await pair.logDeviation({
              organizationId: st.org,
              kind: Number(vs.kind) as DeviationKind,
              areaId: BigInt(vs.area || "0"),
              agreementId: BigInt(vs.agreement || "0"),
              what: vs.what!.trim(),
              reason: vs.reason!.trim(),
              occurredOn: vs.day!,
            });
            go(`${base}/${res.deviation?.id ?? ""}`, `Loggat. ${capitalised(otherParty(st.role))} ser det nu.`);
          },
          (pr) => redraw(pr, vs),
          {
            title: "Det gick inte att logga",
            message: crisis ? "I kris måste ett avsteg ha ett skäl, och datumet stämma: ett avsteg har hänt, en ersättare är planerad." : "Kontrollera datumet: ett avsteg har redan hänt, en ersättare loggas i förväg.",
            fieldId: crisis ? "deviation-reason" : "deviation-day",
          },
          {
            occurred_on: ["deviation-day", "Kontrollera datumet: ett avsteg har redan hänt, en ersättare loggas i förväg."],
            reason: ["deviation-reason", "I kris måste ett avsteg ha ett skäl. Skriv varför."],
            what: ["deviation-what", check("vad du gjorde")],
            area_id: ["deviation-area", check("området")],
            agreement_id: ["deviation-area", check("överenskommelsen")],
          },
        );
      };
      page(
        "nytt-avsteg",
        "Logga avsteg eller ersättare",
        [
          crisis && h("div", { class: "crisis-banner", role: "note" }, h("p", null, h("strong", null, "Kris: "), crisis.reason), p("I kris hålls rollerna striktare. Skriv alltid varför.")),
          form("deviation-form", "Logga", submit, kind.node, area.node, agreement.node, what.node, reason.node, day.node),
        ],
        { focus, problem },
      );
    },
  );
}

function capitalised(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** showDeviation shows one deviation, its comments, and acknowledging for the other party. */
export function showDeviation(me: MeView, id: bigint, focus: boolean, problem?: Problem): Promise<void> {
  const st = standing(me);
  return load(
    focus,
    () => pair.getDeviation({ id }),
    (res) => {
      const d = res.deviation!;
      const here = `${base}/${d.id}`;
      const redraw = (pr: Problem) => void showDeviation(me, id, true, pr);
      const rows: [string, Child][] = [
        ["Vad", d.what],
        ["Varför", d.reason || "Inget skäl angivet"],
        ["Datum", h("time", { datetime: d.occurredOn }, dayText(d.occurredOn))],
        ["Område", d.areaName ? link(`/samspel/roller/${d.areaId}`, d.areaName) : "–"],
        ["Överenskommelse", d.agreementText ? link(`/samspel/overenskommelser/${d.agreementId}`, d.agreementText) : "–"],
        ["Loggat av", `${who(d.loggedBy, d.loggedByRole)}, ${timeText(d.logTime)}${d.inCrisis ? ", i kris" : ""}`],
        ["Kvittens", d.acknowledgedBy ? `${d.acknowledgedBy.displayName}, ${timeText(d.acknowledgeTime)}` : "Inte kvitterad ännu"],
      ];
      const comment = textarea({ id: "ack-comment", label: "Kommentar (frivillig)", rows: 2, maxlength: 2000 });
      const note = textarea({ id: "deviation-comment", label: "Kommentar", error: errorFor(problem, "deviation-comment"), maxlength: 2000 });
      const summary = textarea({
        id: "precedent-summary",
        label: "Vad visar fallet?",
        hint: "Skriv det som nästa ordförande och direktör behöver veta om gråzonen.",
        error: errorFor(problem, "precedent-summary"),
        maxlength: 2000,
      });
      page(
        "avsteg-sida",
        kindName(d.kind),
        [
          h("dl", { class: "facts" }, rows.map(([k, v]) => [h("dt", null, k), h("dd", null, v)])),
          d.awaitingYou &&
            section(
              "kvittera",
              "Kvittera",
              p("Kvittera att du har sett det. Skriv gärna vad du tycker."),
              form("ack-form", "Kvittera", () =>
                void act(async () => {
                  await pair.acknowledgeDeviation({ id: d.id, comment: comment.value().trim() });
                  go(here, "Kvitterat.");
                }, redraw), comment.node),
            ),
          section("kommentarer", "Kommentarer", res.comments.length === 0 ? p("Inga kommentarer.") : h("ol", { class: "list" }, res.comments.map(commentItem))),
          st.inPair &&
            form("comment-form", "Skicka kommentaren", () => {
              const missing = required("deviation-comment", note.value(), "Skriv en kommentar");
              if (missing) return redraw(missing);
              void act(async () => {
                await pair.commentOnDeviation({ id: d.id, text: note.value().trim() });
                go(here, "Kommentaren är sparad.");
              }, redraw);
            }, note.node),
          st.inPair &&
            d.areaId !== 0n &&
            section(
              "som-prejudikat",
              "Spara som prejudikat",
              p(`Fallet hamnar under ${d.areaName} i rollfördelningen, som underlag för nästa par.`),
              form("precedent-form", "Spara som prejudikat", () => {
                const missing = required("precedent-summary", summary.value(), "Skriv vad fallet visar");
                if (missing) return redraw(missing);
                void act(async () => {
                  await roleSplit.linkPrecedent({ areaId: d.areaId, deviationId: d.id, summary: summary.value().trim() });
                  go(`/samspel/roller/${d.areaId}`, "Fallet är sparat som prejudikat.");
                }, redraw);
              }, summary.node),
            ),
        ],
        { focus, problem },
      );
    },
  );
}

function commentItem(c: DeviationComment): HTMLElement {
  return h(
    "li",
    null,
    h("p", { class: "meta" }, who(c.author, c.authorRole), c.acknowledgement ? " kvitterade" : "", " · ", h("time", { datetime: isoOf(c.createTime) }, timeText(c.createTime))),
    p(c.text),
  );
}
