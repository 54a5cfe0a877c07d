// Swedish words for what the server sends as codes and dates.

import { Role } from "./gen/samspel/v1/role_pb";
import type { MembershipView, RoleView } from "./me";

// Written out rather than taken from Intl: sv-SE abbreviates months with a full stop
// ("nov."), and the house style is "mån 30 nov".
const weekdays = ["sön", "mån", "tis", "ons", "tor", "fre", "lör"];
const months = ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"];

/** shortDate formats a day as "mån 30 nov", in local time. */
export function shortDate(d: Date): string {
  return `${weekdays[d.getDay()]} ${d.getDate()} ${months[d.getMonth()]}`;
}

/** isoDate formats a day as YYYY-MM-DD, in local time, for <time datetime>. */
export function isoDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** roleName names one role; an opposition politician's party follows in brackets. */
export function roleName(r: RoleView): string {
  switch (r.role) {
    case Role.CHAIR:
      return "Ordförande";
    case Role.DIRECTOR:
      return "Direktör";
    case Role.MAJORITY:
      return "Majoritetsföreträdare";
    case Role.OPPOSITION:
      return r.party ? `Oppositionsföreträdare (${r.party})` : "Oppositionsföreträdare";
    case Role.STAFF:
      return "Tjänsteperson i staben";
    case Role.ADMIN:
      return "Administratör";
    default:
      return "";
  }
}

/** roleNames lists roles as one line, without repeats or blanks. */
export function roleNames(roles: RoleView[], admin: boolean): string {
  const names = roles.map(roleName);
  if (admin) names.push("Administratör");
  return [...new Set(names.filter((n) => n !== ""))].join(", ");
}

/** termName names a term by its years: "Mandatperiod 2026–2030". */
export function termName(m: MembershipView): string {
  const from = m.termStart.slice(0, 4);
  const to = m.termEnd.slice(0, 4);
  if (!from || !to) return "";
  return `Mandatperiod ${from}–${to}`;
}
