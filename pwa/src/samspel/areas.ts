// The role split: the areas by owner, one area with its history and precedents, the
// chair's changes and the director's proposals.

import type { MeView } from "../me";
import { h, type Child } from "../render";
import { Role } from "../gen/samspel/v1/role_pb";
import {
  AreaEventKind,
  AreaOwner,
  ProposalState,
  type Area,
  type AreaEvent,
  type Precedent,
} from "../gen/samspel/v1/role_split_service_pb";
import { check, type Fields } from "../details";
import type { Problem } from "../ui";
import { orgOf, roleSplit, standing, type Standing } from "./client";
import { act, errorFor, form, go, input, link, load, p, page, radios, required, section, textarea } from "./view";
import { count, dayText, isoOf, ownerName, timeText, who } from "./words";

const base = "/samspel/roller";
const owners = [AreaOwner.CHAIR, AreaOwner.SHARED, AreaOwner.DIRECTOR];

/** showAreas lists the active areas under their owners, with the proposals that wait;
 * with retired, the retired areas instead. */
export function showAreas(me: MeView, focus: boolean, retired: boolean): Promise<void> {
  const st = standing(me);
  return load(
    focus,
    async () => {
      const org = await orgOf(st);
      const [areas, proposals] = await Promise.all([
        roleSplit.listAreas({ organizationId: org, retired, pageSize: 500 }),
        retired ? { proposals: [] } : roleSplit.listAreaProposals({ organizationId: org, openOnly: true, pageSize: 100 }),
      ]);
      return { areas: areas.areas, proposals: proposals.proposals };
    },
    ({ areas, proposals }) => {
      const byId = new Map(areas.map((a) => [a.id, a]));
      if (retired) {
        page(
          "avvecklade",
          "Avvecklade områden",
          [
            p("Områden som inte längre gäller. De finns kvar med sin historik och sina prejudikat, och ordföranden kan återinföra dem."),
            areas.length === 0
              ? p("Inga avvecklade områden.")
              : h("ul", { class: "list" }, areas.map((a) => h("li", null, link(`${base}/${a.id}`, a.name), p(`${ownerName(a.owner)} · ${areaMeta(a)}`, "meta")))),
            h("p", null, link(base, "Tillbaka till rollfördelningen", { class: "line-link" })),
          ],
          { focus },
        );
        return;
      }
      page(
        "roller",
        "Rollfördelning",
        [
          p("Vem har ansvar för vad och vem har ansvar för hur. Ordföranden bestämmer hur bred gråzonen är; direktören föreslår och kommenterar."),
          !st.inPair && p("Du kan läsa rollfördelningen. Det är ordföranden och direktören som ändrar den.", "hint"),
          proposals.length > 0 &&
            section(
              "forslag",
              st.role === Role.CHAIR ? "Förslag som väntar på dig" : "Förslag som väntar på ordföranden",
              h(
                "ul",
                { class: "list" },
                proposals.map((e) =>
                  h(
                    "li",
                    null,
                    link(`${base}/forslag/${e.id}`, e.areaId ? `Ändra ${byId.get(e.areaId)?.name ?? e.name}` : `Nytt område: ${e.name}`),
                    p(`${who(e.actor, e.actorRole)}, ${timeText(e.createTime)}`, "meta"),
                  ),
                ),
              ),
            ),
          owners.map((o) => {
            const list = areas.filter((a) => a.owner === o);
            return section(
              `agare-${o}`,
              ownerName(o),
              list.length === 0
                ? p("Inga områden.")
                : h(
                    "ul",
                    { class: "list" },
                    list.map((a) =>
                      h(
                        "li",
                        null,
                        link(`${base}/${a.id}`, a.name),
                        p(areaMeta(a), "meta"),
                      ),
                    ),
                  ),
            );
          }),
          st.inPair &&
            h(
              "p",
              null,
              link(`${base}/nytt`, st.role === Role.CHAIR ? "Lägg till ett område" : "Föreslå ett nytt område", {
                id: "new-area",
                class: "button secondary",
              }),
            ),
          h("p", null, link(`${base}/avvecklade`, "Avvecklade områden", { id: "to-retired", class: "line-link" })),
        ],
        { focus },
      );
    },
  );
}

function areaMeta(a: Area): string {
  const parts = [`Version ${a.version}`];
  if (a.precedentCount > 0) parts.push(count(a.precedentCount, "prejudikat", "prejudikat"));
  if (a.openProposalCount > 0) parts.push(count(a.openProposalCount, "förslag väntar", "förslag väntar"));
  return parts.join(" · ");
}

/** showArea shows one area: what it is, how it got so, its precedents, and the form the
 * person's role allows (the chair changes, the director proposes, both comment). */
export function showArea(me: MeView, id: bigint, focus: boolean, problem?: Problem, values?: AreaValues): Promise<void> {
  const st = standing(me);
  return load(
    focus,
    async () => {
      const [area, events, precedents] = await Promise.all([
        roleSplit.getArea({ id }),
        roleSplit.listAreaEvents({ areaId: id, pageSize: 100 }),
        roleSplit.listPrecedents({ areaId: id, pageSize: 100 }),
      ]);
      return { area: area.area!, events: events.events, precedents: precedents.precedents };
    },
    ({ area, events, precedents }) => {
      const open = events.filter((e) => e.kind === AreaEventKind.PROPOSAL && e.proposalState === ProposalState.OPEN);
      const redraw = (pr: Problem, v: AreaValues) => void showArea(me, id, true, pr, v);
      page(
        "omrade",
        area.name,
        [
          h("p", { id: "area-owner", class: "owner" }, h("span", { class: "tag" }, ownerName(area.owner)), area.retired ? [" ", h("span", { class: "tag" }, "Avvecklat")] : null),
          area.retired && h("div", { id: "area-retired", class: "callout" }, p(`Området är avvecklat sedan ${timeText(area.updateTime)}: ${area.updateReason}`)),
          area.description && p(area.description),
          area.examples &&
            h("div", null, h("h2", null, "Exempel"), h("ul", null, area.examples.split("\n").filter(Boolean).map((x) => h("li", null, x)))),
          p(`Version ${area.version}, ${timeText(area.updateTime)}, ${who(area.updatedBy, Role.UNSPECIFIED)}: ${area.updateReason}`, "meta"),
          open.length > 0 &&
            section(
              "omrade-forslag",
              "Förslag som väntar",
              h("ul", { class: "list" }, open.map((e) => h("li", null, link(`${base}/forslag/${e.id}`, `Förslag från ${who(e.actor, e.actorRole)}`)))),
            ),
          st.role === Role.CHAIR && !area.retired && changeForm(area, area.organizationId, "change", problem, values, redraw),
          st.role === Role.DIRECTOR && !area.retired && changeForm(area, area.organizationId, "propose", problem, values, redraw),
          st.inPair && retireForm(area, st, problem, values, redraw),
          st.inPair && commentForm(area, problem, redraw),
          section("historik", "Historik", h("ol", { class: "list history" }, events.map((e) => h("li", null, eventText(e))))),
          section(
            "prejudikat",
            "Prejudikat",
            precedents.length === 0 ? p("Inga prejudikat ännu.") : h("ul", { id: "precedent-list", class: "list" }, precedents.map((pr) => precedentItem(pr, st))),
          ),
        ],
        { focus, problem },
      );
    },
  );
}

/** AreaValues are what the person had typed, kept when a form is drawn again. */
export interface AreaValues {
  name?: string;
  owner?: string;
  description?: string;
  examples?: string;
  reason?: string;
  comment?: string;
  retireReason?: string;
}

/** areaFields puts the server's refusal of a field on the area form's input for it;
 * an update names its fields inside the area ("area.name"). */
const areaFields: Fields = {
  name: ["area-name", check("namnet")],
  "area.name": ["area-name", check("namnet")],
  description: ["area-description", check("beskrivningen")],
  "area.description": ["area-description", check("beskrivningen")],
  examples: ["area-examples", check("exemplen")],
  "area.examples": ["area-examples", check("exemplen")],
  reason: ["area-reason", check("skälet")],
};
/** changeForm is the chair's form (applies at once) or the director's (a proposal). */
function changeForm(
  area: Area | null,
  org: bigint,
  mode: "change" | "propose" | "create",
  problem: Problem | undefined,
  v: AreaValues | undefined,
  redraw: (p: Problem, v: AreaValues) => void,
): HTMLElement {
  const name = input({ id: "area-name", label: "Namn", value: v?.name ?? area?.name ?? "", maxlength: 100, error: errorFor(problem, "area-name") });
  const owner = radios({
    id: "area-owner-choice",
    label: "Vem har ansvaret?",
    value: v?.owner ?? String(area?.owner ?? AreaOwner.SHARED),
    options: owners.map((o) => ({ value: String(o), label: ownerName(o) })),
  });
  const description = textarea({ id: "area-description", label: "Beskrivning", value: v?.description ?? area?.description ?? "", rows: 4, maxlength: 2000, error: errorFor(problem, "area-description") });
  const examples = textarea({ id: "area-examples", label: "Exempel", hint: "Ett per rad.", value: v?.examples ?? area?.examples ?? "", rows: 3, maxlength: 2000, error: errorFor(problem, "area-examples") });
  const reason = textarea({
    id: "area-reason",
    label: mode === "propose" ? "Varför föreslår du det?" : "Varför?",
    hint: "Skälet sparas i historiken.",
    value: v?.reason ?? "",
    error: errorFor(problem, "area-reason"),
  });
  const values = (): AreaValues => ({
    name: name.value(),
    owner: owner.value(),
    description: description.value(),
    examples: examples.value(),
    reason: reason.value(),
  });
  const submit = () => {
    const vs = values();
    const missing =
      required("area-name", vs.name ?? "", "Skriv områdets namn") ?? required("area-reason", vs.reason ?? "", "Skriv varför");
    if (missing) return redraw(missing, vs);
    const fields = {
      name: vs.name!.trim(),
      owner: Number(vs.owner) as AreaOwner,
      description: vs.description!.trim(),
      examples: vs.examples!.trim(),
    };
    const nothing: Problem = { title: "Det gick inte att spara", message: "Ändringen lämnar området som det är.", fieldId: "area-name" };
    void act(
      async () => {
        if (mode === "change" && area) {
          const mask = (Object.keys(fields) as (keyof typeof fields)[]).filter((k) => fields[k] !== area[k]);
          if (mask.length === 0) return redraw(nothing, vs);
          await roleSplit.updateArea({ area: { id: area.id, ...fields }, updateMask: { paths: mask }, reason: vs.reason!.trim() });
          go(`${base}/${area.id}`, "Ändringen är sparad och gäller nu.");
        } else if (mode === "create") {
          const res = await roleSplit.createArea({ organizationId: org, ...fields, reason: vs.reason!.trim() });
          go(`${base}/${res.area?.id ?? ""}`, "Området är tillagt.");
        } else {
          await roleSplit.proposeAreaChange({ organizationId: org, areaId: area?.id ?? 0n, ...fields, reason: vs.reason!.trim() });
          go(area ? `${base}/${area.id}` : base, "Förslaget är skickat till ordföranden.");
        }
      },
      (pr) => redraw(pr, vs),
      nothing,
      areaFields,
    );
  };
  const heading = mode === "change" ? "Ändra området" : mode === "create" ? "Nytt område" : area ? "Föreslå en ändring" : "Föreslå ett nytt område";
  const submitText = mode === "change" ? "Spara ändringen" : mode === "create" ? "Lägg till området" : "Skicka förslaget";
  const body: Child[] = [
    mode === "change" && p("Din ändring gäller direkt och syns för direktören med ditt skäl."),
    mode === "propose" && p("Ordföranden bestämmer. Förslaget gäller först när ordföranden har godtagit det."),
    form("area-form", submitText, submit, name.node, owner.node, description.node, examples.node, reason.node),
  ];
  return area ? section("andra", heading, body) : h("div", null, body);
}

/** retireForm retires or restores the area: at once for the chair, as a proposal for the director. */
function retireForm(area: Area, st: Standing, problem: Problem | undefined, v: AreaValues | undefined, redraw: (p: Problem, v: AreaValues) => void): HTMLElement {
  const chair = st.role === Role.CHAIR;
  const restore = area.retired;
  const reason = textarea({
    id: "retire-reason",
    label: "Varför?",
    value: v?.retireReason ?? "",
    hint: chair ? "Skälet sparas i historiken." : "Ordföranden bestämmer. Skälet följer med förslaget.",
    error: errorFor(problem, "retire-reason"),
    maxlength: 1000,
  });
  const heading = restore ? (chair ? "Återinför området" : "Föreslå att området återinförs") : chair ? "Avveckla området" : "Föreslå att området avvecklas";
  return section(
    "avveckla",
    heading,
    !restore && p("Ett avvecklat område försvinner från rollfördelningen men finns kvar med historik och prejudikat, och kan återinföras."),
    form("retire-form", heading, () => {
      const text = reason.value().trim();
      const missing = required("retire-reason", text, "Skriv varför");
      if (missing) return redraw(missing, { retireReason: reason.value() });
      void act(
        async () => {
          if (chair && restore) await roleSplit.restoreArea({ areaId: area.id, reason: text });
          else if (chair) await roleSplit.retireArea({ areaId: area.id, reason: text });
          else {
            const { name, owner, description, examples } = area;
            await roleSplit.proposeAreaChange({ organizationId: area.organizationId, areaId: area.id, name, owner, description, examples, retired: !restore, reason: text });
          }
          go(`${base}/${area.id}`, chair ? (restore ? "Området är återinfört." : "Området är avvecklat.") : "Förslaget är skickat till ordföranden.");
        },
        (pr) => redraw(pr, { retireReason: reason.value() }),
      );
    }, reason.node),
  );
}

function commentForm(area: Area, problem: Problem | undefined, redraw: (p: Problem, v: AreaValues) => void): HTMLElement {
  const text = textarea({ id: "area-comment", label: "Kommentar", error: errorFor(problem, "area-comment"), maxlength: 2000 });
  return section(
    "kommentera",
    "Kommentera",
    form("comment-form", "Skicka kommentaren", () => {
      const missing = required("area-comment", text.value(), "Skriv en kommentar");
      if (missing) return redraw(missing, { comment: text.value() });
      void act(
        async () => {
          await roleSplit.commentOnArea({ areaId: area.id, text: text.value().trim() });
          go(`${base}/${area.id}`, "Kommentaren är sparad.");
        },
        (pr) => redraw(pr, { comment: text.value() }),
      );
    }, text.node),
  );
}

/** eventText says what one history entry was, in a sentence or two. */
function eventText(e: AreaEvent): Child[] {
  const when = h("time", { datetime: isoOf(e.createTime) }, timeText(e.createTime));
  const by = who(e.actor, e.actorRole);
  switch (e.kind) {
    case AreaEventKind.CHANGE: {
      const moved = e.previousOwner !== AreaOwner.UNSPECIFIED && e.previousOwner !== e.owner;
      const what =
        e.version === 1
          ? `lade till området under ${ownerName(e.owner)}`
          : e.retired !== e.previousRetired
            ? e.retired
              ? "avvecklade området"
              : "återinförde området"
            : moved
              ? `flyttade området från ${ownerName(e.previousOwner)} till ${ownerName(e.owner)}`
              : "ändrade området";
      return [h("p", { class: "meta" }, when), p(`${by} ${what}, version ${e.version}.`), e.text && p(`Skäl: ${e.text}`)];
    }
    case AreaEventKind.PROPOSAL: {
      const decided =
        e.proposalState === ProposalState.ACCEPTED
          ? `Godtaget av ${e.decidedBy?.displayName ?? ""}`
          : e.proposalState === ProposalState.DECLINED
            ? `Avböjt av ${e.decidedBy?.displayName ?? ""}`
            : "Väntar på ordföranden";
      return [
        h("p", { class: "meta" }, when),
        p(e.retired !== e.previousRetired ? `${by} föreslog att området ${e.retired ? "avvecklas" : "återinförs"}. ${e.text}` : `${by} föreslog: ${ownerName(e.owner)}. ${e.text}`),
        p(e.decisionComment ? `${decided}: ${e.decisionComment}` : `${decided}.`),
      ];
    }
    default:
      return [h("p", { class: "meta" }, when), p(`${by} kommenterade: ${e.text}`)];
  }
}

/** precedentItem shows one case: what kind, when, what it established, the source's own
 * words, and for the pair a link to the source (others may not open it). */
function precedentItem(pr: Precedent, st: Standing): HTMLElement {
  const [kind, href, linkText] = pr.deviationId
    ? ["Avsteg", `/samspel/avsteg/${pr.deviationId}`, "Visa avsteget"]
    : pr.decisionId
      ? ["Beslut vid möte", `/moten/${pr.meetingId}`, "Visa mötet"]
      : pr.quickNoteId
        ? ["Delad anteckning", `/anteckningar/${pr.quickNoteId}`, "Visa anteckningen"]
        : ["Fall", "", ""];
  return h(
    "li",
    null,
    h("p", { class: "meta" }, h("span", { class: "tag" }, kind), " ", h("time", { datetime: pr.occurredOn }, dayText(pr.occurredOn)), pr.reference ? ` · ${pr.reference}` : ""),
    p(pr.summary),
    pr.sourceText && h("blockquote", { class: "source" }, pr.sourceText),
    st.inPair && href ? link(href, linkText) : null,
  );
}

/** showNewArea is the chair's form for a new area, or the director's proposal of one. */
export function showNewArea(me: MeView, focus: boolean, problem?: Problem, values?: AreaValues): void {
  const st = standing(me);
  const mode = st.role === Role.CHAIR ? "create" : "propose";
  page(
    "nytt-omrade",
    mode === "create" ? "Nytt område" : "Föreslå ett nytt område",
    [changeForm(null, st.org, mode, problem, values, (pr, v) => showNewArea(me, true, pr, v))],
    { focus, problem },
  );
}

/** showProposal lets the chair accept or decline one of the director's proposals. */
export function showProposal(me: MeView, id: bigint, focus: boolean, problem?: Problem): Promise<void> {
  const st = standing(me);
  return load(
    focus,
    async () => {
      const list = await roleSplit.listAreaProposals({ organizationId: await orgOf(st), pageSize: 500 });
      const e = list.proposals.find((x) => x.id === id);
      if (!e) throw new Error("not found");
      const area = e.areaId ? (await roleSplit.getArea({ id: e.areaId })).area : undefined;
      return { e, area };
    },
    ({ e, area }) => {
      const comment = textarea({ id: "decision-comment", label: "Kommentar till direktören", hint: "Krävs om du avböjer.", error: errorFor(problem, "decision-comment") });
      const redraw = (pr: Problem) => void showProposal(me, id, true, pr);
      const decide = (accept: boolean) => {
        const text = comment.value().trim();
        if (!accept && !text) return redraw({ title: "Det gick inte att avböja", message: "Skriv varför du avböjer", fieldId: "decision-comment" });
        void act(async () => {
          if (accept) {
            const res = await roleSplit.acceptAreaProposal({ proposalId: id, comment: text });
            go(`${base}/${res.area?.id ?? ""}`, "Förslaget är godtaget och gäller nu.");
          } else {
            await roleSplit.declineAreaProposal({ proposalId: id, comment: text });
            go(base, "Förslaget är avböjt.");
          }
        }, redraw);
      };
      const rows: [string, string, string][] = [
        ["Namn", area?.name ?? "", e.name],
        ["Ansvar", area ? ownerName(area.owner) : "", ownerName(e.owner)],
        ["Beskrivning", area?.description ?? "", e.description],
        ["Exempel", area?.examples ?? "", e.examples],
        ["Status", area ? (e.previousRetired ? "Avvecklat" : "Gäller") : "", e.retired ? "Avvecklat" : area ? "Gäller" : ""],
      ];
      page(
        "forslag-sida",
        area ? `Förslag: ${area.name}` : `Förslag: nytt område`,
        [
          p(`${who(e.actor, e.actorRole)} föreslog ${timeText(e.createTime)}: ${e.text}`),
          h(
            "dl",
            { class: "facts" },
            rows
              .filter(([, before, after]) => before !== after)
              .map(([label, before, after]) => [h("dt", null, label), h("dd", null, area ? `Nu: ${before || "–"}. Förslag: ${after || "–"}` : after || "–")]),
          ),
          e.proposalState === ProposalState.OPEN && st.role === Role.CHAIR
            ? h(
                "div",
                null,
                comment.node,
                h(
                  "div",
                  { class: "button-row" },
                  h("button", { type: "button", id: "accept-proposal", class: "button", onclick: () => decide(true) }, "Godta förslaget"),
                  h("button", { type: "button", id: "decline-proposal", class: "button secondary", onclick: () => decide(false) }, "Avböj"),
                ),
              )
            : p(e.proposalState === ProposalState.OPEN ? "Förslaget väntar på ordföranden." : "Förslaget är avgjort."),
        ],
        { focus, problem },
      );
    },
  );
}
