// Sending and catching up. sync() sends the outbox, then pulls what changed on the
// server since last time (other devices' notes, the other party's shares, tombstones).
// It runs on submit, at start-up, when the connection returns and when the app becomes
// visible; a failed call means offline, whatever navigator.onLine says, and the outbox
// simply waits for the next time.

import { Code, codeOf, notes as api, unreachable } from "./api";
import type { QuickNote } from "./gen/samspel/v1/note_service_pb";
import * as store from "./notes-db";
import { setOffline } from "./ui";
import { uuidv7 } from "./uuid7";

type Listener = () => void;
const listeners = new Set<Listener>();

/** onChange calls fn whenever the phone's notes changed (sent, pulled, edited). */
export function onChange(fn: Listener): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** changed tells the screens to draw again. */
export function changed(): void {
  for (const fn of listeners) fn();
}

let running: Promise<void> | null = null;
let again = false;

/** sync sends and pulls for person; a call while one runs makes it run once more. */
export function sync(personId: string): Promise<void> {
  if (running) {
    again = true;
    return running;
  }
  running = (async () => {
    try {
      do {
        again = false;
        if (!(await flush(personId))) break;
        await pull(personId);
      } while (again);
    } catch (err) {
      // A failed call means offline, whatever navigator.onLine says; the outbox waits.
      if (unreachable(codeOf(err))) setOffline(true);
    } finally {
      running = null;
      changed();
    }
  })();
  return running;
}

// How many notes are in flight at once: enough to empty an outbox of hundreds in a few
// seconds (the server commits concurrent notes together), few enough for a weak link.
const inFlight = 8;

/** flush sends every waiting note. It reports false when the server could not be reached
 * or the session is gone, so there is no point pulling. */
async function flush(personId: string): Promise<boolean> {
  const { waiting } = await store.load(personId);
  waiting.sort((a, b) => a.createTime - b.createTime);
  let ok = true;
  // The server's copies are stored in batches: one IndexedDB transaction per note would
  // make a long outbox wait on the phone's disk. Until stored, a note stays in the
  // outbox; if the app dies meanwhile it is sent again, and the server, which knows its
  // id, answers with the copy it has.
  let done: store.Note[] = [];
  let gone: string[] = [];
  let sent = 0;
  const keep = async () => {
    const [n, g] = [done, gone];
    done = [];
    gone = [];
    if (n.length > 0 || g.length > 0) await store.apply(personId, n, g);
  };
  const queue = waiting.slice();
  const worker = async () => {
    while (ok) {
      const w = queue.shift();
      if (!w) return;
      const res = await send(personId, w);
      if (res === false) ok = false;
      else if (res !== true) {
        sent++;
        // A replay can answer with a tombstone: deleted on another device meanwhile.
        if (res.deleteTime) gone.push(res.id);
        else done.push(store.noteOf(res));
        if (done.length + gone.length >= 50) await keep();
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, queue.length) }, worker));
  await keep();
  if (sent > 0) {
    setOffline(false);
    changed();
  }
  return ok;
}

/** send sends one note and returns the server's copy; true means go on without one
 * (refused, kept for later), false means stop sending for now. */
async function send(personId: string, w: store.Waiting): Promise<QuickNote | boolean> {
  try {
    const res = await api.createQuickNote({
      id: w.id,
      body: w.body,
      // Someone in Samspel is sent as a person; their name as text would say it twice.
      withText: w.withPersonId ? "" : w.withText,
      withPersonId: BigInt(w.withPersonId ?? 0),
      tag: w.tag,
      raiseAtNextCheckIn: w.raise,
    });
    return res.quickNote ?? true;
  } catch (err) {
    const code = codeOf(err);
    if (unreachable(code)) {
      setOffline(true);
      return false;
    }
    if (code === Code.Unauthenticated) return false;
    if (code === Code.FailedPrecondition) {
      // Another author has this id (it can only happen by a broken random source): the
      // same note under a new id goes next time.
      await store.replaceWaiting(personId, w.id, { ...w, id: uuidv7(w.createTime) });
      return true;
    }
    // The server will not take it as it is (no chair or director role today, too long):
    // keep it, say why, and try again next time in case that changes.
    await store.replaceWaiting(personId, w.id, { ...w, problem: refusal(code) });
    return true;
  }
}

function refusal(code: Code): string {
  switch (code) {
    case Code.PermissionDenied:
    case Code.InvalidArgument:
      return "Servern tar inte emot anteckningen. Du behöver vara ordförande eller direktör i dag.";
    default:
      return "Anteckningen kunde inte sparas på servern. Den försöks igen.";
  }
}

/** pull brings every change since the last pull. */
async function pull(personId: string): Promise<void> {
  let since = await store.sequence(personId);
  for (;;) {
    const res = await api.pullQuickNoteChanges({ sinceSequence: BigInt(since), pageSize: 500 });
    const put: store.Note[] = [];
    const gone: string[] = [];
    for (const q of res.quickNotes) {
      if (q.deleteTime) gone.push(q.id);
      else put.push(store.noteOf(q));
    }
    since = String(res.sequence);
    await store.apply(personId, put, gone, since);
    setOffline(false);
    if (!res.more) return;
  }
}
