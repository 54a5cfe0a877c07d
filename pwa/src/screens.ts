// The screens of the app shell. Each returns the content under the screen's h1; app.ts
// decides which one to show and wires the buttons.

import { isoDate, roleNames, shortDate, termName } from "./format";
import type { MeView } from "./me";
import { meetingsBlock } from "./meetings";
import { h, type Child } from "./render";

/** idag is the start screen: today's date and who you are. */
export function idag(me: MeView, today: Date, onSignOut: () => void): Child[] {
  const [first, ...rest] = me.memberships;
  return [
    h("p", { id: "today", class: "date" }, h("time", { datetime: isoDate(today) }, shortDate(today))),
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
    // Last, because it fills in when the server answers: nothing above it moves then.
    meetingsBlock(me),
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
}): Child[] {
  if (!opts.showForm) return [h("p", null, "När du har fått en ny länk öppnar du den för att logga in.")];
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
  ];
}

/** signedOut tells someone without a session how to get one. */
export function signedOut(): Child[] {
  return [
    h("p", null, "Du loggar in genom att öppna inbjudningslänken som din administratör har skickat till dig."),
    h("p", null, "Har du ingen länk, eller fungerar den inte längre? Be din administratör om en ny."),
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
