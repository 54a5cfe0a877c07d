// The meetings part of Idag: the next check-in with a way to add an agenda item, how long
// since the last check-in, missed check-ins and overdue action items.

import type { MeView } from "../me";
import { notes } from "../notes/client";
import { writesNotes } from "../notes/send";
import { h, mount, type Child } from "../render";
import { meetings } from "./client";
import { MeetingStatus } from "../gen/samspel/v1/meeting_service_pb";
import { Role } from "../gen/samspel/v1/role_pb";
import { dayLabel, days, kindLabel, timeRange, todayISO } from "./format";
import { idOf } from "./ui";

/** fill draws the block into el (its h2 stays), once the server has answered. */
export async function fill(el: HTMLElement, me: MeView): Promise<void> {
  const heading = el.firstElementChild;
  let content: Child[];
  try {
    // The author's flagged notes wait at the next check-in; Idag says how many.
    const [o, raised] = await Promise.all([
      meetings.getMeetingOverview({}),
      writesNotes(me) ? notes.listNextCheckInQuickNotes({ pageSize: 50 }).catch(() => null) : null,
    ]);
    const next = o.nextCheckIn;
    // The majority and staff take part in other meetings than the pair's check-ins: with
    // no check-in of their own, Idag names their next meeting instead.
    const other = next ? undefined : (await meetings.listMeetings({ fromDate: todayISO(), pageSize: 10 })).meetings.find((m) => m.status === MeetingStatus.SCHEDULED);
    const toRaise = raised?.nextCheckIn?.id === next?.id ? (raised?.quickNotes.length ?? 0) : 0;
    content = [
      next
        ? [
            h(
              "p",
              { id: "idag-next-checkin" },
              "Nästa avstämning: ",
              h("a", { href: `/moten/${idOf(next.id)}` }, `${dayLabel(next.date)} ${timeRange(next.startTime, next.durationMinutes)}`),
              next.place ? `, ${next.place}` : "",
              `. ${next.agendaItemCount === 1 ? "1 punkt" : `${next.agendaItemCount} punkter`} på dagordningen.`,
            ),
            toRaise > 0 &&
              h(
                "p",
                { id: "idag-raised" },
                h("a", { href: `/moten/${idOf(next.id)}` }, `${toRaise} ${toRaise === 1 ? "anteckning" : "anteckningar"} att ta upp`),
                " på avstämningen, från dina anteckningar.",
              ),
            h("p", null, h("a", { id: "idag-add-item", class: "button secondary", href: `/moten/${idOf(next.id)}?ny=1` }, "Lägg till punkt")),
          ]
        : other
          ? h(
              "p",
              { id: "idag-next-meeting" },
              "Nästa möte: ",
              h("a", { href: `/moten/${idOf(other.id)}` }, `${other.title || kindLabel(other.kind)}, ${dayLabel(other.date)} ${timeRange(other.startTime, other.durationMinutes)}`),
              other.place ? `, ${other.place}.` : ".",
            )
          : h("p", { id: "idag-next-checkin" }, inPair(me) ? "Ingen avstämning är planerad." : "Inga möten är planerade."),
      o.lastCheckIn &&
        h(
          "p",
          { id: "idag-drift", class: o.daysSinceLastCheckIn > 7 ? "status status-warning" : "meta" },
          o.daysSinceLastCheckIn > 7
            ? `${days(o.daysSinceLastCheckIn)} sedan senaste avstämningen.`
            : `Senaste avstämningen: ${dayLabel(o.lastCheckIn.date)}.`,
        ),
      o.missedCheckIns.length > 0 &&
        h(
          "p",
          { id: "idag-missed", class: "status status-warning" },
          `Missad avstämning: ${o.missedCheckIns.map((m) => dayLabel(m.date)).join(", ")}.`,
        ),
      o.overdueActionItems.length > 0 && [
        h("h3", null, "Försenade åtgärder"),
        h(
          "ul",
          { id: "idag-overdue", class: "list" },
          o.overdueActionItems.map((a) =>
            h(
              "li",
              null,
              h("a", { href: `/moten/${idOf(a.meetingId)}` }, a.text),
              h("p", { class: "meta" }, `${a.owner?.displayName ?? ""} · skulle vara klar ${dayLabel(a.dueDate)}`),
            ),
          ),
        ),
      ],
    ];
  } catch {
    content = [h("p", { id: "idag-meetings-offline" }, "Mötena kan inte visas utan anslutning.")];
  }
  el.removeAttribute("aria-busy");
  if (heading) mount(el, heading, content);
}

function inPair(me: MeView): boolean {
  return me.memberships.some((m) => m.roles.some((r) => r.role === Role.CHAIR || r.role === Role.DIRECTOR));
}
