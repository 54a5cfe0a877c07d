// The capture screen: a text field with the keyboard up, and Spara. The note goes into
// the outbox on the phone at once and is sent when there is a connection. It is in the
// shell: it opens within the tap on "Ny anteckning", which is what lets the phone put the
// keyboard up.

import { h, mount } from "../render";
import { navigate, type RouteContext } from "../router";
import { showScreen, type Problem } from "../ui";
import { addWaiting, type Waiting } from "./outbox";
import { syncNow } from "./send";
import { uuidv7 } from "./uuid7";

/** Draft is what the capture screen holds. */
interface Draft {
  body: string;
  withText: string;
  withPersonId?: string | undefined;
  tag: string;
  raise: boolean;
}

/** Known is someone in Samspel a note can be about (see people.ts). */
interface Known {
  id: string;
  name: string;
}

let tapped = 0; // when "Ny anteckning" was tapped, for the samspel:capture-open measure

/** startCapture marks the tap on a "Ny anteckning" link. */
export function startCapture(): void {
  tapped = performance.now();
}

/** flash is a sentence for the next screen to show, e.g. after saving. */
export let flash = "";

/** takeFlash returns the sentence once. */
export function takeFlash(): string {
  const f = flash;
  flash = "";
  return f;
}

/** setFlash keeps a sentence for the next screen. */
export function setFlash(text: string): void {
  flash = text;
}

/** showCapture shows the capture screen, with draft and problem after a refused save. */
export function showCapture(ctx: RouteContext, draft?: Draft, problem?: Problem): void {
  const bodyError = problem?.fieldId === "note-body";
  const body = h("textarea", {
    id: "note-body",
    name: "body",
    class: bodyError ? "input textarea input-error" : "input textarea",
    rows: "6",
    maxlength: "10000",
    autocapitalize: "sentences",
    "aria-describedby": bodyError ? "note-body-error" : undefined,
    "aria-invalid": bodyError ? "true" : undefined,
  });
  body.value = draft?.body ?? "";
  const withText = textInput("note-with", 200, draft?.withText);
  withText.setAttribute("list", "note-people");
  const suggestions = h("datalist", { id: "note-people" });
  let people: Known[] = [];
  // The people of the organisation come with the screens module; until then, and
  // offline, "Med vem" is plain text.
  void import("./people")
    .then((p) =>
      p.known(ctx.me, (list) => {
        people = list;
        mount(suggestions, list.map((k) => h("option", { value: k.name })));
      }),
    )
    .catch(() => {});
  const tag = textInput("note-tag", 50, draft?.tag);
  const raise = h("input", { id: "note-raise", name: "raise", type: "checkbox", class: "checkbox-input" });
  raise.checked = draft?.raise ?? false;
  const read = (): Draft => {
    const typed = withText.value.trim().toLocaleLowerCase("sv");
    return {
      body: body.value,
      withText: withText.value.trim(),
      withPersonId: typed ? people.find((k) => k.name.toLocaleLowerCase("sv") === typed)?.id : undefined,
      tag: tag.value.trim(),
      raise: raise.checked,
    };
  };
  showScreen(
    "ny-anteckning",
    "Ny anteckning",
    [
      h(
        "form",
        {
          id: "note-form",
          novalidate: true,
          onsubmit: (ev: Event) => {
            ev.preventDefault();
            void save(ctx, read());
          },
        },
        h(
          "div",
          { class: bodyError ? "field field-error" : "field" },
          h("label", { for: "note-body", class: "label" }, "Anteckning"),
          bodyError &&
            h("p", { id: "note-body-error", class: "error-message" }, h("span", { class: "visually-hidden" }, "Fel: "), problem?.message),
          body,
        ),
        // Spara right under the text, where it is in sight with the keyboard up; the
        // extra fields, which most notes go without, come after it.
        h("button", { type: "submit", id: "note-save", class: "button button-wide" }, "Spara"),
        h(
          "details",
          { class: "more", open: draft && (draft.withText || draft.tag || draft.raise) ? true : undefined },
          h("summary", null, "Med vem, tagg och avstämning"),
          field("note-with", "Med vem", "Någon i Samspel, eller till exempel Lars på gatukontoret", withText),
          suggestions,
          field("note-tag", "Tagg", "Ett ord att hitta den på, till exempel budget", tag),
          h("div", { class: "checkbox" }, raise, h("label", { for: "note-raise" }, "Ta upp på nästa avstämning")),
        ),
      ),
    ],
    { focus: false, problem },
  );
  // The keyboard comes up at once: the tap on "Ny anteckning" is still going on.
  if (!problem || bodyError) body.focus();
  if (tapped) {
    performance.measure("samspel:capture-open", { start: tapped });
    tapped = 0;
  }
}

function textInput(id: string, max: number, value = ""): HTMLInputElement {
  const el = h("input", { id, type: "text", class: "input", maxlength: String(max), autocomplete: "off", "aria-describedby": `${id}-hint` });
  el.value = value;
  return el;
}

function field(id: string, label: string, hint: string, input: HTMLElement): HTMLElement {
  return h(
    "div",
    { class: "field" },
    h("label", { for: id, class: "label" }, label),
    h("p", { id: `${id}-hint`, class: "hint" }, hint),
    input,
  );
}

let saving = false;

/** save keeps the note on the phone, shows the list with it on top, and sends it. */
async function save(ctx: RouteContext, d: Draft): Promise<void> {
  if (saving) return;
  if (d.body.trim() === "") {
    showCapture(ctx, d, { title: "Anteckningen är tom", message: "Skriv något i anteckningen", fieldId: "note-body" });
    return;
  }
  saving = true;
  const start = performance.now();
  const w: Waiting = {
    id: uuidv7(),
    personId: ctx.me.id,
    body: d.body,
    withText: d.withText,
    tag: d.tag,
    raise: d.raise,
    createTime: Date.now(),
  };
  if (d.withPersonId) w.withPersonId = d.withPersonId;
  try {
    await addWaiting(w);
  } catch {
    showCapture(ctx, d, {
      title: "Det gick inte att spara",
      message: "Telefonen kunde inte spara anteckningen. Kopiera texten och försök igen.",
    });
    return;
  } finally {
    saving = false;
  }
  performance.measure("samspel:note-saved", { start });
  setFlash("Sparad. Den skickas så fort det finns anslutning.");
  navigate("/anteckningar");
  syncNow();
}
