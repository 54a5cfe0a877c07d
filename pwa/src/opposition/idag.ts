// The opposition's part of Idag. For an opposition member: the party's latest briefing
// and its questions still waiting for an answer. For the director and the staff: the
// questions without an answer and those past their due date.

import { createClient } from "@connectrpc/connect";
import { transport } from "../api";
import { OppositionService, QuestionStatus } from "../gen/samspel/v1/opposition_service_pb";
import { dayLabel } from "../meetings/format";
import { h, mount, type Child } from "../render";

const opposition = createClient(OppositionService, transport);

/** fill draws the block into el (its h2 stays) once the server has answered. */
export async function fill(el: HTMLElement, org: bigint, party: string, director: boolean): Promise<void> {
  const heading = el.firstElementChild;
  let content: Child[];
  try {
    const [questions, overdue, briefings] = await Promise.all([
      opposition.listQuestions({ organizationId: org, pageSize: 100 }),
      opposition.listQuestions({ organizationId: org, overdueOnly: true, pageSize: 100 }),
      party ? opposition.listBriefings({ organizationId: org, pageSize: 1 }) : Promise.resolve(null),
    ]);
    const open = questions.questions.filter((q) => q.status !== QuestionStatus.ANSWERED).length;
    const base = party || !director ? "/fragor" : "/oppositionen/fragor";
    const latest = briefings?.briefings[0];
    content = [
      latest &&
        h(
          "p",
          { id: "idag-briefing" },
          "Senaste dragning: ",
          h("a", { href: `/dragningar/${latest.id.toString()}` }, `${dayLabel(latest.date)}, ${latest.title}`),
          ".",
        ),
      h(
        "p",
        { id: "idag-questions" },
        h("a", { href: base, class: "line-link" }, open === 0 ? "Inga frågor väntar på svar." : open === 1 ? "1 fråga väntar på svar." : `${open} frågor väntar på svar.`),
      ),
      overdue.questions.length > 0 &&
        h(
          "p",
          { id: "idag-overdue-questions", class: "status status-warning" },
          h(
            "a",
            { href: `${base}?forsenade=1` },
            overdue.questions.length === 1 ? "1 fråga har passerat sitt svarsdatum." : `${overdue.questions.length} frågor har passerat sitt svarsdatum.`,
          ),
        ),
    ];
  } catch {
    content = [h("p", { id: "idag-opposition-offline" }, "Frågorna kan inte visas utan anslutning.")];
  }
  el.removeAttribute("aria-busy");
  if (heading) mount(el, heading, content);
}
