// The Samspel place: the role split, the instruction, agreements and deviations, for the
// chair and the director; the role split and the instruction, to read, for staff and
// administrators; the instruction place for everyone else in the organisation;
// and the role split's block on Idag. Only this file is in the shell: the screens load
// on first use.

import { administersOnly, type MeView } from "../me";
import { h } from "../render";
import { registerIdagSection, registerPlace, registerRoute, type RouteContext } from "../router";
import { Role } from "../gen/samspel/v1/role_pb";

const screens = () => import("./screens");

const inPair = (me: MeView) => me.memberships.some((m) => m.roles.some((r) => r.role === Role.CHAIR || r.role === Role.DIRECTOR));
const member = (me: MeView) => me.memberships.length > 0;

const staff = (me: MeView) => me.memberships.some((m) => m.roles.some((r) => r.role === Role.STAFF));
// Staff and administrators read the role split and every instruction version here too;
// the pair's own records (agreements, deviations, crisis) stay out of their Samspel. An
// administrator with no role reaches it under Mer: their bar is their own four places.
registerPlace({
  id: "samspel",
  label: "Samspel",
  path: "/samspel",
  order: 30,
  visible: (me) => inPair(me) || staff(me) || (me.admin && !administersOnly(me)),
});
// The adopted instruction is a board decision: the opposition and the majority read it
// in a place of their own (UX.md: Opposition: Idag · Dragningar · Frågor · Instruktion).
registerPlace({
  id: "instruktion",
  label: "Instruktion",
  path: "/instruktion",
  order: 40,
  visible: (me) => member(me) && !inPair(me) && !staff(me),
});

/** route registers a Samspel screen that loads the screens module first. */
function route(pattern: string, place: string, show: (s: Awaited<ReturnType<typeof screens>>, ctx: RouteContext) => unknown): void {
  registerRoute({ pattern, place, show: async (ctx) => void (await show(await screens(), ctx)) });
}

const id = (ctx: RouteContext) => BigInt(ctx.params["id"] ?? "0");

route("/samspel", "samspel", (s, c) => s.showHub(c.me, c.focus));
route("/samspel/kris", "samspel", (s, c) => s.showCrisis(c.me, c.focus));
route("/samspel/roller", "samspel", (s, c) => s.showAreas(c.me, c.focus, false));
route("/samspel/roller/nytt", "samspel", (s, c) => s.showNewArea(c.me, c.focus));
route("/samspel/roller/avvecklade", "samspel", (s, c) => s.showAreas(c.me, c.focus, true));
route("/samspel/prejudikat/nytt", "samspel", (s, c) => s.showNewPrecedent(c.me, c.query, c.focus));
route("/samspel/roller/forslag/:id", "samspel", (s, c) => s.showProposal(c.me, id(c), c.focus));
route("/samspel/roller/:id", "samspel", (s, c) => s.showArea(c.me, id(c), c.focus));
route("/samspel/overenskommelser", "samspel", (s, c) => s.showAgreements(c.me, c.query, c.focus));
route("/samspel/overenskommelser/:id", "samspel", (s, c) => s.showAgreement(c.me, id(c), c.focus));
route("/samspel/avsteg", "samspel", (s, c) => s.showDeviations(c.me, c.query, c.focus));
route("/samspel/avsteg/ny", "samspel", (s, c) => s.showNewDeviation(c.me, c.focus));
route("/samspel/avsteg/:id", "samspel", (s, c) => s.showDeviation(c.me, id(c), c.focus));
for (const [base, place] of [
  ["/samspel/instruktion", "samspel"],
  ["/instruktion", "instruktion"],
] as const) {
  route(base, place, (s, c) => s.showVersions(c.me, base, c.focus));
  route(`${base}/jamfor`, place, (s, c) => s.showDiff(base, c.query, c.focus));
  route(`${base}/:id`, place, (s, c) => s.showVersion(c.me, base, id(c), c.focus));
}

// Idag: the block is drawn empty and filled once the screens and the data have come; it
// is filled again whenever the app comes back into view, so a deviation logged by the
// other party shows without a reload.
registerIdagSection({
  id: "samspel",
  order: 10,
  visible: inPair,
  render: (me) => {
    const el = h("section", { id: "idag-samspel", class: "idag-block", "aria-labelledby": "idag-samspel-h", hidden: true });
    const refill = () => {
      if (!el.isConnected || document.visibilityState !== "visible") return;
      void screens()
        .then((s) => s.fillIdag(el, me))
        .catch(() => {
          // Offline, or the block's data failed: Idag shows the rest as it is.
        });
    };
    queueMicrotask(refill);
    const onVisible = () => (el.isConnected ? refill() : document.removeEventListener("visibilitychange", onVisible));
    document.addEventListener("visibilitychange", onVisible);
    return el;
  },
});
