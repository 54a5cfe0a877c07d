// The instruction for the director: versions, one version's text, a draft's editor, the
// board's adoption, the review reminder, and the diff between two versions. The pair
// reach it under /samspel/instruktion; everyone else in the organisation (the
// opposition) under /instruktion, where only adopted versions exist for them.

import type { MeView } from "../me";
import { h, mount, type Child } from "../render";
import {
  DiffOp,
  InstructionReviewDue,
  InstructionState,
  SectionChange,
  type DiffChunk,
  type InstructionVersion,
} from "../gen/samspel/v1/instruction_service_pb";
import type { Problem } from "../ui";
import { isoDate } from "../format";
import { instruction, orgOf, standing } from "./client";
import { act, button, errorFor, form, go, input, link, load, p, page, required, section, textarea } from "./view";
import { dayText, instructionStateName, reviewDueText, timeText } from "./words";

/** showVersions lists the versions the person may see, with the reminder to review. */
export function showVersions(me: MeView, base: string, focus: boolean, problem?: Problem): Promise<void> {
  const st = standing(me);
  return load(
    focus,
    async () => instruction.listInstructionVersions({ organizationId: await orgOf(st), pageSize: 100 }),
    (res) => {
      const adopted = res.versions.find((v) => v.state === InstructionState.ADOPTED);
      const draft = res.versions.find((v) => v.state === InstructionState.DRAFT);
      const reason = textarea({ id: "draft-reason", label: "Varför behövs en ny version?", error: errorFor(problem, "draft-reason") });
      const redraw = (pr: Problem) => void showVersions(me, base, true, pr);
      page(
        "instruktion",
        "Instruktion för direktören",
        [
          p("Styrelsen fastställer i en instruktion hur direktören ska leda förvaltningen (kommunallagen 7 kap. 2 §). Den är organisationens minne när ordföranden eller direktören slutar."),
          st.inPair && adopted && adopted.reviewDue !== InstructionReviewDue.UNSPECIFIED && reviewBox(adopted, base, redraw),
          section(
            "versioner",
            "Versioner",
            res.versions.length === 0
              ? p("Ingen instruktion är antagen ännu.")
              : h(
                  "ul",
                  { class: "list" },
                  res.versions.map((v) =>
                    h(
                      "li",
                      null,
                      link(`${base}/${v.id}`, `Version ${v.number}: ${v.title}`),
                      h("p", { class: "meta" }, h("span", { class: "tag" }, instructionStateName(v.state)), " ", adoptionText(v)),
                    ),
                  ),
                ),
          ),
          st.inPair &&
            !draft &&
            section(
              "ny-version",
              "Påbörja en ny version",
              p(adopted ? "Utkastet börjar som en kopia av den gällande versionen." : "Utkastet börjar tomt."),
              form("draft-form", "Påbörja utkast", () => {
                const missing = required("draft-reason", reason.value(), "Skriv varför");
                if (missing) return redraw(missing);
                void act(async () => {
                  const res = await instruction.createInstructionDraft({ organizationId: st.org, changeReason: reason.value().trim() });
                  go(`${base}/${res.version?.id ?? ""}`, "Utkastet är påbörjat.");
                }, redraw);
              }, reason.node),
            ),
        ],
        { focus, problem },
      );
    },
  );
}

function adoptionText(v: InstructionVersion): string {
  if (v.state === InstructionState.DRAFT) return `Ändrad ${timeText(v.updateTime)}`;
  return `Antagen ${dayText(v.boardDecisionDate)}, ${v.boardDecisionRef}`;
}

function reviewBox(v: InstructionVersion, base: string, redraw: (p: Problem) => void): HTMLElement {
  return h(
    "div",
    { id: "review-due", class: "callout" },
    p(reviewDueText(v.reviewDue)),
    h("button", {
      type: "button", id: "record-review", class: "button secondary",
      onclick: () => void act(async () => {
        await instruction.recordInstructionReview({ id: v.id });
        go(base, "Genomgången är registrerad.");
      }, redraw),
    }, "Vi har gått igenom den"),
  );
}

/** showVersion shows one version; a draft can be changed and its adoption recorded. */
export function showVersion(me: MeView, base: string, id: bigint, focus: boolean, problem?: Problem): Promise<void> {
  const st = standing(me);
  return load(
    focus,
    () => instruction.getInstructionVersion({ id }),
    (res) => {
      const v = res.version!;
      const redraw = (pr: Problem) => void showVersion(me, base, id, true, pr);
      const compareWith = v.basedOnId || v.supersededById;
      const body: Child[] = [
        h("p", { id: "version-state" }, h("span", { class: "tag" }, instructionStateName(v.state)), ` Version ${v.number}`),
        v.state !== InstructionState.DRAFT && p(`Antagen av styrelsen ${dayText(v.boardDecisionDate)}, ${v.boardDecisionRef}.`),
        v.state === InstructionState.ADOPTED &&
          p(st.inPair ? "Den gällande versionen är ett beslut av styrelsen och kan inte ändras. Påbörja en ny version för att ändra den." : "Den gällande versionen är ett beslut av styrelsen och kan inte ändras.", "hint"),
        v.changeReason && p(`Varför: ${v.changeReason}`, "meta"),
        compareWith !== 0n &&
          h("p", null, link(`${base}/jamfor?fran=${v.basedOnId || v.id}&till=${v.basedOnId ? v.id : v.supersededById}`, v.basedOnId ? "Jämför med versionen den bygger på" : "Jämför med versionen som ersatte den", { id: "compare", class: "line-link" })),
      ];
      if (v.state === InstructionState.DRAFT && st.inPair) {
        body.push(editor(v, base, problem, redraw), adoptForm(v, base, problem, redraw), deleteDraft(v, base, redraw));
      } else {
        body.push(v.sections.map((s) => h("section", { class: "instruction-section" }, h("h2", null, s.heading), paragraphs(s.body))));
      }
      page("instruktion-version", v.title, body, { focus, problem });
    },
  );
}

function paragraphs(text: string): Child[] {
  return text.split(/\n\s*\n/).filter(Boolean).map((t) => p(t));
}

/** editor edits a draft's title and sections; each save replaces the sections. */
function editor(v: InstructionVersion, base: string, problem: Problem | undefined, redraw: (p: Problem) => void): HTMLElement {
  const title = input({ id: "draft-title", label: "Rubrik", value: v.title, error: errorFor(problem, "draft-title") });
  const fields = v.sections.map((s, i) => ({
    heading: input({ id: `section-${i}-heading`, label: `Avsnitt ${i + 1}: rubrik`, value: s.heading, error: errorFor(problem, `section-${i}-heading`) }),
    body: textarea({ id: `section-${i}-body`, label: `Avsnitt ${i + 1}: text`, value: s.body, rows: 6, maxlength: 20000 }),
  }));
  const added = {
    heading: input({ id: "section-new-heading", label: "Nytt avsnitt: rubrik", hint: "Lämna tomt om du inte vill lägga till något." }),
    body: textarea({ id: "section-new-body", label: "Nytt avsnitt: text", rows: 4, maxlength: 20000 }),
  };
  const save = () => {
    const sections = fields
      .map((f) => ({ heading: f.heading.value().trim(), body: f.body.value().trim() }))
      .filter((s) => s.heading !== "" || s.body !== "");
    const missingTitle = required("draft-title", title.value(), "Skriv en rubrik");
    if (missingTitle) return redraw(missingTitle);
    const blank = fields.findIndex((f) => f.heading.value().trim() === "" && f.body.value().trim() !== "");
    if (blank >= 0) return redraw({ title: "Det gick inte att spara", message: "Varje avsnitt behöver en rubrik", fieldId: `section-${blank}-heading` });
    if (added.heading.value().trim()) sections.push({ heading: added.heading.value().trim(), body: added.body.value().trim() });
    void act(
      async () => {
        await instruction.updateInstructionDraft({
          version: { id: v.id, title: title.value().trim(), sections },
          updateMask: { paths: ["title", "sections"] },
        });
        go(`${base}/${v.id}`, "Utkastet är sparat.");
      },
      redraw,
      { title: "Det gick inte att spara", message: "Två avsnitt kan inte ha samma rubrik.", fieldId: "draft-title" },
    );
  };
  return section(
    "redigera",
    "Redigera utkastet",
    p("Töm ett avsnitts rubrik och text för att ta bort det."),
    form("draft-edit-form", "Spara utkastet", save, title.node, fields.map((f) => [f.heading.node, f.body.node]), added.heading.node, added.body.node),
  );
}

function adoptForm(v: InstructionVersion, base: string, problem: Problem | undefined, redraw: (p: Problem) => void): HTMLElement {
  const date = input({ id: "board-date", label: "Styrelsens beslutsdatum", type: "date", value: isoDate(new Date()), error: errorFor(problem, "board-date") });
  const ref = input({ id: "board-ref", label: "Paragraf", hint: "Till exempel KS 2023-02-14 § 12.", error: errorFor(problem, "board-ref"), maxlength: 100 });
  return section(
    "anta",
    "Registrera styrelsens beslut",
    p("När styrelsen har antagit utkastet blir det den gällande versionen och kan inte ändras längre. Den tidigare versionen blir ersatt."),
    form("adopt-form", "Registrera beslutet", () => {
      const missing = required("board-date", date.value(), "Välj datum för beslutet") ?? required("board-ref", ref.value(), "Skriv beslutets paragraf");
      if (missing) return redraw(missing);
      void act(
        async () => {
          await instruction.adoptInstructionVersion({ id: v.id, boardDecisionDate: date.value(), boardDecisionRef: ref.value().trim() });
          go(`${base}/${v.id}`, "Beslutet är registrerat. Versionen gäller nu.");
        },
        redraw,
        { title: "Det gick inte att registrera beslutet", message: "Datumet kan inte ligga i framtiden eller före den gällande versionens beslut, och utkastet måste ha text.", fieldId: "board-date" },
      );
    }, date.node, ref.node),
  );
}

/** deleteDraft removes a draft after asking once; adopted versions are never deleted. */
function deleteDraft(v: InstructionVersion, base: string, redraw: (p: Problem) => void): HTMLElement {
  const part = section("ta-bort", "Ta bort utkastet");
  const ask = (): void =>
    mount(
      part,
      h("h2", { id: "ta-bort-h" }, "Ta bort utkastet"),
      p("Bara utkastet tas bort. De antagna versionerna finns kvar."),
      button("delete-draft", "Ta bort utkastet", confirm, true),
    );
  const confirm = (): void => {
    mount(
      part,
      h("h2", { id: "ta-bort-h" }, "Ta bort utkastet"),
      p(`Vill du ta bort utkastet till version ${v.number} för gott?`),
      h(
        "div",
        { class: "button-row" },
        button("delete-draft-yes", "Ja, ta bort det", () =>
          void act(async () => {
            await instruction.deleteInstructionDraft({ id: v.id });
            go(base, "Utkastet är borttaget.");
          }, redraw),
        ),
        button("delete-draft-no", "Nej, behåll det", ask, true),
      ),
    );
    document.getElementById("delete-draft-yes")?.focus();
  };
  ask();
  return part;
}

const sectionWords: Record<number, string> = {
  [SectionChange.UNCHANGED]: "Oförändrat",
  [SectionChange.CHANGED]: "Ändrat",
  [SectionChange.ADDED]: "Nytt",
  [SectionChange.REMOVED]: "Borttaget",
};

/** showDiff shows what changed between two versions: removed text struck through,
 * added text marked, and each said in words for screen readers. */
export function showDiff(base: string, query: URLSearchParams, focus: boolean): Promise<void> {
  return load(
    focus,
    () => instruction.diffInstructionVersions({ fromId: BigInt(query.get("fran") ?? "0"), toId: BigInt(query.get("till") ?? "0") }),
    (d) => {
      const changed = d.sections.filter((s) => s.change !== SectionChange.UNCHANGED);
      page(
        "jamforelse",
        `Version ${d.from?.number ?? ""} jämförd med version ${d.to?.number ?? ""}`,
        [
          p(`${changed.length} av ${d.sections.length} avsnitt skiljer sig. Borttagen text är överstruken, ny text är markerad.`),
          d.titleChunks.some((c) => c.op !== DiffOp.EQUAL) && h("p", null, "Rubrik: ", chunks(d.titleChunks)),
          d.sections.map((s) =>
            h(
              "section",
              { class: `diff-section diff-${sectionWords[s.change]?.toLowerCase() ?? ""}` },
              h("h2", null, s.heading, " ", h("span", { class: "tag" }, sectionWords[s.change] ?? "")),
              s.change === SectionChange.UNCHANGED ? null : h("div", { class: "diff-body" }, chunks(s.chunks)),
            ),
          ),
          h("p", null, link(`${base}/${d.to?.id ?? ""}`, `Till version ${d.to?.number ?? ""}`, { class: "line-link" })),
        ],
        { focus },
      );
    },
  );
}

function chunks(list: DiffChunk[]): Child[] {
  return list.map((c) => {
    if (c.op === DiffOp.INSERT) return h("ins", null, h("span", { class: "visually-hidden" }, "[tillagt: "), c.text, h("span", { class: "visually-hidden" }, "]"));
    if (c.op === DiffOp.DELETE) return h("del", null, h("span", { class: "visually-hidden" }, "[borttaget: "), c.text, h("span", { class: "visually-hidden" }, "]"));
    return c.text;
  });
}
