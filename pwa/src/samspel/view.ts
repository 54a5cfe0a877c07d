// What every Samspel screen shares: drawing a screen with the notice of the last action,
// loading data without drawing over a screen the person has already left, running one
// action at a time, and form fields in the GOV.UK pattern (label, hint, error, control).

import { Code, codeOf, unreachable } from "../api";
import { fieldProblem, type Fields } from "../details";
import { h, type Child } from "../render";
import { navigate } from "../router";
import { showScreen, type Problem } from "../ui";

// The notice for the screen at path, shown once when that screen is drawn.
let notice = { path: "", text: "" };

/** go shows path next, with a notice that says what just happened. */
export function go(path: string, note = ""): void {
  notice = { path, text: note };
  navigate(path);
}

/** page shows one screen. The notice of the action that led here comes first, as a
 * status message, and focus moves to the heading so it is read out after the change. */
export function page(id: string, title: string, body: Child[], opts: { focus: boolean; problem?: Problem | undefined }): void {
  const note = notice.path === location.pathname + location.search ? notice.text : "";
  notice = { path: "", text: "" };
  showScreen(id, title, [note ? h("p", { id: "notice", class: "notice", role: "status" }, note) : null, ...body], {
    focus: opts.focus || note !== "",
    problem: opts.problem,
  });
}

/** load fetches what a screen shows and draws it, unless the person has moved on to
 * another screen meanwhile. A failure is shown as a screen of its own. */
export async function load<T>(focus: boolean, fetch: () => Promise<T>, draw: (v: T) => void): Promise<void> {
  const at = location.pathname + location.search;
  try {
    const v = await fetch();
    if (location.pathname + location.search === at) draw(v);
  } catch (err) {
    if (location.pathname + location.search === at) failed(err, focus);
  }
}

function failed(err: unknown, focus: boolean): void {
  const code = codeOf(err);
  if (code === Code.NotFound) {
    page("samspel-missing", "Sidan finns inte", [p("Det du söker finns inte, eller så får du inte se det.")], { focus });
  } else if (unreachable(code)) {
    page("samspel-unreachable", "Ingen anslutning", [p("Samspel når inte servern just nu. Försök igen när du har nät.")], { focus });
  } else {
    page("samspel-error", "Något gick fel", [p("Försök igen om en stund.")], { focus });
  }
}

let busy = false;

/** act runs one action at a time (a second tap does nothing). On success done says
 * where to go; on failure the screen is drawn again by redraw with the problem. When the
 * server refuses a field that fields names, the problem is on that field; otherwise
 * invalid, or the general message. */
export async function act(run: () => Promise<void>, redraw: (p: Problem) => void, invalid?: Problem, fields?: Fields): Promise<void> {
  if (busy) return;
  busy = true;
  try {
    await run();
  } catch (err) {
    redraw(problemOf(err, invalid, fields));
  } finally {
    busy = false;
  }
}

/** problemOf says in Swedish why an action failed. */
export function problemOf(err: unknown, invalid?: Problem, fields?: Fields): Problem {
  const title = "Det gick inte att spara";
  const code = codeOf(err);
  switch (code) {
    case Code.InvalidArgument:
      return fieldProblem(err, title, fields) ?? invalid ?? { title, message: "Något i formuläret stämmer inte. Kontrollera och försök igen." };
    case Code.FailedPrecondition:
      return { title, message: "Läget har ändrats sedan sidan visades. Ladda om sidan och se hur det ser ut nu." };
    case Code.PermissionDenied:
      return { title, message: "Din roll får inte göra det här." };
    case Code.NotFound:
      return { title, message: "Det finns inte längre, eller så får du inte se det." };
  }
  if (unreachable(code)) return { title, message: "Ingen anslutning. Försök igen när du har nät." };
  return { title, message: "Något gick fel. Försök igen om en stund." };
}

/** required returns a problem for the field if its value is blank. */
export function required(id: string, value: string, message: string): Problem | undefined {
  return value.trim() === "" ? { title: "Det gick inte att spara", message, fieldId: id } : undefined;
}

export function p(text: string, cls?: string): HTMLElement {
  return h("p", cls ? { class: cls } : null, text);
}

/** link is an in-app link; the router turns the click into a navigation. */
export function link(href: string, text: Child, attrs: Record<string, string> = {}): HTMLElement {
  return h("a", { href, ...attrs }, text);
}

export function button(id: string, text: string, onclick: () => void, secondary = false): HTMLElement {
  return h("button", { type: "button", id, class: secondary ? "button secondary" : "button", onclick }, text);
}

/** Field options shared by the controls below. */
interface FieldOpts {
  id: string;
  label: string;
  hint?: string;
  error?: string | undefined; // the message, when this field is the problem
}

/** errorFor is the message of problem when it is about field id. */
export function errorFor(problem: Problem | undefined, id: string): string | undefined {
  return problem?.fieldId === id ? problem.message : undefined;
}

function field(o: FieldOpts, control: HTMLElement): HTMLElement {
  const described = [o.hint ? `${o.id}-hint` : "", o.error ? `${o.id}-error` : ""].filter(Boolean).join(" ");
  if (described) control.setAttribute("aria-describedby", described);
  if (o.error) control.setAttribute("aria-invalid", "true");
  return h(
    "div",
    { class: o.error ? "field field-error" : "field" },
    h("label", { for: o.id, class: "label" }, o.label),
    o.hint ? h("p", { id: `${o.id}-hint`, class: "hint" }, o.hint) : null,
    o.error ? h("p", { id: `${o.id}-error`, class: "error-message" }, h("span", { class: "visually-hidden" }, "Fel: "), o.error) : null,
    control,
  );
}

/** textarea is a multi-line field; value() reads it. */
export function textarea(o: FieldOpts & { value?: string; rows?: number; maxlength?: number }): {
  node: HTMLElement;
  value: () => string;
} {
  const el = h("textarea", {
    id: o.id,
    name: o.id,
    class: o.error ? "input input-error" : "input",
    rows: String(o.rows ?? 3),
    maxlength: String(o.maxlength ?? 1000),
  });
  el.value = o.value ?? "";
  return { node: field(o, el), value: () => el.value };
}

/** input is a one-line field of a type ("text", "date"). */
export function input(o: FieldOpts & { value?: string; type?: string; maxlength?: number; autocomplete?: string }): {
  node: HTMLElement;
  value: () => string;
} {
  const el = h("input", {
    id: o.id,
    name: o.id,
    type: o.type ?? "text",
    class: o.error ? "input input-error" : "input",
    maxlength: o.type === "date" ? undefined : String(o.maxlength ?? 200),
    autocomplete: o.autocomplete ?? "off",
  });
  el.value = o.value ?? "";
  return { node: field(o, el), value: () => el.value };
}

/** select is a drop-down of options given as [value, label]. */
export function select(o: FieldOpts & { options: [string, string][]; value?: string }): {
  node: HTMLElement;
  value: () => string;
} {
  const el = h(
    "select",
    { id: o.id, name: o.id, class: "input" },
    o.options.map(([v, label]) => h("option", { value: v }, label)),
  );
  el.value = o.value ?? o.options[0]?.[0] ?? "";
  return { node: field(o, el), value: () => el.value };
}

/** radios is a group of choices in a fieldset; the first radio takes the group's id,
 * so the error summary can link to it. */
export function radios(o: FieldOpts & { options: { value: string; label: string; hint?: string }[]; value?: string }): {
  node: HTMLElement;
  value: () => string;
} {
  const inputs = o.options.map((opt, i) =>
    h("input", {
      id: i === 0 ? o.id : `${o.id}-${i}`,
      name: o.id,
      type: "radio",
      value: opt.value,
      class: "radio-input",
      checked: opt.value === o.value,
      "aria-describedby": opt.hint ? `${o.id}-${i}-hint` : undefined,
    }),
  );
  const node = h(
    "fieldset",
    { class: o.error ? "field field-error fieldset" : "field fieldset", "aria-describedby": o.hint ? `${o.id}-hint` : undefined },
    h("legend", { class: "label" }, o.label),
    o.hint ? h("p", { id: `${o.id}-hint`, class: "hint" }, o.hint) : null,
    o.error ? h("p", { class: "error-message" }, h("span", { class: "visually-hidden" }, "Fel: "), o.error) : null,
    h(
      "div",
      { class: "radios" },
      o.options.map((opt, i) =>
        h(
          "div",
          { class: "radio" },
          inputs[i],
          h("label", { for: inputs[i]?.id ?? "", class: "radio-label" }, opt.label),
          opt.hint ? h("p", { id: `${o.id}-${i}-hint`, class: "hint radio-hint" }, opt.hint) : null,
        ),
      ),
    ),
  );
  return { node, value: () => inputs.find((el) => el.checked)?.value ?? "" };
}

/** form wraps fields and a submit button; onsubmit runs without a page load. */
export function form(id: string, submitText: string, onsubmit: () => void, ...fields: Child[]): HTMLElement {
  return h(
    "form",
    {
      id,
      novalidate: true,
      onsubmit: (ev: Event) => {
        ev.preventDefault();
        onsubmit();
      },
    },
    fields,
    h("button", { type: "submit", id: `${id}-submit`, class: "button" }, submitText),
  );
}

/** section is a part of a screen with its own heading. */
export function section(id: string, heading: string, ...children: Child[]): HTMLElement {
  return h("section", { id, class: "part", "aria-labelledby": `${id}-h` }, h("h2", { id: `${id}-h` }, heading), children);
}
