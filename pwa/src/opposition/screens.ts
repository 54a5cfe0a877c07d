// The opposition's screens, loaded on demand from ../opposition.ts: briefings
// (oppositionsdragningar), questions and answers (fråga/svar), and for the chair, the
// director and the staff the parity summary and the open gaps of each party.

import { createClient } from "@connectrpc/connect";
import { timestampDate } from "@bufbuild/protobuf/wkt";
import { Code, codeOf, transport } from "../api";
import {
  BriefingKind,
  OppositionService,
  QuestionStatus,
  type Briefing,
  type Question,
} from "../gen/samspel/v1/opposition_service_pb";
import { PersonService } from "../gen/samspel/v1/person_service_pb";
import { Role } from "../gen/samspel/v1/role_pb";
import type { MeView } from "../me";
import { h, type Child } from "../render";
import { navigate, type RouteContext } from "../router";
import { showScreen, type Problem } from "../ui";
import { dayLabel, days, todayISO } from "../meetings/format";
import { checkbox, checked, failed, field, form, idOf, problemFor, section, select, ticket, value } from "../meetings/ui";

const opposition = createClient(OppositionService, transport);
const people = createClient(PersonService, transport);

/** Who is the person, as far as these screens go. */
interface Who {
  org: bigint;
  party: string; // the opposition party, or empty
  director: boolean;
  administration: boolean; // the director or the staff
  ledger: boolean; // the chair, the director or the staff
}

function who(me: MeView): Who {
  const m = me.memberships.find((m) => m.roles.length > 0) ?? me.memberships[0];
  const roles = m?.roles ?? [];
  const has = (r: Role) => roles.some((x) => x.role === r);
  return {
    org: BigInt(m?.organizationId || "0"),
    party: roles.find((r) => r.role === Role.OPPOSITION)?.party ?? "",
    director: has(Role.DIRECTOR),
    administration: has(Role.DIRECTOR) || has(Role.STAFF),
    ledger: has(Role.CHAIR) || has(Role.DIRECTOR) || has(Role.STAFF),
  };
}

/** A notice shown once on the next screen, after a change. */
let notice = "";

function noticeBox(): Child {
  if (!notice) return null;
  const text = notice;
  notice = "";
  return h("p", { id: "opposition-notice", class: "notice", role: "status" }, text);
}

function kindLabel(k: BriefingKind): string {
  switch (k) {
    case BriefingKind.AFTER_BEREDNING:
      return "Efter beredningen";
    case BriefingKind.BUDGET_WORK:
      return "Budgetarbetet";
    default:
      return "Särskild dragning";
  }
}

function statusLabel(q: Question): string {
  if (q.status === QuestionStatus.ANSWERED) return "Besvarad";
  if (q.overdue) return "Försenad";
  if (q.status === QuestionStatus.ASSIGNED) return `Hos ${q.owner?.displayName ?? "förvaltningen"}, svar senast ${dayLabel(q.dueDate)}`;
  return "Ny, ingen ansvarig ännu";
}

function visibility(q: Question): string {
  return q.budgetWork && !q.released
    ? `${q.party} och förvaltningen (budgetarbete)`
    : `${q.party}, förvaltningen, ordföranden och majoriteten`;
}

const link = (href: string, text: string, id?: string) => h("a", { href, id }, text);
/** lineLink is a link on a line of its own, a full touch target. */
const lineLink = (href: string, text: string, id?: string) => h("a", { href, id, class: "line-link" }, text);

// ---- Parity summary and open gaps ----

/** showParity sums the ledger up per party, with no question content. */
export async function showParity(ctx: RouteContext): Promise<void> {
  const w = who(ctx.me);
  const current = ticket(location.pathname);
  const links = h(
    "ul",
    { class: "links" },
    h("li", null, link("/oppositionen/dragningar", "Dragningar", "link-dragningar")),
    h("li", null, link("/oppositionen/fragor", "Frågor och svar", "link-fragor")),
    w.administration && h("li", null, link("/oppositionen/dragningar/ny", "Ny dragning", "link-ny-dragning")),
    w.director && h("li", null, link("/oppositionen/fragor?forsenade=1", "Försenade frågor", "link-forsenade")),
  );
  try {
    const sum = await opposition.getParitySummary({ organizationId: w.org });
    if (!current()) return;
    const parties = sum.parties.map((p, i) =>
      section(
        `parity-${i}`,
        p.party,
        h(
          "dl",
          { class: "facts" },
          h("dt", null, "Ämnen som majoriteten fått"),
          h("dd", null, String(p.topics)),
          h("dt", null, "Dragna för partiet"),
          h("dd", null, String(p.briefed)),
          h("dt", null, "Mediantid till dragning"),
          h("dd", null, p.briefed ? days(Math.round(p.medianLagDays)) : "–"),
          h("dt", null, "Öppna luckor"),
          h("dd", { id: `parity-${i}-gaps` }, p.openGaps ? `${p.openGaps}, den äldsta sedan ${days(p.oldestGapDays)}` : "Inga"),
        ),
        p.openGaps > 0 && lineLink(`/oppositionen/luckor?parti=${encodeURIComponent(p.party)}`, `Visa luckorna för ${p.party}`, `gaps-link-${i}`),
      ),
    );
    showScreen(
      "parity",
      "Oppositionen",
      [
        noticeBox(),
        h("p", null, "Vad varje oppositionsparti fått veta jämfört med majoriteten under mandatperioden."),
        parties,
        h(
          "p",
          { id: "parity-withheld", class: "meta" },
          sum.withheldTopics === 0
            ? "Inga ämnen är markerade ”ej för oppositionen”."
            : `${sum.withheldTopics === 1 ? "1 ämne är markerat" : `${sum.withheldTopics} ämnen är markerade`} ”ej för oppositionen”, med skäl som loggas.`,
        ),
        links,
      ],
      { focus: ctx.focus },
    );
  } catch (err) {
    if (!current()) return;
    if (codeOf(err) === Code.NotFound || codeOf(err) === Code.PermissionDenied) {
      showScreen("parity", "Oppositionen", [links], { focus: ctx.focus });
      return;
    }
    failed("parity", "Oppositionen", err, () => void showParity(ctx), ctx.focus);
  }
}

/** showGaps lists one party's open gaps, oldest first; the director may take a topic out, with a reason. */
export async function showGaps(ctx: RouteContext, problem?: Problem, withholding?: bigint): Promise<void> {
  const w = who(ctx.me);
  const party = ctx.query.get("parti") ?? "";
  const current = ticket(location.pathname);
  const title = `Luckor för ${party}`;
  try {
    const resp = await opposition.listParityEntries({ organizationId: w.org, party, gapsOnly: true, pageSize: 500 });
    if (!current()) return;
    const items = resp.entries.map((e) => {
      const id = idOf(e.topic?.agendaItemId ?? 0n);
      const reasonId = `reason-${id}`;
      const err = withholding === e.topic?.agendaItemId ? problem : undefined;
      return h(
        "li",
        { id: `gap-${id}` },
        h("p", { class: "row-title" }, e.topic?.title ?? ""),
        h("p", { class: "meta" }, `Majoriteten: ${dayLabel(e.topic?.informedDate ?? "")}. Öppen i ${days(e.lagDays)}.`),
        w.director &&
          h(
            "details",
            { open: err ? true : undefined },
            h("summary", null, "Ej för oppositionen"),
            form(
              `withhold-${id}`,
              "Ta bort ämnet från dragningarna",
              [
                field({
                  id: reasonId,
                  label: "Skäl",
                  hint: "Till exempel sekretess enligt OSL eller en rent partipolitisk fråga. Markeringen loggas.",
                  type: "textarea",
                  maxlength: 1000,
                  error: err?.message,
                }),
              ],
              () => void withhold(ctx, e.topic?.agendaItemId ?? 0n, value(reasonId)),
              true,
            ),
          ),
      );
    });
    showScreen(
      "gaps",
      title,
      [
        noticeBox(),
        h("p", null, "Ämnen som majoriteten fått men partiet ännu inte, det äldsta först."),
        items.length ? h("ul", { class: "list", id: "gap-list" }, items) : h("p", { id: "no-gaps" }, "Inga öppna luckor."),
        h("p", null, lineLink("/oppositionen", "Tillbaka till Oppositionen")),
      ],
      { focus: ctx.focus && !problem, problem },
    );
  } catch (err) {
    if (current()) failed("gaps", title, err, () => void showGaps(ctx), ctx.focus);
  }
}

async function withhold(ctx: RouteContext, item: bigint, reason: string): Promise<void> {
  try {
    await opposition.withholdTopic({ agendaItemId: item, reason });
    notice = "Ämnet är markerat ”ej för oppositionen”. Markeringen är loggad.";
    await showGaps({ ...ctx, focus: true });
  } catch (err) {
    const p =
      codeOf(err) === Code.InvalidArgument
        ? {
            title: "Ämnet kunde inte markeras",
            message: "Skriv varför ämnet inte ska till oppositionen, till exempel sekretess enligt OSL.",
            fieldId: `reason-${idOf(item)}`,
          }
        : problemFor(err, "markera ämnet");
    await showGaps({ ...ctx, focus: false }, p, item);
  }
}

// ---- Briefings ----

function briefingRow(b: Briefing, base: string): HTMLElement {
  const parties = b.parties.map((p) => p.party).join(", ");
  return h(
    "li",
    { id: `briefing-${idOf(b.id)}` },
    link(`${base}/${idOf(b.id)}`, b.title),
    h("p", { class: "meta" }, `${dayLabel(b.date)} · ${kindLabel(b.kind)} · ${parties}`),
    h("p", { class: "meta" }, b.heldTime ? `Hållen, ${b.topics.length === 1 ? "1 ämne" : `${b.topics.length} ämnen`}` : "Planerad"),
  );
}

/** showBriefings lists the briefings the person may see, newest first. */
export async function showBriefings(ctx: RouteContext, base: string): Promise<void> {
  const w = who(ctx.me);
  const current = ticket(location.pathname);
  try {
    const resp = await opposition.listBriefings({ organizationId: w.org, pageSize: 50 });
    if (!current()) return;
    showScreen(
      "briefings",
      "Dragningar",
      [
        noticeBox(),
        h("p", { class: "meta" }, w.party ? `Syns för: ${w.party} och direktörens sida` : "Oppositionsdragningar för alla partier"),
        w.administration && h("p", null, lineLink(`${base}/ny`, "Ny dragning", "new-briefing")),
        resp.briefings.length
          ? h("ul", { class: "list", id: "briefing-list" }, resp.briefings.map((b) => briefingRow(b, base)))
          : h("p", null, "Inga dragningar ännu."),
      ],
      { focus: ctx.focus },
    );
  } catch (err) {
    if (current()) failed("briefings", "Dragningar", err, () => void showBriefings(ctx, base), ctx.focus);
  }
}

/** showNewBriefing schedules a briefing of one or more parties, covering open topics. */
export async function showNewBriefing(ctx: RouteContext, base: string, problem?: Problem): Promise<void> {
  const w = who(ctx.me);
  const current = ticket(location.pathname);
  const title = "Ny dragning";
  try {
    const [sum, gaps] = await Promise.all([
      opposition.getParitySummary({ organizationId: w.org }),
      opposition.listParityEntries({ organizationId: w.org, gapsOnly: true, pageSize: 500 }),
    ]);
    if (!current()) return;
    const topics = new Map<bigint, { title: string; date: string }>();
    for (const e of gaps.entries) {
      if (e.topic) topics.set(e.topic.agendaItemId, { title: e.topic.title, date: e.topic.informedDate });
    }
    const parties = sum.parties.map((p) => p.party);
    showScreen(
      "new-briefing",
      title,
      [
        form(
          "briefing-form",
          "Spara dragningen",
          [
            field({ id: "briefing-title", label: "Rubrik", value: "Dragning efter beredningen", maxlength: 200 }),
            select("briefing-kind", "Typ", [
              { value: String(BriefingKind.AFTER_BEREDNING), label: "Efter majoritetens beredning" },
              { value: String(BriefingKind.BUDGET_WORK), label: "Budgetarbetet" },
              { value: String(BriefingKind.AD_HOC), label: "Särskild dragning" },
            ]),
            field({ id: "briefing-date", label: "Datum", type: "date", value: todayISO() }),
            h(
              "fieldset",
              { class: "fieldset", id: "briefing-parties" },
              h("legend", { class: "label" }, "Partier som bjuds in"),
              parties.map((p, i) => checkbox(`party-${i}`, p)),
            ),
            h(
              "fieldset",
              { class: "fieldset", id: "briefing-topics" },
              h("legend", { class: "label" }, "Ämnen som tas upp"),
              topics.size === 0 && h("p", { class: "hint" }, "Inga öppna ämnen."),
              [...topics].map(([id, t]) => checkbox(`topic-${idOf(id)}`, `${t.title} (${dayLabel(t.date)})`)),
            ),
            field({ id: "briefing-material", label: "Material", hint: "Handlingar eller länkar som gås igenom.", type: "textarea", maxlength: 4000 }),
          ],
          () =>
            void createBriefing(
              ctx,
              base,
              parties.filter((_, i) => checked(`party-${i}`)),
              [...topics.keys()].filter((id) => checked(`topic-${idOf(id)}`)),
            ),
        ),
      ],
      { focus: ctx.focus && !problem, problem },
    );
  } catch (err) {
    if (current()) failed("new-briefing", title, err, () => void showNewBriefing(ctx, base), ctx.focus);
  }
}

async function createBriefing(ctx: RouteContext, base: string, parties: string[], topics: bigint[]): Promise<void> {
  if (parties.length === 0) {
    await showNewBriefing(ctx, base, { title: "Dragningen kunde inte sparas", message: "Välj minst ett parti.", fieldId: "party-0" });
    return;
  }
  try {
    const resp = await opposition.createBriefing({
      organizationId: who(ctx.me).org,
      kind: Number(value("briefing-kind")) as BriefingKind,
      title: value("briefing-title"),
      date: value("briefing-date"),
      parties,
      agendaItemIds: topics,
      material: value("briefing-material"),
    });
    notice = "Dragningen är sparad. Markera den som hållen när den har ägt rum.";
    navigate(`${base}/${idOf(resp.briefing?.id ?? 0n)}`);
  } catch (err) {
    await showNewBriefing(ctx, base, problemFor(err, "spara dragningen"));
  }
}

/** showBriefing shows one briefing; the director and the staff record that it was held. */
export async function showBriefing(ctx: RouteContext, base: string, problem?: Problem): Promise<void> {
  const w = who(ctx.me);
  const id = BigInt(ctx.params["id"] ?? "0");
  const current = ticket(location.pathname);
  try {
    const { briefing: b } = await opposition.getBriefing({ id });
    if (!current() || !b) return;
    const held = !!b.heldTime;
    showScreen(
      "briefing",
      b.title,
      [
        noticeBox(),
        h(
          "dl",
          { class: "facts" },
          h("dt", null, "Datum"),
          h("dd", null, dayLabel(b.date)),
          h("dt", null, "Typ"),
          h("dd", null, kindLabel(b.kind)),
          h("dt", null, "Status"),
          h("dd", { id: "briefing-status" }, held ? "Hållen" : "Planerad"),
          h("dt", null, "Partier"),
          h(
            "dd",
            { id: "briefing-parties" },
            b.parties.map((p) => `${p.party}${held ? (p.attended ? " (närvarade)" : " (närvarade inte)") : ""}`).join(", "),
          ),
          h("dt", null, "Syns för"),
          h("dd", null, "De inbjudna partierna och direktörens sida"),
        ),
        section(
          "briefing-topics",
          "Ämnen",
          b.topics.length
            ? h("ul", { class: "list" }, b.topics.map((t) => h("li", null, `${t.title} (majoriteten ${dayLabel(t.informedDate)})`)))
            : h("p", null, "Inga ämnen ur beredningen."),
        ),
        held && section("briefing-notes", "Vad som sades", h("p", null, b.notes || "Inga anteckningar.")),
        b.material && section("briefing-material", "Material", h("p", null, b.material)),
        !held &&
          w.administration &&
          section(
            "hold",
            "Markera som hållen",
            form(
              "hold-form",
              "Dragningen är hållen",
              [
                h(
                  "fieldset",
                  { class: "fieldset" },
                  h("legend", { class: "label" }, "Partier som närvarade"),
                  b.parties.map((p, i) => checkbox(`attended-${i}`, p.party, true)),
                ),
                field({ id: "hold-notes", label: "Vad som sades", type: "textarea", maxlength: 20000 }),
              ],
              () => void hold(ctx, base, b),
            ),
          ),
        h("p", null, lineLink(base, "Alla dragningar")),
      ],
      { focus: ctx.focus && !problem, problem },
    );
  } catch (err) {
    if (current()) failed("briefing", "Dragning", err, () => void showBriefing(ctx, base), ctx.focus);
  }
}

async function hold(ctx: RouteContext, base: string, b: Briefing): Promise<void> {
  const attended = b.parties.filter((_, i) => checked(`attended-${i}`)).map((p) => p.party);
  if (attended.length === 0) {
    await showBriefing(ctx, base, { title: "Dragningen kunde inte sparas", message: "Välj minst ett parti som närvarade.", fieldId: "attended-0" });
    return;
  }
  try {
    await opposition.holdBriefing({ id: b.id, notes: value("hold-notes"), attendedParties: attended });
    notice = "Dragningen är markerad som hållen.";
    await showBriefing({ ...ctx, focus: true }, base);
  } catch (err) {
    await showBriefing(ctx, base, problemFor(err, "spara dragningen"));
  }
}

// ---- Questions and answers ----

function questionRow(q: Question, base: string): HTMLElement {
  const text = q.body.length > 90 ? `${q.body.slice(0, 90)}…` : q.body;
  return h(
    "li",
    { id: `question-${idOf(q.id)}` },
    link(`${base}/${idOf(q.id)}`, text),
    h("p", { class: "meta" }, `${q.party} · ${q.askTime ? dayLabel(isoOf(timestampDate(q.askTime))) : ""} · ${statusLabel(q)}`),
    q.budgetWork && !q.released && h("p", { class: "meta" }, h("span", { class: "tag" }, "Budgetarbete, konfidentiell")),
  );
}

function isoOf(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** showQuestions lists the questions the person may see, newest first, or those matching a search. */
export async function showQuestions(ctx: RouteContext, base: string): Promise<void> {
  const w = who(ctx.me);
  const q = ctx.query.get("q") ?? "";
  const overdue = ctx.query.get("forsenade") === "1";
  const current = ticket(location.pathname);
  const title = overdue ? "Försenade frågor" : "Frågor och svar";
  try {
    const list =
      q.length >= 2
        ? (await opposition.searchQuestions({ organizationId: w.org, query: q, pageSize: 100 })).questions
        : (await opposition.listQuestions({ organizationId: w.org, overdueOnly: overdue, pageSize: 100 })).questions;
    if (!current()) return;
    showScreen(
      "questions",
      title,
      [
        noticeBox(),
        w.party && h("p", null, lineLink(`${base}/ny`, "Ställ en fråga", "ask-link")),
        h(
          "form",
          {
            id: "question-search",
            class: "form",
            role: "search",
            onsubmit: (ev: Event) => {
              ev.preventDefault();
              const words = value("q");
              navigate(words ? `${base}?q=${encodeURIComponent(words)}` : base);
            },
          },
          field({ id: "q", label: "Sök bland frågor och svar", type: "search", value: q, maxlength: 200 }),
          h("button", { type: "submit", class: "button secondary", id: "question-search-submit" }, "Sök"),
        ),
        list.length
          ? h("ul", { class: "list", id: "question-list" }, list.map((x) => questionRow(x, base)))
          : h("p", { id: "no-questions" }, q ? "Inga frågor matchar sökningen." : "Inga frågor ännu."),
      ],
      { focus: ctx.focus },
    );
  } catch (err) {
    if (current()) failed("questions", title, err, () => void showQuestions(ctx, base), ctx.focus);
  }
}

/** showAsk lets an opposition member put a question on behalf of their party. */
export function showAsk(ctx: RouteContext, base: string, problem?: Problem): Promise<void> {
  const w = who(ctx.me);
  showScreen(
    "ask",
    "Ställ en fråga",
    [
      h("p", null, `Frågan ställs för ${w.party || "ditt parti"} till förvaltningen.`),
      form(
        "ask-form",
        "Skicka frågan",
        [
          field({ id: "question-body", label: "Fråga", type: "textarea", maxlength: 4000, error: problem?.fieldId === "question-body" ? problem.message : undefined }),
          checkbox("question-budget", "Budgetarbete: bara vårt parti och förvaltningen ser frågan"),
        ],
        () => void ask(ctx, base),
      ),
    ],
    { focus: ctx.focus && !problem, problem },
  );
  return Promise.resolve();
}

async function ask(ctx: RouteContext, base: string): Promise<void> {
  const body = value("question-body");
  if (body.length < 3) {
    await showAsk(ctx, base, { title: "Frågan kunde inte skickas", message: "Skriv din fråga.", fieldId: "question-body" });
    return;
  }
  try {
    const resp = await opposition.askQuestion({ organizationId: who(ctx.me).org, body, budgetWork: checked("question-budget") });
    notice = "Frågan är skickad till förvaltningen.";
    navigate(`${base}/${idOf(resp.question?.id ?? 0n)}`);
  } catch (err) {
    await showAsk(ctx, base, problemFor(err, "skicka frågan"));
  }
}

/** showQuestion shows a question and its answer; the director assigns it, the owner answers, the party may release it. */
export async function showQuestion(ctx: RouteContext, base: string, problem?: Problem): Promise<void> {
  const w = who(ctx.me);
  const id = BigInt(ctx.params["id"] ?? "0");
  const current = ticket(location.pathname);
  try {
    const { question: q } = await opposition.getQuestion({ id });
    if (!q) return;
    const staff =
      w.director && q.status !== QuestionStatus.ANSWERED
        ? (await people.listRoleAssignments({ organizationId: w.org, pageSize: 500 })).roleAssignments.filter(
            (r) => r.role === Role.STAFF && !r.endDate,
          )
        : [];
    if (!current()) return;
    const answered = q.status === QuestionStatus.ANSWERED;
    showScreen(
      "question",
      "Fråga",
      [
        noticeBox(),
        h("p", { id: "question-text", class: "quote" }, q.body),
        h(
          "dl",
          { class: "facts" },
          h("dt", null, "Från"),
          h("dd", null, `${q.party}, ${q.askedBy?.displayName ?? ""}`),
          h("dt", null, "Status"),
          h("dd", { id: "question-status" }, statusLabel(q)),
          h("dt", null, "Syns för"),
          h("dd", { id: "question-visibility" }, visibility(q)),
        ),
        answered &&
          section(
            "answer",
            "Svar",
            h("p", { id: "answer-text" }, q.answer),
            h("p", { class: "meta" }, `${q.answeredBy?.displayName ?? ""}, ${q.answerTime ? dayLabel(isoOf(timestampDate(q.answerTime))) : ""}`),
          ),
        w.director &&
          !answered &&
          section(
            "assign",
            "Ansvarig och svarsdatum",
            form(
              "assign-form",
              "Spara",
              [
                select(
                  "assign-owner",
                  "Ansvarig i förvaltningen",
                  staff.map((r) => ({ value: String(r.person?.id ?? 0n), label: r.person?.displayName ?? "" })),
                  q.owner ? String(q.owner.id) : "",
                ),
                field({ id: "assign-due", label: "Svar senast", type: "date", value: q.dueDate || todayISO() }),
              ],
              () => void assign(ctx, base, q.id),
              true,
            ),
          ),
        w.administration &&
          !answered &&
          section(
            "answer-form-section",
            "Svara",
            form(
              "answer-form",
              "Skicka svaret",
              [field({ id: "answer-body", label: "Svar", type: "textarea", maxlength: 20000, error: problem?.fieldId === "answer-body" ? problem.message : undefined })],
              () => void answer(ctx, base, q.id),
            ),
          ),
        w.party === q.party &&
          q.budgetWork &&
          !q.released &&
          section(
            "release",
            "Släpp frågan",
            h("p", null, "Om ni släpper frågan kan även ordföranden och majoriteten läsa den och svaret."),
            h("button", { type: "button", id: "release-button", class: "button secondary", onclick: () => void release(ctx, base, q.id) }, "Släpp frågan till majoriteten"),
          ),
        h("p", null, lineLink(base, "Alla frågor")),
      ],
      { focus: ctx.focus && !problem, problem },
    );
  } catch (err) {
    if (current()) failed("question", "Fråga", err, () => void showQuestion(ctx, base), ctx.focus);
  }
}

async function assign(ctx: RouteContext, base: string, id: bigint): Promise<void> {
  try {
    await opposition.assignQuestion({ id, ownerPersonId: BigInt(value("assign-owner") || "0"), dueDate: value("assign-due") });
    notice = "Frågan har en ansvarig och ett svarsdatum.";
    await showQuestion({ ...ctx, focus: true }, base);
  } catch (err) {
    await showQuestion(ctx, base, problemFor(err, "spara ansvarig"));
  }
}

async function answer(ctx: RouteContext, base: string, id: bigint): Promise<void> {
  const text = value("answer-body");
  if (!text) {
    await showQuestion(ctx, base, { title: "Svaret kunde inte skickas", message: "Skriv svaret.", fieldId: "answer-body" });
    return;
  }
  try {
    await opposition.answerQuestion({ id, answer: text });
    notice = "Svaret är skickat till partiet.";
    await showQuestion({ ...ctx, focus: true }, base);
  } catch (err) {
    await showQuestion(ctx, base, problemFor(err, "skicka svaret"));
  }
}

async function release(ctx: RouteContext, base: string, id: bigint): Promise<void> {
  try {
    await opposition.releaseQuestion({ id });
    notice = "Frågan är släppt: ordföranden och majoriteten kan nu läsa den.";
    await showQuestion({ ...ctx, focus: true }, base);
  } catch (err) {
    await showQuestion(ctx, base, problemFor(err, "släppa frågan"));
  }
}
