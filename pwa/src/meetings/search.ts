// Sök i möten: words in agenda items, shared notes, decisions and action items of the
// meetings one takes part in. Private notes are never searched.

import type { MeetingSearchHit } from "../gen/samspel/v1/meeting_service_pb";
import { h } from "../render";
import { navigate, type RouteContext } from "../router";
import { showScreen, type Problem } from "../ui";
import { meetings } from "./client";
import { dayLabel } from "./format";
import { field, form, idOf, problemFor, ticket, value } from "./ui";

const kinds: Record<string, string> = { agenda_item: "Punkt", note: "Anteckning", decision: "Beslut", action_item: "Åtgärd" };

/** showSearch draws /moten/sok?q=…; the query lives in the address so back works. */
export async function showSearch(ctx: RouteContext): Promise<void> {
  const q = ctx.query.get("q") ?? "";
  const isCurrent = ticket(location.pathname);
  if (!q) {
    draw("", null, ctx.focus);
    return;
  }
  try {
    const res = await meetings.searchMeetings({ query: q, pageSize: 50 });
    if (isCurrent()) draw(q, res.hits, ctx.focus);
  } catch (err) {
    if (isCurrent()) draw(q, null, ctx.focus, problemFor(err, "söka"));
  }
}

function draw(q: string, hits: MeetingSearchHit[] | null, focus: boolean, problem?: Problem): void {
  showScreen(
    "sok",
    "Sök i möten",
    [
      form("search", "Sök", [field({ id: "search-query", label: "Sökord", type: "search", value: q, maxlength: 200 })], () => {
        const next = value("search-query");
        if (next) navigate(`/moten/sok?q=${encodeURIComponent(next)}`);
      }),
      hits &&
        (hits.length === 0
          ? h("p", { id: "search-none" }, `Inget hittades för ”${q}”.`)
          : h(
              "ul",
              { id: "search-hits", class: "list" },
              hits.map((hit) =>
                h(
                  "li",
                  null,
                  h("a", { href: `/moten/${idOf(hit.meeting?.id ?? 0n)}` }, `${hit.meeting?.title ?? ""}, ${dayLabel(hit.meeting?.date ?? "")}`),
                  h("p", { class: "meta" }, kinds[hit.kind] ?? ""),
                  h("p", null, hit.snippet),
                ),
              ),
            )),
    ],
    { focus, problem },
  );
}
