// The administrator's places: Personer, Inbjudningar, Logg and Export (UX.md). Only the
// places and routes are in the shell; the screens load on first use, and only an
// administrator ever fetches them.

import { registerMoreLink } from "./logins";
import { administersOnly, type MeView } from "./me";
import { h } from "./render";
import { registerPlace, registerRoute, type RouteContext } from "./router";
import { showScreen } from "./ui";

type Screens = typeof import("./admin/screens");

/** lazy shows an administrator's screen, or says it cannot be fetched offline. Someone
 * who is not an administrator is shown nothing of it: the server would refuse anyway. */
function lazy(pick: (m: Screens, ctx: RouteContext) => Promise<void>): (ctx: RouteContext) => Promise<void> {
  return async (ctx) => {
    if (!ctx.me.admin) {
      showScreen("admin-missing", "Sidan finns inte", [h("p", null, "Det du söker finns inte, eller så får du inte se det.")], { focus: ctx.focus });
      return;
    }
    let screens: Screens;
    try {
      screens = await import("./admin/screens");
    } catch {
      showScreen("admin-offline", "Ingen anslutning", [h("p", null, "Det kan inte visas utan anslutning. Försök igen när du har nät.")], { focus: ctx.focus });
      return;
    }
    await pick(screens, ctx);
  };
}

const alsoHoldsARole = (me: MeView) => me.admin && !administersOnly(me);

registerPlace({ id: "personer", label: "Personer", path: "/personer", order: 1, visible: administersOnly });
registerPlace({ id: "inbjudningar", label: "Inbjudningar", path: "/inbjudningar", order: 2, visible: administersOnly });
registerPlace({ id: "logg", label: "Logg", path: "/logg", order: 3, visible: administersOnly });
// An administrator who also holds a role keeps that role's bar and finds these under Mer.
registerMoreLink({ id: "personer", label: "Personer", path: "/personer", order: 1, visible: alsoHoldsARole });
registerMoreLink({ id: "inbjudningar", label: "Inbjudningar", path: "/inbjudningar", order: 2, visible: alsoHoldsARole });
registerMoreLink({ id: "logg", label: "Logg", path: "/logg", order: 3, visible: alsoHoldsARole });
// What the administrator reads of the organisation's own records, now that Samspel has
// left their bar.
registerMoreLink({ id: "samspel", label: "Rollfördelning och instruktion", path: "/samspel", order: 15, visible: administersOnly });

registerRoute({ pattern: "/personer/:id/ny-roll", place: "personer", show: lazy((s, c) => s.showAssign(c)) });
registerRoute({ pattern: "/personer/:id/stang-av", place: "personer", show: lazy((s, c) => s.showDisable(c)) });
registerRoute({ pattern: "/personer/:id/aktivera", place: "personer", show: lazy((s, c) => s.showEnable(c)) });
registerRoute({ pattern: "/personer/:id/roller/:ra", place: "personer", show: lazy((s, c) => s.showEndRole(c)) });
registerRoute({ pattern: "/personer/:id", place: "personer", show: lazy((s, c) => s.showPerson(c)) });
registerRoute({ pattern: "/personer", place: "personer", show: lazy((s, c) => s.showPeople(c)) });
registerRoute({ pattern: "/inbjudningar", place: "inbjudningar", show: lazy((s, c) => s.showInvite(c)) });
registerRoute({ pattern: "/logg", place: "logg", show: lazy((s, c) => s.showLog(c)) });
