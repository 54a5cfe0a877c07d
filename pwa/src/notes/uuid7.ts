// UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, then random bits. The phone makes a
// note's id when the note is written, so a note sent twice is still one note, and ids
// sort by the time they were made.

let lastMs = 0;
let lastRand: Uint8Array = new Uint8Array(10);

/** uuidv7 returns a new UUIDv7 in lower case. Within one millisecond the random part
 * counts up, so ids made in a burst keep their order too. */
export function uuidv7(now: number = Date.now()): string {
  let rand: Uint8Array;
  if (now <= lastMs) {
    now = lastMs;
    rand = increment(lastRand);
  } else {
    rand = crypto.getRandomValues(new Uint8Array(10));
    rand[0] = (rand[0] ?? 0) & 0x0f; // room to count up without spilling into the version
  }
  lastMs = now;
  lastRand = rand;

  const b = new Uint8Array(16);
  let ms = now;
  for (let i = 5; i >= 0; i--) {
    b[i] = ms % 256;
    ms = Math.floor(ms / 256);
  }
  b.set(rand, 6);
  b[6] = 0x70 | ((b[6] ?? 0) & 0x0f);
  b[8] = 0x80 | ((b[8] ?? 0) & 0x3f);
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

// increment adds one to the random part; a burst never carries far enough to reach the
// bits that the version and variant overwrite.
function increment(r: Uint8Array): Uint8Array {
  const out = r.slice();
  for (let i = out.length - 1; i >= 0; i--) {
    const v = (out[i] ?? 0) + 1;
    out[i] = v & 0xff;
    if (v <= 0xff) break;
  }
  return out;
}
