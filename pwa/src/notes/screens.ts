// The notes screens that load on first use: the list, the triage inbox, search, and
// what Idag says waits. The note itself is in detail.ts. Each screen reads the phone's
// notes (the outbox and the cache) and draws itself again when they change.

import { Role } from "../gen/samspel/v1/role_pb";
import type { MeView } from "../me";
import { h, mount, type Child } from "../render";
import { navigate, type RouteContext } from "../router";
import { showScreen, type Problem } from "../ui";
import * as cache from "./cache";
import { setFlash, startCapture } from "./capture";
import { notes as api } from "./client";
import { convert, convertForm, doneWords, nextTarget, type Into, type Target } from "./convert";
import { onNotesChanged, removeWaiting, waitingOf } from "./outbox";
import { syncNow } from "./send";
import { store } from "./sync";
import { age, allNotes, flashMessage, items, noteItem, noteList, problemFor, type Item } from "./view";

export { showNote } from "./detail";

// Only the screen on show is drawn again when notes change.
let redraw: (() => void) | null = null;
onNotesChanged(() => redraw?.());

/** live keeps fn as the current screen's redraw while its element is on the page. A
 * failed read (after signing out, the phone's notes are gone) leaves the screen as is. */
function live(el: Element, fn: () => Promise<void>): void {
  redraw = () => {
    if (el.isConnected) fn().catch(() => {});
  };
  fn().catch(() => {});
}

/** load reads the person's notes on the phone: waiting ones and the server's. */
async function load(person: string): Promise<{ waiting: Awaited<ReturnType<typeof waitingOf>>; notes: cache.Note[] }> {
  const [waiting, notes] = await Promise.all([waitingOf(person), cache.notes(person)]);
  return { waiting, notes };
}

// ---- Idag

// The Idag block on show, filled again when notes change.
let summary: { el: HTMLElement; me: MeView } | null = null;
onNotesChanged(() => {
  if (summary?.el.isConnected) fillIdag(summary.el, summary.me).catch(() => {});
});

/** fillIdag says on Idag what waits: notes not sent yet, and notes not sorted yet. */
export async function fillIdag(el: HTMLElement, me: MeView): Promise<void> {
  summary = { el, me };
  const { waiting, notes } = await load(me.id);
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

/** showList is Anteckningar: the person's notes and those shared with them, newest first. */
export function showList(ctx: RouteContext): void {
  const person = ctx.me.id;
  const region = h("div", { id: "note-list-region" });
  let shown = pageSize;
  showScreen(
    "anteckningar",
    "Anteckningar",
    [
      flashMessage(),
      h("a", { href: "/anteckningar/ny", id: "list-new-note", class: "button", onclick: startCapture }, "Ny anteckning"),
      h(
        "p",
        { class: "note-links" },
        h("a", { href: "/anteckningar/inkorg", id: "inbox-link", class: "line-link" }, "Inkorg"),
        " · ",
        h("a", { href: "/anteckningar/sok", id: "search-link", class: "line-link" }, "Sök"),
      ),
      region,
    ],
    { focus: ctx.focus },
  );
  const draw = async (focusFrom = -1) => {
    const { waiting, notes } = await load(person);
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
              draw(from).catch(() => {});
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

// ---- The inbox

/** showInbox is the triage inbox: the person's unsorted notes, oldest first, each to
 * keep, raise at the next check-in, or discard. */
export function showInbox(ctx: RouteContext, problem?: Problem): void {
  const person = ctx.me.id;
  const region = h("div", { id: "inbox-region" });
  showScreen(
    "inkorg",
    "Inkorg",
    [
      flashMessage(),
      h("p", null, "Anteckningar du inte har sorterat än, äldst först. Behåll dem, ta upp dem på nästa avstämning, gör dem till en åtgärd eller släng dem."),
      region,
      allNotes(),
    ],
    { focus: ctx.focus || problem !== undefined, problem },
  );
  let confirming = "";
  let converting: { id: string; into: Into; target: Target; errors: Record<string, string> } | null = null;
  const draw = async () => {
    const { waiting, notes } = await load(person);
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
          await store(person, res.quickNote);
          setFlash(done);
          showInbox({ ...ctx, focus: true });
        } catch (err) {
          syncNow();
          showInbox(ctx, problemFor(err, what));
        }
      };
      const discard = async () => {
        try {
          if (n) {
            await store(person, (await api.deleteQuickNote({ id: n.id, revision: BigInt(n.revision) })).quickNote);
          } else {
            await removeWaiting(i.id);
          }
          setFlash("Anteckningen är slängd.");
          showInbox({ ...ctx, focus: true });
        } catch (err) {
          syncNow();
          showInbox(ctx, problemFor(err, "slänga anteckningen"));
        }
      };
      // Turning the note into something on the next check-in needs to know that check-in.
      const startConverting = (into: Into) => async () => {
        try {
          const target = await nextTarget();
          if (!target) {
            showInbox(ctx, { title: "Det finns ingen kommande avstämning", message: "Anteckningen kan bli en åtgärd eller ett ämne när en avstämning är planerad." });
            return;
          }
          converting = { id: i.id, into, target, errors: {} };
          confirming = "";
          await draw();
          document.querySelector<HTMLElement>(`#${into}-${i.id} .input`)?.focus();
        } catch (err) {
          showInbox(ctx, problemFor(err, "hämta nästa avstämning"));
        }
      };
      let buttons: Child;
      if (n && converting?.id === i.id) {
        const c = converting;
        buttons = convertForm(
          n,
          c.into,
          c.target,
          person,
          c.errors,
          async (req) => {
            if ("fieldId" in req) {
              c.errors = { [req.fieldId]: req.message };
              await draw();
              document.getElementById(req.fieldId)?.focus();
              return;
            }
            try {
              await store(person, await convert(req));
              setFlash(doneWords(c.into, c.target));
              showInbox({ ...ctx, focus: true });
            } catch (err) {
              syncNow();
              showInbox(ctx, problemFor(err, c.into === "action" ? "göra anteckningen till en åtgärd" : "göra anteckningen till ett ämne", "Avstämningen hann hållas eller flyttas. Försök igen."));
            }
          },
          () => {
            converting = null;
            void draw().then(() => document.getElementById(`to-${c.into}-${i.id}`)?.focus());
          },
        );
      } else if (confirming === i.id) {
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
          n && act(i, "Gör till åtgärd", "to-action", startConverting("action")),
          // Only the administration marks topics for the opposition: of the pair, the director.
          n?.authorRole === Role.DIRECTOR && act(i, "Gör till ämne för oppositionen", "to-topic", startConverting("topic")),
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

/** showSearch searches the server (offline it says so): newest first, 50 at a time. */
export function showSearch(ctx: RouteContext): void {
  const q = (ctx.query.get("q") ?? "").trim();
  const input = h("input", { id: "search-q", name: "q", type: "search", class: "input", maxlength: "200", enterkeyhint: "search", autocomplete: "off" });
  input.value = q;
  const status = h("p", { id: "search-status", role: "status", class: "hint" });
  const results = h("div", { id: "search-region" });
  showScreen(
    "sok",
    "Sök i anteckningar",
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
        h("div", { class: "field" }, h("label", { for: "search-q", class: "label" }, "Sökord"), input),
        h("button", { type: "submit", id: "search-submit", class: "button" }, "Sök"),
      ),
      status,
      results,
      allNotes(),
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
        const n = cache.noteOf(qn);
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
