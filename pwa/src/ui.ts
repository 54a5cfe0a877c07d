// Pieces every screen shares: putting a screen in <main>, the error summary, and the
// "Ingen anslutning" note in the header.

import { h, mount, type Child } from "./render";

/** Problem is what went wrong, in words for the person, with the field it is about if any. */
export interface Problem {
  title: string;
  message: string;
  fieldId?: string; // the input to link to, GOV.UK style
}

/** ScreenOptions say how a screen is shown. */
export interface ScreenOptions {
  /** Move focus to the heading (or the error summary), so screen readers announce the
   * new screen. Not done on the first screen after load, where the browser's own focus
   * handling is what people expect. */
  focus: boolean;
  problem?: Problem | undefined;
}

/** showScreen replaces the content of <main> with one screen. id names the screen for
 * tests and styles; title is its h1 and, with the app name, the document title. */
export function showScreen(id: string, title: string, body: Child[], opts: ScreenOptions): void {
  const main = document.getElementById("main");
  if (!main) return;
  const heading = h("h1", { tabindex: "-1" }, title);
  const summary = opts.problem ? errorSummary(opts.problem) : null;
  mount(main, h("div", { id, class: "screen" }, summary, heading, body));
  // GOV.UK prefixes the title with "Fel: " so the error is the first thing read out.
  document.title = `${opts.problem ? "Fel: " : ""}${title} – Samspel`;
  if (summary) summary.focus();
  else if (opts.focus) heading.focus();
}

function errorSummary(p: Problem): HTMLElement {
  const fieldId = p.fieldId;
  return h(
    "div",
    {
      id: "error-summary",
      class: "error-summary",
      role: "alert",
      tabindex: "-1",
      "aria-labelledby": "error-summary-title",
    },
    h("h2", { id: "error-summary-title" }, p.title),
    fieldId
      ? h(
          "ul",
          null,
          h(
            "li",
            null,
            h(
              "a",
              {
                href: `#${fieldId}`,
                // Focus the field rather than follow the link: following it would put
                // the field's id in the URL and in history.
                onclick: (ev: Event) => {
                  ev.preventDefault();
                  document.getElementById(fieldId)?.focus();
                },
              },
              p.message,
            ),
          ),
        )
      : h("p", null, p.message),
  );
}

/** setOffline shows or hides the header's "Ingen anslutning" note. The element is a
 * status live region that is always in the page, so a change is read out. */
export function setOffline(offline: boolean): void {
  const note = document.getElementById("offline");
  if (note) note.textContent = offline ? "Ingen anslutning" : "";
}
