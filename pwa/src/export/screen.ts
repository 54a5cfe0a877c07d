// The export screen: choose a term and what to make of it, watch the file arrive over
// ExportService.ExportTerm (a grpc-web server stream: a header, then chunks), cancel if
// need be, and save it with a download link; the handover dossier can also be opened.
// Loaded on demand from ../export.ts.

import { createClient } from "@connectrpc/connect";
import { Code, codeOf, transport, unreachable } from "../api";
import { ExportKind, ExportService } from "../gen/samspel/v1/export_service_pb";
import { OrganizationService } from "../gen/samspel/v1/organization_service_pb";
import { TermService, type Term } from "../gen/samspel/v1/term_service_pb";
import { h } from "../render";
import type { RouteContext } from "../router";
import type { Problem } from "../ui";
import { form, p, page, radios, select } from "../samspel/view";

const exports = createClient(ExportService, transport);
const organizations = createClient(OrganizationService, transport);
const terms = createClient(TermService, transport);

const title = "Exportera";
// Where the screen is shown: under Mer, or the administrator's own place. The screen
// stops drawing, and an export stops fetching, once the person has left it.
let path = "/mer/export";

/** What each kind is called and what it holds, in the order the screen offers them. */
const kinds: { kind: ExportKind; label: string; hint: string }[] = [
  {
    kind: ExportKind.PERSONAL,
    label: "Min personliga export",
    hint: "Det du var med om under mandatperioden, med dina egna privata anteckningar och ingen annans. En ZIP-fil.",
  },
  {
    kind: ExportKind.HANDOVER,
    label: "Överlämning",
    hint: "En sida för den som tar över som ordförande eller direktör: instruktionen, rollfördelningen, det som är öppet och hur samspelet har fungerat.",
  },
  {
    kind: ExportKind.ARCHIVE,
    label: "Arkivpaket (E-ARK)",
    hint: "Organisationens allmänna handlingar från mandatperioden, för arkivet. Privata anteckningar ingår inte. En ZIP-fil.",
  },
];

/** TermChoice is a term the person may see, with the organisation's name when there are several. */
interface TermChoice {
  term: Term;
  label: string;
}

// What the screen last made: kept so the person can save or open it again, and released
// when the next export starts.
let made: { url: string; html: boolean } | null = null;
// The export under way, if any: cancelling aborts its call.
let running: AbortController | null = null;

/** showExport draws the form, with the finished term chosen when there is one. */
export async function showExport(ctx: RouteContext, opts: { problem?: Problem; termId?: string; kind?: ExportKind } = {}): Promise<void> {
  path = location.pathname;
  let choices: TermChoice[];
  try {
    choices = await termChoices();
  } catch (err) {
    if (location.pathname !== path) return;
    page("export", title, [p(unreachable(codeOf(err)) ? "Exporten kräver anslutning. Försök igen när du har nät." : "Mandatperioderna kan inte visas just nu. Försök igen om en stund.")], {
      focus: ctx.focus,
    });
    return;
  }
  if (location.pathname !== path) return;
  if (choices.length === 0) {
    page("export", title, [p("Du har ingen mandatperiod att exportera.")], { focus: ctx.focus });
    return;
  }
  const today = new Date().toISOString().slice(0, 10);
  // The newest term that has ended is what people export; otherwise the newest.
  const chosen = opts.termId ?? String((choices.find((c) => c.term.endDate < today) ?? choices[0])?.term.id ?? "");
  let allowed: ExportKind[];
  try {
    allowed = (await exports.getExportKinds({ termId: BigInt(chosen) })).kinds;
  } catch {
    allowed = [ExportKind.PERSONAL]; // everyone may make their own; the server decides the rest
  }
  if (location.pathname !== path) return;

  const term = select({
    id: "export-term",
    label: "Mandatperiod",
    options: choices.map((c) => [String(c.term.id), c.label]),
    value: chosen,
  });
  term.node.querySelector("select")?.addEventListener("change", () => void showExport({ ...ctx, focus: false }, { termId: term.value() }));
  const offered = kinds.filter((k) => allowed.includes(k.kind));
  const kind = radios({
    id: "export-kind",
    label: "Vad vill du exportera?",
    options: offered.map((k) => ({ value: String(k.kind), label: k.label, hint: k.hint })),
    value: String(opts.kind && allowed.includes(opts.kind) ? opts.kind : ExportKind.PERSONAL),
  });
  page(
    "export",
    title,
    [
      p("Hämta en mandatperiod som fil till telefonen eller datorn. Exporten kräver anslutning, och varje export loggas."),
      form("export-form", "Exportera", () => void run(ctx, BigInt(term.value()), Number(kind.value()) as ExportKind), term.node, kind.node),
      // The live region says only that the export began and how it ended; the bytes
      // counting up beside the bar would be read out on every chunk.
      h("div", { id: "export-status", role: "status" }),
      h("div", { id: "export-result" }),
    ],
    { focus: ctx.focus, problem: opts.problem },
  );
}

/** termChoices lists the terms of every organisation the person may see, newest first. */
async function termChoices(): Promise<TermChoice[]> {
  const orgs = (await organizations.listOrganizations({ pageSize: 50 })).organizations;
  const out: TermChoice[] = [];
  for (const org of orgs) {
    for (const t of (await terms.listTerms({ organizationId: org.id, pageSize: 20 })).terms) {
      const years = `${t.startDate.slice(0, 4)}–${t.endDate.slice(0, 4)}`;
      const state = t.current ? "pågår" : "avslutad";
      out.push({ term: t, label: `${orgs.length > 1 ? `${org.name}: ` : ""}${years} (${state})` });
    }
  }
  return out;
}

/** run makes the export: it shows the bytes as they come, and saves the file at the end. */
async function run(ctx: RouteContext, termId: bigint, kind: ExportKind): Promise<void> {
  if (running) return;
  const status = document.getElementById("export-status");
  const result = document.getElementById("export-result");
  const submit = document.getElementById("export-form-submit") as HTMLButtonElement | null;
  if (!status || !result) return;
  if (made) URL.revokeObjectURL(made.url);
  made = null;
  running = new AbortController();
  const controller = running;
  const text = h("p", { id: "export-progress-text" }, "Exporten börjar …");
  const bar = h("progress", { id: "export-progress", class: "export-progress", "aria-labelledby": "export-progress-text" });
  const cancel = h("button", { type: "button", id: "export-cancel", class: "button secondary", onclick: () => controller.abort() }, "Avbryt");
  status.replaceChildren(h("p", { class: "visually-hidden" }, "Exporten har börjat."));
  result.replaceChildren(text, bar, cancel);
  // On a phone the form fills the screen: bring the progress into view.
  result.scrollIntoView({ block: "center" });
  if (submit) submit.disabled = true;

  const parts: Uint8Array<ArrayBuffer>[] = [];
  let received = 0;
  let name = "";
  let type = "application/octet-stream";
  try {
    // No deadline: a big archive may take minutes, and the person can cancel.
    for await (const res of exports.exportTerm({ termId, kind }, { signal: controller.signal, timeoutMs: 0 })) {
      if (location.pathname !== path) controller.abort(); // the person left the screen: stop fetching
      if (res.part.case === "header") {
        name = res.part.value.fileName;
        type = res.part.value.contentType;
        text.textContent = `Hämtar ${name} …`;
      } else if (res.part.case === "chunk") {
        parts.push(res.part.value as Uint8Array<ArrayBuffer>);
        received += res.part.value.length;
        text.textContent = `Hämtar ${name}: ${size(received)} mottaget`;
      }
    }
  } catch (err) {
    running = null;
    if (location.pathname !== path) return;
    await showExport({ ...ctx, focus: true }, { problem: exportProblem(err, received, controller.signal.aborted), termId: String(termId), kind });
    return;
  }
  running = null;
  if (location.pathname !== path) return;
  if (submit) submit.disabled = false;
  const url = URL.createObjectURL(new Blob(parts, { type }));
  made = { url, html: type === "text/html" };
  status.replaceChildren(h("p", { id: "export-done", class: "notice" }, `Klart: ${name} (${size(received)}) sparas bland dina hämtade filer.`));
  // The bar stays, full, with what was received; the cancel button gives way to saving again.
  text.textContent = `Hela filen är mottagen: ${size(received)}.`;
  bar.max = 1;
  bar.value = 1;
  cancel.replaceWith(
    h(
      "div",
      { class: "actions" },
      h("a", { id: "export-save", class: "button secondary", href: url, download: name }, "Spara filen igen"),
      made.html && h("a", { id: "export-open", class: "button secondary", href: url, target: "_blank", rel: "noopener" }, "Öppna överlämningen"),
    ),
  );
  status.scrollIntoView({ block: "center" });
  // Saving starts at once, as a download link clicked for the person.
  document.getElementById("export-save")?.click();
}

/** exportProblem says why an export stopped, in words for the person. */
function exportProblem(err: unknown, received: number, cancelled: boolean): Problem {
  const title = "Ingen fil sparades";
  if (cancelled) return { title: "Exporten avbröts", message: "Du avbröt exporten. Ingen fil sparades." };
  const code = codeOf(err);
  if (code === Code.PermissionDenied) return { title, message: "Din roll får inte göra den här exporten. Arkivpaketet gör administratören eller en registrator." };
  if (code === Code.NotFound) return { title, message: "Mandatperioden finns inte, eller så får du inte se den." };
  if (unreachable(code)) {
    return received > 0
      ? { title, message: "Anslutningen bröts under exporten. Försök igen när du har stabilt nät." }
      : { title, message: "Ingen anslutning. Exporten kräver nät; försök igen när du har nät." };
  }
  return { title, message: "Något gick fel under exporten. Försök igen om en stund." };
}

/** size writes a byte count as Swedes read it: "312 kB", "1,4 MB". */
function size(n: number): string {
  if (n < 1000) return `${n} byte`;
  if (n < 1_000_000) return `${Math.round(n / 1000)} kB`;
  return `${(n / 1_000_000).toFixed(1).replace(".", ",")} MB`;
}
