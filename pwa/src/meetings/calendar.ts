// Möten i din kalender: a private subscription URL for the phone's calendar, with the
// meetings one takes part in and the due dates of one's own action items.

import { timestampDate } from "@bufbuild/protobuf/wkt";
import type { GetCalendarFeedResponse } from "../gen/samspel/v1/calendar_service_pb";
import { h } from "../render";
import type { RouteContext } from "../router";
import { showScreen, type Problem } from "../ui";
import { calendar } from "./client";
import { dayLabel } from "./format";
import { button, failed, focusLater, problemFor, ticket } from "./ui";
import { isoDate } from "../format";

/** dayOf writes an instant's day in the house style, "mån 30 nov". */
const dayOf = (d: Date) => dayLabel(isoDate(d));

/** showCalendar draws /moten/kalender. */
export async function showCalendar(ctx: RouteContext): Promise<void> {
  const isCurrent = ticket(location.pathname);
  try {
    const feed = await calendar.getCalendarFeed({});
    if (isCurrent()) draw(feed, "", ctx.focus, isCurrent);
  } catch (err) {
    if (isCurrent()) failed("kalender", "Möten i din kalender", err, () => void showCalendar({ ...ctx, focus: true }), ctx.focus);
  }
}

function draw(feed: GetCalendarFeedResponse, url: string, focus: boolean, isCurrent: () => boolean, problem?: Problem): void {
  const change = async (what: string, call: () => Promise<string>) => {
    try {
      const newURL = await call();
      const next = await calendar.getCalendarFeed({});
      if (!isCurrent()) return;
      draw(next, newURL, false, isCurrent);
      focusLater(newURL ? "calendar-url" : "calendar-state");
    } catch (err) {
      if (isCurrent()) draw(feed, url, false, isCurrent, problemFor(err, what));
    }
  };
  const since = feed.createTime ? dayOf(timestampDate(feed.createTime)) : "";
  const fetched = feed.lastFetchTime ? dayOf(timestampDate(feed.lastFetchTime)) : "";
  showScreen(
    "kalender",
    "Möten i din kalender",
    [
      h("p", null, "Med en prenumerationslänk visar telefonens kalender dina möten och när dina åtgärder ska vara klara. Kalendern hämtar nytt själv."),
      h(
        "p",
        { id: "calendar-state", tabindex: "-1" },
        feed.active
          ? `Du har en prenumerationslänk sedan ${since}.${fetched ? ` Kalendern hämtade senast ${fetched}.` : " Ingen kalender har hämtat den än."}`
          : "Du har ingen prenumerationslänk.",
      ),
      url && [
        h("label", { for: "calendar-url", class: "label" }, "Din prenumerationslänk"),
        h("p", { id: "calendar-url-hint", class: "hint" }, "Lägg till den i kalendern som en prenumeration. Dela den inte: den som har länken ser dina möten. Länken visas bara nu."),
        urlField(url),
      ],
      h(
        "div",
        { class: "actions" },
        button("calendar-create", feed.active ? "Skapa ny länk (den gamla slutar fungera)" : "Skapa prenumerationslänk", () =>
          void change("skapa länken", async () => (await calendar.createCalendarFeed({})).url),
        ),
        feed.active && button("calendar-revoke", "Sluta prenumerera", () => void change("stänga av länken", async () => {
          await calendar.revokeCalendarFeed({});
          return "";
        }), "secondary"),
      ),
      h("p", null, h("a", { href: "/moten", class: "line-link" }, "Alla möten")),
    ],
    { focus, problem },
  );
}

function urlField(url: string): HTMLInputElement {
  const input = h("input", { id: "calendar-url", class: "input", type: "text", readonly: true, "aria-describedby": "calendar-url-hint" });
  input.value = url;
  input.addEventListener("focus", () => input.select());
  return input;
}
