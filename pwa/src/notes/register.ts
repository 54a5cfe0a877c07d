// Quick notes in the shell: the place "Anteckningar", its routes, the big "Ny anteckning"
// button on Idag, the capture screen and the outbox. Everything else (the list, the
// inbox, search, a note, sending and pulling) loads on first use: the capture screen
// must open within the tap, with the keyboard up, so it cannot wait for a download.

import { h } from "../render";
import { navigate, registerIdagSection, registerPlace, registerRoute, type RouteContext } from "../router";
import { showCapture, startCapture } from "./capture";
import { syncNow, writesNotes } from "./send";

const screens = () => import("./screens");

registerPlace({ id: "anteckningar", label: "Anteckningar", path: "/anteckningar", order: 10, visible: writesNotes });

/** route registers a notes screen; others than the pair go to Idag. */
function route(pattern: string, show: (ctx: RouteContext) => unknown): void {
  registerRoute({
    pattern,
    place: "anteckningar",
    show: async (ctx) => {
      if (!writesNotes(ctx.me)) {
        navigate("/", { replace: true });
        return;
      }
      await show(ctx);
      syncNow();
    },
  });
}

// More specific patterns first.
route("/anteckningar/ny", (ctx) => showCapture(ctx));
route("/anteckningar/inkorg", async (ctx) => (await screens()).showInbox(ctx));
route("/anteckningar/sok", async (ctx) => (await screens()).showSearch(ctx));
route("/anteckningar/:id", async (ctx) => (await screens()).showNote(ctx, ctx.params["id"] ?? ""));
route("/anteckningar", async (ctx) => (await screens()).showList(ctx));

// Idag: what waits (notes not sent yet, notes not sorted yet), filled once the screens
// have loaded, and the button, which floats within the thumb's reach.
registerIdagSection({
  id: "notes",
  order: 30, // after the role split's and the meetings' blocks: unsorted notes come last
  visible: writesNotes,
  render: (me) => {
    const summary = h("div", { id: "notes-summary", class: "notes-summary" });
    queueMicrotask(() => void screens().then((s) => s.fillIdag(summary, me)).catch(() => {}));
    return h(
      "div",
      null,
      summary,
      h("div", { class: "capture" }, h("a", { href: "/anteckningar/ny", id: "new-note", class: "button button-large", onclick: startCapture }, "Ny anteckning")),
    );
  },
});
