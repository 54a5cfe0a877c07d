// The quick notes their author flagged "ta upp på nästa avstämning", offered on the
// author's next check-in: each with its words to edit before it goes on the agenda. The
// note itself stays the author's; only the words they choose reach the agenda.

import type { QuickNote } from "../gen/samspel/v1/note_service_pb";
import { draftOf } from "../notes/draft";
import { h, type Child } from "../render";
import { field, form, section } from "./ui";

/** raisedKey is the element id stem of note n's form. */
export function raisedKey(n: QuickNote): string {
  return `raise-${n.id}`;
}

/** raisedSection lists the flagged notes with a form each; add puts one on the agenda. */
export function raisedSection(notes: QuickNote[], errors: Record<string, string>, add: (n: QuickNote) => void): Child {
  if (notes.length === 0) return null;
  return section(
    "att-ta-upp",
    "Att ta upp från dina anteckningar",
    h(
      "p",
      { class: "hint" },
      "Du markerade de här anteckningarna ”Ta upp på nästa avstämning”. Bara du ser dem. " +
        "Det du lägger till på dagordningen syns för alla som deltar i avstämningen; anteckningen förblir din.",
    ),
    h(
      "ul",
      { id: "raised-notes", class: "list" },
      notes.map((n) => {
        const key = raisedKey(n);
        const d = draftOf(n.body);
        return h(
          "li",
          { class: "item", "data-note-id": n.id },
          form(
            key,
            "Lägg till på dagordningen",
            [
              field({ id: `${key}-title`, label: "Punkt på dagordningen", value: d.title, maxlength: 200, error: errors[`${key}-title`] }),
              field({ id: `${key}-description`, label: "Mer om punkten (valfritt)", type: "textarea", value: d.rest, maxlength: 4000 }),
            ],
            () => add(n),
            true,
          ),
        );
      }),
    ),
  );
}
