// Uppföljning av fattade beslut: the board's and the council's decisions, who carries
// them out and by when, and how far they have come. The director reports; the chair
// sees the state at a glance.

import {
  PoliticalDecisionStatus,
  type GetPoliticalDecisionResponse,
  type PoliticalDecision,
  type SummarizePoliticalDecisionsResponse,
} from "../gen/samspel/v1/decision_follow_up_service_pb";
import type { Person } from "../gen/samspel/v1/person_service_pb";
import { Role } from "../gen/samspel/v1/role_pb";
import type { MeView } from "../me";
import { h, type Child } from "../render";
import { navigate, type RouteContext } from "../router";
import { showScreen, type Problem } from "../ui";
import type { Term } from "../gen/samspel/v1/term_service_pb";
import { followUp, organizationId, people, terms } from "./client";
import { dayLabel } from "./format";
import { button, failed, field, focusLater, form, idOf, problemFor, select, ticket, value, type Choice } from "./ui";

const statusNames: Record<number, string> = {
  [PoliticalDecisionStatus.NOT_STARTED]: "Inte påbörjat",
  [PoliticalDecisionStatus.IN_PROGRESS]: "Pågår",
  [PoliticalDecisionStatus.DONE]: "Klart",
  [PoliticalDecisionStatus.CANCELLED]: "Avslutat utan genomförande",
};

function statusOf(d: PoliticalDecision): string {
  return d.overdue ? `${statusNames[d.status] ?? ""}, försenat` : (statusNames[d.status] ?? "");
}

/** reports says whether the person registers decisions and reports on them. */
function reports(me: MeView): boolean {
  return me.memberships.some((m) => m.roles.some((r) => r.role === Role.CHAIR || r.role === Role.DIRECTOR || r.role === Role.STAFF));
}

interface ListState {
  isCurrent: () => boolean;
  org: bigint;
  filter: string;
  term: bigint; // zero: the current term
  terms: Term[];
  summary: SummarizePoliticalDecisionsResponse;
  list: PoliticalDecision[];
  token: string;
  people: Person[];
  showForm: boolean;
  errors: Record<string, string>;
  me: MeView;
}

/** showDecisions draws /moten/beslut?visa=oppna|forsenade&period=TERM. */
export async function showDecisions(ctx: RouteContext): Promise<void> {
  const isCurrent = ticket(location.pathname);
  const filter = ctx.query.get("visa") ?? "";
  const term = /^[0-9]{1,18}$/.test(ctx.query.get("period") ?? "") ? BigInt(ctx.query.get("period") ?? "0") : 0n;
  try {
    const org = await organizationId();
    const [summary, list, ppl, ts] = await Promise.all([
      followUp.summarizePoliticalDecisions({ organizationId: org, termId: term }),
      followUp.listPoliticalDecisions({ organizationId: org, termId: term, openOnly: filter === "oppna", overdueOnly: filter === "forsenade", pageSize: 30 }),
      people.listPeople({ organizationId: org, pageSize: 200 }),
      terms.listTerms({ organizationId: org }),
    ]);
    if (!isCurrent()) return;
    const s: ListState = {
      isCurrent, org, filter, term, terms: ts.terms, summary, list: list.politicalDecisions, token: list.nextPageToken,
      people: ppl.people, showForm: false, errors: {}, me: ctx.me,
    };
    drawList(s, ctx.focus);
  } catch (err) {
    if (isCurrent()) failed("beslut", "Uppföljning av beslut", err, () => void showDecisions({ ...ctx, focus: true }), ctx.focus);
  }
}

function drawList(s: ListState, focus: boolean, problem?: Problem): void {
  const sum = s.summary;
  const filters: [string, string][] = [["", "Alla"], ["oppna", "Öppna"], ["forsenade", "Försenade"]];
  const link = (visa: string, period: bigint) => {
    const q = new URLSearchParams();
    if (visa) q.set("visa", visa);
    if (period) q.set("period", period.toString());
    return q.size ? `/moten/beslut?${q}` : "/moten/beslut";
  };
  const shownTerm = s.term || (s.terms.find((t) => t.current)?.id ?? 0n);
  showScreen(
    "beslut",
    "Uppföljning av beslut",
    [
      h(
        "ul",
        { id: "beslut-summary", class: "stats", "aria-label": "Läget i korthet" },
        stat("Försenade", sum.overdue, true),
        stat("Pågår", sum.inProgress),
        stat("Inte påbörjade", sum.notStarted),
        stat("Klara", sum.done),
        stat("Avslutade", sum.cancelled),
      ),
      h(
        "nav",
        { class: "filters", "aria-label": "Visa" },
        h("ul", null, filters.map(([key, label]) =>
          h("li", null, h("a", { href: link(key, s.term), "aria-current": s.filter === key ? "page" : undefined }, label)),
        )),
      ),
      s.terms.length > 1 &&
        h(
          "nav",
          { class: "filters", "aria-label": "Mandatperiod" },
          h("ul", null, s.terms.map((t) =>
            h("li", null, h("a", { href: link(s.filter, t.current ? 0n : t.id), "aria-current": t.id === shownTerm ? "page" : undefined },
              `Mandatperiod ${t.startDate.slice(0, 4)}–${t.endDate.slice(0, 4)}`)),
          )),
        ),
      s.list.length === 0
        ? h("p", null, "Inga beslut att visa.")
        : h("ul", { id: "beslut-list", class: "list" }, s.list.map((d) => decisionRow(d))),
      s.token && button("beslut-more", "Visa fler", () => void more(s), "secondary"),
      reports(s.me) && newDecision(s),
    ],
    { focus, problem },
  );
}

function stat(label: string, n: number, warn = false): HTMLElement {
  return h("li", { class: warn && n > 0 ? "stat stat-warning" : "stat" }, h("span", { class: "stat-number" }, String(n)), h("span", null, label));
}

function decisionRow(d: PoliticalDecision): HTMLElement {
  return h(
    "li",
    { "data-decision-id": idOf(d.id) },
    h("a", { href: `/moten/beslut/${idOf(d.id)}` }, `${d.reference}: ${d.title}`),
    h(
      "p",
      { class: "meta" },
      [d.responsible?.displayName, d.expectedCompletionDate && `klart senast ${dayLabel(d.expectedCompletionDate)}`].filter(Boolean).join(" · "),
      " · ",
      h("span", { class: d.overdue ? "tag tag-warning" : "tag" }, statusOf(d)),
    ),
  );
}

async function more(s: ListState): Promise<void> {
  try {
    const res = await followUp.listPoliticalDecisions({
      organizationId: s.org, termId: s.term, openOnly: s.filter === "oppna", overdueOnly: s.filter === "forsenade", pageSize: 30, pageToken: s.token,
    });
    if (!s.isCurrent()) return;
    const first = res.politicalDecisions[0];
    s.list = [...s.list, ...res.politicalDecisions];
    s.token = res.nextPageToken;
    drawList(s, false);
    if (first) document.querySelector<HTMLElement>(`#beslut-list [data-decision-id="${idOf(first.id)}"] a`)?.focus();
  } catch (err) {
    if (s.isCurrent()) drawList(s, false, problemFor(err, "hämta fler beslut"));
  }
}

function personChoices(ps: Person[], none: string): Choice[] {
  return [{ value: "0", label: none }, ...ps.map((p) => ({ value: idOf(p.id), label: p.displayName }))];
}

function newDecision(s: ListState): Child {
  if (!s.showForm) {
    return h("div", { class: "actions" }, button("beslut-new", "Nytt beslut att följa upp", () => {
      s.showForm = true;
      drawList(s, false);
      focusLater("pd-body");
    }, "secondary"));
  }
  const bad = (id: string, message: string) => {
    s.errors = { [id]: message };
    drawList(s, false, { title: "Det finns ett fel", message, fieldId: id });
  };
  return h(
    "section",
    { class: "block", "aria-labelledby": "pd-new-h" },
    h("h2", { id: "pd-new-h" }, "Nytt beslut att följa upp"),
    form(
      "pd",
      "Spara beslutet",
      [
        select("pd-body", "Organ", [{ value: "KS", label: "Kommunstyrelsen (KS)" }, { value: "KF", label: "Kommunfullmäktige (KF)" }, { value: "RS", label: "Regionstyrelsen (RS)" }, { value: "RF", label: "Regionfullmäktige (RF)" }]),
        field({ id: "pd-date", label: "Beslutsdatum", type: "date", error: s.errors["pd-date"] }),
        field({ id: "pd-paragraph", label: "Paragraf (§)", type: "number", error: s.errors["pd-paragraph"] }),
        field({ id: "pd-title", label: "Vad beslutades?", maxlength: 200, error: s.errors["pd-title"] }),
        select("pd-responsible", "Ansvarig", personChoices(s.people, "Ingen utsedd än")),
        field({ id: "pd-expected", label: "Ska vara klart", type: "date", hint: "Valfritt. Beslut som passerat datumet syns som försenade." }),
      ],
      () => {
        const date = value("pd-date");
        const paragraph = Number(value("pd-paragraph"));
        const title = value("pd-title");
        if (!date) return bad("pd-date", "Fyll i beslutsdatum");
        if (!Number.isInteger(paragraph) || paragraph < 1) return bad("pd-paragraph", "Fyll i paragrafen som ett heltal");
        if (!title) return bad("pd-title", "Skriv vad som beslutades");
        void (async () => {
          try {
            const res = await followUp.createPoliticalDecision({
              organizationId: s.org, body: value("pd-body"), decisionDate: date, paragraph, title,
              responsiblePersonId: BigInt(value("pd-responsible") || "0"), expectedCompletionDate: value("pd-expected"),
            });
            navigate(`/moten/beslut/${idOf(res.politicalDecision?.id ?? 0n)}`);
          } catch (err) {
            if (s.isCurrent()) drawList(s, false, problemFor(err, "spara beslutet"));
          }
        })();
      },
    ),
  );
}

/** showDecision draws /moten/beslut/:id with its reports and a form to report. */
export async function showDecision(ctx: RouteContext): Promise<void> {
  const isCurrent = ticket(location.pathname);
  const raw = ctx.params["id"] ?? "";
  if (!/^[0-9]{1,18}$/.test(raw)) {
    showScreen("beslut-missing", "Beslutet finns inte", [h("p", null, h("a", { href: "/moten/beslut", class: "line-link" }, "Alla beslut"))], { focus: ctx.focus });
    return;
  }
  const id = BigInt(raw);
  const load = async (focus: boolean, focusId?: string, problem?: Problem) => {
    try {
      const d = await followUp.getPoliticalDecision({ id });
      if (!isCurrent()) return;
      drawDecision(d, ctx.me, focus, problem, (status, comment) => report(status, comment));
      focusLater(focusId);
    } catch (err) {
      if (isCurrent()) failed("beslut-detalj", "Beslut", err, () => void load(true), focus);
    }
  };
  const report = async (status: PoliticalDecisionStatus, comment: string) => {
    try {
      await followUp.reportPoliticalDecisionStatus({ id, status, comment });
      await load(false, "pd-updates-h");
    } catch (err) {
      await load(false, undefined, problemFor(err, "spara lägesrapporten"));
    }
  };
  await load(ctx.focus);
}

function drawDecision(r: GetPoliticalDecisionResponse, me: MeView, focus: boolean, problem: Problem | undefined, report: (s: PoliticalDecisionStatus, c: string) => void): void {
  const d = r.politicalDecision;
  if (!d) return;
  showScreen(
    "beslut-detalj",
    d.reference,
    [
      h("p", { class: "lead" }, d.title),
      d.description && h("p", null, d.description),
      h(
        "dl",
        { class: "facts" },
        h("dt", null, "Ansvarig"), h("dd", null, d.responsible?.displayName ?? "Ingen utsedd"),
        h("dt", null, "Ska vara klart"), h("dd", null, d.expectedCompletionDate ? dayLabel(d.expectedCompletionDate) : "Inget datum"),
        h("dt", null, "Läge"), h("dd", { id: "pd-status" }, statusOf(d)),
      ),
      h("h2", { id: "pd-updates-h", tabindex: "-1" }, "Lägesrapporter"),
      r.updates.length === 0
        ? h("p", null, "Inga rapporter än.")
        : h(
            "ul",
            { id: "pd-updates", class: "list" },
            r.updates.map((u) =>
              h(
                "li",
                null,
                h("p", null, h("strong", null, statusNames[u.status] ?? ""), u.comment ? `: ${u.comment}` : ""),
                h("p", { class: "meta" }, u.author?.displayName ?? ""),
              ),
            ),
          ),
      reports(me) &&
        form(
          "pd-report",
          "Spara lägesrapport",
          [
            h("h2", null, "Rapportera läget"),
            select("pd-report-status", "Läge", Object.entries(statusNames).map(([v, label]) => ({ value: v, label })), String(d.status)),
            field({ id: "pd-report-comment", label: "Kommentar", type: "textarea", maxlength: 2000 }),
          ],
          () => report(Number(value("pd-report-status")) as PoliticalDecisionStatus, value("pd-report-comment")),
        ),
      h("p", null, h("a", { href: "/moten/beslut", class: "line-link" }, "Alla beslut")),
    ],
    { focus, problem },
  );
}
