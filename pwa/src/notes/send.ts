// When the outbox is sent. Sending waits until the server has said who is signed in
// (../local.ts), so someone else signing in on the same phone never sends another
// person's notes; then it goes at once, on submit, when the connection returns and when
// the app becomes visible. The sending itself (sync.ts) loads on first use.

import { Role } from "../gen/samspel/v1/role_pb";
import { SIGNED_IN, type SignedInDetail } from "../local";
import { loadMe, type MeView } from "../me";

/** writesNotes: quick notes are the chair's and the director's. */
export const writesNotes = (me: MeView): boolean =>
  me.id !== "" && me.memberships.some((m) => m.roles.some((r) => r.role === Role.CHAIR || r.role === Role.DIRECTOR));

let confirmed: string | null = null;

window.addEventListener(SIGNED_IN, (ev) => {
  confirmed = (ev as CustomEvent<SignedInDetail>).detail.personId;
  syncNow();
});
window.addEventListener("online", () => syncNow());
document.addEventListener("visibilitychange", () => {
  if (document.visibilityState === "visible") syncNow();
});

/** syncNow sends the outbox and pulls changes, if the person on show is the one the
 * server confirmed and writes notes. */
export function syncNow(): void {
  const me = loadMe();
  if (!confirmed || !me || me.id !== confirmed || !writesNotes(me)) return;
  const person = confirmed;
  void import("./sync").then((s) => s.sync(person)).catch(() => {});
}
