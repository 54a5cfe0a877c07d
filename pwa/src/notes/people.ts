// The people of the person's organisation, for "Med vem": offered as suggestions while
// typing, and a name that matches someone is sent as that person. Kept on the phone so
// the suggestions work offline too.

import { Role } from "../gen/samspel/v1/role_pb";
import type { MeView } from "../me";
import { people as api } from "./client";

/** Known is someone in Samspel the note can be about. */
export interface Known {
  id: string;
  name: string;
}

const key = (org: string) => `samspel.people.v1.${org}`;

/** organizationOf is the organisation where me is chair or director. */
function organizationOf(me: MeView): string {
  const m = me.memberships.find((x) => x.roles.some((r) => r.role === Role.CHAIR || r.role === Role.DIRECTOR));
  return m?.organizationId ?? "";
}

/** known calls show with the saved list of people at once, and again with a fresh one
 * from the server when it comes. */
export function known(me: MeView, show: (list: Known[]) => void): void {
  const org = organizationOf(me);
  if (!org) return;
  try {
    const v: unknown = JSON.parse(localStorage.getItem(key(org)) ?? "[]");
    if (Array.isArray(v)) show(v.filter((k): k is Known => typeof k?.id === "string" && typeof k?.name === "string"));
  } catch {
    // Nothing saved that can be read: wait for the server.
  }
  void refresh(me, org).then((list) => list && show(list));
}

async function refresh(me: MeView, org: string): Promise<Known[] | null> {
  try {
    const res = await api.listPeople({ organizationId: BigInt(org), pageSize: 500 });
    const list = res.people.filter((p) => String(p.id) !== me.id).map((p) => ({ id: String(p.id), name: p.displayName }));
    localStorage.setItem(key(org), JSON.stringify(list));
    return list;
  } catch {
    return null; // offline: the saved list will do
  }
}
