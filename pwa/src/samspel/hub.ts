// The Samspel place's first screen, and switching between crisis and everyday work.

import type { MeView } from "../me";
import { h } from "../render";
import { InstructionReviewDue } from "../gen/samspel/v1/instruction_service_pb";
import type { GetPairStatusResponse } from "../gen/samspel/v1/pair_service_pb";
import type { Problem } from "../ui";
import { pair, standing } from "./client";
import { act, errorFor, form, go, link, load, p, page, required, section, textarea } from "./view";
import { count, timeText, who } from "./words";
import { Role } from "../gen/samspel/v1/role_pb";

/** showHub leads to the parts of the role split, with what waits in each. */
export function showHub(me: MeView, focus: boolean): Promise<void> {
  const st = standing(me);
  if (!st.inPair) return Promise.resolve(readersHub(focus));
  return load(
    focus,
    () => pair.getPairStatus({ organizationId: st.org }),
    (s) => {
      const entry = (id: string, href: string, text: string, waiting: string) =>
        h("li", null, link(href, text, { id }), waiting ? h("p", { class: "meta" }, h("span", { class: "badge" }, waiting)) : null);
      page(
        "samspel",
        "Samspel",
        [
          crisisBox(s),
          h(
            "ul",
            { class: "list places" },
            entry("to-roller", "/samspel/roller", "Rollfördelning", s.areaProposalsAwaitingYou ? count(s.areaProposalsAwaitingYou, "förslag väntar på dig", "förslag väntar på dig") : ""),
            entry("to-overenskommelser", "/samspel/overenskommelser", "Överenskommelser", s.agreementsAwaitingYou ? count(s.agreementsAwaitingYou, "väntar på ditt svar", "väntar på ditt svar") : ""),
            entry("to-avsteg", "/samspel/avsteg", "Avsteg och ersättare", s.deviationsToAcknowledge ? count(s.deviationsToAcknowledge, "att kvittera", "att kvittera") : ""),
            entry("to-instruktion", "/samspel/instruktion", "Instruktion för direktören", s.instructionReviewDue !== InstructionReviewDue.UNSPECIFIED ? "Dags att se över" : ""),
            entry("to-kris", "/samspel/kris", s.crisis ? "Kris: tillbaka till vardag" : "Kris eller vardag", ""),
          ),
        ],
        { focus },
      );
    },
  );
}

/** readersHub is the place for staff and administrators: the role split and the
 * instruction to read. Agreements, deviations and the crisis log are the pair's own. */
function readersHub(focus: boolean): void {
  page(
    "samspel",
    "Samspel",
    [
      p("Här läser du rollfördelningen mellan ordföranden och direktören och alla versioner av instruktionen. Det är ordföranden och direktören som ändrar dem."),
      h(
        "ul",
        { class: "list places" },
        h("li", null, link("/samspel/roller", "Rollfördelning", { id: "to-roller" })),
        h("li", null, link("/samspel/instruktion", "Instruktion för direktören", { id: "to-instruktion" })),
      ),
    ],
    { focus },
  );
}

/** crisisBox is the banner while the pair is in crisis. */
export function crisisBox(s: GetPairStatusResponse): HTMLElement | null {
  if (!s.crisis) return null;
  return h(
    "div",
    { id: "crisis-banner", class: "crisis-banner", role: "region", "aria-label": "Kris" },
    h("p", null, h("strong", null, "Kris: "), s.crisis.reason),
    p(`Sedan ${timeText(s.crisis.startTime)}, ${who(s.crisis.startedBy, Role.UNSPECIFIED)}. I kris hålls rollerna striktare än i vardagen.`),
  );
}

/** showCrisis switches between crisis and everyday work and shows the term's crisis log. */
export function showCrisis(me: MeView, focus: boolean, problem?: Problem): Promise<void> {
  const st = standing(me);
  return load(
    focus,
    async () => {
      const [status, log] = await Promise.all([
        pair.getPairStatus({ organizationId: st.org }),
        pair.listCrisisPeriods({ organizationId: st.org, pageSize: 100 }),
      ]);
      return { status, log: log.crisisPeriods };
    },
    ({ status, log }) => {
      const reason = textarea({
        id: "crisis-reason",
        label: status.crisis ? "Hur slutade det? (frivilligt)" : "Varför går ni in i kris?",
        error: errorFor(problem, "crisis-reason"),
      });
      const redraw = (pr: Problem) => void showCrisis(me, true, pr);
      page(
        "kris",
        status.crisis ? "Kris" : "Vardag",
        [
          crisisBox(status),
          status.crisis
            ? p("När krisen är över går ni tillbaka till vardag. Perioden sparas i krisloggen.")
            : p("I kris ska ni hålla era roller striktare än i vardagen. Startskärmen visar rollfördelningen först, och ett avsteg måste ha ett skäl."),
          form(
            "crisis-form",
            status.crisis ? "Tillbaka till vardag" : "Gå in i kris",
            () => {
              const text = reason.value().trim();
              if (!status.crisis) {
                const missing = required("crisis-reason", text, "Skriv varför");
                if (missing) return redraw(missing);
              }
              void act(async () => {
                if (status.crisis) {
                  await pair.endCrisis({ organizationId: st.org, note: text });
                  go("/samspel/kris", "Ni är tillbaka i vardag.");
                } else {
                  await pair.startCrisis({ organizationId: st.org, reason: text });
                  // Idag leads with the crisis banner and the role split: that says it.
                  go("/");
                }
              }, redraw);
            },
            reason.node,
          ),
          section(
            "krislogg",
            "Krisloggen för mandatperioden",
            log.length === 0
              ? p("Ingen kris under mandatperioden.")
              : h(
                  "ul",
                  { class: "list" },
                  log.map((c) =>
                    h("li", null, p(c.reason), p(`${timeText(c.startTime)} – ${c.endTime ? timeText(c.endTime) : "pågår"}`, "meta"), c.endNote && p(c.endNote)),
                  ),
                ),
          ),
        ],
        { focus, problem },
      );
    },
  );
}
