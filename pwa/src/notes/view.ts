// How a quick note looks in a list, and the words for when it was written and who can
// see it. Shared by the list, the inbox, search and the note itself.

import { Code, codeOf, unreachable } from "../api";
import { shortDate } from "../format";
import { Role } from "../gen/samspel/v1/role_pb";
import { h, type Child } from "../render";
import type { Problem } from "../ui";
import type { Note } from "./cache";
import { takeFlash } from "./capture";
import type { Waiting } from "./outbox";

/** Item is a note as a screen shows it: the server's copy, or one waiting in the outbox. */
export interface Item {
  id: string;
  body: string;
  createTime: number;
  note?: Note; // unset while waiting
  waiting?: Waiting;
}

/** items merges the outbox and the server's notes, newest first. */
export function items(waiting: Waiting[], notes: Note[]): Item[] {
  const out: Item[] = waiting.map((w) => ({ id: w.id, body: w.body, createTime: w.createTime, waiting: w }));
  const seen = new Set(out.map((i) => i.id));
  for (const n of notes) {
    if (!seen.has(n.id)) out.push({ id: n.id, body: n.body, createTime: n.createTime, note: n });
  }
  return out.sort((a, b) => b.createTime - a.createTime || (a.id < b.id ? 1 : -1));
}

/** roleWord names the chair's or director's role in lower case, for "Maria Ek (direktör)". */
export function roleWord(r: Role): string {
  return r === Role.CHAIR ? "ordförande" : "direktör";
}

/** otherRole is the other role of the pair. */
export function otherRole(r: Role): Role {
  return r === Role.CHAIR ? Role.DIRECTOR : Role.CHAIR;
}

/** whoSees says in words who can see the note: "Bara du", "Du och Maria Ek (direktör)". */
export function whoSees(i: Item): string {
  const n = i.note;
  if (!n || n.status !== "record") return "Bara du";
  return n.mine
    ? `Du och ${n.sharedWith} (${roleWord(otherRole(n.authorRole))})`
    : `Du och ${n.author} (${roleWord(n.authorRole)})`;
}

/** statusWords says whose record the note is. */
export function statusWords(i: Item): string {
  switch (i.note?.status) {
    case "record":
      return "Delad: troligen en allmän handling, som arkiveras";
    case "party":
      return "Skriven i partirollen: din egen, inte organisationens";
    default:
      return "Arbetsanteckning: bara för dig";
  }
}

/** when formats a time as "i dag 14:05", "i går 09:12", "mån 30 nov 14:05" or, in
 * another year, "mån 30 nov 2025". */
export function when(ms: number, now = new Date()): string {
  const d = new Date(ms);
  const hm = `${String(d.getHours()).padStart(2, "0")}:${String(d.getMinutes()).padStart(2, "0")}`;
  const days = dayNumber(now) - dayNumber(d);
  if (days === 0) return `i dag ${hm}`;
  if (days === 1) return `i går ${hm}`;
  if (d.getFullYear() !== now.getFullYear()) return `${shortDate(d)} ${d.getFullYear()}`;
  return `${shortDate(d)} ${hm}`;
}

function dayNumber(d: Date): number {
  return Math.floor(new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime() / 86_400_000);
}

/** age says how long ago a note was written: "Skriven för 3 dagar sedan". */
export function age(ms: number, now = Date.now()): string {
  const minutes = Math.max(0, Math.floor((now - ms) / 60_000));
  if (minutes < 60) return minutes <= 1 ? "Skriven alldeles nyss" : `Skriven för ${minutes} minuter sedan`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return hours === 1 ? "Skriven för en timme sedan" : `Skriven för ${hours} timmar sedan`;
  const days = Math.floor(hours / 24);
  return days === 1 ? "Skriven för en dag sedan" : `Skriven för ${days} dagar sedan`;
}

/** excerpt is the start of a note, for lists. */
export function excerpt(body: string): string {
  const line = body.trim().replace(/\s+/g, " ");
  return line.length > 140 ? `${line.slice(0, 139)}…` : line;
}

/** noteItem is one note in a list: its text as a link to it, when, and who can see it. */
export function noteItem(i: Item, extra?: Child): HTMLLIElement {
  return h(
    "li",
    { class: "note", "data-id": i.id, "data-waiting": i.waiting ? "true" : undefined },
    h("a", { href: `/anteckningar/${i.id}`, class: "note-text" }, excerpt(i.body)),
    h(
      "p",
      { class: "note-meta" },
      h("time", { datetime: new Date(i.createTime).toISOString() }, when(i.createTime)),
      ` · ${whoSees(i)}`,
      i.note?.raise ? " · Tas upp på nästa avstämning" : "",
    ),
    i.waiting && h("p", { class: "waiting" }, "Väntar på att skickas"),
    i.waiting?.problem && h("p", { class: "error-message" }, i.waiting.problem),
    extra,
  );
}

/** noteList is a list of notes, or a sentence when there are none. */
export function noteList(id: string, list: HTMLLIElement[], empty: string): Child {
  if (list.length === 0) return h("p", { id: `${id}-empty`, class: "hint" }, empty);
  return h("ul", { id, class: "notes" }, list);
}

/** problemFor turns a failed call into words. what completes "Det gick inte att …". */
export function problemFor(err: unknown, what: string, failedPrecondition?: string): Problem {
  const code = codeOf(err);
  const title = `Det gick inte att ${what}`;
  if (unreachable(code)) return { title, message: "Ingen anslutning. Försök igen när du har nät." };
  switch (code) {
    case Code.Aborted:
      return {
        title,
        message: "Anteckningen har ändrats på en annan enhet. Du ser nu den senaste versionen. Försök igen.",
      };
    case Code.NotFound:
      return { title, message: "Anteckningen finns inte längre." };
    case Code.FailedPrecondition:
      if (failedPrecondition) return { title, message: failedPrecondition };
      break;
    case Code.InvalidArgument:
      return { title, message: "Något av det du fyllde i går inte att spara. Kontrollera och försök igen." };
    case Code.PermissionDenied:
      return { title, message: "Din roll får inte göra det här." };
  }
  return { title, message: "Något gick fel. Försök igen om en stund." };
}

/** flashMessage is the sentence kept for this screen, as a status message, once. */
export function flashMessage(): Child {
  const f = takeFlash();
  return f ? h("p", { id: "flash", class: "flash", role: "status" }, f) : null;
}

/** allNotes leads back to the list from a screen under it, as "Alla möten" does. */
export function allNotes(): HTMLElement {
  return h("p", null, h("a", { href: "/anteckningar", id: "all-notes", class: "line-link" }, "Alla anteckningar"));
}
