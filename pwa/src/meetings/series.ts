// Ny mötesserie: the Monday check-in, a beredning or a single meeting, with a rhythm,
// weekday (from the first day), time and place.

import { MeetingKind } from "../gen/samspel/v1/meeting_service_pb";
import { Role } from "../gen/samspel/v1/role_pb";
import { h } from "../render";
import { navigate, type RouteContext } from "../router";
import { showScreen, type Problem } from "../ui";
import { meetings, organizationId } from "./client";
import { todayISO } from "./format";
import { check } from "../details";
import { field, form, problemFor, select, ticket, value } from "./ui";

export async function showNewSeries(ctx: RouteContext): Promise<void> {
  const isCurrent = ticket(location.pathname);
  const pair = ctx.me.memberships.some((m) => m.roles.some((r) => r.role === Role.CHAIR || r.role === Role.DIRECTOR));
  const errors: Record<string, string> = {};
  const draw = (focus: boolean, problem?: Problem) =>
    showScreen(
      "ny-serie",
      "Ny mötesserie",
      [
        form(
          "series",
          "Skapa",
          [
            select(
              "series-kind",
              "Slags möte",
              [
                ...(pair ? [{ value: String(MeetingKind.AVSTAMNING), label: "Avstämning mellan ordförande och direktör" }] : []),
                { value: String(MeetingKind.BEREDNING), label: "Beredning med majoriteten" },
                ...(pair ? [{ value: String(MeetingKind.REFLEKTION), label: "Reflektionssamtal" }] : []),
                { value: String(MeetingKind.AD_HOC), label: "Annat möte" },
              ],
            ),
            field({ id: "series-title", label: "Namn", value: "Måndagsavstämning", maxlength: 100, error: errors["series-title"] }),
            field({ id: "series-start", label: "Första mötet", type: "date", hint: "Veckodagen blir seriens veckodag.", value: todayISO(), error: errors["series-start"] }),
            field({ id: "series-time", label: "Klockan", type: "time", value: "08:00", error: errors["series-time"] }),
            select("series-duration", "Längd", [30, 45, 60, 90, 120].map((n) => ({ value: String(n), label: `${n} minuter` })), "60"),
            select("series-interval", "Hur ofta", [
              { value: "1", label: "Varje vecka" },
              { value: "2", label: "Varannan vecka" },
              { value: "4", label: "Var fjärde vecka" },
              { value: "0", label: "En gång" },
            ]),
            field({ id: "series-place", label: "Plats", hint: "Till exempel Ordförandens rum.", maxlength: 100 }),
          ],
          () => {
            const bad = (id: string, message: string) => {
              errors[id] = message;
              draw(false, { title: "Det finns ett fel", message, fieldId: id });
            };
            const title = value("series-title");
            if (!title) return bad("series-title", "Skriv ett namn på mötet");
            if (!value("series-start")) return bad("series-start", "Fyll i dagen för första mötet");
            if (!/^\d\d:\d\d$/.test(value("series-time"))) return bad("series-time", "Fyll i klockslaget som tt:mm");
            void (async () => {
              try {
                await meetings.createMeetingSeries({
                  organizationId: await organizationId(),
                  kind: Number(value("series-kind")) as MeetingKind,
                  title,
                  place: value("series-place"),
                  startTime: value("series-time"),
                  durationMinutes: Number(value("series-duration")),
                  intervalWeeks: Number(value("series-interval")),
                  startDate: value("series-start"),
                });
                if (isCurrent()) navigate("/moten");
              } catch (err) {
                if (!isCurrent()) return;
                const pr = problemFor(err, "skapa mötesserien", {
                  title: ["series-title", check("namnet")],
                  start_date: ["series-start", check("dagen för första mötet")],
                  start_time: ["series-time", check("klockslaget")],
                  kind: ["series-kind", check("slags möte")],
                  duration_minutes: ["series-duration", check("längden")],
                });
                if (pr.fieldId) errors[pr.fieldId] = pr.message;
                draw(false, pr);
              }
            })();
          },
        ),
        h("p", null, h("a", { href: "/moten", class: "line-link" }, "Alla möten")),
      ],
      { focus, problem },
    );
  draw(ctx.focus);
}
