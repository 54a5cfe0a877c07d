// Swedish words for meeting dates, times and statuses.

import { ActionItemStatus, MeetingKind, MeetingStatus, type Meeting } from "../gen/samspel/v1/meeting_service_pb";
import type { Person } from "../gen/samspel/v1/person_service_pb";
import { shortDate } from "../format";

/** day parses "YYYY-MM-DD" as a local calendar day. */
export function day(iso: string): Date {
  const [y, m, d] = iso.split("-").map(Number);
  return new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1);
}

/** dayLabel writes "2026-11-30" as "mån 30 nov", adding the year when it is not this one. */
export function dayLabel(iso: string): string {
  if (!iso) return "";
  const d = day(iso);
  const label = shortDate(d);
  return d.getFullYear() === new Date().getFullYear() ? label : `${label} ${d.getFullYear()}`;
}

/** timeRange writes a start and a duration as "08:00–09:00". */
export function timeRange(start: string, minutes: number): string {
  const [h, m] = start.split(":").map(Number);
  const end = (h ?? 0) * 60 + (m ?? 0) + minutes;
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${start}–${pad(Math.floor(end / 60) % 24)}:${pad(end % 60)}`;
}

/** when says when and where a meeting is: "mån 30 nov 08:00–09:00, Ordförandens rum". */
export function when(m: Meeting): string {
  const at = `${dayLabel(m.date)} ${timeRange(m.startTime, m.durationMinutes)}`;
  return m.place ? `${at}, ${m.place}` : at;
}

/** statusLabel names a meeting's status. */
export function statusLabel(m: Meeting): string {
  switch (m.status) {
    case MeetingStatus.SCHEDULED:
      return "Planerat";
    case MeetingStatus.HELD:
      return m.finalized ? "Hållet, justerat" : "Hållet";
    case MeetingStatus.CANCELLED:
      return "Inställt";
    case MeetingStatus.MISSED:
      return m.kind === MeetingKind.AVSTAMNING ? "Missad avstämning" : "Missat";
    default:
      return "";
  }
}

/** kindLabel names a meeting kind. */
export function kindLabel(k: MeetingKind): string {
  switch (k) {
    case MeetingKind.AVSTAMNING:
      return "Avstämning";
    case MeetingKind.BEREDNING:
      return "Beredning";
    case MeetingKind.REFLEKTION:
      return "Reflektionssamtal";
    case MeetingKind.AD_HOC:
      return "Möte";
    default:
      return "";
  }
}

/** actionStatus says where an action item stands. */
export function actionStatus(status: ActionItemStatus, overdue: boolean): string {
  switch (status) {
    case ActionItemStatus.DONE:
      return "Klar";
    case ActionItemStatus.CANCELLED:
      return "Avbruten";
    default:
      return overdue ? "Försenad" : "Pågår";
  }
}

/** names lists people as "Anna, Maria och Eva". */
export function names(people: readonly Person[]): string {
  const list = people.map((p) => p.displayName);
  if (list.length <= 1) return list.join("");
  return `${list.slice(0, -1).join(", ")} och ${list[list.length - 1]}`;
}

/** days says "1 dag" or "12 dagar". */
export function days(n: number): string {
  return n === 1 ? "1 dag" : `${n} dagar`;
}

/** todayISO is the phone's calendar day as YYYY-MM-DD. */
export function todayISO(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
