// Export under Mer: a term as the archive package, the handover dossier or the person's
// own copy. Only the link and the route are in the shell; the screen loads on first use.

import { registerMoreLink } from "./logins";
import { h } from "./render";
import { registerRoute } from "./router";
import { showScreen } from "./ui";

registerMoreLink({ id: "export", label: "Exportera en mandatperiod", path: "/mer/export", order: 20 });
registerRoute({
  pattern: "/mer/export",
  place: "mer",
  show: async (ctx) => {
    let screen: typeof import("./export/screen");
    try {
      screen = await import("./export/screen");
    } catch {
      showScreen("export-offline", "Exportera", [h("p", null, "Exporten kräver anslutning. Försök igen när du har nät.")], { focus: ctx.focus });
      return;
    }
    await screen.showExport(ctx);
  },
});
