// One quick note: its text and facts, who can see it, and what its author can do with it
// (edit, flag for the next check-in, mark as written in the party role, share, discard).
// Changes go to the server at once with the revision they were made from; a note changed
// on another device meanwhile is shown again as it is now, with the person's own text kept.

import { QuickNoteOutcomeKind, type QuickNote } from "../gen/samspel/v1/note_service_pb";
import { dayLabel } from "../meetings/format";
import { Role } from "../gen/samspel/v1/role_pb";
import { h, mount, type Child } from "../render";
import { navigate, type RouteContext } from "../router";
import { showScreen, type Problem } from "../ui";
import * as cache from "./cache";
import { setFlash } from "./capture";
import { notes as api } from "./client";
import { removeWaiting, waitingOf } from "./outbox";
import { store, sync } from "./sync";
import { allNotes, flashMessage, otherRole, problemFor, roleWord, statusWords, when, whoSees, type Item } from "./view";

type Mode = { kind: "view" } | { kind: "edit"; text: string } | { kind: "share"; to: string } | { kind: "discard" };

/** showNote shows note id. problem and unsaved come back from a change that failed. */
export async function showNote(ctx: RouteContext, id: string, problem?: Problem, unsaved?: string): Promise<void> {
  const person = ctx.me.id;
  const item = await find(person, id);
  if (!item) {
    showScreen("anteckning", "Anteckningen finns inte", [
      h("p", null, "Anteckningen kan vara slängd, eller så har du inte tillgång till den."),
      allNotes(),
    ], { focus: ctx.focus });
    return;
  }
  const region = h("div", { id: "note-region" });
  const flash = flashMessage();
  const draw = (mode: Mode, focusId?: string) => {
    mount(region, body(item, mode, unsaved), actions(ctx, person, item, mode, draw));
    if (focusId) document.getElementById(focusId)?.focus();
  };
  showScreen("anteckning", "Anteckning", [flash, region, allNotes()], { focus: ctx.focus || problem !== undefined, problem });
  draw({ kind: "view" });
}

/** find looks for the note on the phone first, then asks the server (a note shared a
 * moment ago that the phone has not pulled yet). */
async function find(person: string, id: string): Promise<Item | null> {
  const [waiting, notes] = await Promise.all([waitingOf(person), cache.notes(person)]);
  const w = waiting.find((x) => x.id === id);
  if (w) return { id, body: w.body, createTime: w.createTime, waiting: w };
  let n = notes.find((x) => x.id === id);
  if (!n) {
    try {
      const res = await api.getQuickNote({ id });
      if (res.quickNote) n = cache.noteOf(res.quickNote);
    } catch {
      return null;
    }
  }
  return n ? { id, body: n.body, createTime: n.createTime, note: n } : null;
}

function body(i: Item, mode: Mode, unsaved?: string): Child {
  const n = i.note;
  const facts: [string, string][] = [
    ["Skriven", when(i.createTime)],
    ["Med", n ? n.withPerson || n.withText : (i.waiting?.withText ?? "")],
    ["Tagg", n?.tag ?? i.waiting?.tag ?? ""],
    ["Vem ser den", whoSees(i)],
    ["Status", i.waiting ? "Väntar på att skickas" : statusWords(i)],
    ["Avstämning", (n?.raise ?? i.waiting?.raise) ? "Tas upp på nästa avstämning" : ""],
  ];
  if (n && !n.mine) facts.splice(1, 0, ["Skriven av", `${n.author} (${roleWord(n.authorRole)})`]);
  return [
    mode.kind === "edit" ? null : h("p", { id: "note-text", class: "note-body" }, i.body),
    h(
      "dl",
      { class: "note-facts" },
      facts.filter(([, v]) => v !== "").map(([k, v]) => h("div", null, h("dt", null, k), h("dd", null, v))),
    ),
    i.waiting?.problem && h("p", { class: "error-message" }, i.waiting.problem),
    n?.outcome &&
      h(
        "p",
        { id: "note-outcome" },
        ...outcomeWords(n.outcome.kind, h("a", { href: `/moten/${n.outcome.meetingId}` }, `avstämningen ${dayLabel(n.outcome.meetingDate)}`)),
        // Turning a private note into an agenda item or an action shares only those words.
        n.mine && n.status !== "record" ? " Själva anteckningen är fortfarande bara din." : "",
      ),
    // A shared note is the organisation's record, and may become a precedent of the role split.
    n?.status === "record" &&
      h("p", null, h("a", { id: "make-precedent", class: "line-link", href: `/samspel/prejudikat/nytt?anteckning=${i.id}` }, "Gör till prejudikat")),
    unsaved &&
      h(
        "details",
        { class: "more", open: true },
        h("summary", null, "Din text som inte sparades"),
        h("p", { id: "unsaved-text", class: "note-body" }, unsaved),
      ),
  ];
}

/** outcomeWords says what a note became, in one sentence around the check-in's link. */
function outcomeWords(kind: QuickNoteOutcomeKind, checkIn: HTMLElement): Child[] {
  switch (kind) {
    case QuickNoteOutcomeKind.ACTION_ITEM:
      return ["Blev en åtgärd på ", checkIn, "."];
    case QuickNoteOutcomeKind.OPPOSITION_TOPIC:
      return ["Blev en punkt på dagordningen för ", checkIn, ", att informera oppositionen om."];
    default:
      return ["Blev en punkt på dagordningen för ", checkIn, "."];
  }
}

function actions(ctx: RouteContext, person: string, i: Item, mode: Mode, draw: (m: Mode, focusId?: string) => void): Child {
  const n = i.note;
  const again = (p?: Problem, unsaved?: string) => void showNote({ ...ctx, focus: true }, i.id, p, unsaved).catch(() => {});
  const button = (id: string, label: string, onclick: () => void, primary = false) =>
    h("button", { type: "button", id, class: primary ? "button" : "button secondary", onclick }, label);

  /** change sends a change, stores the answer and shows the note again. */
  const change = async (what: string, call: () => Promise<QuickNote | undefined>, done: string, refused?: string, unsaved?: string) => {
    try {
      await store(person, await call());
      setFlash(done);
      again();
    } catch (err) {
      await sync(person).catch(() => {}); // to show the note as it is now
      again(problemFor(err, what, refused), unsaved);
    }
  };

  if (i.waiting) {
    if (mode.kind === "discard") return confirmDiscard(draw, async () => {
      await removeWaiting(i.id);
      setFlash("Anteckningen är slängd.");
      navigate("/anteckningar");
    });
    return h("div", { class: "note-actions" }, button("discard", "Släng", () => draw({ kind: "discard" }, "discard-yes")));
  }
  if (!n || !n.mine) return null;
  const rev = BigInt(n.revision);

  switch (mode.kind) {
    case "edit": {
      const text = h("textarea", { id: "edit-body", class: "input textarea", rows: "8", maxlength: "10000" });
      text.value = mode.text;
      return h(
        "form",
        {
          id: "edit-form",
          novalidate: true,
          onsubmit: (ev: Event) => {
            ev.preventDefault();
            const v = text.value;
            if (v.trim() === "") {
              again({ title: "Anteckningen är tom", message: "En anteckning kan inte vara tom. Släng den i stället." });
              return;
            }
            void change(
              "spara ändringen",
              async () => (await api.updateQuickNote({ quickNote: { id: n.id, revision: rev, body: v }, updateMask: { paths: ["body"] } })).quickNote,
              "Ändringen är sparad.",
              undefined,
              v,
            );
          },
        },
        h(
          "div",
          { class: "field" },
          h("label", { for: "edit-body", class: "label" }, "Anteckning"),
          n.status === "record" && h("p", { id: "edit-hint", class: "hint" }, "Anteckningen är delad. Den tidigare versionen sparas."),
          text,
        ),
        h("button", { type: "submit", id: "edit-save", class: "button" }, "Spara ändringen"),
        " ",
        button("edit-cancel", "Avbryt", () => draw({ kind: "view" }, "edit")),
      );
    }
    case "share":
      return h(
        "div",
        { class: "confirm-panel", role: "group", "aria-labelledby": "share-title" },
        h("h2", { id: "share-title", tabindex: "-1" }, "Dela anteckningen?"),
        h("p", null, `Du delar anteckningen med ${mode.to}.`),
        h(
          "p",
          { id: "share-warning", class: "warning" },
          "En delad anteckning är troligen en allmän handling. Den sparas och arkiveras, den kan begäras ut, " +
            "och den går inte att radera efteråt, bara att rätta. Delningen går inte att ångra.",
        ),
        button("share-confirm", "Dela", () =>
          void change("dela anteckningen", async () => (await api.shareQuickNote({ id: n.id, revision: rev })).quickNote, `Anteckningen är delad med ${mode.to}.`, noPartner(n.authorRole)),
        true),
        " ",
        button("share-cancel", "Avbryt", () => draw({ kind: "view" }, "share")),
      );
    case "discard":
      return confirmDiscard(draw, () =>
        change(
          "slänga anteckningen",
          async () => {
            await store(person, (await api.deleteQuickNote({ id: n.id, revision: rev })).quickNote);
            setFlash("Anteckningen är slängd.");
            navigate("/anteckningar");
            return undefined;
          },
          "Anteckningen är slängd.",
        ),
      );
  }

  const history = h("div", { id: "history-region" });
  return [
    h(
      "div",
      { class: "note-actions" },
      button("edit", "Ändra", () => draw({ kind: "edit", text: n.body }, "edit-body")),
      button("raise-toggle", n.raise ? "Ta inte upp på nästa avstämning" : "Ta upp på nästa avstämning", () =>
        void change(
          "ändra anteckningen",
          async () =>
            (await api.updateQuickNote({ quickNote: { id: n.id, revision: rev, raiseAtNextCheckIn: !n.raise }, updateMask: { paths: ["raise_at_next_check_in"] } }))
              .quickNote,
          n.raise ? "Anteckningen tas inte upp på nästa avstämning." : "Anteckningen tas upp på nästa avstämning.",
        ),
      ),
      // Only a politician writes in a party role, and only a private note can be marked.
      n.authorRole === Role.CHAIR &&
        n.status !== "record" &&
        button("party-toggle", n.status === "party" ? "Ta bort markeringen för partirollen" : "Markera som skriven i partirollen", () =>
          void change(
            "ändra anteckningen",
            async () =>
              (await api.updateQuickNote({ quickNote: { id: n.id, revision: rev, partyRole: n.status !== "party" }, updateMask: { paths: ["party_role"] } }))
                .quickNote,
            n.status === "party" ? "Anteckningen är en arbetsanteckning igen." : "Anteckningen är markerad som skriven i partirollen.",
          ),
        ),
      n.status === "working" &&
        button("share", `Dela med ${roleWord(otherRole(n.authorRole)) === "direktör" ? "direktören" : "ordföranden"}`, () => void askShare()),
      n.status !== "record" && button("discard", "Släng", () => draw({ kind: "discard" }, "discard-yes")),
    ),
    n.status === "record" &&
      h(
        "div",
        null,
        button("history", "Visa tidigare versioner", () => void showHistory(history, n.id)),
        history,
      ),
  ];

  /** askShare learns from the server who would receive the note, then asks once. */
  async function askShare(): Promise<void> {
    if (!n) return;
    try {
      const res = await api.shareQuickNote({ id: n.id, revision: rev, validateOnly: true });
      const to = res.quickNote?.sharedWith?.displayName ?? "";
      draw({ kind: "share", to: `${to} (${roleWord(otherRole(n.authorRole))})` }, "share-title");
    } catch (err) {
      await sync(person).catch(() => {});
      again(problemFor(err, "dela anteckningen", noPartner(n.authorRole)));
    }
  }
}

function noPartner(author: Role): string {
  return `Det finns ingen ${roleWord(otherRole(author))} att dela med i dag.`;
}

function confirmDiscard(draw: (m: Mode, focusId?: string) => void, yes: () => Promise<unknown>): Child {
  return h(
    "div",
    { class: "note-actions" },
    h("p", { class: "confirm" }, "Slänga anteckningen? Den går inte att få tillbaka."),
    h("button", { type: "button", id: "discard-yes", class: "button", onclick: () => void yes() }, "Ja, släng"),
    " ",
    h("button", { type: "button", id: "discard-no", class: "button secondary", onclick: () => draw({ kind: "view" }, "discard") }, "Avbryt"),
  );
}

async function showHistory(region: HTMLElement, id: string): Promise<void> {
  try {
    const res = await api.listQuickNoteRevisions({ id, pageSize: 100 });
    mount(
      region,
      h("h2", { id: "history-title", tabindex: "-1" }, "Tidigare versioner"),
      res.quickNoteRevisions.length === 0
        ? h("p", null, "Anteckningen har inte ändrats sedan den skrevs.")
        : h(
            "ol",
            { class: "notes", id: "history-list" },
            res.quickNoteRevisions.map((r) =>
              h(
                "li",
                { class: "note" },
                h("p", { class: "note-body" }, r.body),
                h("p", { class: "note-meta" }, `Ersatt ${when(Number(r.replaceTime?.seconds ?? 0n) * 1000)}`),
              ),
            ),
          ),
    );
  } catch (err) {
    mount(region, h("p", { class: "error-message" }, problemFor(err, "visa versionerna").message));
  }
  document.getElementById("history-title")?.focus();
}
