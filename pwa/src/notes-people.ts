// The people of the person's organisation, for "Med vem": offered as suggestions while
// typing, and a name that matches someone is sent as that person. Kept on the phone so
// the suggestions work offline too.

import { people as api } from "./api";
import { Role } from "./gen/samspel/v1/role_pb";
import type { MeView } from "./me";

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

/** known returns the saved list of people, and asks the server for a fresh one. */
export function known(me: MeView, fresh: (list: Known[]) => void): Known[] {
  const org = organizationOf(me);
  if (!org) return [];
  void refresh(me, org).then((list) => list && fresh(list));
  try {
    const v: unknown = JSON.parse(localStorage.getItem(key(org)) ?? "[]");
    return Array.isArray(v) ? v.filter((k): k is Known => typeof k?.id === "string" && typeof k?.name === "string") : [];
  } catch {
    return [];
  }
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

/** match finds the person a typed name means, ignoring case. */
export function match(list: Known[], typed: string): Known | undefined {
  const t = typed.trim().toLocaleLowerCase("sv");
  return t ? list.find((k) => k.name.toLocaleLowerCase("sv") === t) : undefined;
}
