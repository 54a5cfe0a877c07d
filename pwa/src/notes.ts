// Quick notes: the place "Anteckningar" with its list, the capture screen, the triage
// inbox and search, and the "Ny anteckning" button on Idag. A note is saved on the phone
// first (notes-db.ts) and sent when there is a connection (notes-sync.ts).

import { notes as api } from "./api";
import { Role } from "./gen/samspel/v1/role_pb";
import { loadMe, type MeView } from "./me";
import * as store from "./notes-db";
import { known, match, type Known } from "./notes-people";
import { showNote } from "./notes-detail";
import { onChange, sync } from "./notes-sync";
import { age, items, noteItem, noteList, problemFor, setFlash, takeFlash, type Item } from "./notes-view";
import { h, mount, type Child } from "./render";
import { navigate, registerPlace, registerRoute, registerSignOutHook, type RouteContext } from "./router";
import { registerIdagSection } from "./screens";
import { showScreen, type Problem } from "./ui";
import { uuidv7 } from "./uuid7";

/** personOf returns the person's id when they write quick notes (chair or director). */
export function personOf(me: MeView | null): string | null {
  if (!me?.id) return null;
  const pair = me.memberships.some((m) => m.roles.some((r) => r.role === Role.CHAIR || r.role === Role.DIRECTOR));
  return pair ? me.id : null;
}

/** syncNow sends and pulls for whoever is signed in, if they write notes. */
export function syncNow(): void {
  const id = personOf(loadMe());
  if (id) void sync(id);
}

registerPlace({ id: "anteckningar", label: "Anteckningar", path: "/anteckningar", order: 10, visible: (me) => personOf(me) !== null });
// More specific patterns first.
registerRoute({ pattern: "/anteckningar/ny", place: "anteckningar", show: pair(showCapture) });
registerRoute({ pattern: "/anteckningar/inkorg", place: "anteckningar", show: pair(showInbox) });
registerRoute({ pattern: "/anteckningar/sok", place: "anteckningar", show: pair(showSearch) });
registerRoute({ pattern: "/anteckningar/:id", place: "anteckningar", show: pair((ctx, person) => showNote(ctx, person, ctx.params["id"] ?? "")) });
registerRoute({ pattern: "/anteckningar", place: "anteckningar", show: pair(showList) });
registerIdagSection({ order: 10, render: idagSection });
registerSignOutHook((me) => (me.id ? store.forget(me.id) : undefined));

// Send what waits whenever there may be a connection again.
window.addEventListener("online", syncNow);
document.addEventListener("visibilitychange", () => {
  if (document.visibilityState === "visible") syncNow();
});
syncNow();

// Only the screen on show is drawn again when notes change.
let redraw: (() => void) | null = null;
onChange(() => redraw?.());

/** pair wraps a screen that only the chair and director have; others go to Idag. */
function pair(show: (ctx: RouteContext, person: string) => void): (ctx: RouteContext) => void {
  return (ctx) => {
    const person = personOf(ctx.me);
    redraw = null;
    if (!person) {
      navigate("/", { replace: true });
      return;
    }
    show(ctx, person);
    syncNow();
  };
}

/** live keeps fn as the current screen's redraw while its element is on the page. */
function live(el: Element, fn: () => Promise<void>): void {
  redraw = () => {
    if (el.isConnected) void fn();
  };
  void fn();
}

// ---- Idag

let captureStart = 0; // when "Ny anteckning" was tapped, for the capture-open measure

function newNoteLink(id: string, cls: string): HTMLAnchorElement {
  return h(
    "a",
    {
      href: "/anteckningar/ny",
      id,
      class: cls,
      onclick: () => {
        captureStart = performance.now();
      },
    },
    "Ny anteckning",
  );
}

// The Idag section on show, filled again when notes change.
let summary: { el: HTMLElement; person: string } | null = null;
onChange(() => {
  if (summary?.el.isConnected) void fillSummary(summary.el, summary.person);
});

/** idagSection is the big "Ny anteckning" button and what waits: unsent and unsorted. */
function idagSection(me: MeView): Child {
  const person = personOf(me);
  if (!person) return null;
  const el = h("div", { id: "notes-summary", class: "notes-summary" });
  summary = { el, person };
  void fillSummary(el, person);
  syncNow();
  return [el, h("div", { class: "capture" }, newNoteLink("new-note", "button button-large"))];
}

async function fillSummary(el: HTMLElement, person: string): Promise<void> {
  const { waiting, notes } = await store.load(person);
  const unsorted = notes.filter((n) => n.mine && !n.sorted);
  const oldest = Math.min(...unsorted.map((n) => n.createTime));
  mount(
    el,
    waiting.length > 0 &&
      h(
        "p",
        { id: "waiting-count", class: "waiting" },
        `${waiting.length} ${waiting.length === 1 ? "anteckning väntar" : "anteckningar väntar"} på att skickas`,
      ),
    unsorted.length > 0 &&
      h(
        "p",
        { id: "unsorted-count" },
        h(
          "a",
          { href: "/anteckningar/inkorg" },
          `${unsorted.length} ${unsorted.length === 1 ? "osorterad anteckning" : "osorterade anteckningar"}`,
        ),
        ` i inkorgen. Den äldsta: ${age(oldest).toLowerCase()}.`,
      ),
  );
}

// ---- The list

const pageSize = 50;

function showList(ctx: RouteContext, person: string): void {
  const region = h("div", { id: "note-list-region" });
  let shown = pageSize;
  showScreen(
    "anteckningar",
    "Anteckningar",
    [
      takeFlash(),
      newNoteLink("list-new-note", "button"),
      h(
        "p",
        { class: "note-links" },
        h("a", { href: "/anteckningar/inkorg", id: "inbox-link" }, "Inkorg"),
        " · ",
        h("a", { href: "/anteckningar/sok", id: "search-link" }, "Sök"),
      ),
      region,
    ],
    { focus: ctx.focus },
  );
  const draw = async (focusFrom = -1) => {
    const { waiting, notes } = await store.load(person);
    const all = items(waiting, notes);
    const list = all.slice(0, shown).map((i) => noteItem(i));
    mount(
      region,
      noteList("note-list", list, "Inga anteckningar än. Skriv den första med knappen ovan."),
      all.length > shown &&
        h(
          "button",
          {
            type: "button",
            id: "show-more",
            class: "button secondary",
            onclick: () => {
              const from = shown;
              shown += pageSize;
              void draw(from);
            },
          },
          "Visa fler",
        ),
    );
    // After "Visa fler", focus the first new note, so keyboard and screen-reader users
    // go on where they were.
    if (focusFrom >= 0) list[focusFrom]?.querySelector("a")?.focus();
  };
  live(region, draw);
}

// ---- Capture

interface Draft {
  body: string;
  withText: string;
  withPersonId?: string | undefined;
  tag: string;
  raise: boolean;
}

function showCapture(ctx: RouteContext, person: string, draft?: Draft, problem?: Problem): void {
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
  const offer = (list: Known[]) => mount(suggestions, list.map((k) => h("option", { value: k.name })));
  let peopleList = known(ctx.me, (list) => {
    peopleList = list;
    offer(list);
  });
  offer(peopleList);
  const tag = textInput("note-tag", 50, draft?.tag);
  const raise = h("input", { id: "note-raise", name: "raise", type: "checkbox", class: "checkbox-input" });
  raise.checked = draft?.raise ?? false;
  const read = (): Draft => ({
    body: body.value,
    withText: withText.value.trim(),
    withPersonId: match(peopleList, withText.value)?.id,
    tag: tag.value.trim(),
    raise: raise.checked,
  });
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
            void save(ctx, person, read());
          },
        },
        h(
          "div",
          { class: bodyError ? "field field-error" : "field" },
          h("label", { for: "note-body", class: "label" }, "Anteckning"),
          bodyError && h("p", { id: "note-body-error", class: "error-message" }, h("span", { class: "visually-hidden" }, "Fel: "), problem?.message),
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
  if (captureStart) {
    performance.measure("samspel:capture-open", { start: captureStart });
    captureStart = 0;
  }
}

function textInput(id: string, max: number, value = ""): HTMLInputElement {
  const el = h("input", { id, type: "text", class: "input", maxlength: String(max), autocomplete: "off", "aria-describedby": `${id}-hint` });
  el.value = value;
  return el;
}

function field(id: string, label: string, hint: string, input: HTMLElement): HTMLElement {
  return h("div", { class: "field" }, h("label", { for: id, class: "label" }, label), h("p", { id: `${id}-hint`, class: "hint" }, hint), input);
}

let saving = false;

/** save keeps the note on the phone, shows the list with it on top, and sends it. */
async function save(ctx: RouteContext, person: string, d: Draft): Promise<void> {
  if (saving) return;
  if (d.body.trim() === "") {
    showCapture(ctx, person, d, { title: "Anteckningen är tom", message: "Skriv något i anteckningen", fieldId: "note-body" });
    return;
  }
  saving = true;
  const start = performance.now();
  try {
    const w: store.Waiting = { id: uuidv7(), body: d.body, withText: d.withText, tag: d.tag, raise: d.raise, createTime: Date.now() };
    if (d.withPersonId) w.withPersonId = d.withPersonId;
    await store.addWaiting(person, w);
  } catch {
    saving = false;
    showCapture(ctx, person, d, {
      title: "Det gick inte att spara",
      message: "Telefonen kunde inte spara anteckningen. Kopiera texten och försök igen.",
    });
    return;
  }
  saving = false;
  performance.measure("samspel:note-saved", { start });
  setFlash("Sparad. Den skickas så fort det finns anslutning.");
  navigate("/anteckningar");
  void sync(person);
}

// ---- The inbox

function showInbox(ctx: RouteContext, person: string, problem?: Problem): void {
  const region = h("div", { id: "inbox-region" });
  showScreen(
    "inkorg",
    "Inkorg",
    [
      takeFlash(),
      h("p", null, "Anteckningar du inte har sorterat än, äldst först. Behåll dem, ta upp dem på nästa avstämning eller släng dem."),
      region,
    ],
    { focus: ctx.focus || problem !== undefined, problem },
  );
  let confirming = "";
  const draw = async () => {
    const { waiting, notes } = await store.load(person);
    const list = items(
      waiting.filter((w) => !w.raise),
      notes.filter((n) => n.mine && !n.sorted),
    ).reverse();
    const act = (i: Item, label: string, id: string, fn: () => Promise<void>, secondary = true) =>
      h("button", { type: "button", id: `${id}-${i.id}`, class: secondary ? "button secondary" : "button", onclick: () => void fn() }, label);
    const rows = list.map((i) => {
      const n = i.note;
      const sort = (what: string, paths: string[], done: string, fields: { sorted?: boolean; raiseAtNextCheckIn?: boolean }) => async () => {
        if (!n) return;
        try {
          const res = await api.updateQuickNote({ quickNote: { id: n.id, revision: BigInt(n.revision), ...fields }, updateMask: { paths } });
          if (res.quickNote) await store.apply(person, [store.noteOf(res.quickNote)], []);
          setFlash(done);
          showInbox({ ...ctx, focus: true }, person);
        } catch (err) {
          syncNow();
          showInbox(ctx, person, problemFor(err, what));
        }
      };
      const discard = async () => {
        try {
          if (n) {
            await api.deleteQuickNote({ id: n.id, revision: BigInt(n.revision) });
            await store.apply(person, [], [n.id]);
          } else {
            await store.removeWaiting(person, i.id);
          }
          setFlash("Anteckningen är slängd.");
          showInbox({ ...ctx, focus: true }, person);
        } catch (err) {
          syncNow();
          showInbox(ctx, person, problemFor(err, "slänga anteckningen"));
        }
      };
      let buttons: Child;
      if (confirming === i.id) {
        buttons = [
          h("p", { class: "confirm" }, "Slänga anteckningen? Den går inte att få tillbaka."),
          act(i, "Ja, släng", "discard-yes", discard, false),
          act(i, "Avbryt", "discard-no", async () => {
            confirming = "";
            await draw();
          }),
        ];
      } else {
        buttons = [
          n && act(i, "Behåll", "keep", sort("behålla anteckningen", ["sorted"], "Anteckningen är sorterad.", { sorted: true })),
          n &&
            act(
              i,
              "Ta upp på nästa avstämning",
              "raise",
              sort("sortera anteckningen", ["raise_at_next_check_in"], "Anteckningen tas upp på nästa avstämning.", { raiseAtNextCheckIn: true }),
            ),
          // The organisation's record is never discarded.
          n?.status !== "record" &&
            act(i, "Släng", "discard", async () => {
              confirming = i.id;
              await draw();
              document.getElementById(`discard-yes-${i.id}`)?.focus();
            }),
        ];
      }
      return noteItem(
        i,
        h(
          "div",
          { class: "note-actions" },
          h("p", { class: "age" }, age(i.createTime)),
          buttons,
        ),
      );
    });
    mount(region, noteList("inbox-list", rows, "Inkorgen är tom. Allt är sorterat."));
  };
  live(region, draw);
}

// ---- Search

function showSearch(ctx: RouteContext): void {
  const q = (ctx.query.get("q") ?? "").trim();
  const input = h("input", { id: "search-q", name: "q", type: "search", class: "input", maxlength: "200", enterkeyhint: "search", autocomplete: "off" });
  input.value = q;
  const status = h("p", { id: "search-status", role: "status", class: "hint" });
  const results = h("div", { id: "search-region" });
  showScreen(
    "sok",
    "Sök",
    [
      h(
        "form",
        {
          id: "search-form",
          role: "search",
          novalidate: true,
          onsubmit: (ev: Event) => {
            ev.preventDefault();
            const v = input.value.trim();
            if (v) navigate(`/anteckningar/sok?q=${encodeURIComponent(v)}`);
          },
        },
        h("div", { class: "field" }, h("label", { for: "search-q", class: "label" }, "Sök i anteckningar"), input),
        h("button", { type: "submit", id: "search-submit", class: "button" }, "Sök"),
      ),
      status,
      results,
    ],
    { focus: ctx.focus && q !== "" },
  );
  if (!q) {
    if (ctx.focus) input.focus();
    return;
  }
  const found: HTMLLIElement[] = [];
  const more = async (token: string) => {
    status.textContent = "Söker …";
    try {
      const res = await api.searchQuickNotes({ query: q, pageSize: pageSize, pageToken: token });
      const from = found.length;
      for (const qn of res.quickNotes) {
        const n = store.noteOf(qn);
        found.push(noteItem({ id: n.id, body: n.body, createTime: n.createTime, note: n }));
      }
      status.textContent =
        found.length === 0 ? `Inga anteckningar innehåller ”${q}”.` : `${found.length}${res.nextPageToken ? " eller fler" : ""} ${found.length === 1 ? "anteckning" : "anteckningar"} med ”${q}”.`;
      mount(
        results,
        noteList("search-results", found, ""),
        res.nextPageToken &&
          h("button", { type: "button", id: "search-more", class: "button secondary", onclick: () => void more(res.nextPageToken) }, "Visa fler"),
      );
      if (from > 0) found[from]?.querySelector("a")?.focus();
    } catch (err) {
      status.textContent = "";
      const p = problemFor(err, "söka");
      mount(results, h("p", { id: "search-problem", class: "error-message" }, p.message === "Ingen anslutning. Försök igen när du har nät." ? "Sökningen behöver anslutning. Försök igen när du har nät." : p.message));
    }
  };
  void more("");
}
