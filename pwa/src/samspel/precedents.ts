// "Gör till prejudikat": the chair or the director links a meeting decision or a shared
// quick note to an area of the role split, as a case of how the grey zone was handled.
// The decision's meeting screen and the note's screen lead here.

import { Code, ConnectError } from "@connectrpc/connect";
import type { MeView } from "../me";
import { isoDate } from "../format";
import { h } from "../render";
import type { Problem } from "../ui";
import { meetings } from "../meetings/client";
import { notes } from "../notes/client";
import { orgOf, roleSplit, standing } from "./client";
import { act, errorFor, form, go, load, page, required, select, textarea } from "./view";
import { dayText, ownerName } from "./words";

/** Source is what the case was: a decision (of a meeting) or a shared quick note. */
interface Source {
  kind: "decision" | "note";
  id: bigint | string;
  text: string;
  day: string;
}

/** showNewPrecedent asks which area the decision (?beslut=ID&mote=MEETING) or the shared
 * note (?anteckning=ID) is a precedent of, and what it established. */
export function showNewPrecedent(me: MeView, query: URLSearchParams, focus: boolean, problem?: Problem, typed?: { area: string; summary: string }): Promise<void> {
  const st = standing(me);
  return load(
    focus,
    async () => {
      const [source, areas] = await Promise.all([sourceOf(query), roleSplit.listAreas({ organizationId: await orgOf(st), pageSize: 500 })]);
      return { source, areas: areas.areas };
    },
    ({ source, areas }) => {
      const area = select({
        id: "precedent-area",
        label: "Vilket område gäller det?",
        options: [["", "Välj område"], ...areas.map((a): [string, string] => [String(a.id), `${a.name} – ${ownerName(a.owner)}`])],
        value: typed?.area ?? "",
        error: errorFor(problem, "precedent-area"),
      });
      const summary = textarea({
        id: "precedent-summary",
        label: "Vad visar fallet?",
        hint: "En eller två meningar om hur gråzonen hanterades. Det blir en del av det som nästa ordförande och direktör ärver.",
        value: typed?.summary ?? source.text,
        rows: 4,
        maxlength: 2000,
        error: errorFor(problem, "precedent-summary"),
      });
      const redraw = (pr: Problem) => void showNewPrecedent(me, query, true, pr, { area: area.value(), summary: summary.value() });
      page(
        "nytt-prejudikat",
        "Gör till prejudikat",
        [
          h("p", { class: "meta" }, `${source.kind === "decision" ? "Beslut vid mötet" : "Delad anteckning"} ${dayText(source.day)}`),
          h("blockquote", { id: "precedent-source", class: "source" }, source.text),
          form("precedent-form", "Spara prejudikatet", () => {
            const missing = required("precedent-area", area.value(), "Välj ett område") ?? required("precedent-summary", summary.value(), "Skriv vad fallet visar");
            if (missing) return redraw(missing);
            void act(async () => {
              const areaId = BigInt(area.value());
              await roleSplit.linkPrecedent({
                areaId,
                summary: summary.value().trim(),
                ...(source.kind === "decision" ? { decisionId: source.id as bigint } : { quickNoteId: source.id as string }),
              });
              go(`/samspel/roller/${areaId}`, "Prejudikatet är sparat.");
            }, redraw);
          }, area.node, summary.node),
        ],
        { focus, problem },
      );
    },
  );
}

const notFound = new ConnectError("not found", Code.NotFound);

/** sourceOf reads the decision or the note the query names; one the person may not see is not found. */
async function sourceOf(query: URLSearchParams): Promise<Source> {
  const noteId = query.get("anteckning");
  if (noteId) {
    const n = (await notes.getQuickNote({ id: noteId })).quickNote;
    if (!n) throw notFound;
    const day = n.createTime ? isoDate(new Date(Number(n.createTime.seconds) * 1000)) : "";
    return { kind: "note", id: n.id, text: n.body, day };
  }
  const id = BigInt(query.get("beslut") ?? "0");
  const res = await meetings.getMeeting({ id: BigInt(query.get("mote") ?? "0") });
  const d = res.decisions.find((x) => x.id === id);
  if (!d) throw notFound;
  return { kind: "decision", id, text: d.text, day: d.meetingDate };
}
