// The outbox: notes written on this phone that the server has not confirmed yet. It is
// the IndexedDB database OUTBOX_DB, which signing out leaves alone (see ../local.ts), so
// a note written without a network is never lost. Each note records who wrote it, and
// only that person's signed-in app sends it or shows it.
//
// A note leaves the outbox only after the server's copy is stored in the cache (see
// cache.ts and sync.ts), so at every moment it is in one place or both; screens show the
// outbox's copy while both hold it.
//
// The database holds the store "quick_notes". A feature that keeps other waiting items
// here adds its own store in a new version, as this file does when it finds the
// database without its store.

import { OUTBOX_DB } from "../local";

/** Waiting is a note in the outbox. */
export interface Waiting {
  id: string; // UUIDv7 made on the phone when the note was written
  personId: string; // who wrote it (MeView.id)
  body: string;
  withText: string;
  withPersonId?: string; // someone in Samspel, decimal, when withText is their name
  tag: string;
  raise: boolean; // "ta upp på nästa avstämning"
  createTime: number; // ms
  problem?: string; // why the server refused it, in Swedish; it stays and is sent again
}

/** STORE is the outbox's object store of quick notes. */
export const STORE = "quick_notes";

let opening: Promise<IDBDatabase> | null = null;

/** outbox opens the outbox database, adding the store if the database lacks it. */
export function outbox(): Promise<IDBDatabase> {
  if (!opening) {
    opening = open().then((db) => {
      if (db.objectStoreNames.contains(STORE)) return db;
      // Made by someone else without this store: add it in the next version.
      const next = db.version + 1;
      db.close();
      return open(next);
    });
    opening.catch(() => (opening = null));
  }
  return opening;
}

function open(version?: number): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = version === undefined ? indexedDB.open(OUTBOX_DB) : indexedDB.open(OUTBOX_DB, version);
    req.onupgradeneeded = () => {
      if (!req.result.objectStoreNames.contains(STORE)) {
        req.result.createObjectStore(STORE, { keyPath: "id" }).createIndex("person", "personId");
      }
    };
    req.onsuccess = () => {
      // Let a newer version (another feature's store) take over: open again next time.
      req.result.onversionchange = () => {
        req.result.close();
        opening = null;
      };
      resolve(req.result);
    };
    req.onerror = () => reject(req.error);
  });
}

/** done resolves when t has committed, which is when the data is on disk as far as the
 * browser promises ("strict" durability). */
export function done(t: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    t.oncomplete = () => resolve();
    t.onerror = () => reject(t.error);
    t.onabort = () => reject(t.error);
  });
}

/** addWaiting puts a new note in the outbox and resolves once it is on disk. */
export async function addWaiting(w: Waiting): Promise<void> {
  const t = (await outbox()).transaction(STORE, "readwrite", { durability: "strict" });
  t.objectStore(STORE).put(w);
  await done(t);
  notesChanged();
}

/** waitingOf lists person's notes in the outbox. */
export async function waitingOf(personId: string): Promise<Waiting[]> {
  const t = (await outbox()).transaction(STORE, "readonly");
  const req = t.objectStore(STORE).index("person").getAll(personId);
  await done(t);
  return req.result as Waiting[];
}

/** removeWaiting takes notes out of the outbox: sent and stored, or discarded unsent. */
export async function removeWaiting(...ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const t = (await outbox()).transaction(STORE, "readwrite", { durability: "strict" });
  for (const id of ids) t.objectStore(STORE).delete(id);
  await done(t);
  notesChanged();
}

/** replaceWaiting swaps an outbox entry for another, e.g. under a new id. */
export async function replaceWaiting(oldId: string, w: Waiting): Promise<void> {
  const t = (await outbox()).transaction(STORE, "readwrite", { durability: "strict" });
  t.objectStore(STORE).delete(oldId);
  t.objectStore(STORE).put(w);
  await done(t);
}

const CHANGED = "samspel:notes-changed";

/** notesChanged tells the screens on show that the phone's notes changed. */
export function notesChanged(): void {
  window.dispatchEvent(new Event(CHANGED));
}

/** onNotesChanged calls fn after every change of the phone's notes. */
export function onNotesChanged(fn: () => void): void {
  window.addEventListener(CHANGED, fn);
}
