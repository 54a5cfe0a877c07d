// The pair's records belong to a term; lists show the current term and link to the others.

import { createClient } from "@connectrpc/connect";
import { transport } from "../api";
import { TermService, type Term } from "../gen/samspel/v1/term_service_pb";
import { h } from "../render";

const terms = createClient(TermService, transport);

export async function termsOf(org: bigint): Promise<Term[]> {
  return (await terms.listTerms({ organizationId: org, pageSize: 20 })).terms;
}

function years(t: Term): string {
  return `${t.startDate.slice(0, 4)}–${t.endDate.slice(0, 4)}`;
}

/** termSwitch says which term a list shows and links to the others. termId zero is the current. */
export function termSwitch(list: Term[], termId: bigint, base: string): HTMLElement | null {
  if (list.length < 2) return null;
  const shown = list.find((t) => (termId === 0n ? t.current : t.id === termId));
  return h(
    "nav",
    { class: "terms", "aria-label": "Mandatperiod" },
    h("p", { class: "meta" }, `Mandatperiod ${shown ? years(shown) : ""}`),
    h(
      "ul",
      { class: "inline-list" },
      list
        .filter((t) => t !== shown)
        .map((t) => h("li", null, h("a", { href: t.current ? base : `${base}?mandatperiod=${t.id}` }, `Visa ${years(t)}`))),
    ),
  );
}
