// Åtgärder: every open action item of the meetings one takes part in, overdue first.

import { create } from "@bufbuild/protobuf";
import { FieldMaskSchema } from "@bufbuild/protobuf/wkt";
import { ActionItemSchema, ActionItemStatus, type ActionItem } from "../gen/samspel/v1/meeting_service_pb";
import { h } from "../render";
import type { RouteContext } from "../router";
import { showScreen, type Problem } from "../ui";
import { meetings } from "./client";
import { actionStatus, dayLabel } from "./format";
import { button, failed, focusLater, idOf, problemFor, ticket } from "./ui";

/** showActions draws /moten/atgarder. */
export async function showActions(ctx: RouteContext): Promise<void> {
  const isCurrent = ticket(location.pathname);
  try {
    const res = await meetings.listActionItems({ openOnly: true, pageSize: 200 });
    if (!isCurrent()) return;
    draw(res.actionItems, ctx.focus, isCurrent);
  } catch (err) {
    if (isCurrent()) failed("atgarder", "Åtgärder", err, () => void showActions({ ...ctx, focus: true }), ctx.focus);
  }
}

function draw(list: ActionItem[], focus: boolean, isCurrent: () => boolean, problem?: Problem): void {
  const done = async (a: ActionItem) => {
    try {
      await meetings.updateActionItem({
        actionItem: create(ActionItemSchema, { id: a.id, status: ActionItemStatus.DONE }),
        updateMask: create(FieldMaskSchema, { paths: ["status"] }),
      });
      if (!isCurrent()) return;
      draw(list.filter((x) => x.id !== a.id), false, isCurrent);
      focusLater("atgarder-status");
      const status = document.getElementById("atgarder-status");
      if (status) status.textContent = `”${a.text}” är markerad som klar.`;
    } catch (err) {
      if (isCurrent()) draw(list, false, isCurrent, problemFor(err, "markera åtgärden som klar"));
    }
  };
  showScreen(
    "atgarder",
    "Åtgärder",
    [
      h("p", { id: "atgarder-status", role: "status", tabindex: "-1" }),
      list.length === 0
        ? h("p", null, "Inga öppna åtgärder.")
        : h(
            "ul",
            { id: "atgarder-list", class: "list" },
            list.map((a) =>
              h(
                "li",
                { class: "item", "data-action-id": idOf(a.id) },
                h("p", { class: "note-body" }, a.text, " ", h("span", { class: a.overdue ? "tag tag-warning" : "tag" }, actionStatus(a.status, a.overdue))),
                h(
                  "p",
                  { class: "meta" },
                  [`Ansvarig: ${a.owner?.displayName ?? ""}`, a.dueDate && `senast ${dayLabel(a.dueDate)}`].filter(Boolean).join(" · "),
                ),
                h("p", { class: "meta" }, h("a", { href: `/moten/${idOf(a.meetingId)}` }, `${a.meetingTitle}, ${dayLabel(a.meetingDate)}`)),
                button(`action-done-${idOf(a.id)}`, "Markera klar", () => void done(a), "small"),
              ),
            ),
          ),
      h("p", null, h("a", { href: "/moten", class: "line-link" }, "Alla möten")),
    ],
    { focus, problem },
  );
}
