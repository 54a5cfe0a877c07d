// The phone's copy of quick notes, in IndexedDB, one database per person:
//
//   outbox  notes written here that the server has not confirmed yet (never lost: a note
//           leaves the outbox in the same transaction that stores the server's copy)
//   notes   the server's notes as the change pull last brought them
//   meta    the change pull's sequence number
//
// Plain JSON only (no bigints), so what is stored is what is shown.

import type { QuickNote } from "./gen/samspel/v1/note_service_pb";
import { RecordStatus } from "./gen/samspel/v1/record_status_pb";
import type { Role } from "./gen/samspel/v1/role_pb";

/** Waiting is a note in the outbox. */
export interface Waiting {
  id: string; // UUIDv7 made on the phone
  body: string;
  withText: string;
  withPersonId?: string; // someone in Samspel, decimal, when withText is their name
  tag: string;
  raise: boolean; // "ta upp på nästa avstämning"
  createTime: number; // ms
  problem?: string; // why the server refused it, in Swedish; it stays and is sent again
}

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
  };
}

const version = 1;
const opened = new Map<string, Promise<IDBDatabase>>();

/** db opens the notes database of person id. */
export function db(personId: string): Promise<IDBDatabase> {
  const name = `samspel-notes-${personId}`;
  let p = opened.get(name);
  if (!p) {
    p = new Promise((resolve, reject) => {
      const req = indexedDB.open(name, version);
      req.onupgradeneeded = () => {
        const d = req.result;
        d.createObjectStore("outbox", { keyPath: "id" });
        d.createObjectStore("notes", { keyPath: "id" });
        d.createObjectStore("meta");
      };
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    opened.set(name, p);
    p.catch(() => opened.delete(name));
  }
  return p;
}

type StoreName = "outbox" | "notes" | "meta";

/** tx runs fn in a transaction over stores and resolves once it has committed, which is
 * when the data is on disk as far as the browser promises. */
async function tx<T>(
  personId: string,
  stores: StoreName[],
  mode: IDBTransactionMode,
  fn: (t: IDBTransaction) => T,
  durability: IDBTransactionDurability = "strict",
): Promise<T> {
  const d = await db(personId);
  return new Promise((resolve, reject) => {
    const t = d.transaction(stores, mode, { durability });
    const out = fn(t);
    t.oncomplete = () => resolve(out);
    t.onerror = () => reject(t.error);
    t.onabort = () => reject(t.error);
  });
}

function all<T>(t: IDBTransaction, store: StoreName): Promise<T[]> {
  return new Promise((resolve, reject) => {
    const req = t.objectStore(store).getAll();
    req.onsuccess = () => resolve(req.result as T[]);
    req.onerror = () => reject(req.error);
  });
}

/** addWaiting puts a new note in the outbox. */
export function addWaiting(personId: string, w: Waiting): Promise<void> {
  return tx(personId, ["outbox"], "readwrite", (t) => {
    t.objectStore("outbox").put(w);
  });
}

/** removeWaiting takes a note out of the outbox unsent (the person discarded it). */
export function removeWaiting(personId: string, id: string): Promise<void> {
  return tx(personId, ["outbox"], "readwrite", (t) => {
    t.objectStore("outbox").delete(id);
  });
}

/** replaceWaiting swaps an outbox entry for another, e.g. with a new id. */
export function replaceWaiting(personId: string, oldId: string, w: Waiting): Promise<void> {
  return tx(personId, ["outbox"], "readwrite", (t) => {
    t.objectStore("outbox").delete(oldId);
    t.objectStore("outbox").put(w);
  });
}

/** load reads the outbox and the notes. */
export async function load(personId: string): Promise<{ waiting: Waiting[]; notes: Note[] }> {
  let w: Promise<Waiting[]> = Promise.resolve([]);
  let n: Promise<Note[]> = Promise.resolve([]);
  await tx(personId, ["outbox", "notes"], "readonly", (t) => {
    w = all<Waiting>(t, "outbox");
    n = all<Note>(t, "notes");
  });
  return { waiting: await w, notes: await n };
}

/** sequence is the change pull's position. */
export async function sequence(personId: string): Promise<string> {
  let v = "0";
  await tx(personId, ["meta"], "readonly", (t) => {
    const req = t.objectStore("meta").get("sequence");
    req.onsuccess = () => {
      if (typeof req.result === "string") v = req.result;
    };
  });
  return v;
}

/** apply stores what the server sent: notes are put, tombstones (deleted) removed, and
 * any of them still in the outbox leave it, all in one transaction. With seq it also
 * moves the change pull's position. It need not wait for the disk ("relaxed"): what it
 * writes is on the server already, and is fetched or sent again if lost. */
export function apply(personId: string, notes: Note[], deleted: string[], seq?: string): Promise<void> {
  return tx(personId, ["outbox", "notes", "meta"], "readwrite", (t) => {
    const ns = t.objectStore("notes");
    const ob = t.objectStore("outbox");
    for (const n of notes) {
      ns.put(n);
      ob.delete(n.id);
    }
    for (const id of deleted) {
      ns.delete(id);
      ob.delete(id);
    }
    if (seq !== undefined) t.objectStore("meta").put(seq, "sequence");
  }, "relaxed");
}

/** forget removes the server's copies from the phone (at sign-out). The outbox stays, so
 * notes not yet sent are not lost; only the same person can send them later. */
export function forget(personId: string): Promise<void> {
  return tx(personId, ["notes", "meta"], "readwrite", (t) => {
    t.objectStore("notes").clear();
    t.objectStore("meta").clear();
  });
}
