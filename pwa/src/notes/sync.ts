// Sending and catching up. sync() sends the person's outbox, then pulls what changed on
// the server since last time (other devices' notes, the other party's shares,
// tombstones). register.ts runs it once the server has confirmed who is signed in, on
// submit, when the connection returns and when the app becomes visible; a failed call
// means offline, whatever navigator.onLine says, and the outbox waits for next time.

import { Code, codeOf, unreachable } from "../api";
import type { QuickNote } from "../gen/samspel/v1/note_service_pb";
import { setOffline } from "../ui";
import * as cache from "./cache";
import { notes as api } from "./client";
import { notesChanged, removeWaiting, replaceWaiting, waitingOf, type Waiting } from "./outbox";
import { uuidv7 } from "./uuid7";

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
      if (unreachable(codeOf(err))) setOffline(true);
    } finally {
      running = null;
      notesChanged();
    }
  })();
  return running;
}

// How many notes are in flight at once. A browser opens six connections to one server
// over HTTP/1.1; more would only queue.
const inFlight = 6;

/** flush sends every waiting note of person. It reports false when the server could not
 * be reached or the session is gone, so there is no point pulling. */
async function flush(personId: string): Promise<boolean> {
  const waiting = await waitingOf(personId);
  waiting.sort((a, b) => a.createTime - b.createTime);
  let ok = true;
  // The server's copies are stored in batches, and only then leave the outbox: one
  // transaction per note would make a long outbox wait on the phone's disk. If the app
  // dies in between, the note is sent again, and the server, which knows its id,
  // answers with the copy it has.
  let put: cache.Note[] = [];
  let gone: string[] = [];
  const keep = async () => {
    const [p, g] = [put, gone];
    put = [];
    gone = [];
    if (p.length + g.length === 0) return;
    await cache.apply(personId, p, g);
    await removeWaiting(...p.map((n) => n.id), ...g);
  };
  const queue = waiting.slice();
  const worker = async () => {
    while (ok) {
      const w = queue.shift();
      if (!w) return;
      const res = await send(w);
      if (res === false) ok = false;
      else if (res !== true) {
        // A replay can answer with a tombstone: deleted on another device meanwhile.
        if (res.deleteTime) gone.push(res.id);
        else put.push(cache.noteOf(res));
        if (put.length + gone.length >= 50) await keep();
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, queue.length) }, worker));
  await keep();
  if (ok && waiting.length > 0) setOffline(false);
  return ok;
}

/** send sends one note and returns the server's copy; true means go on without one
 * (refused and kept for later), false means stop sending for now. */
async function send(w: Waiting): Promise<QuickNote | boolean> {
  try {
    const res = await api.createQuickNote({
      id: w.id,
      body: w.body,
      // Someone in Samspel goes as a person; their name as text too would say it twice.
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
      // Another author has this id (only a broken random source makes that happen): the
      // same note goes under a new id next time.
      await replaceWaiting(w.id, { ...w, id: uuidv7(w.createTime) });
      return true;
    }
    // The server will not take it as it is (no chair or director role today): keep it,
    // say why, and try again next time in case that changes.
    await replaceWaiting(w.id, { ...w, problem: refusal(code) });
    return true;
  }
}

function refusal(code: Code): string {
  switch (code) {
    case Code.PermissionDenied:
    case Code.InvalidArgument:
      return "Servern tar inte emot anteckningen. Du behöver vara ordförande eller direktör i dag.";
    default:
      return "Anteckningen kunde inte sparas på servern. Den skickas igen.";
  }
}

/** pull brings every change since the last pull. */
async function pull(personId: string): Promise<void> {
  let since = await cache.sequence(personId);
  for (;;) {
    const res = await api.pullQuickNoteChanges({ sinceSequence: BigInt(since), pageSize: 500 });
    const put: cache.Note[] = [];
    const gone: string[] = [];
    for (const q of res.quickNotes) {
      if (q.deleteTime) gone.push(q.id);
      else put.push(cache.noteOf(q));
    }
    since = String(res.sequence);
    await cache.apply(personId, put, gone, since);
    // What the server has needs no sending: a note sent from here whose answer was lost.
    const waiting = new Set((await waitingOf(personId)).map((w) => w.id));
    await removeWaiting(...[...put.map((n) => n.id), ...gone].filter((id) => waiting.has(id)));
    setOffline(false);
    if (!res.more) return;
  }
}

/** store keeps the server's answer to a change made on a screen. */
export async function store(personId: string, q: QuickNote | undefined): Promise<void> {
  if (!q) return;
  if (q.deleteTime) await cache.apply(personId, [], [q.id]);
  else await cache.apply(personId, [cache.noteOf(q)], []);
  notesChanged();
}
