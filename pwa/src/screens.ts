// The screens of the app shell. Each returns the content under the screen's h1; app.ts
// decides which one to show and wires the buttons.

import { isoDate, roleNames, shortDate, termName } from "./format";
import type { IdentityProvider } from "./gen/samspel/v1/auth_service_pb";
import type { MeView } from "./me";
import { h, type Child } from "./render";
import { renderIdagSections } from "./router";

/** idag is the start screen: today's date and who you are. */
export function idag(me: MeView, today: Date, onSignOut: () => void): Child[] {
  const [first, ...rest] = me.memberships;
  return [
    h("p", { id: "today", class: "date" }, h("time", { datetime: isoDate(today) }, shortDate(today))),
    // What needs the person now, from each feature (deviations to acknowledge, ...).
    renderIdagSections(me),
    h(
      "div",
      { class: "me" },
      h("p", { id: "who", class: "who" }, me.name),
      // The first membership's roles go with the admin flag on one line; a person who only
      // administers has no membership and still sees "Administratör" here.
      line("role", roleNames(first?.roles ?? [], me.admin)),
      first && line("org", first.organization),
      first && line("term", termName(first)),
    ),
    // Someone can hold roles in more than one organisation. Rare, so they just follow.
    rest.map((m) =>
      h(
        "div",
        { class: "me", "data-testid": "membership" },
        line(null, m.organization, "who"),
        line(null, roleNames(m.roles, false)),
        line(null, termName(m)),
      ),
    ),
    h(
      "div",
      { class: "actions" },
      h("button", { type: "button", id: "sign-out", class: "button secondary", onclick: onSignOut }, "Logga ut"),
    ),
  ];
}

function line(id: string | null, text: string, cls?: string): Child {
  if (!text) return null;
  return h("p", { id: id ?? undefined, class: cls }, text);
}

/** invite is the welcome screen behind an invite link. Without showForm (the link can
 * never work again) it only explains; the error summary above says what to do. */
export function invite(opts: {
  showForm: boolean;
  name: string;
  nameError?: string | undefined;
  onSubmit: (name: string) => void;
  providers: IdentityProvider[];
  onProvider: (id: string) => void;
}): Child[] {
  if (!opts.showForm) return [h("p", null, "När du har fått en ny länk öppnar du den för att logga in.")];
  const viaOrg = opts.providers.length > 0 && [
    h("h2", null, "Eller logga in via organisationen"),
    h("p", null, "Då kopplas ditt konto hos organisationen till Samspel, och du loggar in med det framöver."),
    providerButtons(opts.providers, opts.onProvider),
  ];
  const input = h("input", {
    id: "invite-name",
    name: "name",
    type: "text",
    class: opts.nameError ? "input input-error" : "input",
    autocomplete: "name",
    maxlength: "100",
    spellcheck: "false",
    "aria-describedby": opts.nameError ? "invite-name-hint invite-name-error" : "invite-name-hint",
    "aria-invalid": opts.nameError ? "true" : undefined,
  });
  input.value = opts.name;
  return [
    h("p", null, "Du har fått en inbjudan. Logga in för att komma igång."),
    h(
      "form",
      {
        id: "invite-form",
        novalidate: true,
        onsubmit: (ev: Event) => {
          ev.preventDefault();
          opts.onSubmit(input.value.trim());
        },
      },
      h(
        "div",
        { class: opts.nameError ? "field field-error" : "field" },
        h("label", { for: "invite-name", class: "label" }, "Ditt namn"),
        h(
          "p",
          { id: "invite-name-hint", class: "hint" },
          "Så ser andra ditt namn, till exempel Anna Lind. Har du loggat in förut behöver du inte fylla i det.",
        ),
        opts.nameError &&
          h(
            "p",
            { id: "invite-name-error", class: "error-message" },
            h("span", { class: "visually-hidden" }, "Fel: "),
            opts.nameError,
          ),
        input,
      ),
      h("button", { type: "submit", id: "invite-submit", class: "button" }, "Logga in"),
    ),
    viaOrg,
  ];
}

/** providerButtons offers sign-in through the organisations' identity providers: one
 * button, "Logga in via organisationen", in the common case of one. */
function providerButtons(providers: IdentityProvider[], onProvider: (id: string) => void): Child {
  return h(
    "div",
    { class: "actions" },
    providers.map((p) =>
      h(
        "button",
        { type: "button", id: `oidc-${p.id}`, class: "button secondary", onclick: () => onProvider(p.id) },
        providers.length === 1 ? "Logga in via organisationen" : `Logga in via ${p.displayName}`,
      ),
    ),
  );
}

/** signedOut is the sign-in screen: the passkey first, then the organisation's identity
 * provider when one is configured, then how to get in the first time. */
export function signedOut(opts: {
  providers: IdentityProvider[];
  onPasskey: () => void;
  onProvider: (id: string) => void;
}): Child[] {
  return [
    h("p", null, "Logga in med nyckeln i din telefon. Du låser upp den med fingeravtryck, ansikte eller kod."),
    h(
      "div",
      { class: "actions" },
      h("button", { type: "button", id: "passkey-sign-in", class: "button", onclick: opts.onPasskey }, "Logga in med nyckel"),
    ),
    opts.providers.length > 0 && providerButtons(opts.providers, opts.onProvider),
    h("h2", null, "Första gången"),
    h("p", null, "Första gången loggar du in genom att öppna inbjudningslänken som din administratör har skickat till dig."),
    h("p", null, "Har du tappat bort telefonen med din nyckel? Be din administratör om en ny inbjudan. Med den lägger du till en ny nyckel."),
  ];
}

/** noConnection is shown when the server cannot be reached and nothing is saved from
 * before, so the app does not know who you are. */
export function noConnection(onRetry: () => void): Child[] {
  return [
    h("p", null, "Samspel når inte servern just nu. Försök igen när du har nät."),
    h(
      "div",
      { class: "actions" },
      h("button", { type: "button", id: "retry", class: "button", onclick: onRetry }, "Försök igen"),
    ),
  ];
}
