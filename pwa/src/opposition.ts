// Oppositionen in the app shell: the opposition's places (Dragningar, Frågor), the
// staff's Frågor, and for the chair and the director a link under Mer to the parity
// summary. The screens are a dynamic import, fetched the first time one opens.

import { Role } from "./gen/samspel/v1/role_pb";
import { registerMoreLink } from "./logins";
import type { MeView } from "./me";
import { h } from "./render";
import { registerIdagSection, registerPlace, registerRoute, type RouteContext } from "./router";
import { showScreen } from "./ui";

const has = (me: MeView, ...roles: Role[]) => me.memberships.some((m) => m.roles.some((r) => roles.includes(r.role)));
const inPair = (me: MeView) => has(me, Role.CHAIR, Role.DIRECTOR);
const opposition = (me: MeView) => has(me, Role.OPPOSITION) && !inPair(me);
const staffOnly = (me: MeView) => has(me, Role.STAFF) && !inPair(me);

type Screens = typeof import("./opposition/screens");

/** lazy shows a screen from the opposition module, or says it cannot be fetched offline. */
function lazy(pick: (m: Screens, ctx: RouteContext) => Promise<void>): (ctx: RouteContext) => Promise<void> {
  return async (ctx) => {
    let screens: Screens;
    try {
      screens = await import("./opposition/screens");
    } catch {
      showScreen("opposition-offline", "Oppositionen", [h("p", null, "Det kan inte visas utan anslutning.")], { focus: ctx.focus });
      return;
    }
    await pick(screens, ctx);
  };
}

registerPlace({ id: "dragningar", label: "Dragningar", path: "/dragningar", order: 15, visible: opposition });
registerPlace({ id: "fragor", label: "Frågor", path: "/fragor", order: 25, visible: (me) => opposition(me) || staffOnly(me) });
registerMoreLink({ id: "oppositionen", label: "Oppositionen: dragningar och frågor", path: "/oppositionen", order: 5, visible: (me) => has(me, Role.CHAIR, Role.DIRECTOR, Role.STAFF) });

// The same screens serve the opposition's and the staff's places and, under Mer, the pair.
for (const [base, place] of [
  ["/dragningar", "dragningar"],
  ["/oppositionen/dragningar", "mer"],
] as const) {
  registerRoute({ pattern: `${base}/ny`, place, show: lazy((s, c) => s.showNewBriefing(c, base)) });
  registerRoute({ pattern: `${base}/:id`, place, show: lazy((s, c) => s.showBriefing(c, base)) });
  registerRoute({ pattern: base, place, show: lazy((s, c) => s.showBriefings(c, base)) });
}
for (const [base, place] of [
  ["/fragor", "fragor"],
  ["/oppositionen/fragor", "mer"],
] as const) {
  registerRoute({ pattern: `${base}/ny`, place, show: lazy((s, c) => s.showAsk(c, base)) });
  registerRoute({ pattern: `${base}/:id`, place, show: lazy((s, c) => s.showQuestion(c, base)) });
  registerRoute({ pattern: base, place, show: lazy((s, c) => s.showQuestions(c, base)) });
}
registerRoute({ pattern: "/oppositionen/luckor", place: "mer", show: lazy((s, c) => s.showGaps(c)) });
registerRoute({ pattern: "/oppositionen", place: "mer", show: lazy((s, c) => s.showParity(c)) });

// Idag: the party's latest briefing and its open questions; for the director and the
// staff, the questions waiting for an answer and those past their due date.
registerIdagSection({
  id: "opposition",
  order: 30,
  visible: (me) => opposition(me) || has(me, Role.DIRECTOR, Role.STAFF),
  render: (me) => {
    const el = h(
      "section",
      { id: "idag-opposition", class: "block", "aria-labelledby": "idag-opposition-h", "aria-busy": "true" },
      h("h2", { id: "idag-opposition-h" }, opposition(me) ? "Dragningar och frågor" : "Oppositionens frågor"),
    );
    const m = me.memberships.find((m) => m.roles.length > 0);
    const party = m?.roles.find((r) => r.role === Role.OPPOSITION)?.party ?? "";
    import("./opposition/idag")
      .then((i) => i.fill(el, BigInt(m?.organizationId || "0"), opposition(me) ? party : "", has(me, Role.DIRECTOR)))
      .catch(() => {
        el.removeAttribute("aria-busy");
        el.append(h("p", null, "Frågorna kan inte visas utan anslutning."));
      });
    return el;
  },
});
