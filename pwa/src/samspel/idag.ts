// The role split's block on Idag: in crisis a banner and the role split first; always
// what waits for the person (deviations to acknowledge, each named, and the counts of
// the rest). It fills itself in when the data comes, and again when the app is shown.

import type { MeView } from "../me";
import { h, mount, type Child } from "../render";
import { InstructionReviewDue } from "../gen/samspel/v1/instruction_service_pb";
import { AreaOwner } from "../gen/samspel/v1/role_split_service_pb";
import { pair, roleSplit, standing } from "./client";
import { crisisBox } from "./hub";
import { count, ownerName, reviewDueText, who } from "./words";

/** fill draws the block into el, which stays empty when nothing waits. */
export async function fill(el: HTMLElement, me: MeView): Promise<void> {
  const st = standing(me);
  if (!st.inPair || st.org === 0n) return;
  const [status, awaiting] = await Promise.all([
    pair.getPairStatus({ organizationId: st.org }),
    pair.listDeviations({ organizationId: st.org, awaitingYouOnly: true, pageSize: 5 }),
  ]);
  const areas = status.crisis ? (await roleSplit.listAreas({ organizationId: st.org, pageSize: 500 })).areas : [];
  const items: Child[] = [
    awaiting.deviations.map((d) =>
      h(
        "li",
        { class: "awaiting" },
        h("a", { href: `/samspel/avsteg/${d.id}`, class: "deviation-link" }, d.what),
        h("p", { class: "meta" }, `Att kvittera · ${who(d.loggedBy, d.loggedByRole)}`),
      ),
    ),
    status.deviationsToAcknowledge > awaiting.deviations.length &&
      waiting("/samspel/avsteg", count(status.deviationsToAcknowledge, "avsteg att kvittera", "avsteg att kvittera")),
    status.agreementsAwaitingYou > 0 &&
      waiting("/samspel/overenskommelser", count(status.agreementsAwaitingYou, "överenskommelse väntar på ditt svar", "överenskommelser väntar på ditt svar")),
    status.areaProposalsAwaitingYou > 0 &&
      waiting("/samspel/roller", count(status.areaProposalsAwaitingYou, "förslag om rollfördelningen", "förslag om rollfördelningen")),
    status.agreementsToRevisit > 0 &&
      waiting("/samspel/overenskommelser", count(status.agreementsToRevisit, "överenskommelse att ompröva", "överenskommelser att ompröva")),
    status.instructionReviewDue !== InstructionReviewDue.UNSPECIFIED &&
      waiting(`/samspel/instruktion`, reviewDueText(status.instructionReviewDue)),
  ].filter(Boolean);
  const pending = status.deviationsToAcknowledge;
  mount(
    el,
    status.crisis && [
      crisisBox(status),
      h(
        "div",
        { id: "crisis-roles", class: "crisis-roles" },
        h("h2", null, "Rollfördelningen"),
        [AreaOwner.CHAIR, AreaOwner.SHARED, AreaOwner.DIRECTOR].map((o) => [
          h("h3", null, ownerName(o)),
          h("ul", { class: "compact" }, areas.filter((a) => a.owner === o).map((a) => h("li", null, h("a", { href: `/samspel/roller/${a.id}` }, a.name)))),
        ]),
      ),
    ],
    items.length > 0 && [
      h(
        "h2",
        { id: "idag-samspel-h" },
        "Väntar på dig i samspelet",
        pending > 0 ? [" ", h("span", { id: "deviation-badge", class: "badge" }, String(pending), h("span", { class: "visually-hidden" }, " avsteg att kvittera"))] : null,
      ),
      h("ul", { class: "list" }, items),
    ],
  );
  el.hidden = !status.crisis && items.length === 0;
}

function waiting(href: string, text: string): HTMLElement {
  return h("li", null, h("a", { href }, text));
}
