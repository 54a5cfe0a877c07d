// What the app shows about the signed-in person, and the copy of it kept on the phone so
// the shell can start offline and still say who you are.

import type { Me } from "./gen/samspel/v1/auth_service_pb";
import { Role } from "./gen/samspel/v1/role_pb";

/** RoleView is one role, with the party for politicians. */
export interface RoleView {
  role: Role;
  party: string;
}

/** MembershipView is a person's place in one organisation's current term. */
export interface MembershipView {
  organization: string;
  organizationId?: string; // the id as a decimal string (JSON has no bigint); missing in copies saved before it was kept
  termStart: string; // YYYY-MM-DD, or empty when the server sent no term
  termEnd: string;
  roles: RoleView[];
}

/** MeView is the signed-in person, in plain JSON (the proto has bigints). */
export interface MeView {
  id: string; // the person's id, as a string (the proto's is a bigint)
  name: string;
  admin: boolean;
  memberships: MembershipView[];
}

/** meView keeps from the server's answer only what the app shows. */
export function meView(me: Me): MeView {
  return {
    id: String(me.person?.id ?? ""),
    name: me.person?.displayName ?? "",
    admin: me.admin,
    memberships: me.memberships.map((m) => ({
      organization: m.organization?.name ?? "",
      organizationId: String(m.organization?.id ?? ""),
      termStart: m.term?.startDate ?? "",
      termEnd: m.term?.endDate ?? "",
      roles: m.roleAssignments.map((a) => ({ role: a.role, party: a.party })),
    })),
  };
}

// The key is versioned: a later app that stores a different shape uses a new key and
// never misreads an old copy.
const key = "samspel.me.v1";

/** loadMe returns the copy saved by the last successful sign-in or GetMe, if any. */
export function loadMe(): MeView | null {
  try {
    const raw = localStorage.getItem(key);
    if (raw === null) return null;
    const v: unknown = JSON.parse(raw);
    return isMeView(v) ? v : null;
  } catch {
    // Storage can be off (private mode) or hold something unreadable: start without it.
    return null;
  }
}

/** saveMe keeps v for the next offline start. */
export function saveMe(v: MeView): void {
  try {
    localStorage.setItem(key, JSON.stringify(v));
  } catch {
    // Full or disabled storage only costs the offline start; the app still works.
  }
}

/** clearMe forgets the saved copy; called on sign-out so the next person sees nothing. */
export function clearMe(): void {
  try {
    localStorage.removeItem(key);
  } catch {
    // Nothing saved, nothing to clear.
  }
}

function isMeView(v: unknown): v is MeView {
  if (typeof v !== "object" || v === null) return false;
  const o = v as Record<string, unknown>;
  return (
    typeof o["id"] === "string" &&
    typeof o["name"] === "string" &&
    typeof o["admin"] === "boolean" &&
    Array.isArray(o["memberships"]) &&
    o["memberships"].every(isMembershipView)
  );
}

function isMembershipView(v: unknown): boolean {
  if (typeof v !== "object" || v === null) return false;
  const o = v as Record<string, unknown>;
  return (
    typeof o["organization"] === "string" &&
    typeof o["termStart"] === "string" &&
    typeof o["termEnd"] === "string" &&
    Array.isArray(o["roles"]) &&
    o["roles"].every(
      (r: unknown) =>
        typeof r === "object" &&
        r !== null &&
        typeof (r as Record<string, unknown>)["role"] === "number" &&
        typeof (r as Record<string, unknown>)["party"] === "string",
    )
  );
}

/** administersOnly reports whether the person is an administrator who holds no role in
 * any organisation: their bottom bar is the administrator's places (UX.md: Personer ·
 * Inbjudningar · Logg · Export), with no Idag. An administrator who also holds a role
 * keeps that role's places and finds the administrator's under Mer. */
export function administersOnly(me: MeView): boolean {
  return me.admin && me.memberships.every((m) => m.roles.length === 0);
}
