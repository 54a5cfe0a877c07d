// "Mina inloggningar" under Mer: a person's passkeys (add, name, remove, never the last)
// and the places they are signed in (each can be signed out from here).

import { Code, codeOf, passkeys, sessions, unreachable } from "./api";
import { shortDate } from "./format";
import type { Passkey } from "./gen/samspel/v1/passkey_service_pb";
import { SignInMethod, type Session } from "./gen/samspel/v1/session_service_pb";
import { createPasskey, PasskeyError, passkeyMessage } from "./passkey";
import { administersOnly, type MeView } from "./me";
import { h, type Child } from "./render";
import { registerPlace, registerRoute } from "./router";
import { showScreen, type Problem } from "./ui";

/** MoreLink is one entry on the Mer screen. */
export interface MoreLink {
  id: string;
  label: string;
  path: string;
  order: number;
  visible?: (me: MeView) => boolean; // shown to everyone when left out
}

const moreLinks: MoreLink[] = [];

/** registerMoreLink adds an entry to the Mer screen (settings, export, follow-up ...). */
export function registerMoreLink(l: MoreLink): void {
  moreLinks.push(l);
  moreLinks.sort((a, b) => a.order - b.order);
}

// Signing out, set by the app shell; offered here to those whose bar has no Idag.
let signOut: ((me: MeView) => void) | null = null;

/** setSignOut gives the Mer screen the app's sign-out. */
export function setSignOut(fn: (me: MeView) => void): void {
  signOut = fn;
}

/** showMore draws the Mer screen: its links and, for an administrator with no Idag,
 * the sign-out button that Idag has for everyone else. */
export function showMore(me: MeView, opts: { focus: boolean; problem?: Problem }): void {
  const out = signOut;
  showScreen(
    "mer",
    "Mer",
    [
      h("ul", { class: "links" }, moreLinks.filter((l) => !l.visible || l.visible(me)).map((l) => h("li", null, h("a", { id: `more-${l.id}`, href: l.path }, l.label)))),
      administersOnly(me) &&
        out &&
        h(
          "div",
          { class: "actions" },
          h("p", { id: "who", class: "who" }, `Inloggad som ${me.name}, administratör.`),
          h("button", { type: "button", id: "sign-out", class: "button secondary", onclick: () => out(me) }, "Logga ut"),
        ),
    ],
    opts,
  );
}

registerPlace({ id: "mer", label: "Mer", path: "/mer", order: 90, visible: () => true });
registerRoute({ pattern: "/mer", place: "mer", show: ({ focus, me }) => showMore(me, { focus }) });
registerMoreLink({ id: "logins", label: "Mina inloggningar", path: "/mer/inloggningar", order: 10 });
registerRoute({ pattern: "/mer/inloggningar", place: "mer", show: ({ focus }) => showLogins({ focus }) });

const title = "Mina inloggningar";

// What the screen is doing with one passkey: renaming it, or asking before removing it.
let editing: { id: bigint; mode: "rename" | "delete" } | null = null;

interface ShowOptions {
  focus: boolean;
  problem?: Problem | undefined;
  notice?: string;
}

/** showLogins fetches the person's passkeys and sessions and shows them. */
export async function showLogins(opts: ShowOptions): Promise<void> {
  let keys: Passkey[];
  let list: Session[];
  try {
    const [k, s] = await Promise.all([passkeys.listPasskeys({ pageSize: 100 }), sessions.listSessions({ pageSize: 100 })]);
    keys = k.passkeys;
    list = s.sessions;
  } catch (err) {
    showScreen("logins", title, [h("p", null, "Dina inloggningar kan inte visas just nu.")], {
      focus: opts.focus,
      problem: callProblem("Det gick inte att hämta dina inloggningar", err),
    });
    return;
  }
  if (editing && !keys.some((k) => k.id === editing?.id)) editing = null;
  showScreen(
    "logins",
    title,
    [
      opts.notice && h("p", { id: "notice", class: "notice", role: "status" }, opts.notice),
      h("h2", null, "Nycklar"),
      h("p", { class: "hint" }, "Med en nyckel loggar du in med telefonens fingeravtryck, ansikte eller kod. Ingen annan kan använda den."),
      h("ul", { class: "rows", id: "passkeys" }, keys.map((k) => passkeyRow(k, keys.length))),
      keys.length === 1 &&
        h("p", { class: "hint", id: "only-passkey" }, "Det här är din enda nyckel. Lägg till en till innan du tar bort den."),
      h("h3", null, "Lägg till en nyckel"),
      passkeyNameForm("new-passkey", "Lägg till nyckel", async (name) => {
        const problem = await addPasskey(name);
        await showLogins(problem ? { focus: true, problem } : { focus: true, notice: "Nyckeln har lagts till." });
      }),
      h("h2", null, "Inloggade enheter"),
      h("p", { class: "hint" }, "Här är du inloggad just nu. Känner du inte igen en enhet, logga ut den."),
      h("ul", { class: "rows", id: "sessions" }, list.map(sessionRow)),
    ],
    { focus: opts.focus, problem: opts.problem },
  );
}

function passkeyRow(k: Passkey, count: number): Child {
  const id = String(k.id);
  const used = k.lastUseTime ? `Senast använd ${when(k.lastUseTime.seconds)}` : "Inte använd än";
  const added = k.createTime ? `Tillagd ${when(k.createTime.seconds)}` : "";
  let actions: Child;
  if (editing?.id === k.id && editing.mode === "rename") {
    actions = renameForm(k);
  } else if (editing?.id === k.id && editing.mode === "delete") {
    actions = h(
      "div",
      { class: "confirm" },
      h("p", null, `Vill du ta bort ${k.name}? Du kan inte logga in med den efter det.`),
      h("button", { type: "button", id: `confirm-delete-passkey-${id}`, class: "button warning", onclick: () => void remove(k) }, "Ja, ta bort"),
      " ",
      h("button", { type: "button", class: "button secondary", onclick: () => edit(null) }, "Avbryt"),
    );
  } else {
    actions = h(
      "div",
      { class: "row-actions" },
      h("button", { type: "button", id: `rename-passkey-${id}`, class: "button secondary", "aria-label": `Byt namn på ${k.name}`, onclick: () => edit({ id: k.id, mode: "rename" }) }, "Byt namn"),
      count > 1 &&
        h("button", { type: "button", id: `delete-passkey-${id}`, class: "button secondary", "aria-label": `Ta bort ${k.name}`, onclick: () => edit({ id: k.id, mode: "delete" }) }, "Ta bort"),
    );
  }
  return h(
    "li",
    { id: `passkey-${id}`, class: "row" },
    h("p", { class: "row-title" }, k.name),
    h("p", { class: "row-meta" }, [added, used, k.synced ? "Synkas mellan dina enheter" : ""].filter(Boolean).join(" · ")),
    actions,
  );
}

function renameForm(k: Passkey): Child {
  const id = String(k.id);
  const input = h("input", { id: `rename-${id}`, class: "input", type: "text", maxlength: "60", autocomplete: "off" });
  input.value = k.name;
  return h(
    "form",
    {
      class: "confirm",
      novalidate: true,
      onsubmit: (ev: Event) => {
        ev.preventDefault();
        void rename(k, input.value.trim());
      },
    },
    h("label", { class: "label", for: `rename-${id}` }, `Nytt namn för ${k.name}`),
    input,
    h("button", { type: "submit", id: `save-passkey-${id}`, class: "button" }, "Spara"),
    " ",
    h("button", { type: "button", class: "button secondary", onclick: () => edit(null) }, "Avbryt"),
  );
}

function edit(e: typeof editing): void {
  editing = e;
  void showLogins({ focus: false });
}

async function rename(k: Passkey, name: string): Promise<void> {
  if (name === "") {
    await showLogins({ focus: true, problem: { title: "Namnet saknas", message: "Skriv ett namn på nyckeln", fieldId: `rename-${k.id}` } });
    return;
  }
  try {
    await passkeys.renamePasskey({ id: k.id, name });
    editing = null;
    await showLogins({ focus: true, notice: `Nyckeln heter nu ${name}.` });
  } catch (err) {
    await showLogins({ focus: true, problem: callProblem("Det gick inte att byta namn", err) });
  }
}

async function remove(k: Passkey): Promise<void> {
  try {
    await passkeys.deletePasskey({ id: k.id });
    editing = null;
    await showLogins({ focus: true, notice: `${k.name} är borttagen.` });
  } catch (err) {
    editing = null;
    const problem =
      codeOf(err) === Code.FailedPrecondition
        ? { title: "Nyckeln togs inte bort", message: "Det är din enda nyckel. Lägg till en till innan du tar bort den." }
        : callProblem("Nyckeln togs inte bort", err);
    await showLogins({ focus: true, problem });
  }
}

function sessionRow(s: Session): Child {
  const id = String(s.id);
  const device = s.browser && s.os ? `${s.browser} på ${s.os}` : s.browser || s.os || "Okänd enhet";
  return h(
    "li",
    { id: `session-${id}`, class: "row" },
    h("p", { class: "row-title" }, device, s.current && h("span", { class: "tag" }, "Den här enheten")),
    h(
      "p",
      { class: "row-meta" },
      [s.lastUseTime ? `Senast använd ${when(s.lastUseTime.seconds)}` : "", methodName(s.method)].filter(Boolean).join(" · "),
    ),
    !s.current &&
      h(
        "div",
        { class: "row-actions" },
        h(
          "button",
          { type: "button", id: `end-session-${id}`, class: "button secondary", "aria-label": `Logga ut ${device}`, onclick: () => void endSession(s, device) },
          "Logga ut enheten",
        ),
      ),
  );
}

async function endSession(s: Session, device: string): Promise<void> {
  try {
    await sessions.endSession({ id: s.id });
    await showLogins({ focus: true, notice: `${device} är utloggad.` });
  } catch (err) {
    await showLogins({ focus: true, problem: callProblem("Enheten loggades inte ut", err) });
  }
}

function methodName(m: SignInMethod): string {
  switch (m) {
    case SignInMethod.PASSKEY:
      return "Inloggad med nyckel";
    case SignInMethod.OIDC:
      return "Inloggad via organisationen";
    case SignInMethod.INVITE:
      return "Inloggad med inbjudan";
    default:
      return "";
  }
}

/** when formats an instant (Unix seconds) as "mån 30 nov 14:05". */
function when(seconds: bigint): string {
  const d = new Date(Number(seconds) * 1000);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${shortDate(d)} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** callProblem words a failed call for an error summary. */
export function callProblem(title: string, err: unknown): Problem {
  const code = codeOf(err);
  if (code === Code.ResourceExhausted) return { title, message: "För många försök. Vänta en stund och försök igen." };
  if (unreachable(code)) return { title, message: "Ingen anslutning. Försök igen när du har nät." };
  return { title, message: "Något gick fel. Försök igen om en stund." };
}

/** passkeyNameForm asks for an optional name and adds a passkey when submitted. */
export function passkeyNameForm(idPrefix: string, label: string, onSubmit: (name: string) => Promise<void>): Child {
  const input = h("input", { id: `${idPrefix}-name`, class: "input", type: "text", maxlength: "60", autocomplete: "off", "aria-describedby": `${idPrefix}-hint` });
  let busy = false;
  return h(
    "form",
    {
      id: `${idPrefix}-form`,
      novalidate: true,
      onsubmit: (ev: Event) => {
        ev.preventDefault();
        if (busy) return;
        busy = true;
        void onSubmit(input.value.trim()).finally(() => (busy = false));
      },
    },
    h(
      "div",
      { class: "field" },
      h("label", { class: "label", for: `${idPrefix}-name` }, "Namn på nyckeln (valfritt)"),
      h("p", { class: "hint", id: `${idPrefix}-hint` }, "Så känner du igen den, till exempel Jobbtelefonen eller Datorn."),
      input,
    ),
    h("button", { type: "submit", id: `${idPrefix}-submit`, class: "button" }, label),
  );
}

/** addPasskey makes a passkey on this device for the signed-in person and stores it.
 * It returns what went wrong, or null. */
export async function addPasskey(name: string): Promise<Problem | null> {
  const title = "Ingen nyckel lades till";
  try {
    const begin = await passkeys.beginPasskeyRegistration({});
    const credentialJson = await createPasskey(begin.optionsJson);
    await passkeys.finishPasskeyRegistration({ ceremonyId: begin.ceremonyId, credentialJson, name });
    return null;
  } catch (err) {
    if (err instanceof PasskeyError) return { title, message: passkeyMessage(err.problem, false) };
    return callProblem(title, err);
  }
}
