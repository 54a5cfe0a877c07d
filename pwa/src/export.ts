// Export: a term as the archive package, the handover dossier or the person's own copy.
// For an administrator it is a place of its own (UX.md: Personer · Inbjudningar · Logg ·
// Export); everyone else finds it under Mer. Only the links and the routes are in the
// shell; the screen loads on first use.

import { registerMoreLink } from "./logins";
import { administersOnly } from "./me";
import { h } from "./render";
import { registerPlace, registerRoute, type RouteContext } from "./router";
import { showScreen } from "./ui";

async function show(ctx: RouteContext): Promise<void> {
  let screen: typeof import("./export/screen");
  try {
    screen = await import("./export/screen");
  } catch {
    showScreen("export-offline", "Exportera", [h("p", null, "Exporten kräver anslutning. Försök igen när du har nät.")], { focus: ctx.focus });
    return;
  }
  await screen.showExport(ctx);
}

registerPlace({ id: "export", label: "Export", path: "/export", order: 4, visible: administersOnly });
registerMoreLink({ id: "export", label: "Exportera en mandatperiod", path: "/mer/export", order: 20, visible: (me) => !administersOnly(me) });
registerRoute({ pattern: "/export", place: "export", show });
registerRoute({ pattern: "/mer/export", place: "mer", show });
