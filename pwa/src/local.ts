// What the app keeps on the phone, and how signing out and in treat it.
//
// Signing out clears everything the app stored, except the outbox: notes written
// without a network that have not reached the server yet. The server's answer to
// SignOut carries Clear-Site-Data "cache", "cookies" (not "storage", which would take the
// outbox too); this file clears the rest of the app's own storage.
//
// The outbox's contract, for the code that keeps it:
//   - it is the IndexedDB database named OUTBOX_DB, and localStorage keys starting with
//     OUTBOX_PREFIX, if any; nothing else survives a sign-out;
//   - every waiting item records the id of the person who wrote it (MeView.id);
//   - it sends items only after the SIGNED_IN event, and only those whose person id is
//     the event's: someone else signing in on the same phone never sends them.

/** OUTBOX_DB is the IndexedDB database that survives signing out. */
export const OUTBOX_DB = "samspel-outbox";
/** OUTBOX_PREFIX starts the localStorage keys that survive signing out. */
export const OUTBOX_PREFIX = "samspel.outbox";
/** SIGNED_IN is the window event sent whenever the server has confirmed who is signed
 * in; its detail is { personId }. */
export const SIGNED_IN = "samspel:signed-in";

/** SignedInDetail is the SIGNED_IN event's detail. */
export interface SignedInDetail {
  personId: string;
}

/** announceSignedIn tells the rest of the app (the outbox) who is signed in. */
export function announceSignedIn(personId: string): void {
  window.dispatchEvent(new CustomEvent<SignedInDetail>(SIGNED_IN, { detail: { personId } }));
}

/** wipeLocal deletes what the app stored on the phone, except the outbox. */
export async function wipeLocal(): Promise<void> {
  try {
    for (const key of Object.keys(localStorage)) {
      if (!key.startsWith(OUTBOX_PREFIX)) localStorage.removeItem(key);
    }
    sessionStorage.clear();
  } catch {
    // Storage that is off holds nothing to wipe.
  }
  try {
    // indexedDB.databases() is missing in a few older browsers; they keep what they have.
    const dbs = (await indexedDB.databases?.()) ?? [];
    await Promise.all(
      dbs
        .filter((d) => d.name && d.name !== OUTBOX_DB)
        .map(
          (d) =>
            new Promise<void>((resolve) => {
              const req = indexedDB.deleteDatabase(d.name as string);
              req.onsuccess = req.onerror = req.onblocked = () => resolve();
            }),
        ),
    );
  } catch {
    // Nothing more to do: the server has ended the session either way.
  }
}
