// The app shell's flow: invite link -> welcome screen; otherwise ask the server who we
// are (showing the saved copy first, so the shell starts offline) -> the screen for the
// path (Idag at "/") or signed out.

import { auth, Code, codeOf, unreachable } from "./api";
import type { IdentityProvider } from "./gen/samspel/v1/auth_service_pb";
import { announceSignedIn, wipeLocal } from "./local";
import { addPasskey, passkeyNameForm, setSignOut, showMore } from "./logins";
import { administersOnly, clearMe, loadMe, meView, saveMe, type MeView } from "./me";
import { getPasskey, PasskeyError, passkeyMessage, passkeysSupported } from "./passkey";
import * as screens from "./screens";
import { match, navigate, registerPlace, registerRoute, renderNav, startRouter, visiblePlaces } from "./router";
import { h } from "./render";
import { setOffline, showScreen, type Problem } from "./ui";

// "routed" is any signed-in screen chosen by the path; Idag is one of them.
type Screen = "idag" | "routed" | "invite" | "passkey-setup" | "signed-out" | "no-connection";

let current: Screen | null = null;
let shownMe = ""; // JSON of what Idag shows, to skip re-rendering (and losing focus) when nothing changed
let busy = false; // one call at a time from the buttons; a second tap does nothing

// An administrator with no role has no Idag: their first place is where they start.
registerPlace({ id: "idag", label: "Idag", path: "/", order: 0, visible: (me) => !administersOnly(me) });
registerRoute({ pattern: "/", place: "idag", show: ({ me, focus }) => showIdag(me, { focus }) });
// Signing out is on Idag; for someone without Idag it is on Mer.
setSignOut((me) => void signOut(me));

/** start runs once, when the page loads. */
export function start(): void {
  startRouter((focus) => {
    const me = loadMe();
    if (me && (current === "idag" || current === "routed")) showPath(me, focus);
  });
  // Coming back to the app, or back online, is when the saved copy is most likely stale.
  window.addEventListener("online", () => void refresh(false));
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") void refresh(false);
  });
  // An invite link opened in a tab that already shows the app changes only the fragment:
  // no new page load, so catch it here too.
  window.addEventListener("hashchange", () => {
    const token = takeInviteToken();
    if (token !== null) showInvite(token, { focus: true });
  });

  const token = takeInviteToken();
  if (token !== null) {
    showInvite(token, { focus: false });
    return;
  }
  const failed = takeFragment("signin-error");
  if (failed !== null) signInProblem = oidcProblems[failed] ?? oidcProblems["failed"];
  const saved = loadMe();
  if (saved) showPath(saved, false);
  void refresh(false);
}

/** takeInviteToken reads the invite token from the URL fragment and removes it from the
 * address bar and history at once, so the secret does not stay behind. */
function takeInviteToken(): string | null {
  return takeFragment("invite");
}

/** takeFragment reads one parameter from the URL fragment and clears the fragment. */
function takeFragment(name: string): string | null {
  if (!location.hash.startsWith("#")) return null;
  const value = new URLSearchParams(location.hash.slice(1)).get(name);
  if (value === null) return null;
  history.replaceState(history.state, "", location.pathname + location.search);
  return value;
}

/** refresh asks the server who is signed in and shows the answer. */
async function refresh(focus: boolean): Promise<void> {
  // While someone is signing in or out, their screen must not be swapped under them.
  if (inviting() || busy) return;
  try {
    const res = await auth.getMe({});
    if (inviting()) return;
    setOffline(false);
    signedIn(res.me ? meView(res.me) : null, focus);
  } catch (err) {
    if (inviting()) return;
    if (codeOf(err) === Code.Unauthenticated) {
      setOffline(false);
      clearMe();
      showSignedOut(focus);
      return;
    }
    // Any other failure means the server cannot be reached, whatever navigator.onLine
    // says: keep showing what we have and say so.
    const saved = loadMe();
    if (saved) {
      setOffline(true);
      if (current !== "idag" && current !== "routed") showPath(saved, focus);
    } else {
      setOffline(false); // the no-connection screen says it in its heading
      showNoConnection(focus);
    }
  }
}

// A function, not an inline comparison: current can change while a call is awaited.
// The passkey setup after an invite counts too: its screen must not be swapped away.
function inviting(): boolean {
  return current === "invite" || current === "passkey-setup";
}

function signedIn(me: MeView | null, focus: boolean): void {
  if (!me) {
    // The server always sends Me; without it there is nothing to show.
    showNoConnection(focus);
    return;
  }
  saveMe(me);
  announceSignedIn(me.id);
  if (current === "routed") renderNav(me, match(location.pathname)?.route.place ?? null);
  else showPath(me, focus);
  void keepStorage();
}

/** showPath shows the screen for the address bar's path; an unknown path goes to Idag,
 * or, for someone whose bar has no Idag, to their first place. */
function showPath(me: MeView, focus: boolean): void {
  const home = visiblePlaces(me)[0]?.path ?? "/";
  if (location.pathname === "/" && home !== "/") history.replaceState(null, "", home + location.search);
  const m = match(location.pathname);
  if (!m) {
    navigate("/", { replace: true });
    return;
  }
  renderNav(me, m.route.place);
  if (m.route.pattern !== "/") {
    current = "routed";
    shownMe = "";
  }
  void m.route.show({ me, params: m.params, query: new URLSearchParams(location.search), focus });
}

function showIdag(me: MeView, opts: { focus: boolean; problem?: Problem }): void {
  const json = JSON.stringify(me);
  if (current === "idag" && json === shownMe && !opts.problem && !opts.focus) return;
  current = "idag";
  shownMe = json;
  showScreen("idag", "Idag", screens.idag(me, new Date(), () => void signOut(me)), opts);
}

// What the sign-in screen offers besides passkeys, fetched once per page load.
let providers: IdentityProvider[] | null = null;
// A problem to show on the sign-in screen once, e.g. from the identity provider's redirect.
let signInProblem: Problem | undefined;

function showSignedOut(focus: boolean, problem?: Problem): void {
  current = "signed-out";
  renderNav(null, null);
  const shown = problem ?? signInProblem;
  signInProblem = undefined;
  showScreen(
    "signed-out",
    "Du är inte inloggad",
    screens.signedOut({
      providers: providers ?? [],
      onPasskey: () => void signInWithPasskey(),
      onProvider: (id) => void signInWithProvider(id, ""),
    }),
    { focus, problem: shown },
  );
  withProviders(() => current === "signed-out" && showSignedOut(false, shown));
}

/** withProviders fetches the identity providers once, then redraws the screen (unless
 * there are none, or a call is under way) to add their buttons. */
function withProviders(redraw: () => void): void {
  if (providers !== null) return;
  auth.getSignInOptions({}).then(
    (res) => {
      providers = res.identityProviders;
      if (providers.length > 0 && !busy) redraw();
    },
    () => {
      // Without the list the passkey button and invite links still work; try next time.
    },
  );
}

const signInTitle = "Det gick inte att logga in";

const oidcProblems: Record<string, Problem> = {
  unknown: {
    title: signInTitle,
    message:
      "Ditt konto hos organisationen är inte kopplat till Samspel. Första gången loggar du in med inbjudningslänken från din administratör.",
  },
  cancelled: { title: signInTitle, message: "Inloggningen avbröts. Försök igen när du är redo." },
  expired: { title: signInTitle, message: "Inloggningen tog för lång tid eller gjordes redan. Försök igen." },
  failed: { title: signInTitle, message: "Inloggningen via organisationen misslyckades. Försök igen om en stund." },
};

/** signInWithPasskey signs in without a username: the phone offers its passkeys. */
async function signInWithPasskey(): Promise<void> {
  if (busy) return;
  busy = true;
  let problem: Problem;
  try {
    if (!passkeysSupported()) throw new PasskeyError("unsupported");
    const begin = await auth.beginPasskeySignIn({});
    const credentialJson = await getPasskey(begin.optionsJson);
    const res = await auth.finishPasskeySignIn({ ceremonyId: begin.ceremonyId, credentialJson });
    busy = false;
    setOffline(false);
    signedIn(res.me ? meView(res.me) : null, true);
    return;
  } catch (err) {
    if (err instanceof PasskeyError) {
      problem = { title: signInTitle, message: passkeyMessage(err.problem, true) };
    } else {
      const code = codeOf(err);
      problem =
        code === Code.Unauthenticated
          ? {
              title: signInTitle,
              message:
                "Nyckeln godtogs inte. Den kan ha tagits bort från Samspel. Logga in med en annan nyckel, eller be din administratör om en ny inbjudan.",
            }
          : code === Code.ResourceExhausted
            ? inviteProblems.tooMany
            : unreachable(code)
              ? inviteProblems.offline
              : inviteProblems.other;
    }
  }
  busy = false;
  showSignedOut(true, problem);
}

/** signInWithProvider sends the browser to the organisation's identity provider, which
 * sends it back to the server; the server then sends it to the app, signed in. */
async function signInWithProvider(id: string, inviteToken: string): Promise<void> {
  if (busy) return;
  busy = true;
  try {
    const res = await auth.beginOidcSignIn({ providerId: id, inviteToken });
    location.assign(res.authorizationUrl);
  } catch (err) {
    busy = false;
    const code = codeOf(err);
    const problem = unreachable(code) ? inviteProblems.offline : code === Code.ResourceExhausted ? inviteProblems.tooMany : oidcProblems["failed"];
    if (inviteToken) showInvite(inviteToken, { focus: true, problem });
    else showSignedOut(true, problem);
  }
}

/** showPasskeySetup follows an invite: the person makes the passkey they will sign in
 * with from now on. A recovery invite leads here too. */
function showPasskeySetup(me: MeView, problem?: Problem): void {
  current = "passkey-setup";
  renderNav(null, null);
  const done = () => {
    current = null;
    showPath(me, true);
  };
  const body = passkeysSupported()
    ? [
        h("p", null, "Nästa gång loggar du in med en nyckel som sparas i den här telefonen. Du låser upp den med fingeravtryck, ansikte eller kod."),
        passkeyNameForm("setup-passkey", "Skapa nyckel", async (name) => {
          const p = await addPasskey(name);
          if (p) showPasskeySetup(me, p);
          else done();
        }),
        h("button", { type: "button", id: "skip-passkey", class: "button secondary", onclick: done }, "Inte nu"),
      ]
    : [
        h("p", null, passkeyMessage("unsupported", false)),
        h("button", { type: "button", id: "skip-passkey", class: "button", onclick: done }, "Fortsätt"),
      ];
  showScreen("passkey-setup", "Skapa en nyckel för att logga in", body, { focus: true, problem });
}

function showNoConnection(focus: boolean): void {
  current = "no-connection";
  renderNav(null, null);
  showScreen("no-connection", "Ingen anslutning", screens.noConnection(() => void refresh(true)), { focus });
}

// The proto allows 20 to 100 characters; anything else is a broken link, told at once.
const tokenLength = { min: 20, max: 100 };

function showInvite(
  token: string,
  opts: { focus: boolean; problem?: Problem; showForm?: boolean; name?: string },
): void {
  current = "invite";
  renderNav(null, null);
  const validToken = token.length >= tokenLength.min && token.length <= tokenLength.max;
  const problem: Problem | undefined = opts.problem ?? (validToken ? undefined : inviteProblems.gone);
  const nameProblem = problem?.fieldId === "invite-name";
  showScreen(
    "invite",
    "Välkommen till Samspel",
    screens.invite({
      showForm: validToken && (opts.showForm ?? true),
      name: opts.name ?? "",
      nameError: nameProblem ? problem?.message : undefined,
      onSubmit: (name) => void redeem(token, name),
      providers: providers ?? [],
      onProvider: (id) => void signInWithProvider(id, token),
    }),
    { focus: opts.focus, problem },
  );
  withProviders(() => current === "invite" && showInvite(token, { ...opts, focus: false }));
}

const inviteProblems = {
  gone: {
    title: "Det gick inte att logga in",
    message:
      "Inbjudningslänken fungerar inte längre. Den kan redan vara använd eller ha gått ut. Be din administratör om en ny.",
  },
  tooMany: {
    title: "Det gick inte att logga in",
    message: "För många försök. Vänta en stund och försök igen.",
  },
  offline: {
    title: "Det gick inte att logga in",
    message: "Ingen anslutning. Försök igen när du har nät.",
  },
  name: {
    title: "Det gick inte att logga in",
    message: "Skriv ditt namn",
    fieldId: "invite-name",
  },
  other: {
    title: "Det gick inte att logga in",
    message: "Något gick fel. Försök igen om en stund.",
  },
} satisfies Record<string, Problem>;

async function redeem(token: string, name: string): Promise<void> {
  if (busy) return;
  busy = true;
  try {
    const res = await auth.redeemInvite({ token, displayName: name });
    setOffline(false);
    const me = res.me ? meView(res.me) : null;
    if (!me) {
      signedIn(null, true);
      return;
    }
    saveMe(me);
    announceSignedIn(me.id);
    showPasskeySetup(me);
  } catch (err) {
    const code = codeOf(err);
    let problem: Problem = inviteProblems.other;
    let showForm = true;
    switch (code) {
      case Code.NotFound:
      case Code.FailedPrecondition:
        problem = inviteProblems.gone;
        showForm = false; // the link can never work again; a button would only tempt
        break;
      case Code.InvalidArgument:
        // The token's length was checked before the call, so with an empty name the
        // server is asking for one (a new person); otherwise the link is malformed.
        if (name === "") {
          problem = inviteProblems.name;
        } else {
          problem = inviteProblems.gone;
          showForm = false;
        }
        break;
      case Code.ResourceExhausted:
        problem = inviteProblems.tooMany;
        break;
      default:
        if (unreachable(code)) problem = inviteProblems.offline;
    }
    showInvite(token, { focus: true, problem, showForm, name });
  } finally {
    busy = false;
  }
}

async function signOut(me: MeView): Promise<void> {
  if (busy) return;
  busy = true;
  try {
    await auth.signOut({});
  } catch (err) {
    const code = codeOf(err);
    // Unauthenticated means the session had already ended: signed out all the same.
    if (code !== Code.Unauthenticated) {
      // The session cookie is HttpOnly: only the server can end it. Keep everything as
      // it is and say why, rather than look signed out while still signed in.
      busy = false;
      const problem = {
        title: "Det gick inte att logga ut",
        message: unreachable(code) ? "Ingen anslutning. Försök igen när du har nät." : "Något gick fel. Försök igen om en stund.",
      };
      if (administersOnly(me)) showMore(me, { focus: true, problem });
      else showIdag(me, { focus: true, problem });
      return;
    }
  }
  busy = false;
  // The server's Clear-Site-Data took the cookies and the HTTP cache; this takes the rest
  // of what the app stored, except notes still waiting to be sent (see local.ts).
  clearMe();
  await wipeLocal();
  setOffline(false);
  showSignedOut(true);
}

let storageAsked = false;

/** keepStorage asks the browser not to evict the app's data under storage pressure;
 * once per page load, and only for someone signed in. */
async function keepStorage(): Promise<void> {
  if (storageAsked || !navigator.storage?.persist) return;
  storageAsked = true;
  try {
    if (!(await navigator.storage.persisted())) await navigator.storage.persist();
  } catch {
    // A refusal only means the browser may evict data later; nothing to tell anyone.
  }
}
