// Möten: the next check-in first, then what is coming and what has been, and the ways to
// the action items, the follow-up of decisions, search and the calendar.

import type { GetMeetingOverviewResponse, Meeting } from "../gen/samspel/v1/meeting_service_pb";
import { h, type Child } from "../render";
import type { RouteContext } from "../router";
import { showScreen, type Problem } from "../ui";
import { meetings } from "./client";
import { dayLabel, days, statusLabel, timeRange, todayISO } from "./format";
import { button, failed, focusLater, idOf, problemFor, section, ticket } from "./ui";

const pageSize = 10;

interface State {
  isCurrent: () => boolean;
  overview: GetMeetingOverviewResponse;
  upcoming: Meeting[];
  past: Meeting[];
  pastToken: string;
}

/** showMeetings draws /moten. */
export async function showMeetings(ctx: RouteContext): Promise<void> {
  const isCurrent = ticket(location.pathname);
  const today = todayISO();
  try {
    const [overview, upcoming, past] = await Promise.all([
      meetings.getMeetingOverview({}),
      meetings.listMeetings({ fromDate: today, pageSize }),
      meetings.listMeetings({ toDate: yesterday(), orderBy: "date desc", pageSize }),
    ]);
    if (!isCurrent()) return;
    const s: State = { isCurrent, overview, upcoming: upcoming.meetings, past: past.meetings, pastToken: past.nextPageToken };
    draw(s, ctx.focus);
  } catch (err) {
    if (isCurrent()) failed("moten", "Möten", err, () => void showMeetings({ ...ctx, focus: true }), ctx.focus);
  }
}

function yesterday(): string {
  const d = new Date();
  d.setDate(d.getDate() - 1);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function draw(s: State, focus: boolean, problem?: Problem): void {
  showScreen("moten", "Möten", body(s), { focus, problem });
}

function body(s: State): Child[] {
  const o = s.overview;
  const next = o.nextCheckIn;
  return [
    section(
      "next",
      "Nästa avstämning",
      next
        ? [
            h("p", { class: "lead" }, h("a", { id: "next-checkin", href: `/moten/${idOf(next.id)}` }, `${next.title}, ${dayLabel(next.date)} ${timeRange(next.startTime, next.durationMinutes)}`)),
            h("p", { class: "meta" }, [next.place, agendaCount(next.agendaItemCount)].filter(Boolean).join(" · ")),
          ]
        : h("p", null, "Ingen avstämning är planerad. ", h("a", { href: "/moten/ny" }, "Planera en mötesserie"), "."),
      o.missedCheckIns.length > 0 &&
        h("p", { id: "moten-missed", class: "status status-warning" }, `Missad avstämning: ${o.missedCheckIns.map((m) => dayLabel(m.date)).join(", ")}.`),
      o.lastCheckIn && o.daysSinceLastCheckIn > 7 && h("p", { class: "status status-warning" }, `${days(o.daysSinceLastCheckIn)} sedan senaste avstämningen.`),
    ),
    section("upcoming", "Kommande möten", meetingList("upcoming-list", s.upcoming, "Inga planerade möten.")),
    section(
      "past",
      "Tidigare möten",
      meetingList("past-list", s.past, "Inga tidigare möten."),
      s.pastToken && button("past-more", "Visa fler", () => void more(s), "secondary"),
    ),
    section(
      "more",
      "Mer om möten",
      h(
        "ul",
        { class: "links" },
        h("li", null, h("a", { href: "/moten/atgarder" }, "Åtgärder att följa upp")),
        h("li", null, h("a", { href: "/moten/beslut" }, "Uppföljning av fattade beslut")),
        h("li", null, h("a", { href: "/moten/sok" }, "Sök i möten")),
        h("li", null, h("a", { href: "/moten/kalender" }, "Möten i din kalender")),
        h("li", null, h("a", { href: "/moten/ny" }, "Ny mötesserie")),
      ),
    ),
  ];
}

function agendaCount(n: number): string {
  return n === 1 ? "1 punkt på dagordningen" : `${n} punkter på dagordningen`;
}

/** meetingList lists meetings as links with day, time and status. */
export function meetingList(id: string, list: Meeting[], empty: string): HTMLElement {
  if (list.length === 0) return h("p", { id }, empty);
  return h(
    "ul",
    { id, class: "list" },
    list.map((m) =>
      h(
        "li",
        { "data-meeting-id": idOf(m.id) },
        h("a", { href: `/moten/${idOf(m.id)}` }, m.title),
        h(
          "p",
          { class: "meta" },
          `${dayLabel(m.date)} ${timeRange(m.startTime, m.durationMinutes)} · `,
          h("span", { class: statusTag(m) }, statusLabel(m)),
        ),
      ),
    ),
  );
}

function statusTag(m: Meeting): string {
  return statusLabel(m).startsWith("Missad") || statusLabel(m) === "Missat" ? "tag tag-warning" : "tag";
}

async function more(s: State): Promise<void> {
  try {
    const res = await meetings.listMeetings({ toDate: yesterday(), orderBy: "date desc", pageSize, pageToken: s.pastToken });
    if (!s.isCurrent()) return;
    const first = res.meetings[0];
    s.past = [...s.past, ...res.meetings];
    s.pastToken = res.nextPageToken;
    draw(s, false);
    // Keyboard and screen-reader users land on the first meeting that was added.
    if (first) document.querySelector<HTMLElement>(`#past-list [data-meeting-id="${idOf(first.id)}"] a`)?.focus();
    else focusLater("past-h");
  } catch (err) {
    if (s.isCurrent()) draw(s, false, problemFor(err, "hämta fler möten"));
  }
}
