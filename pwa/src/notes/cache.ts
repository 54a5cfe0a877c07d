// The phone's copy of the server's quick notes, one IndexedDB database per person: the
// notes as the change pull last brought them, and the pull's sequence number. It is a
// cache: signing out deletes it (../local.ts), and the next pull fills it again. Plain
// JSON only (no bigints), so what is stored is what is shown.

import type { QuickNote } from "../gen/samspel/v1/note_service_pb";
import { RecordStatus } from "../gen/samspel/v1/record_status_pb";
import type { Role } from "../gen/samspel/v1/role_pb";
import { loadMe } from "../me";
import { done } from "./outbox";

/** Note is the server's copy of a note. */
export interface Note {
  id: string;
  body: string;
  withText: string;
  withPerson: string;
  tag: string;
  raise: boolean;
  sorted: boolean;
  status: "working" | "party" | "record";
  mine: boolean;
  author: string;
  authorRole: Role;
  sharedWith: string;
  revision: number;
  createTime: number; // ms
  outcome?: Outcome; // what the author turned it into, if anything
}

/** Outcome is what a note became on a check-in (QuickNoteOutcomeKind as kind). */
export interface Outcome {
  kind: number;
  meetingId: string;
  meetingDate: string;
}

/** noteOf keeps from the server's note what the phone shows. */
export function noteOf(q: QuickNote): Note {
  return {
    id: q.id,
    body: q.body,
    withText: q.withText,
    withPerson: q.withPerson?.displayName ?? "",
    tag: q.tag,
    raise: q.raiseAtNextCheckIn,
    sorted: q.sorted,
    status:
      q.recordStatus === RecordStatus.ORGANIZATION_RECORD
        ? "record"
        : q.recordStatus === RecordStatus.PARTY_ROLE
          ? "party"
          : "working",
    mine: q.viewerIsAuthor,
    author: q.author?.displayName ?? "",
    authorRole: q.authorRole,
    sharedWith: q.sharedWith?.displayName ?? "",
    revision: Number(q.revision),
    createTime: Number(q.createTime?.seconds ?? 0n) * 1000 + Math.floor((q.createTime?.nanos ?? 0) / 1e6),
    ...(q.outcome && { outcome: { kind: q.outcome.kind, meetingId: q.outcome.meetingId.toString(), meetingDate: q.outcome.meetingDate } }),
  };
}

const opened = new Map<string, Promise<IDBDatabase>>();

function cache(personId: string): Promise<IDBDatabase> {
  // After signing out (or in as someone else) a late answer must not bring the cache
  // back: it holds private notes.
  if (loadMe()?.id !== personId) return Promise.reject(new Error("not signed in as this person"));
  const name = `samspel-notes-${personId}`;
  let p = opened.get(name);
  if (!p) {
    p = new Promise((resolve, reject) => {
      const req = indexedDB.open(name, 1);
      req.onupgradeneeded = () => {
        req.result.createObjectStore("notes", { keyPath: "id" });
        req.result.createObjectStore("meta");
      };
      req.onsuccess = () => {
        // Signing out deletes this database: let go of it when asked.
        req.result.onversionchange = () => {
          req.result.close();
          opened.delete(name);
        };
        resolve(req.result);
      };
      req.onerror = () => reject(req.error);
    });
    opened.set(name, p);
    p.catch(() => opened.delete(name));
  }
  return p;
}

/** notes reads person's cached notes. */
export async function notes(personId: string): Promise<Note[]> {
  const t = (await cache(personId)).transaction("notes", "readonly");
  const req = t.objectStore("notes").getAll();
  await done(t);
  return req.result as Note[];
}

/** sequence is the change pull's position. */
export async function sequence(personId: string): Promise<string> {
  const t = (await cache(personId)).transaction("meta", "readonly");
  const req = t.objectStore("meta").get("sequence");
  await done(t);
  return typeof req.result === "string" ? req.result : "0";
}

/** apply stores what the server sent: notes are put, tombstones (gone) removed, and with
 * seq the pull's position moves. It need not wait for the disk ("relaxed"): all of it is
 * on the server, and is pulled again if lost. */
export async function apply(personId: string, put: Note[], gone: string[], seq?: string): Promise<void> {
  const t = (await cache(personId)).transaction(["notes", "meta"], "readwrite", { durability: "relaxed" });
  const ns = t.objectStore("notes");
  for (const n of put) ns.put(n);
  for (const id of gone) ns.delete(id);
  if (seq !== undefined) t.objectStore("meta").put(seq, "sequence");
  await done(t);
}
