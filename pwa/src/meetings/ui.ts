// Pieces the meeting screens share: forms in GOV.UK style, sections, the words for a
// failed call, and drawing a screen only if it is still the one asked for.

import { Code, codeOf, unreachable } from "../api";
import { fieldProblem, type Fields } from "../details";
import { h, type Child } from "../render";
import { showScreen, type Problem } from "../ui";

let drawn = 0;

/** ticket returns a check that is true while no later screen was asked for and the
 * address is still path: an answer that arrives late must not replace a newer screen. */
export function ticket(path: string): () => boolean {
  const mine = ++drawn;
  return () => mine === drawn && location.pathname === path;
}

/** problemFor says in words why a call failed; what completes "Det gick inte att …".
 * When the server refuses a field that fields names, the problem is on that field. */
export function problemFor(err: unknown, what: string, fields?: Fields): Problem {
  const title = `Det gick inte att ${what}`;
  const code = codeOf(err);
  if (unreachable(code)) return { title, message: "Ingen anslutning. Försök igen när du har nät." };
  switch (code) {
    case Code.NotFound:
      return { title, message: "Det finns inte, eller så har du inte tillgång till det." };
    case Code.FailedPrecondition:
      return {
        title,
        message: "Det går inte längre: mötet kan vara justerat eller inställt. Ladda om sidan och försök igen.",
      };
    case Code.InvalidArgument:
      return fieldProblem(err, title, fields) ?? { title, message: "Något av det du fyllde i går inte att spara. Kontrollera och försök igen." };
    default:
      return { title, message: "Något gick fel. Försök igen om en stund." };
  }
}

/** failed shows a screen that says a screen could not be fetched, with a retry. */
export function failed(id: string, title: string, err: unknown, retry: () => void, focus: boolean): void {
  const p = problemFor(err, "hämta uppgifterna");
  showScreen(id, title, [
    h("p", { id: `${id}-failed` }, p.message),
    h("div", { class: "actions" }, button(`${id}-retry`, "Försök igen", retry)),
  ], { focus });
}

/** section is a part of a screen with an h2 that names it. */
export function section(id: string, title: string, ...children: Child[]): HTMLElement {
  return h("section", { id, class: "block", "aria-labelledby": `${id}-h` }, h("h2", { id: `${id}-h` }, title), children);
}

/** button makes a button; secondary ones are grey. */
export function button(id: string, text: string, onclick: () => void, kind: "primary" | "secondary" | "small" = "primary"): HTMLButtonElement {
  const cls = kind === "primary" ? "button" : kind === "secondary" ? "button secondary" : "button secondary small";
  return h("button", { type: "button", id, class: cls, onclick: () => onclick() }, text);
}

/** Field describes one labelled input. */
export interface Field {
  id: string;
  label: string;
  hint?: string;
  type?: "text" | "date" | "time" | "number" | "search" | "textarea";
  value?: string;
  maxlength?: number;
  error?: string | undefined; // shown above the input, GOV.UK style
  autocomplete?: string;
}

/** field draws a label, a hint, an error and an input; the input keeps the field's id. */
export function field(f: Field): HTMLElement {
  const describedBy = [f.hint ? `${f.id}-hint` : "", f.error ? `${f.id}-error` : ""].filter(Boolean).join(" ");
  const attrs = {
    id: f.id,
    name: f.id,
    class: f.error ? "input input-error" : "input",
    maxlength: f.maxlength ? String(f.maxlength) : undefined,
    autocomplete: f.autocomplete ?? "off",
    "aria-describedby": describedBy || undefined,
    "aria-invalid": f.error ? "true" : undefined,
  };
  const input =
    f.type === "textarea" ? h("textarea", { ...attrs, rows: "3" }) : h("input", { ...attrs, type: f.type ?? "text" });
  input.value = f.value ?? "";
  return h(
    "div",
    { class: f.error ? "field field-error" : "field" },
    h("label", { for: f.id, class: "label" }, f.label),
    f.hint && h("p", { id: `${f.id}-hint`, class: "hint" }, f.hint),
    f.error && h("p", { id: `${f.id}-error`, class: "error-message" }, h("span", { class: "visually-hidden" }, "Fel: "), f.error),
    input,
  );
}

/** Choice is one option of a select. */
export interface Choice {
  value: string;
  label: string;
}

/** select draws a labelled select. */
export function select(id: string, label: string, choices: Choice[], value = ""): HTMLElement {
  const el = h("select", { id, name: id, class: "input" }, choices.map((c) => h("option", { value: c.value }, c.label)));
  el.value = value || (choices[0]?.value ?? "");
  return h("div", { class: "field" }, h("label", { for: id, class: "label" }, label), el);
}

/** checkbox draws a labelled checkbox. */
export function checkbox(id: string, label: string, checked = false): HTMLElement {
  const box = h("input", { id, name: id, type: "checkbox", class: "checkbox-input" });
  box.checked = checked;
  return h("div", { class: "checkbox" }, box, h("label", { for: id }, label));
}

/** value reads an input, select or textarea by id, trimmed. */
export function value(id: string): string {
  const el = document.getElementById(id) as HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement | null;
  return el?.value.trim() ?? "";
}

/** checked reads a checkbox by id. */
export function checked(id: string): boolean {
  return (document.getElementById(id) as HTMLInputElement | null)?.checked ?? false;
}

/** form wraps fields with a submit button; the browser's own validation stays off, so
 * errors are said the same way everywhere. */
export function form(id: string, submit: string, fields: Child[], onSubmit: () => void, secondary = false): HTMLFormElement {
  return h(
    "form",
    {
      id,
      class: "form",
      novalidate: true,
      onsubmit: (ev: Event) => {
        ev.preventDefault();
        onSubmit();
      },
    },
    fields,
    h("button", { type: "submit", id: `${id}-submit`, class: secondary ? "button secondary" : "button" }, submit),
  );
}

/** focusLater moves focus to the element with id once the screen is drawn. */
export function focusLater(id: string | undefined): void {
  if (!id) return;
  const el = document.getElementById(id);
  if (el) el.focus();
}

/** idOf turns an id from the server into one for the address bar and element ids. */
export function idOf(id: bigint): string {
  return id.toString();
}
