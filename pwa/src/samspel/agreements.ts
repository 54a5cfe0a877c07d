// Agreements (överenskommelser): what the pair has said. One proposes, the other accepts,
// amends or declines; only an accepted one counts. Either may ask to revisit one.

import type { MeView } from "../me";
import { h, type Child } from "../render";
import {
  AgreementEventKind,
  AgreementState,
  RevisitOutcome,
  type Agreement,
  type AgreementEvent,
} from "../gen/samspel/v1/pair_service_pb";
import type { Problem } from "../ui";
import { pair, standing } from "./client";
import { act, errorFor, form, go, link, load, p, page, required, section, textarea } from "./view";
import { agreementStateName, isoOf, otherParty, timeText, who } from "./words";
import { termSwitch, termsOf } from "./terms";

const base = "/samspel/overenskommelser";

/** showAgreements lists a term's agreements: those awaiting you first, then those
 * awaiting the other party, the agreed, and the rest. */
export function showAgreements(me: MeView, query: URLSearchParams, focus: boolean, problem?: Problem, draft?: string): Promise<void> {
  const st = standing(me);
  const termId = BigInt(query.get("mandatperiod") ?? "0");
  return load(
    focus,
    async () => {
      const [list, terms] = await Promise.all([
        pair.listAgreements({ organizationId: st.org, termId, pageSize: 500 }),
        termsOf(st.org),
      ]);
      return { agreements: list.agreements, terms };
    },
    ({ agreements, terms }) => {
      const text = textarea({
        id: "agreement-text",
        label: "Överenskommelse",
        hint: "Kort och tydligt, till exempel: Måndag morgon är helig.",
        value: draft ?? "",
        error: errorFor(problem, "agreement-text"),
      });
      const redraw = (pr: Problem) => void showAgreements(me, query, true, pr, text.value());
      const group = (id: string, heading: string, list: Agreement[]) =>
        list.length > 0 && section(id, heading, h("ul", { class: "list" }, list.map(item)));
      const current = termId === 0n;
      page(
        "overenskommelser",
        "Överenskommelser",
        [
          p("Det ni har sagt till varandra. Bara det ni båda har godtagit räknas som överenskommet."),
          termSwitch(terms, termId, base),
          group("vantar-pa-dig", "Väntar på ditt svar", agreements.filter((a) => a.awaitingYou)),
          group("vantar", `Väntar på ${otherParty(st.role)}`, agreements.filter((a) => a.state === AgreementState.PROPOSED && !a.awaitingYou)),
          group("overenskomna", "Överenskomna", agreements.filter((a) => a.state === AgreementState.AGREED)),
          group("tidigare", "Avböjda och avslutade", agreements.filter((a) => a.state === AgreementState.DECLINED || a.state === AgreementState.ENDED)),
          agreements.length === 0 && p("Inga överenskommelser under mandatperioden ännu."),
          current &&
            st.inPair &&
            section(
              "foresla",
              "Föreslå en överenskommelse",
              p(`Förslaget går till ${otherParty(st.role)}, som kan godta, ändra eller avböja det.`),
              form("agreement-form", "Skicka förslaget", () => {
                const missing = required("agreement-text", text.value(), "Skriv överenskommelsen");
                if (missing) return redraw(missing);
                void act(async () => {
                  const res = await pair.proposeAgreement({ organizationId: st.org, text: text.value().trim() });
                  go(`${base}/${res.agreement?.id ?? ""}`, `Förslaget är skickat till ${otherParty(st.role)}.`);
                }, redraw);
              }, text.node),
            ),
        ],
        { focus, problem },
      );
    },
  );
}

function item(a: Agreement): HTMLElement {
  return h(
    "li",
    null,
    link(`${base}/${a.id}`, a.text),
    h("p", { class: "meta" }, agreementStateName(a.state), a.revisitRequested ? " · omprövning begärd" : ""),
  );
}

/** showAgreement shows one agreement with its history and what the person may do now. */
export function showAgreement(me: MeView, id: bigint, focus: boolean, problem?: Problem): Promise<void> {
  const st = standing(me);
  return load(
    focus,
    () => pair.getAgreement({ id }),
    (res) => {
      const a = res.agreement!;
      const redraw = (pr: Problem) => void showAgreement(me, id, true, pr);
      const here = `${base}/${a.id}`;
      page(
        "overenskommelse",
        "Överenskommelse",
        [
          h("blockquote", { id: "agreement-text", class: "quote" }, a.text),
          h("p", { id: "agreement-state" }, h("span", { class: "tag" }, agreementStateName(a.state))),
          a.state === AgreementState.PROPOSED && !a.awaitingYou && p(`Väntar på svar från ${otherParty(st.role)}.`),
          a.revisitRequested && p(`${a.revisitRequestedBy?.displayName ?? ""} har begärt omprövning: ${a.revisitReason}`, "callout"),
          st.inPair && actions(a, problem, redraw, here),
          section("historik", "Historik", h("ol", { class: "list history" }, res.events.map(eventItem))),
        ],
        { focus, problem },
      );
    },
  );
}

function actions(a: Agreement, problem: Problem | undefined, redraw: (p: Problem) => void, here: string): Child {
  if (a.awaitingYou) {
    const amend = textarea({ id: "amend-text", label: "Ny formulering", value: a.text, error: errorFor(problem, "amend-text") });
    const comment = textarea({ id: "answer-comment", label: "Kommentar (frivillig)", rows: 2 });
    return section(
      "svara",
      "Ditt svar",
      h(
        "div",
        { class: "button-row" },
        h("button", {
          type: "button", id: "accept-agreement", class: "button",
          onclick: () => void act(async () => {
            await pair.acceptAgreement({ id: a.id, comment: comment.value().trim() });
            go(here, "Ni är överens. Överenskommelsen gäller nu.");
          }, redraw),
        }, "Godta"),
        h("button", {
          type: "button", id: "decline-agreement", class: "button secondary",
          onclick: () => void act(async () => {
            await pair.declineAgreement({ id: a.id, comment: comment.value().trim() });
            go(here, "Förslaget är avböjt.");
          }, redraw),
        }, "Avböj"),
      ),
      comment.node,
      h("h3", null, "Eller föreslå en annan formulering"),
      form("amend-form", "Skicka ändringen", () => {
        const missing = required("amend-text", amend.value(), "Skriv den nya formuleringen");
        if (missing) return redraw(missing);
        void act(async () => {
          await pair.amendAgreement({ id: a.id, text: amend.value().trim(), comment: comment.value().trim() });
          go(here, "Ändringen är skickad för godkännande.");
        }, redraw);
      }, amend.node),
    );
  }
  if (a.state === AgreementState.AGREED && a.revisitRequested) {
    const resolve = (outcome: RevisitOutcome, note: string) =>
      void act(async () => {
        await pair.resolveAgreementRevisit({ id: a.id, outcome });
        go(here, note);
      }, redraw);
    return section(
      "omprovning",
      "Omprövning",
      p("Ta upp den på nästa reflektionssamtal. När ni har pratat: behåll den eller avsluta den."),
      h(
        "div",
        { class: "button-row" },
        h("button", { type: "button", id: "keep-agreement", class: "button", onclick: () => resolve(RevisitOutcome.KEEP, "Överenskommelsen gäller som förut.") }, "Behåll"),
        h("button", { type: "button", id: "end-agreement", class: "button secondary", onclick: () => resolve(RevisitOutcome.END, "Överenskommelsen är avslutad.") }, "Avsluta"),
      ),
    );
  }
  if (a.state === AgreementState.AGREED) {
    const reason = textarea({ id: "revisit-reason", label: "Varför vill du ompröva den?", error: errorFor(problem, "revisit-reason") });
    return section(
      "begar-omprovning",
      "Begär omprövning",
      p("Överenskommelsen gäller tills ni har pratat om den. Den hamnar på nästa reflektionssamtal."),
      form("revisit-form", "Begär omprövning", () => {
        const missing = required("revisit-reason", reason.value(), "Skriv varför");
        if (missing) return redraw(missing);
        void act(async () => {
          await pair.requestAgreementRevisit({ id: a.id, reason: reason.value().trim() });
          go(here, "Omprövningen är begärd.");
        }, redraw);
      }, reason.node),
    );
  }
  return null;
}

const eventWords: Record<number, string> = {
  [AgreementEventKind.PROPOSED]: "föreslog",
  [AgreementEventKind.AMENDED]: "ändrade formuleringen",
  [AgreementEventKind.ACCEPTED]: "godtog",
  [AgreementEventKind.DECLINED]: "avböjde",
  [AgreementEventKind.REVISIT_REQUESTED]: "begärde omprövning",
  [AgreementEventKind.KEPT]: "behöll den efter omprövning",
  [AgreementEventKind.ENDED]: "avslutade den",
};

function eventItem(e: AgreementEvent): HTMLElement {
  return h(
    "li",
    null,
    h("p", { class: "meta" }, h("time", { datetime: isoOf(e.createTime) }, timeText(e.createTime))),
    p(`${who(e.actor, e.actorRole)} ${eventWords[e.kind] ?? ""}${e.text ? `: ”${e.text}”` : "."}`),
    e.comment && p(e.comment),
  );
}
