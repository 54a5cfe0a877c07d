// A reflection talk (reflektionssamtal): the report's five questions. Each party's
// answers are their own until both have answered, and reach the other only if both
// choose to share; the server enforces it, this screen only says it plainly.

import { create } from "@bufbuild/protobuf";
import type { Meeting } from "../gen/samspel/v1/meeting_service_pb";
import {
  ReflectionAnswerSchema,
  type GetReflectionResponse,
  type ReflectionAnswer,
} from "../gen/samspel/v1/reflection_service_pb";
import { h, type Child } from "../render";
import { button, checkbox, checked, field, form, section, value } from "./ui";

/** ReflectionActions are what the meeting screen does when the person acts. */
export interface ReflectionActions {
  save: (answers: ReflectionAnswer[]) => void;
  submit: (answers: ReflectionAnswer[], share: boolean) => void;
  share: (share: boolean) => void;
}

export function reflectionSection(r: GetReflectionResponse, _m: Meeting, act: ReflectionActions): Child {
  const mine = r.mine;
  const other = r.other;
  const otherName = other?.person?.displayName ?? "den andra";
  const answerOf = (answers: ReflectionAnswer[], n: number) => answers.find((a) => a.questionNumber === n)?.text ?? "";
  const typed = () =>
    r.questions.map((q) => create(ReflectionAnswerSchema, { questionNumber: q.number, text: value(`answer-${q.number}`) }));

  const own: Child = !mine?.answered
    ? form(
        "reflection",
        "Lämna mina svar",
        [
          h("p", { class: "hint", id: "reflection-privacy" }, `Dina svar syns bara för dig. ${otherName} ser dem först när ni båda har svarat, och bara om ni båda väljer att dela.`),
          r.questions.map((q) =>
            field({ id: `answer-${q.number}`, label: `${q.number}. ${q.text}`, type: "textarea", value: answerOf(mine?.answers ?? [], q.number), maxlength: 4000 }),
          ),
          checkbox("reflection-share", `Dela mina svar med ${otherName} när vi båda har svarat`, true),
          button("reflection-save", "Spara utkast", () => act.save(typed()), "secondary"),
        ],
        () => act.submit(typed(), checked("reflection-share")),
      )
    : [
        h("h3", { id: "reflection-mine-h", tabindex: "-1" }, "Dina svar"),
        answerList("reflection-mine", r, mine.answers),
        h("p", { id: "reflection-share-status" }, mine.shares ? `Du delar dina svar med ${otherName}.` : "Du delar inte dina svar."),
        button("reflection-share-toggle", mine.shares ? "Sluta dela mina svar" : "Dela mina svar", () => act.share(!mine.shares), "secondary"),
      ];

  let theirs: Child;
  if (!other) {
    theirs = h("p", { id: "reflection-other-status" }, "Det finns ingen andra part för det här samtalet.");
  } else if (other.answers.length > 0) {
    theirs = [h("h3", null, `${otherName}s svar`), answerList("reflection-other", r, other.answers)];
  } else {
    theirs = h("p", { id: "reflection-other-status" }, otherStatus(otherName, mine?.answered ?? false, mine?.shares ?? false, other.answered, other.shares));
  }
  return section("reflection", "Reflektion", own, h("div", { class: "block-inner" }, theirs));
}

function otherStatus(name: string, iAnswered: boolean, iShare: boolean, theyAnswered: boolean, theyShare: boolean): string {
  if (!theyAnswered) return `${name} har inte svarat än.`;
  if (!iAnswered) return `${name} har svarat. Ni ser varandras svar när du också har svarat, om ni båda delar.`;
  if (!iShare) return `${name} har svarat. Ni ser inte varandras svar eftersom du inte delar dina.`;
  if (!theyShare) return `${name} har valt att inte dela sina svar.`;
  return `${name} har svarat.`;
}

function answerList(id: string, r: GetReflectionResponse, answers: ReflectionAnswer[]): HTMLElement {
  return h(
    "dl",
    { id, class: "answers" },
    r.questions.map((q) => [h("dt", null, `${q.number}. ${q.text}`), h("dd", null, answers.find((a) => a.questionNumber === q.number)?.text || "–")]),
  );
}
