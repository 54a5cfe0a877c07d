// Turning an inbox note into an action item of the author's next check-in or, for the
// director, into a topic for the opposition's briefings (an agenda item of that check-in
// marked "informera oppositionen"). The note stays the author's: only the words in the
// form reach the check-in.

import type { Person } from "../gen/samspel/v1/person_service_pb";
import type { Meeting } from "../gen/samspel/v1/meeting_service_pb";
import type { MessageInitShape } from "@bufbuild/protobuf";
import type { ConvertQuickNoteRequestSchema, QuickNote } from "../gen/samspel/v1/note_service_pb";
import { meetings } from "../meetings/client";
import { dayLabel } from "../meetings/format";
import { field, form, select, value } from "../meetings/ui";
import { h } from "../render";
import type { Note } from "./cache";
import { notes as api } from "./client";
import { draftOf } from "./draft";

/** Into is what an inbox note becomes. */
export type Into = "action" | "topic";

/** Target is the author's next check-in and who takes part in it. */
export interface Target {
  meeting: Meeting;
  participants: Person[];
}

/** nextTarget fetches the author's next check-in and its participants; null when none
 * is scheduled. */
export async function nextTarget(): Promise<Target | null> {
  const res = await api.listNextCheckInQuickNotes({ pageSize: 1 });
  const m = res.nextCheckIn;
  if (!m) return null;
  const view = await meetings.getMeeting({ id: m.id });
  return { meeting: m, participants: view.participants };
}

/** Done words, for the flash after a conversion. */
export function doneWords(into: Into, t: Target): string {
  const day = dayLabel(t.meeting.date);
  return into === "action"
    ? `Anteckningen är nu en åtgärd på avstämningen ${day}.`
    : `Anteckningen är nu ett ämne för oppositionsdragning, på avstämningen ${day}.`;
}

/** Request is a ConvertQuickNoteRequest to send. */
export type Request = MessageInitShape<typeof ConvertQuickNoteRequestSchema>;

/** convertForm is the form that turns note n into what into says, on target t. submit
 * gets the request, or a message for the field at fault (by element id). */
export function convertForm(
  n: Note,
  into: Into,
  t: Target,
  me: string,
  errors: Record<string, string>,
  submit: (req: Request | { fieldId: string; message: string }) => void,
  cancel: () => void,
): HTMLElement {
  const key = `${into}-${n.id}`;
  const day = dayLabel(t.meeting.date);
  const d = draftOf(n.body);
  const head = { id: n.id, revision: BigInt(n.revision), meetingId: t.meeting.id };
  const fields =
    into === "action"
      ? [
          h("p", { class: "hint" }, `Åtgärden hamnar på avstämningen ${day} och syns för alla som deltar. Anteckningen förblir din.`),
          field({ id: `${key}-text`, label: "Vad ska göras?", type: "textarea", value: n.body.trim().slice(0, 2000), maxlength: 2000, error: errors[`${key}-text`] }),
          select(`${key}-owner`, "Vem gör det?", t.participants.map((p) => ({ value: p.id.toString(), label: p.displayName })), me),
          field({ id: `${key}-due`, label: "Klart senast", hint: "Valfritt.", type: "date" }),
        ]
      : [
          h(
            "p",
            { class: "hint" },
            `Ämnet blir en punkt på avstämningen ${day}, markerad ”informera oppositionen”, så att oppositionen ska få en dragning om det. Punkten syns för alla som deltar i avstämningen. Anteckningen förblir din.`,
          ),
          field({ id: `${key}-title`, label: "Ämne", value: d.title, maxlength: 200, error: errors[`${key}-title`] }),
          field({ id: `${key}-description`, label: "Mer om ämnet (valfritt)", type: "textarea", value: d.rest, maxlength: 4000 }),
        ];
  const el = form(
    key,
    into === "action" ? "Lägg till åtgärden" : "Lägg till ämnet",
    fields,
    () => {
      if (into === "action") {
        const text = value(`${key}-text`);
        if (!text) return submit({ fieldId: `${key}-text`, message: "Skriv vad som ska göras" });
        return submit({ ...head, into: { case: "actionItem", value: { text, ownerPersonId: BigInt(value(`${key}-owner`) || "0"), dueDate: value(`${key}-due`) } } });
      }
      const title = value(`${key}-title`);
      if (!title) return submit({ fieldId: `${key}-title`, message: "Skriv vad ämnet är" });
      submit({ ...head, into: { case: "oppositionTopic", value: { title, description: value(`${key}-description`) } } });
    },
  );
  el.append(" ", h("button", { type: "button", id: `${key}-cancel`, class: "button secondary", onclick: cancel }, "Avbryt"));
  return el;
}

/** convert sends the request and returns the note as it now is. */
export async function convert(req: Request): Promise<QuickNote | undefined> {
  return (await api.convertQuickNote(req)).quickNote;
}
