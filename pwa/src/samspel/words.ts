// Swedish words for the role split's codes, and its dates.

import { timestampDate, type Timestamp } from "@bufbuild/protobuf/wkt";
import { shortDate } from "../format";
import { AgreementState } from "../gen/samspel/v1/pair_service_pb";
import { AreaOwner } from "../gen/samspel/v1/role_split_service_pb";
import { InstructionReviewDue, InstructionState } from "../gen/samspel/v1/instruction_service_pb";
import { Role } from "../gen/samspel/v1/role_pb";
import type { Person } from "../gen/samspel/v1/person_service_pb";

/** ownerName says who owns an area, with the report's what and how. */
export function ownerName(o: AreaOwner): string {
  switch (o) {
    case AreaOwner.CHAIR:
      return "Ordföranden (vad)";
    case AreaOwner.DIRECTOR:
      return "Direktören (hur)";
    case AreaOwner.SHARED:
      return "Gråzonen (delat)";
    default:
      return "";
  }
}

/** roleWord is a role in lower case, as it follows a name: "Anna Lindqvist (ordförande)". */
export function roleWord(r: Role): string {
  switch (r) {
    case Role.CHAIR:
      return "ordförande";
    case Role.DIRECTOR:
      return "direktör";
    case Role.STAFF:
      return "stab";
    default:
      return "";
  }
}

/** who names a person with their role: "Maria Ek (direktör)". */
export function who(p: Person | undefined, r: Role): string {
  const name = p?.displayName ?? "";
  const role = roleWord(r);
  return role ? `${name} (${role})` : name;
}

/** otherParty names the other half of the pair in definite form. */
export function otherParty(r: Role): string {
  return r === Role.CHAIR ? "direktören" : "ordföranden";
}

export function agreementStateName(s: AgreementState): string {
  switch (s) {
    case AgreementState.PROPOSED:
      return "Förslag";
    case AgreementState.AGREED:
      return "Överenskommen";
    case AgreementState.DECLINED:
      return "Avböjd";
    case AgreementState.ENDED:
      return "Avslutad";
    default:
      return "";
  }
}

export function instructionStateName(s: InstructionState): string {
  switch (s) {
    case InstructionState.DRAFT:
      return "Utkast";
    case InstructionState.ADOPTED:
      return "Gällande";
    case InstructionState.SUPERSEDED:
      return "Ersatt";
    default:
      return "";
  }
}

export function reviewDueText(d: InstructionReviewDue): string {
  switch (d) {
    case InstructionReviewDue.NEW_TERM:
      return "Dags att se över instruktionen: en ny mandatperiod har börjat.";
    case InstructionReviewDue.YEARLY:
      return "Dags att se över instruktionen: det har gått mer än ett år.";
    default:
      return "";
  }
}

/** dayText formats a YYYY-MM-DD date in the house style, "mån 30 nov", adding the year
 * when it is not this one: "tis 14 feb 2023". */
export function dayText(iso: string): string {
  const [y, m, d] = iso.split("-").map(Number);
  if (!y || !m || !d) return iso;
  return withYear(new Date(y, m - 1, d));
}

/** timeText formats an instant as "mån 30 nov 09:30" (with the year when it is not this
 * one), in the phone's time zone. */
export function timeText(ts: Timestamp | undefined): string {
  if (!ts) return "";
  const t = timestampDate(ts);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${withYear(t)} ${p(t.getHours())}:${p(t.getMinutes())}`;
}

function withYear(d: Date): string {
  return d.getFullYear() === new Date().getFullYear() ? shortDate(d) : `${shortDate(d)} ${d.getFullYear()}`;
}

/** isoOf is the YYYY-MM-DD of an instant, for <time datetime>. */
export function isoOf(ts: Timestamp | undefined): string {
  if (!ts) return "";
  const t = timestampDate(ts);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${t.getFullYear()}-${p(t.getMonth() + 1)}-${p(t.getDate())}`;
}

/** count writes "1 avsteg" or "3 avsteg" with the right plural. */
export function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
