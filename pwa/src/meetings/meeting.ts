// One meeting: when and where, who sees it, the follow-up from earlier meetings
// (Uppföljning), the agenda both own, and what was written: notes, decisions, action
// items. Finalised notes change only by a correction that keeps the earlier text.

import { create } from "@bufbuild/protobuf";
import { FieldMaskSchema, timestampDate, type Timestamp } from "@bufbuild/protobuf/wkt";
import {
  ActionItemSchema,
  ActionItemStatus,
  DecisionSchema,
  MeetingKind,
  MeetingNoteSchema,
  MeetingSchema,
  MeetingSeriesSchema,
  MeetingStatus,
  OppositionTopic,
  type ActionItem,
  type AgendaItem,
  type Decision,
  type GetMeetingResponse,
  type Meeting,
  type MeetingNote,
  type MeetingSeries,
  type Revision,
} from "../gen/samspel/v1/meeting_service_pb";
import type { QuickNote } from "../gen/samspel/v1/note_service_pb";
import type { GetReflectionResponse } from "../gen/samspel/v1/reflection_service_pb";
import { notes as noteApi } from "../notes/client";
import { writesNotes } from "../notes/send";
import { store as storeNote } from "../notes/sync";
import { h, type Child } from "../render";
import type { RouteContext } from "../router";
import { showScreen, type Problem } from "../ui";
import type { RoleAssignment } from "../gen/samspel/v1/person_service_pb";
import { Role } from "../gen/samspel/v1/role_pb";
import type { MeView } from "../me";
import { meetings, opposition, people, reflections } from "./client";
import { actionStatus, dayLabel, kindLabel, names, statusLabel, when } from "./format";
import { raisedKey, raisedSection } from "./raised";
import { reflectionSection } from "./reflection";
import {
  button,
  checkbox,
  failed,
  field,
  focusLater,
  form,
  idOf,
  problemFor,
  section,
  select,
  ticket,
  value,
  checked,
  type Choice,
} from "./ui";

/** State is one meeting screen: what the server sent and what the person has opened. */
interface State {
  id: bigint;
  path: string;
  isCurrent: () => boolean;
  data: GetMeetingResponse;
  reflection: GetReflectionResponse | null;
  raised: QuickNote[]; // the viewer's flagged notes, when this is their next check-in
  open: Set<string>; // toggled parts: note forms, corrections, the cancel form, the finalise warning
  series: MeetingSeries | null; // fetched when the participants are to be changed
  candidates: RoleAssignment[]; // who may be invited: the majority and staff of the term
  errors: Record<string, string>; // field id -> what is wrong
  busy: boolean;
  me: MeView;
}

let shown: State | null = null;

/** showMeeting draws /moten/:id. With ?ny=1 it puts the cursor in the new-item field. */
export async function showMeeting(ctx: RouteContext): Promise<void> {
  const raw = ctx.params["id"] ?? "";
  const path = location.pathname;
  const isCurrent = ticket(path);
  if (!/^[0-9]{1,18}$/.test(raw)) {
    showScreen("meeting-missing", "Mötet finns inte", [h("p", null, "Det finns inget möte på den här adressen."), backLink()], { focus: ctx.focus });
    return;
  }
  const id = BigInt(raw);
  try {
    const [data, reflection, raised] = await fetchMeeting(id, ctx.me);
    if (!isCurrent()) return;
    shown = { id, path, isCurrent, data, reflection, raised, open: new Set(), errors: {}, busy: false, series: null, candidates: [], me: ctx.me };
    draw(shown, { focus: ctx.focus, focusId: ctx.query.get("ny") ? "new-item-title" : undefined });
  } catch (err) {
    if (!isCurrent()) return;
    failed("meeting", "Möte", err, () => void showMeeting({ ...ctx, focus: true }), ctx.focus);
  }
}

async function fetchMeeting(id: bigint, me: MeView): Promise<[GetMeetingResponse, GetReflectionResponse | null, QuickNote[]]> {
  const data = await meetings.getMeeting({ id });
  const reflection =
    data.meeting?.kind === MeetingKind.REFLEKTION ? await reflections.getReflection({ meetingId: id }) : null;
  return [data, reflection, await raisedNotes(data.meeting, me)];
}

/** raisedNotes are the viewer's notes flagged for the next check-in, if meeting m is
 * that check-in; the meeting shows without them if they cannot be fetched. */
async function raisedNotes(m: Meeting | undefined, me: MeView): Promise<QuickNote[]> {
  if (!m || m.kind !== MeetingKind.AVSTAMNING || m.status !== MeetingStatus.SCHEDULED || !writesNotes(me)) return [];
  try {
    const res = await noteApi.listNextCheckInQuickNotes({ organizationId: m.organizationId, pageSize: 50 });
    return res.nextCheckIn?.id === m.id ? res.quickNotes : [];
  } catch {
    return [];
  }
}

// Coming back to the app is when the other participant has most likely written
// something: fetch the meeting again, keeping what this person was typing.
document.addEventListener("visibilitychange", () => {
  const s = shown;
  if (document.visibilityState !== "visible" || !s || !s.isCurrent() || s.busy) return;
  void reload(s, {});
});

/** reload fetches the meeting again and redraws it, keeping typed text except in clear. */
async function reload(s: State, opts: { focusId?: string | undefined; clear?: string[] }): Promise<void> {
  const [data, reflection, raised] = await fetchMeeting(s.id, s.me);
  if (!s.isCurrent()) return;
  s.data = data;
  s.reflection = reflection;
  s.raised = raised;
  redraw(s, opts);
}

/** redraw draws the screen again without moving focus to the heading, keeping the
 * values of inputs that are still there (someone may be halfway through a note). */
function redraw(s: State, opts: { focusId?: string | undefined; clear?: string[]; problem?: Problem }): void {
  const kept = new Map<string, string | boolean>();
  document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>(
    "#main input[id], #main textarea[id], #main select[id]",
  ).forEach((el) => kept.set(el.id, el instanceof HTMLInputElement && el.type === "checkbox" ? el.checked : el.value));
  const active = document.activeElement?.id;
  draw(s, { focus: false, problem: opts.problem });
  for (const [id, v] of kept) {
    if (opts.clear?.includes(id)) continue;
    const el = document.getElementById(id) as HTMLInputElement | null;
    if (!el) continue;
    if (typeof v === "boolean") el.checked = v;
    else el.value = v;
  }
  if (!opts.problem) focusLater(opts.focusId ?? active);
}

/** act runs a change, then shows the meeting as it now is; a failure is told in the
 * error summary and changes nothing on the screen. */
async function act(
  s: State,
  what: string,
  call: () => Promise<unknown>,
  after: { focusId?: string; clear?: string[]; close?: string } = {},
): Promise<void> {
  if (s.busy) return;
  s.busy = true;
  try {
    await call();
    s.errors = {};
    if (after.close) s.open.delete(after.close);
    await reload(s, after);
  } catch (err) {
    if (s.isCurrent()) redraw(s, { problem: problemFor(err, what) });
  } finally {
    s.busy = false;
  }
}

/** invalid shows a form's own error: the field says what is wrong, the summary links to it. */
function invalid(s: State, fieldId: string, message: string): void {
  s.errors = { [fieldId]: message };
  redraw(s, { problem: { title: "Det finns ett fel", message, fieldId } });
}

function toggle(s: State, key: string, focusId?: string): void {
  if (s.open.has(key)) s.open.delete(key);
  else s.open.add(key);
  redraw(s, { focusId: s.open.has(key) ? focusId : key });
}

function draw(s: State, opts: { focus: boolean; problem?: Problem | undefined; focusId?: string | undefined }): void {
  const m = s.data.meeting;
  if (!m) return;
  showScreen("meeting", m.title, body(s, m), { focus: opts.focus, problem: opts.problem });
  if (!opts.problem) focusLater(opts.focusId);
}

/** writable is whether the shared record may still be written: not finalised, not cancelled. */
function writable(m: Meeting): boolean {
  return !m.finalized && m.status !== MeetingStatus.CANCELLED;
}

function body(s: State, m: Meeting): Child[] {
  const d = s.data;
  return [
    h("p", { id: "meeting-when", class: "date" }, `${kindLabel(m.kind)} · ${when(m)}`),
    h("p", { id: "meeting-status", class: statusClass(m) }, statusLine(m)),
    h(
      "p",
      { id: "meeting-visibility", class: "visibility" },
      m.kind === MeetingKind.REFLEKTION
        ? `Syns för: ${names(d.participants)}. Era svar delas bara om ni båda väljer det.`
        : `Syns för: ${names(d.participants)}.`,
    ),
    stateActions(s, m),
    s.reflection && reflectionSection(s.reflection, m, {
      save: (answers) => void act(s, "spara svaren", () => reflections.saveReflectionAnswers({ meetingId: s.id, answers }), { focusId: "reflection-save" }),
      submit: (answers, share) =>
        void act(s, "lämna svaren", async () => {
          await reflections.saveReflectionAnswers({ meetingId: s.id, answers });
          await reflections.submitReflection({ meetingId: s.id, share });
        }, { focusId: "reflection-mine-h" }),
      share: (share) => void act(s, "ändra delningen", () => reflections.submitReflection({ meetingId: s.id, share }), { focusId: "reflection-share-toggle" }),
    }),
    followUp(s, m),
    previousDecisions(s),
    agenda(s, m),
    raisedSection(s.raised, s.errors, (n) => raise(s, n)),
    decisions(s, m),
    actions(s, m),
    generalNotes(s, m),
    arrangements(s, m),
    neighbours(d),
  ];
}

function statusClass(m: Meeting): string {
  return m.status === MeetingStatus.MISSED ? "status status-warning" : "status";
}

function statusLine(m: Meeting): string {
  let line = statusLabel(m);
  if (m.status === MeetingStatus.CANCELLED && m.cancelReason) line += `: ${m.cancelReason}`;
  if (m.finalized) line += by(" av", m.finalizedBy?.displayName, m.finalizeTime);
  return line;
}

function by(prefix: string, name: string | undefined, at: Timestamp | undefined): string {
  const who = name ? `${prefix} ${name}` : "";
  return at ? `${who} ${dayLabel(isoOf(timestampDate(at)))}` : who;
}

function isoOf(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** stateActions: mark held, cancel, or finalise, with the plain warning finalising needs. */
function stateActions(s: State, m: Meeting): Child {
  const open = m.status === MeetingStatus.SCHEDULED || m.status === MeetingStatus.MISSED;
  const canFinalize = m.status === MeetingStatus.HELD && !m.finalized;
  if (!open && !canFinalize) return null;
  return h(
    "div",
    { class: "actions" },
    open && button("hold", "Mötet har hållits", () => void act(s, "markera mötet som hållet", () => meetings.holdMeeting({ id: s.id }), { focusId: "meeting-status" })),
    open &&
      h(
        "button",
        { type: "button", id: "cancel-open", class: "button secondary", "aria-expanded": String(s.open.has("cancel")), onclick: () => toggle(s, "cancel", "cancel-reason") },
        "Ställ in mötet",
      ),
    open &&
      s.open.has("cancel") &&
      form("cancel", "Ställ in mötet", [field({ id: "cancel-reason", label: "Varför ställs mötet in?", hint: "Ett inställt möte räknas inte som missat.", maxlength: 300, error: s.errors["cancel-reason"] })], () => {
        const reason = value("cancel-reason");
        if (!reason) return invalid(s, "cancel-reason", "Skriv varför mötet ställs in");
        void act(s, "ställa in mötet", () => meetings.cancelMeeting({ id: s.id, reason }), { close: "cancel", focusId: "meeting-status" });
      }),
    canFinalize &&
      h(
        "button",
        { type: "button", id: "finalize", class: "button", "aria-expanded": String(s.open.has("finalize")), onclick: () => toggle(s, "finalize", "finalize-warning") },
        "Justera anteckningarna",
      ),
    canFinalize &&
      s.open.has("finalize") &&
      h(
        "div",
        { id: "finalize-warning", class: "warning", tabindex: "-1" },
        h("p", null, "När anteckningarna är justerade blir de kommunens allmänna handling. De kan inte ändras i tysthet: en rättelse sparar den tidigare texten och skälet."),
        h("p", null, "Privata anteckningar påverkas inte."),
        button("finalize-confirm", "Justera", () => void act(s, "justera anteckningarna", () => meetings.finalizeMeeting({ id: s.id }), { close: "finalize", focusId: "meeting-status" })),
        button("finalize-cancel", "Avbryt", () => toggle(s, "finalize"), "secondary"),
      ),
  );
}

/** followUp is Uppföljning: open (and lately done) action items and unclosed items from earlier meetings. */
function followUp(s: State, m: Meeting): Child {
  const d = s.data;
  if (d.followUpActionItems.length === 0 && d.carriedOverItems.length === 0) return null;
  return section(
    "uppfoljning",
    "Uppföljning",
    d.followUpActionItems.length > 0 && [
      h("h3", null, "Åtgärder från tidigare möten"),
      h("ul", { id: "follow-up-actions", class: "list" }, d.followUpActionItems.map((a) => actionItem(s, m, a, true))),
    ],
    d.carriedOverItems.length > 0 && [
      h("h3", null, "Punkter som inte är klara"),
      h("ul", { id: "carried-items", class: "list" }, d.carriedOverItems.map((it) => agendaItem(s, m, it))),
    ],
  );
}

function previousDecisions(s: State): Child {
  const d = s.data;
  if (!d.previousMeeting || d.previousDecisions.length === 0) return null;
  return section(
    "previous-decisions",
    `Beslut förra mötet, ${dayLabel(d.previousMeeting.date)}`,
    h("ul", { class: "list" }, d.previousDecisions.map((x) => h("li", null, h("p", null, x.text), h("p", { class: "meta" }, takenBy(x))))),
  );
}

function agenda(s: State, m: Meeting): Child {
  const items = s.data.agendaItems;
  return section(
    "agenda",
    "Dagordning",
    items.length === 0
      ? h("p", { id: "agenda-empty" }, "Inga punkter ännu.")
      : h("ul", { id: "agenda-items", class: "list" }, items.map((it) => agendaItem(s, m, it))),
    writable(m) &&
      form(
        "new-item",
        "Lägg till punkt",
        [field({ id: "new-item-title", label: "Ny punkt på dagordningen", hint: `${s.data.participants.length > 2 ? "Alla deltagare" : "Båda"} kan lägga till punkter fram till mötet.`, maxlength: 200, error: s.errors["new-item-title"] })],
        () => {
          const title = value("new-item-title");
          if (!title) return invalid(s, "new-item-title", "Skriv vad punkten handlar om");
          void act(s, "lägga till punkten", () => meetings.addAgendaItem({ meetingId: s.id, title }), { focusId: "new-item-title", clear: ["new-item-title"] });
        },
        true,
      ),
  );
}

/** raise puts a flagged note on this check-in's agenda with the words in its form; the
 * phone's copy of the note learns at once that it is no longer flagged. */
function raise(s: State, n: QuickNote): void {
  const key = raisedKey(n);
  const title = value(`${key}-title`);
  if (!title) return invalid(s, `${key}-title`, "Skriv vad punkten handlar om");
  const description = value(`${key}-description`);
  void act(
    s,
    "lägga till punkten",
    async () => {
      const res = await noteApi.convertQuickNote({ id: n.id, revision: n.revision, meetingId: s.id, into: { case: "agendaItem", value: { title, description } } });
      await storeNote(s.me.id, res.quickNote).catch(() => {});
    },
    { focusId: "new-item-title" },
  );
}

/** agendaItem draws an item with its notes (earlier meetings' too) and what can be done with it. */
function agendaItem(s: State, m: Meeting, it: AgendaItem): HTMLElement {
  const key = idOf(it.id);
  const notes = s.data.notes.filter((n) => n.agendaItemId === it.id);
  const earlier = notes.filter((n) => n.meetingId !== m.id);
  const now = notes.filter((n) => n.meetingId === m.id);
  const closedHere = it.closed && it.closedMeetingId === m.id;
  const noteKey = `note-${key}`;
  return h(
    "li",
    { class: "item", "data-item-id": key },
    h("h3", { class: "item-title" }, it.title, it.closed && h("span", { class: "tag" }, "Klar")),
    h(
      "p",
      { class: "meta" },
      it.carriedOver ? `Från ${dayLabel(it.meetingDate)} · lagd av ${it.addedBy?.displayName ?? ""}` : `Lagd av ${it.addedBy?.displayName ?? ""}`,
      sourceNote(it.source?.kind),
    ),
    it.description && h("p", null, it.description),
    oppositionLine(s, m, it),
    earlier.length > 0 && [h("p", { class: "label-small" }, "Tidigare anteckningar"), noteList(s, m, earlier)],
    now.length > 0 && noteList(s, m, now),
    writable(m) &&
      h(
        "div",
        { class: "item-actions" },
        h(
          "button",
          { type: "button", id: `${noteKey}-open`, class: "button secondary small", "aria-expanded": String(s.open.has(noteKey)), onclick: () => toggle(s, noteKey, `${noteKey}-text`) },
          "Anteckna",
        ),
        !it.closed && button(`close-${key}`, "Klar", () => void act(s, "markera punkten som klar", () => meetings.closeAgendaItem({ id: it.id, meetingId: m.id }), { focusId: `reopen-${key}` }), "small"),
        closedHere && button(`reopen-${key}`, "Inte klar", () => void act(s, "öppna punkten igen", () => meetings.reopenAgendaItem({ id: it.id }), { focusId: `close-${key}` }), "small"),
      ),
    writable(m) &&
      s.open.has(noteKey) &&
      form(noteKey, "Spara anteckning", [field({ id: `${noteKey}-text`, label: `Anteckning om ${it.title}`, type: "textarea", maxlength: 10000, error: s.errors[`${noteKey}-text`] })], () => {
        const text = value(`${noteKey}-text`);
        if (!text) return invalid(s, `${noteKey}-text`, "Skriv anteckningen");
        void act(s, "spara anteckningen", () => meetings.addMeetingNote({ meetingId: m.id, agendaItemId: it.id, body: text }), {
          close: noteKey,
          focusId: `${noteKey}-open`,
          clear: [`${noteKey}-text`],
        });
      }),
  );
}

function noteList(s: State, m: Meeting, notes: MeetingNote[]): HTMLElement {
  return h("ul", { class: "notes" }, notes.map((n) => note(s, m, n)));
}

/** note draws one note with who wrote it, who sees it, and its corrections. */
function note(s: State, m: Meeting, n: MeetingNote): HTMLElement {
  const finalized = n.meetingId === m.id ? m.finalized : true; // earlier meetings' notes are shown, not edited, here
  return h(
    "li",
    { class: "note", "data-note-id": idOf(n.id) },
    h("p", { class: "note-body" }, n.body),
    h(
      "p",
      { class: "meta" },
      `${n.author?.displayName ?? ""}${n.meetingId !== m.id ? `, ${dayLabel(n.meetingDate)}` : ""} · ${n.private ? "Bara du ser den" : "Delad med deltagarna"}`,
    ),
    history(n.revisions),
    !n.private && n.meetingId === m.id && finalized &&
      correction(s, "note", n.id, n.body, (text, reason) =>
        meetings.updateMeetingNote({
          meetingNote: create(MeetingNoteSchema, { id: n.id, body: text }),
          updateMask: create(FieldMaskSchema, { paths: ["body"] }),
          correctionReason: reason,
        }),
      ),
  );
}

/** history shows the earlier texts of a corrected entry, always visible: a correction
 * must never look like the original. */
function history(revisions: Revision[]): Child {
  if (revisions.length === 0) return null;
  return h(
    "div",
    { class: "history" },
    h("p", { class: "label-small" }, revisions.length === 1 ? "Rättad. Tidigare lydelse:" : "Rättad. Tidigare lydelser:"),
    h(
      "ul",
      null,
      revisions.map((r) =>
        h(
          "li",
          null,
          h("p", { class: "previous-text" }, `”${r.previousText}”`),
          h("p", { class: "meta" }, `Rättad${by(" av", r.revisedBy?.displayName, r.reviseTime)}. Skäl: ${r.reason}`),
        ),
      ),
    ),
  );
}

/** correction offers "Rätta" on a finalised entry: the new text and why. */
function correction(s: State, kind: string, id: bigint, text: string, save: (text: string, reason: string) => Promise<unknown>): Child {
  const key = `correct-${kind}-${idOf(id)}`;
  return [
    h(
      "button",
      { type: "button", id: key, class: "button secondary small", "aria-expanded": String(s.open.has(key)), onclick: () => toggle(s, key, `${key}-text`) },
      "Rätta",
    ),
    s.open.has(key) &&
      form(
        `${key}-form`,
        "Spara rättelse",
        [
          h("p", { class: "hint" }, "Anteckningarna är justerade. Den tidigare texten och skälet sparas och syns för alla deltagare."),
          field({ id: `${key}-text`, label: "Rättad text", type: "textarea", value: text, maxlength: 10000, error: s.errors[`${key}-text`] }),
          field({ id: `${key}-reason`, label: "Varför rättas texten?", maxlength: 300, error: s.errors[`${key}-reason`] }),
        ],
        () => {
          const next = value(`${key}-text`);
          const reason = value(`${key}-reason`);
          if (!next) return invalid(s, `${key}-text`, "Skriv den rättade texten");
          if (!reason) return invalid(s, `${key}-reason`, "Skriv varför texten rättas");
          void act(s, "spara rättelsen", () => save(next, reason), { close: key, focusId: key, clear: [`${key}-text`, `${key}-reason`] });
        },
      ),
  ];
}

function participantChoices(s: State, none?: string): Choice[] {
  const people = s.data.participants.map((p) => ({ value: idOf(p.id), label: p.displayName }));
  return none ? [{ value: "0", label: none }, ...people] : people;
}

function itemChoices(s: State): Choice[] {
  return [
    { value: "0", label: "Ingen särskild punkt" },
    ...[...s.data.carriedOverItems, ...s.data.agendaItems].filter((it) => !it.closed).map((it) => ({ value: idOf(it.id), label: it.title })),
  ];
}

function itemTitle(s: State, id: bigint): string {
  return [...s.data.carriedOverItems, ...s.data.agendaItems].find((it) => it.id === id)?.title ?? "";
}

/** inPair: the chair and the director make a decision a precedent of the role split. */
function inPair(me: MeView): boolean {
  return me.memberships.some((ms) => ms.roles.some((r) => r.role === Role.CHAIR || r.role === Role.DIRECTOR));
}

function takenBy(x: Decision): string {
  return x.takenBy ? `Ställningstagande: ${x.takenBy.displayName}` : "Gemensamt beslut";
}

function decisions(s: State, m: Meeting): Child {
  const list = s.data.decisions;
  if (m.kind === MeetingKind.REFLEKTION) return null;
  return section(
    "decisions",
    "Beslut",
    list.length === 0
      ? h("p", null, "Inga beslut antecknade.")
      : h(
          "ul",
          { id: "decision-list", class: "list" },
          list.map((x) =>
            h(
              "li",
              { "data-decision-id": idOf(x.id) },
              h("p", { class: "note-body" }, x.text),
              h("p", { class: "meta" }, [takenBy(x), x.agendaItemId ? ` · Punkt: ${itemTitle(s, x.agendaItemId)}` : ""].join("")),
              history(x.revisions),
              inPair(s.me) && h("p", null, h("a", { href: `/samspel/prejudikat/nytt?beslut=${idOf(x.id)}&mote=${idOf(m.id)}`, class: "precedent-link" }, "Gör till prejudikat")),
              m.finalized &&
                correction(s, "decision", x.id, x.text, (text, reason) =>
                  meetings.updateDecision({
                    decision: create(DecisionSchema, { id: x.id, text }),
                    updateMask: create(FieldMaskSchema, { paths: ["text"] }),
                    correctionReason: reason,
                  }),
                ),
            ),
          ),
        ),
    writable(m) &&
      form(
        "decision",
        "Spara beslut",
        [
          field({ id: "decision-text", label: "Vad kom ni överens om?", type: "textarea", hint: "Skriv ner det medan ni sitter kvar.", maxlength: 2000, error: s.errors["decision-text"] }),
          select("decision-by", "Vem tog ställning?", participantChoices(s, s.data.participants.length > 2 ? "Alla, gemensamt" : "Båda, gemensamt")),
          select("decision-item", "Hör till punkt", itemChoices(s)),
        ],
        () => {
          const text = value("decision-text");
          if (!text) return invalid(s, "decision-text", "Skriv vad ni kom överens om");
          void act(
            s,
            "spara beslutet",
            () => meetings.addDecision({ meetingId: m.id, text, takenByPersonId: BigInt(value("decision-by") || "0"), agendaItemId: BigInt(value("decision-item") || "0") }),
            { focusId: "decision-text", clear: ["decision-text"] },
          );
        },
        true,
      ),
  );
}

function actions(s: State, m: Meeting): Child {
  const list = s.data.actionItems;
  if (m.kind === MeetingKind.REFLEKTION) return null;
  return section(
    "actions",
    "Åtgärder",
    list.length === 0 ? h("p", null, "Inga åtgärder antecknade.") : h("ul", { id: "action-list", class: "list" }, list.map((a) => actionItem(s, m, a, false))),
    writable(m) &&
      form(
        "action",
        "Spara åtgärd",
        [
          field({ id: "action-text", label: "Vad ska göras?", type: "textarea", maxlength: 2000, error: s.errors["action-text"] }),
          select("action-owner", "Vem gör det?", participantChoices(s)),
          field({ id: "action-due", label: "Klart senast", hint: "Valfritt. Försenade åtgärder syns på startsidan.", type: "date" }),
          select("action-item", "Hör till punkt", itemChoices(s)),
        ],
        () => {
          const text = value("action-text");
          if (!text) return invalid(s, "action-text", "Skriv vad som ska göras");
          void act(
            s,
            "spara åtgärden",
            () =>
              meetings.addActionItem({
                meetingId: m.id,
                text,
                ownerPersonId: BigInt(value("action-owner") || "0"),
                dueDate: value("action-due"),
                agendaItemId: BigInt(value("action-item") || "0"),
              }),
            { focusId: "action-text", clear: ["action-text", "action-due"] },
          );
        },
        true,
      ),
  );
}

/** actionItem draws an action item with its owner, due date and status, and a way to mark it done. */
function actionItem(s: State, m: Meeting, a: ActionItem, fromEarlier: boolean): HTMLElement {
  const key = idOf(a.id);
  const open = a.status === ActionItemStatus.OPEN;
  const meta = [
    `Ansvarig: ${a.owner?.displayName ?? ""}`,
    a.dueDate && `senast ${dayLabel(a.dueDate)}`,
    fromEarlier && `från ${dayLabel(a.meetingDate)}`,
  ].filter(Boolean);
  return h(
    "li",
    { class: "item", "data-action-id": key },
    h("p", { class: "note-body" }, a.text, " ", h("span", { class: a.overdue ? "tag tag-warning" : "tag" }, actionStatus(a.status, a.overdue))),
    h("p", { class: "meta" }, meta.join(" · ")),
    history(a.revisions),
    h(
      "div",
      { class: "item-actions" },
      open &&
        button(`action-done-${key}`, "Markera klar", () =>
          void act(s, "markera åtgärden som klar", () =>
            meetings.updateActionItem({
              actionItem: create(ActionItemSchema, { id: a.id, status: ActionItemStatus.DONE }),
              updateMask: create(FieldMaskSchema, { paths: ["status"] }),
            }), { focusId: `action-undo-${key}` }),
          "small",
        ),
      !open &&
        button(`action-undo-${key}`, "Inte klar", () =>
          void act(s, "öppna åtgärden igen", () =>
            meetings.updateActionItem({
              actionItem: create(ActionItemSchema, { id: a.id, status: ActionItemStatus.OPEN }),
              updateMask: create(FieldMaskSchema, { paths: ["status"] }),
            }), { focusId: `action-done-${key}` }),
          "small",
        ),
      !fromEarlier && m.finalized &&
        correction(s, "action", a.id, a.text, (text, reason) =>
          meetings.updateActionItem({
            actionItem: create(ActionItemSchema, { id: a.id, text }),
            updateMask: create(FieldMaskSchema, { paths: ["text"] }),
            correctionReason: reason,
          }),
        ),
    ),
  );
}

/** generalNotes are notes on the meeting as a whole, shared or private. */
function generalNotes(s: State, m: Meeting): Child {
  const list = s.data.notes.filter((n) => n.agendaItemId === 0n);
  return section(
    "notes",
    "Anteckningar om mötet",
    list.length > 0 && noteList(s, m, list),
    form(
      "general-note",
      "Spara anteckning",
      [
        field({
          id: "general-note-text",
          label: "Ny anteckning",
          type: "textarea",
          hint: writable(m) ? "Delas med deltagarna om du inte väljer privat." : "Anteckningarna är justerade: nya anteckningar blir privata.",
          maxlength: 10000,
          error: s.errors["general-note-text"],
        }),
        writable(m) && checkbox("general-note-private", "Bara för mig (privat anteckning)"),
      ],
      () => {
        const text = value("general-note-text");
        if (!text) return invalid(s, "general-note-text", "Skriv anteckningen");
        const priv = !writable(m) || checked("general-note-private");
        void act(s, "spara anteckningen", () => meetings.addMeetingNote({ meetingId: m.id, body: text, private: priv }), {
          focusId: "general-note-text",
          clear: ["general-note-text", "general-note-private"],
        });
      },
      true,
    ),
  );
}

function neighbours(d: GetMeetingResponse): Child {
  return h(
    "nav",
    { class: "pager", "aria-label": "Andra möten" },
    h(
      "ul",
      null,
      d.previousMeeting &&
        h("li", null, h("a", { id: "previous-meeting", href: `/moten/${idOf(d.previousMeeting.id)}` }, `Förra mötet, ${dayLabel(d.previousMeeting.date)}`)),
      d.nextMeeting && h("li", null, h("a", { id: "next-meeting", href: `/moten/${idOf(d.nextMeeting.id)}` }, `Nästa möte, ${dayLabel(d.nextMeeting.date)}`)),
      h("li", null, backLink()),
    ),
  );
}

/** arrangements: move this meeting, and who else is invited to the series (a note-taker
 * from the staff, the majority for a beredning). A reflection talk is the pair's alone. */
function arrangements(s: State, m: Meeting): Child {
  const movable = m.status === MeetingStatus.SCHEDULED || m.status === MeetingStatus.MISSED;
  const invitable = m.kind !== MeetingKind.REFLEKTION;
  if (!movable && !invitable) return null;
  return section(
    "arrangements",
    "Tid, plats och deltagare",
    h(
      "div",
      { class: "item-actions" },
      movable &&
        h("button", { type: "button", id: "move-open", class: "button secondary small", "aria-expanded": String(s.open.has("move")), onclick: () => toggle(s, "move", "move-date") }, "Flytta mötet"),
      invitable &&
        h("button", { type: "button", id: "participants-open", class: "button secondary small", "aria-expanded": String(s.open.has("participants")), onclick: () => void openParticipants(s) }, "Ändra deltagare"),
    ),
    movable && s.open.has("move") && moveForm(s, m),
    invitable && s.open.has("participants") && s.series && participantsForm(s, s.series),
  );
}

function moveForm(s: State, m: Meeting): HTMLElement {
  return form(
    "move",
    "Flytta mötet",
    [
      h("p", { class: "hint" }, "Bara det här mötet flyttas; resten av serien ligger kvar."),
      field({ id: "move-date", label: "Dag", type: "date", value: m.date, error: s.errors["move-date"] }),
      field({ id: "move-time", label: "Klockan", type: "time", value: m.startTime, error: s.errors["move-time"] }),
      field({ id: "move-place", label: "Plats", value: m.place, maxlength: 100 }),
    ],
    () => {
      const date = value("move-date");
      const time = value("move-time");
      if (!date) return invalid(s, "move-date", "Fyll i dagen");
      if (!/^\d\d:\d\d$/.test(time)) return invalid(s, "move-time", "Fyll i klockslaget som tt:mm");
      void act(
        s,
        "flytta mötet",
        () =>
          meetings.updateMeeting({
            meeting: create(MeetingSchema, { id: m.id, date, startTime: time, place: value("move-place") }),
            updateMask: create(FieldMaskSchema, { paths: ["date", "start_time", "place"] }),
          }),
        { close: "move", focusId: "meeting-when" },
      );
    },
  );
}

/** openParticipants fetches the series and who may be invited, then shows the form. */
async function openParticipants(s: State): Promise<void> {
  if (s.open.has("participants")) return toggle(s, "participants");
  const m = s.data.meeting;
  if (!m || s.busy) return;
  s.busy = true;
  try {
    const [series, roles] = await Promise.all([
      meetings.getMeetingSeries({ id: m.seriesId }),
      people.listRoleAssignments({ organizationId: m.organizationId, pageSize: 500 }),
    ]);
    if (!s.isCurrent()) return;
    s.series = series.meetingSeries ?? null;
    const invitable = [Role.MAJORITY, Role.STAFF, ...(m.kind === MeetingKind.AVSTAMNING ? [] : [Role.CHAIR, Role.DIRECTOR])];
    s.candidates = roles.roleAssignments.filter((r) => r.endDate === "" && invitable.includes(r.role));
    s.open.add("participants");
    redraw(s, { focusId: "participants-h" });
  } catch (err) {
    if (s.isCurrent()) redraw(s, { problem: problemFor(err, "hämta deltagarna") });
  } finally {
    s.busy = false;
  }
}

function participantsForm(s: State, series: MeetingSeries): HTMLElement {
  const invited = series.participants;
  const save = (ids: bigint[], what: string, focusId: string) =>
    void act(
      s,
      what,
      async () => {
        const res = await meetings.updateMeetingSeries({
          meetingSeries: create(MeetingSeriesSchema, { id: series.id, participants: ids.map((id) => ({ id })) }),
          updateMask: create(FieldMaskSchema, { paths: ["participants"] }),
        });
        s.series = res.meetingSeries ?? s.series;
      },
      { focusId },
    );
  // A person can hold more than one role; each is offered once, and not when invited.
  const seen = new Set(invited.map((p) => p.id));
  const choices: Choice[] = [];
  for (const r of s.candidates) {
    if (!r.person || seen.has(r.person.id)) continue;
    seen.add(r.person.id);
    choices.push({ value: idOf(r.person.id), label: r.person.displayName });
  }
  return h(
    "div",
    { class: "block-inner" },
    h("h3", { id: "participants-h", tabindex: "-1" }, "Inbjudna till serien"),
    series.kind === MeetingKind.AVSTAMNING && h("p", { class: "hint" }, "Ordföranden och direktören är alltid med. Bjud in en antecknare från staben om ni vill."),
    invited.length === 0
      ? h("p", null, "Ingen annan är inbjuden.")
      : h(
          "ul",
          { id: "participants-list", class: "list" },
          invited.map((p) =>
            h(
              "li",
              null,
              h("span", null, p.displayName, " "),
              button(`participant-remove-${idOf(p.id)}`, `Ta bort ${p.displayName}`, () =>
                save(invited.filter((x) => x.id !== p.id).map((x) => x.id), "ta bort deltagaren", "participants-h"), "small"),
            ),
          ),
        ),
    choices.length > 0 &&
      form("invite-participant", "Bjud in", [select("participant-new", "Bjud in", choices)], () =>
        save([...invited.map((x) => x.id), BigInt(value("participant-new") || "0")], "bjuda in", "participants-h"), true),
  );
}

function backLink(): HTMLElement {
  return h("a", { href: "/moten", class: "line-link" }, "Alla möten");
}

/** sourceNote says where an agenda item came from when it was not typed in. */
function sourceNote(kind: string | undefined): string {
  switch (kind) {
    case "quick_note":
      return " · från en snabbanteckning";
    case "agreement":
      return " · en överenskommelse som ska omprövas";
    default:
      return "";
  }
}

/** oppositionLine says whether the opposition is to hear of an item, and lets the
 * director or staff mark an item of a check-in "informera oppositionen". A beredning's
 * items are topics for the opposition already; keeping one from it is done, with a
 * reason, in the parity ledger under Mer. */
function oppositionLine(s: State, m: Meeting, it: AgendaItem): Child {
  const key = idOf(it.id);
  switch (it.oppositionTopic) {
    case OppositionTopic.INFORM:
      return h("p", { class: "meta", id: `opposition-${key}` }, "Oppositionen ska informeras om punkten.");
    case OppositionTopic.WITHHELD:
      return h("p", { class: "meta", id: `opposition-${key}` }, `Ej för oppositionen: ${it.withheldReason}`);
  }
  const canMark = s.me.memberships.some((ms) => ms.roles.some((r) => r.role === Role.DIRECTOR || r.role === Role.STAFF));
  if (!canMark || m.kind === MeetingKind.BEREDNING || m.kind === MeetingKind.REFLEKTION) return null;
  return h(
    "div",
    { class: "item-actions" },
    button(`inform-${key}`, "Informera oppositionen", () =>
      void act(s, "markera punkten för oppositionen", () => opposition.informOpposition({ agendaItemId: it.id }), { focusId: `opposition-${key}` }),
      "small",
    ),
  );
}
