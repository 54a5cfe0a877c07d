// Möten in the app shell: the place in the bottom bar, the routes of the meeting screens
// and the block on Idag. The screens themselves are a dynamic import, fetched the first
// time one opens (and precached by the service worker for offline starts).

import { Role } from "./gen/samspel/v1/role_pb";
import type { MeView } from "./me";
import { h } from "./render";
import { registerIdagSection, registerPlace, registerRoute, type RouteContext } from "./router";
import { showScreen } from "./ui";

/** takesPart says whether a person has meetings at all: the pair, the majority and staff. */
function takesPart(me: MeView): boolean {
  return me.memberships.some((m) =>
    m.roles.some((r) => r.role === Role.CHAIR || r.role === Role.DIRECTOR || r.role === Role.MAJORITY || r.role === Role.STAFF),
  );
}

type Screens = typeof import("./meetings/screens");

/** lazy shows a screen from the meeting module, or says it cannot be fetched offline. */
function lazy(pick: (m: Screens) => (ctx: RouteContext) => Promise<void>): (ctx: RouteContext) => Promise<void> {
  return async (ctx) => {
    let screens: Screens;
    try {
      screens = await import("./meetings/screens");
    } catch {
      showScreen("moten-offline", "Möten", [h("p", null, "Mötena kan inte visas utan anslutning.")], { focus: ctx.focus });
      return;
    }
    await pick(screens)(ctx);
  };
}

registerPlace({ id: "moten", label: "Möten", path: "/moten", order: 20, visible: takesPart });

// More specific patterns first: "/moten/:id" would match them all.
registerRoute({ pattern: "/moten/atgarder", place: "moten", show: lazy((m) => m.showActions) });
registerRoute({ pattern: "/moten/beslut", place: "moten", show: lazy((m) => m.showDecisions) });
registerRoute({ pattern: "/moten/beslut/:id", place: "moten", show: lazy((m) => m.showDecision) });
registerRoute({ pattern: "/moten/sok", place: "moten", show: lazy((m) => m.showSearch) });
registerRoute({ pattern: "/moten/kalender", place: "moten", show: lazy((m) => m.showCalendar) });
registerRoute({ pattern: "/moten/ny", place: "moten", show: lazy((m) => m.showNewSeries) });
registerRoute({ pattern: "/moten/:id", place: "moten", show: lazy((m) => m.showMeeting) });
registerRoute({ pattern: "/moten", place: "moten", show: lazy((m) => m.showMeetings) });

registerIdagSection({ id: "moten", order: 20, visible: takesPart, render: (me) => meetingsBlock(me) });

/** meetingsBlock is Idag's part about meetings, filled in once the server answers. */
function meetingsBlock(me: MeView): HTMLElement {
  const el = h(
    "section",
    { id: "idag-moten", class: "block", "aria-labelledby": "idag-moten-h", "aria-busy": "true" },
    h("h2", { id: "idag-moten-h" }, "Möten"),
  );
  import("./meetings/idag")
    .then((m) => m.fill(el, me))
    .catch(() => {
      el.removeAttribute("aria-busy");
      el.append(h("p", null, "Mötena kan inte visas utan anslutning."));
    });
  return el;
}
