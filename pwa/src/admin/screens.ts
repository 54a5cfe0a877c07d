// The administrator's screens: the people of the organisation's current term with
// their roles, a person's role history (give a role, end one, disable the person or
// enable them again), a
// new invite with its one-time link, and the audit log. Loaded on demand from
// ../admin.ts, so nobody but an administrator fetches them.

import { createClient } from "@connectrpc/connect";
import { Code, codeOf, transport, unreachable } from "../api";
import { errorReason, fieldProblem, fieldViolations, type Fields } from "../details";
import { roleName, shortDate } from "../format";
import { AuditService, type AuditEvent } from "../gen/samspel/v1/audit_service_pb";
import { InviteService } from "../gen/samspel/v1/invite_service_pb";
import { OrganizationService, type Organization } from "../gen/samspel/v1/organization_service_pb";
import { PersonService, type Person, type RoleAssignment } from "../gen/samspel/v1/person_service_pb";
import { Role } from "../gen/samspel/v1/role_pb";
import { TermService, type Term } from "../gen/samspel/v1/term_service_pb";
import { h, type Child } from "../render";
import type { RouteContext } from "../router";
import type { Problem } from "../ui";
import { form, go, input, link, load, p, page, radios, section, select } from "../samspel/view";
import { actionWords } from "./words";

const people = createClient(PersonService, transport);
const invites = createClient(InviteService, transport);
const audit = createClient(AuditService, transport);
const organizations = createClient(OrganizationService, transport);
const terms = createClient(TermService, transport);

// ---------------------------------------------------------------------------
// Where: the organisation (the first, unless ?org= names another) and its current term.

interface Where {
  orgs: Organization[];
  org: Organization | undefined;
  term: Term | undefined; // the current term, if the organisation has one
}

async function where(query: URLSearchParams): Promise<Where> {
  const orgs = (await organizations.listOrganizations({ pageSize: 100 })).organizations;
  const wanted = query.get("org");
  const org = orgs.find((o) => String(o.id) === wanted) ?? orgs[0];
  if (!org) return { orgs, org, term: undefined };
  const list = (await terms.listTerms({ organizationId: org.id, pageSize: 50 })).terms;
  return { orgs, org, term: list.find((t) => t.current) };
}

/** orgQuery keeps the chosen organisation in links, when there is a choice to keep. */
function orgQuery(w: Where): string {
  return w.orgs.length > 1 && w.org ? `?org=${w.org.id}` : "";
}

/** orgChoice links to the other organisations, when there are several. */
function orgChoice(w: Where, path: string): Child {
  if (w.orgs.length < 2) return null;
  return h(
    "nav",
    { "aria-label": "Organisationer", class: "part" },
    h("p", null, "Välj organisation:"),
    h(
      "ul",
      { class: "links" },
      w.orgs.map((o) =>
        h("li", null, h("a", { href: `${path}?org=${o.id}`, "aria-current": o.id === w.org?.id ? "page" : undefined }, o.name)),
      ),
    ),
  );
}

function termYears(t: Term): string {
  return `${t.startDate.slice(0, 4)}–${t.endDate.slice(0, 4)}`;
}

/** day writes a date (YYYY-MM-DD) as "tor 15 okt 2026". */
function day(iso: string): string {
  const d = new Date(`${iso}T12:00:00`);
  return Number.isNaN(d.getTime()) ? iso : `${shortDate(d)} ${d.getFullYear()}`;
}

/** when writes an instant (Unix seconds) as "mån 30 nov 14:05". */
function when(seconds: bigint): string {
  const d = new Date(Number(seconds) * 1000);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${shortDate(d)} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function today(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

const ongoing = (ra: RoleAssignment, on = today()) => ra.startDate <= on && (ra.endDate === "" || ra.endDate >= on);
const roleOf = (ra: RoleAssignment) => roleName({ role: ra.role, party: ra.party });

/** pager links to the next page and back to the first, keeping the other parameters. */
function pager(path: string, query: URLSearchParams, next: string, nextText: string, firstText: string): Child {
  const at = (token: string) => {
    const q = new URLSearchParams(query);
    if (token) q.set("sida", token);
    else q.delete("sida");
    const s = q.toString();
    return s ? `${path}?${s}` : path;
  };
  if (!next && !query.get("sida")) return null;
  return h(
    "nav",
    { "aria-label": "Sidor", class: "actions" },
    next && h("p", null, link(at(next), nextText, { id: "next-page", class: "line-link" })),
    query.get("sida") && h("p", null, link(at(""), firstText, { id: "first-page", class: "line-link" })),
  );
}

function missing(focus: boolean): void {
  page("admin-missing", "Sidan finns inte", [p("Personen finns inte i organisationens pågående mandatperiod.")], { focus });
}

function noTerm(id: string, title: string, w: Where, focus: boolean): void {
  page(id, title, [p(w.org ? `${w.org.name} har ingen pågående mandatperiod.` : "Det finns ingen organisation i Samspel än."), orgChoice(w, location.pathname)], {
    focus,
  });
}

// ---------------------------------------------------------------------------
// Errors from the server, in words, on the field they are about.

/** problemFor words a failed call, with the field at fault when the server named one
 * that the form has (fields maps request fields to [input id, message]). */
function problemFor(title: string, err: unknown, fields: Fields): Problem {
  const code = codeOf(err);
  if (code === Code.InvalidArgument) {
    return fieldProblem(err, title, fields) ?? { title, message: "Något i formuläret stämmer inte. Kontrollera och försök igen." };
  }
  if (code === Code.NotFound) return { title, message: "Det finns inte längre. Gå tillbaka till Personer och försök igen." };
  if (code === Code.FailedPrecondition) return { title, message: "Läget har ändrats sedan sidan visades. Gå tillbaka och se hur det ser ut nu." };
  if (code === Code.PermissionDenied) return { title, message: "Bara en administratör får göra det här." };
  if (code === Code.ResourceExhausted) return { title, message: "För många försök. Vänta en stund och försök igen." };
  if (unreachable(code)) return { title, message: "Ingen anslutning. Försök igen när du har nät." };
  return { title, message: "Något gick fel. Försök igen om en stund." };
}

// ---------------------------------------------------------------------------
// Personer

/** allAssignments fetches a term's role assignments, all pages (a term has a few dozen;
 * a large region a few hundred). */
async function allAssignments(orgId: bigint, termId: bigint, personId = 0n): Promise<RoleAssignment[]> {
  const out: RoleAssignment[] = [];
  let token = "";
  for (let i = 0; i < 20; i++) {
    const res = await people.listRoleAssignments({ organizationId: orgId, termId, personId, pageSize: 500, pageToken: token });
    out.push(...res.roleAssignments);
    token = res.nextPageToken;
    if (!token) break;
  }
  return out;
}

/** showPeople lists the people of the current term, by name, with the roles they hold today. */
export async function showPeople(ctx: RouteContext): Promise<void> {
  const token = ctx.query.get("sida") ?? "";
  await load(
    ctx.focus,
    async () => {
      const w = await where(ctx.query);
      if (!w.org || !w.term) return { w, list: [] as Person[], next: "", ras: [] as RoleAssignment[] };
      const [res, ras] = await Promise.all([
        people.listPeople({ organizationId: w.org.id, termId: w.term.id, pageSize: 50, pageToken: token }),
        allAssignments(w.org.id, w.term.id),
      ]);
      return { w, list: res.people, next: res.nextPageToken, ras };
    },
    ({ w, list, next, ras }) => {
      if (!w.org || !w.term) return noTerm("personer", "Personer", w, ctx.focus);
      const q = orgQuery(w);
      const now = today();
      const rolesOf = (id: bigint) =>
        [...new Set(ras.filter((ra) => ra.person?.id === id && ongoing(ra, now)).map(roleOf))].join(", ");
      page(
        "personer",
        "Personer",
        [
          p(`${w.org.name}, mandatperiod ${termYears(w.term)}. Alla som har eller har haft en roll under mandatperioden.`),
          orgChoice(w, "/personer"),
          h("p", null, link(`/inbjudningar${q}`, "Bjud in en person", { id: "invite-someone", class: "line-link" })),
          list.length === 0
            ? p("Ingen har någon roll i mandatperioden än.")
            : h(
                "ul",
                { class: "rows", id: "people" },
                list.map((person) => {
                  const roles = rolesOf(person.id);
                  return h(
                    "li",
                    { class: "row", id: `person-${person.id}` },
                    h(
                      "p",
                      { class: "row-title" },
                      link(`/personer/${person.id}${q}`, person.displayName || person.email, { class: "line-link" }),
                      person.disabled && h("span", { class: "tag" }, "Avstängd"),
                    ),
                    h("p", { class: "row-meta" }, roles || "Ingen roll just nu"),
                    h("p", { class: "row-meta" }, person.email),
                  );
                }),
              ),
          pager("/personer", ctx.query, next, "Nästa sida", "Till första sidan"),
        ],
        { focus: ctx.focus },
      );
    },
  );
}

interface PersonData {
  w: Where;
  person: Person | undefined;
  ras: RoleAssignment[];
}

async function personData(ctx: RouteContext): Promise<PersonData> {
  const w = await where(ctx.query);
  if (!w.org || !w.term) return { w, person: undefined, ras: [] };
  const id = BigInt(ctx.params["id"] ?? "0");
  const ras = id > 0n ? await allAssignments(w.org.id, w.term.id, id) : [];
  return { w, person: ras[0]?.person, ras };
}

/** showPerson shows a person's roles in the term, ended ones too, and what can be done. */
export async function showPerson(ctx: RouteContext): Promise<void> {
  await load(ctx.focus, () => personData(ctx), ({ w, person, ras }) => {
    if (!w.org || !w.term || !person) return missing(ctx.focus);
    const q = orgQuery(w);
    const base = `/personer/${person.id}`;
    const name = person.displayName || person.email;
    const now = today();
    page(
      "person",
      name,
      [
        p(person.email),
        person.disabled &&
          h(
            "p",
            { id: "person-disabled", class: "callout" },
            `${name} är avstängd och kan inte logga in. Alla inloggningar och nycklar för skript är avslutade.`,
          ),
        person.disabled &&
          section(
            "person-enable",
            "Aktivera igen",
            p(`Aktivera ${name} igen om hen ska komma åt Samspel på nytt, till exempel om hen stängdes av av misstag.`),
            h("p", null, link(`${base}/aktivera${q}`, `Aktivera ${name} igen`, { id: "enable-person", class: "button secondary" })),
          ),
        section(
          "person-roles",
          `Roller i mandatperioden ${termYears(w.term)}`,
          h(
            "ul",
            { class: "rows", id: "roles" },
            ras.map((ra) => {
              const span = ra.endDate ? `Från ${day(ra.startDate)} till ${day(ra.endDate)}` : `Från ${day(ra.startDate)}, pågår`;
              return h(
                "li",
                { class: "row", id: `role-${ra.id}` },
                h("p", { class: "row-title" }, roleOf(ra), ongoing(ra, now) ? null : h("span", { class: "tag" }, ra.endDate && ra.endDate < now ? "Avslutad" : "Kommande")),
                h("p", { class: "row-meta" }, span),
                !ra.endDate &&
                  h(
                    "p",
                    null,
                    link(`${base}/roller/${ra.id}${q}`, "Avsluta rollen", {
                      id: `end-role-${ra.id}`,
                      class: "line-link",
                      "aria-label": `Avsluta rollen som ${roleOf(ra)}`,
                    }),
                  ),
              );
            }),
          ),
          !person.disabled && h("p", null, link(`${base}/ny-roll${q}`, "Ge en ny roll", { id: "assign-role", class: "button secondary" })),
        ),
        !person.disabled &&
          section(
            "person-disable",
            "Stäng av",
            p(`Stäng av ${name} om hen inte längre ska komma åt Samspel. Hen loggas ut överallt på en gång.`),
            h("p", null, link(`${base}/stang-av${q}`, `Stäng av ${name}`, { id: "disable-person", class: "button warning" })),
          ),
        h("p", null, link(`/personer${q}`, "Tillbaka till Personer", { class: "line-link" })),
      ],
      { focus: ctx.focus },
    );
  });
}

/** The roles a person can be given in a term, in the order the form offers them. */
const termRoles: { role: Role; hint?: string }[] = [
  { role: Role.CHAIR },
  { role: Role.DIRECTOR },
  { role: Role.MAJORITY },
  { role: Role.OPPOSITION, hint: "Ange partiet nedan." },
  { role: Role.STAFF },
];

/** partyField is the party's field, shown only while the opposition role is chosen
 * (GOV.UK's conditional reveal), so nobody is asked for a party they need not give. */
function partyField(id: string, chosen: () => string, error: string | undefined, value: string): { node: HTMLElement; value: () => string; sync: () => void } {
  const f = input({ id, label: "Parti", hint: "Till exempel Socialdemokraterna.", maxlength: 100, value, error });
  const node = h("div", { id: `${id}-reveal` }, f.node);
  const sync = () => (node.hidden = chosen() !== String(Role.OPPOSITION));
  return { node, value: f.value, sync };
}

/** showAssign is the form that gives a person a new role in the current term. */
export async function showAssign(ctx: RouteContext, problem?: Problem, kept?: { role: string; party: string; start: string }): Promise<void> {
  await load(ctx.focus, () => personData(ctx), ({ w, person }) => {
    if (!w.org || !w.term || !person) return missing(ctx.focus);
    const org = w.org;
    const term = w.term;
    const name = person.displayName || person.email;
    const back = `/personer/${person.id}${orgQuery(w)}`;
    const err = (id: string) => (problem?.fieldId === id ? problem.message : undefined);
    const now = today();
    const start = kept?.start ?? (now < term.startDate ? term.startDate : now > term.endDate ? term.endDate : now);
    const role = radios({
      id: "assign-role",
      label: "Roll",
      options: termRoles.map((r) => ({ value: String(r.role), label: roleName({ role: r.role, party: "" }), ...(r.hint ? { hint: r.hint } : {}) })),
      value: kept?.role ?? "",
      error: err("assign-role"),
    });
    const party = partyField("assign-party", role.value, err("assign-party"), kept?.party ?? "");
    role.node.addEventListener("change", party.sync);
    party.sync();
    const date = input({
      id: "assign-start",
      label: "Första dagen i rollen",
      hint: `Inom mandatperioden, ${day(term.startDate)} till ${day(term.endDate)}.`,
      type: "date",
      value: start,
      error: err("assign-start"),
    });
    const title = "Rollen gavs inte";
    const submit = () => {
      const v = { role: role.value(), party: party.value().trim(), start: date.value() };
      const again = (pr: Problem) => void showAssign({ ...ctx, focus: true }, pr, v);
      if (!v.role) return again({ title, message: "Välj en roll", fieldId: "assign-role" });
      const opposition = v.role === String(Role.OPPOSITION);
      if (opposition && !v.party) return again({ title, message: "Skriv partiet", fieldId: "assign-party" });
      if (!/^\d{4}-\d{2}-\d{2}$/.test(v.start) || v.start < term.startDate || v.start > term.endDate) {
        return again({ title, message: `Välj en dag inom mandatperioden, ${day(term.startDate)} till ${day(term.endDate)}`, fieldId: "assign-start" });
      }
      const chosen = Number(v.role) as Role;
      const words = roleName({ role: chosen, party: opposition ? v.party : "" });
      void once(async () => {
        try {
          await people.assignRole({
            personId: person.id,
            organizationId: org.id,
            termId: term.id,
            role: chosen,
            party: opposition ? v.party : "",
            startDate: v.start,
          });
          go(back, `${name} är ${words.charAt(0).toLowerCase()}${words.slice(1)} från ${day(v.start)}.`);
        } catch (err) {
          again(
            problemFor(title, err, {
              party: ["assign-party", "Skriv partiet"],
              start_date: ["assign-start", `Välj en dag inom mandatperioden, ${day(term.startDate)} till ${day(term.endDate)}`],
              role: ["assign-role", "Välj en roll"],
            }),
          );
        }
      });
    };
    page(
      "assign",
      `Ge ${name} en ny roll`,
      [form("assign-form", "Ge rollen", submit, role.node, party.node, date.node), h("p", null, link(back, "Avbryt", { class: "line-link" }))],
      { focus: ctx.focus, problem },
    );
  });
}

let busy = false;

/** once runs one call at a time: a second tap while the first is under way does nothing. */
async function once(run: () => Promise<void>): Promise<void> {
  if (busy) return;
  busy = true;
  try {
    await run();
  } finally {
    busy = false;
  }
}

/** showEndRole asks for the last day of a role and ends it. */
export async function showEndRole(ctx: RouteContext, problem?: Problem, kept?: string): Promise<void> {
  await load(ctx.focus, () => personData(ctx), ({ w, person, ras }) => {
    const ra = ras.find((r) => String(r.id) === ctx.params["ra"]);
    if (!w.org || !w.term || !person || !ra) return missing(ctx.focus);
    const term = w.term;
    const name = person.displayName || person.email;
    const back = `/personer/${person.id}${orgQuery(w)}`;
    if (ra.endDate) {
      page("end-role", "Rollen är redan avslutad", [p(`${roleOf(ra)}: ${day(ra.startDate)} till ${day(ra.endDate)}.`), h("p", null, link(back, `Tillbaka till ${name}`, { class: "line-link" }))], {
        focus: ctx.focus,
      });
      return;
    }
    const now = today();
    const date = input({
      id: "end-date",
      label: "Sista dagen i rollen",
      hint: `Tidigast ${day(ra.startDate)}, senast ${day(term.endDate)}. Rollen finns kvar i historiken.`,
      type: "date",
      value: kept ?? (now < ra.startDate ? ra.startDate : now > term.endDate ? term.endDate : now),
      error: problem?.fieldId === "end-date" ? problem.message : undefined,
    });
    const title = "Rollen avslutades inte";
    const range = `Välj en dag från ${day(ra.startDate)} till ${day(term.endDate)}`;
    const submit = () => {
      const end = date.value();
      const again = (pr: Problem) => void showEndRole({ ...ctx, focus: true }, pr, end);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(end) || end < ra.startDate || end > term.endDate) return again({ title, message: range, fieldId: "end-date" });
      void once(async () => {
        try {
          await people.endRoleAssignment({ id: ra.id, endDate: end });
          go(back, `${name}s roll som ${roleOf(ra).toLowerCase()} slutar ${day(end)}.`);
        } catch (err) {
          again(problemFor(title, err, { end_date: ["end-date", range] }));
        }
      });
    };
    page(
      "end-role",
      `Avsluta ${name}s roll som ${roleOf(ra).toLowerCase()}`,
      [form("end-role-form", "Avsluta rollen", submit, date.node), h("p", null, link(back, "Avbryt", { class: "line-link" }))],
      { focus: ctx.focus, problem },
    );
  });
}

/** showDisable asks, plainly, before a person is disabled, and disables them. */
export async function showDisable(ctx: RouteContext, problem?: Problem): Promise<void> {
  await load(ctx.focus, () => personData(ctx), ({ w, person }) => {
    if (!w.org || !w.term || !person) return missing(ctx.focus);
    const name = person.displayName || person.email;
    const back = `/personer/${person.id}${orgQuery(w)}`;
    if (person.disabled) {
      page("disable", `${name} är redan avstängd`, [p("Hen kan inte logga in, och alla inloggningar och nycklar för skript är avslutade."), h("p", null, link(back, `Tillbaka till ${name}`, { class: "line-link" }))], {
        focus: ctx.focus,
      });
      return;
    }
    const confirm = () =>
      once(async () => {
      try {
        const res = await people.disablePerson({ personId: person.id });
        go(back, `${name} är avstängd. ${count(res.sessionsEnded, "inloggning", "inloggningar")} avslutades och ${count(res.tokensRevoked, "nyckel för skript", "nycklar för skript")} återkallades.`);
      } catch (err) {
        const pr = problemFor("Personen stängdes inte av", err, {});
        if (codeOf(err) === Code.InvalidArgument && fieldViolations(err).has("person_id")) pr.message = "Du kan inte stänga av dig själv.";
        void showDisable({ ...ctx, focus: true }, pr);
      }
      });
    page(
      "disable",
      `Stäng av ${name}?`,
      [
        p(`Om du stänger av ${name} händer det här på en gång:`),
        h(
          "ul",
          { id: "disable-effects" },
          h("li", null, "Hen loggas ut från alla telefoner och datorer där hen är inloggad."),
          h("li", null, "Alla hens nycklar för skript (tokens) slutar fungera."),
          h("li", null, "Hen kan inte logga in: inte med sin nyckel, inte via organisationen och inte med en inbjudan."),
        ),
        p("Rollerna och det hen har skrivit finns kvar. Du kan aktivera hen igen här under Personer."),
        h(
          "div",
          { class: "actions" },
          h("button", { type: "button", id: "disable-confirm", class: "button warning", onclick: () => void confirm() }, `Ja, stäng av ${name}`),
        ),
        h("p", null, link(back, "Avbryt", { id: "disable-cancel", class: "line-link" })),
      ],
      { focus: ctx.focus, problem },
    );
  });
}

/** showEnable says what enabling a disabled person does, and enables them. */
export async function showEnable(ctx: RouteContext, problem?: Problem): Promise<void> {
  await load(ctx.focus, () => personData(ctx), ({ w, person }) => {
    if (!w.org || !w.term || !person) return missing(ctx.focus);
    const name = person.displayName || person.email;
    const back = `/personer/${person.id}${orgQuery(w)}`;
    if (!person.disabled) {
      page("enable", `${name} är inte avstängd`, [p("Hen kan logga in som vanligt."), h("p", null, link(back, `Tillbaka till ${name}`, { class: "line-link" }))], {
        focus: ctx.focus,
      });
      return;
    }
    const confirm = () =>
      once(async () => {
        try {
          await people.enablePerson({ personId: person.id });
          go(back, `${name} är aktiverad igen och kan logga in med sin nyckel, via organisationen eller med en ny inbjudan.`);
        } catch (err) {
          void showEnable({ ...ctx, focus: true }, problemFor("Personen aktiverades inte", err, {}));
        }
      });
    page(
      "enable",
      `Aktivera ${name} igen?`,
      [
        p(`Om du aktiverar ${name} igen händer det här:`),
        h(
          "ul",
          { id: "enable-effects" },
          h("li", null, "Hen kan logga in igen med sin nyckel eller via organisationen, som förut."),
          h("li", null, "Har hen ingen nyckel kvar, gör en ny inbjudan till hen under Inbjudningar."),
          h("li", null, "Inloggningar, nycklar för skript och inbjudningar från före avstängningen förblir avslutade."),
        ),
        p("Rollerna och det hen har skrivit är kvar som förut."),
        h(
          "div",
          { class: "actions" },
          h("button", { type: "button", id: "enable-confirm", class: "button", onclick: () => void confirm() }, `Ja, aktivera ${name}`),
        ),
        h("p", null, link(back, "Avbryt", { id: "enable-cancel", class: "line-link" })),
      ],
      { focus: ctx.focus, problem },
    );
  });
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

// ---------------------------------------------------------------------------
// Inbjudningar

const inviteRoles: { role: Role; hint?: string }[] = [
  ...termRoles,
  { role: Role.ADMIN, hint: "Sköter personer, inbjudningar och loggen. Hör inte till någon organisation." },
];

interface InviteKept {
  email: string;
  role: string;
  party: string;
  org: string;
}

/** showInvite is the form that makes a one-time sign-in link. */
export async function showInvite(ctx: RouteContext, problem?: Problem, kept?: InviteKept): Promise<void> {
  await load(ctx.focus, () => where(ctx.query), (w) => {
    const err = (id: string) => (problem?.fieldId === id ? problem.message : undefined);
    const email = input({
      id: "invite-email",
      label: "E-postadress",
      hint: "Personens e-postadress i arbetet.",
      type: "email",
      maxlength: 254,
      autocomplete: "off",
      value: kept?.email ?? "",
      error: err("invite-email"),
    });
    email.node.querySelector("input")?.setAttribute("spellcheck", "false");
    const role = radios({
      id: "invite-role",
      label: "Roll",
      options: inviteRoles.map((r) => ({ value: String(r.role), label: roleName({ role: r.role, party: "" }), ...(r.hint ? { hint: r.hint } : {}) })),
      value: kept?.role ?? "",
      error: err("invite-role"),
    });
    const party = partyField("invite-party", role.value, err("invite-party"), kept?.party ?? "");
    role.node.addEventListener("change", party.sync);
    party.sync();
    const org =
      w.orgs.length > 1
        ? select({ id: "invite-org", label: "Organisation", options: w.orgs.map((o) => [String(o.id), o.name]), value: kept?.org ?? String(w.org?.id ?? ""), error: err("invite-org") })
        : null;
    const intro = w.org
      ? w.orgs.length > 1
        ? "Personen får rollen i organisationens pågående mandatperiod."
        : `Personen får rollen i ${w.org.name}${w.term ? `, mandatperiod ${termYears(w.term)}` : ""}.`
      : "Det finns ingen organisation än: du kan bara bjuda in en administratör.";
    page(
      "inbjudningar",
      "Bjud in en person",
      [
        p("Du får en länk som loggar in personen en gång. Sedan skapar hen en nyckel i sin telefon och loggar in med den."),
        p(intro),
        form("invite-form", "Skapa inbjudan", () => void create(ctx, w, { email: email.value().trim(), role: role.value(), party: party.value().trim(), org: org?.value() ?? String(w.org?.id ?? "") }), email.node, role.node, party.node, org?.node),
        p("Samspel visar varje länk bara en gång och sparar den inte. Har personen tappat bort sin länk eller sin telefon, gör en ny inbjudan."),
      ],
      { focus: ctx.focus, problem },
    );
  });
}

let creating = false;

async function create(ctx: RouteContext, w: Where, v: InviteKept): Promise<void> {
  const title = "Ingen inbjudan skapades";
  const again = (pr: Problem) => void showInvite({ ...ctx, focus: true }, pr, v);
  if (!v.email) return again({ title, message: "Skriv personens e-postadress", fieldId: "invite-email" });
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.email)) return again({ title, message: "Skriv en e-postadress som anna.lind@kommun.se", fieldId: "invite-email" });
  if (!v.role) return again({ title, message: "Välj en roll", fieldId: "invite-role" });
  const chosen = Number(v.role) as Role;
  const opposition = chosen === Role.OPPOSITION;
  if (opposition && !v.party) return again({ title, message: "Skriv partiet", fieldId: "invite-party" });
  if (chosen !== Role.ADMIN && !v.org) return again({ title, message: "Det finns ingen organisation att bjuda in till. Bjud in en administratör, eller skapa organisationen först.", fieldId: "invite-role" });
  if (creating) return;
  creating = true;
  try {
    const res = await invites.createInvite({
      email: v.email,
      role: chosen,
      organizationId: chosen === Role.ADMIN ? 0n : BigInt(v.org),
      party: opposition ? v.party : "",
    });
    if (location.pathname !== "/inbjudningar") return;
    showMade(v.email, roleName({ role: chosen, party: opposition ? v.party : "" }), res.url, res.expireTime?.seconds ?? 0n, w);
  } catch (err) {
    // The server refuses an invite to a disabled person's address: its link could never work.
    if (codeOf(err) === Code.FailedPrecondition && errorReason(err) === "PERSON_DISABLED") {
      return again({ title, message: "Personen är avstängd. Aktivera personen först under Personer.", fieldId: "invite-email" });
    }
    again(
      problemFor(title, err, {
        email: ["invite-email", "Skriv en e-postadress som anna.lind@kommun.se"],
        party: ["invite-party", "Skriv partiet"],
        role: ["invite-role", "Välj en roll"],
        organization_id: [w.orgs.length > 1 ? "invite-org" : "invite-role", "Organisationen har ingen pågående mandatperiod. Välj en annan, eller bjud in en administratör."],
      }),
    );
  } finally {
    creating = false;
  }
}

/** showMade shows the new link once, with a copy button, its expiry, and how to send it. */
function showMade(email: string, role: string, url: string, expires: bigint, w: Where): void {
  const full = new URL(url, location.origin).href;
  const status = h("p", { id: "copy-status", role: "status" });
  const field = h("input", { id: "invite-link", class: "input", type: "text", readonly: true, "aria-describedby": "invite-expiry", spellcheck: "false", autocomplete: "off" });
  field.value = full;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(full);
      status.textContent = "Länken är kopierad. Klistra in den i ett meddelande till personen.";
    } catch {
      // No clipboard (an old browser, or permission refused): select it for the person.
      field.focus();
      field.select();
      status.textContent = "Länken är markerad. Kopiera den med telefonens meny.";
    }
  };
  page(
    "invite-made",
    "Inbjudan är klar",
    [
      p(`Inbjudan till ${email} som ${role.charAt(0).toLowerCase()}${role.slice(1)}.`),
      h("div", { class: "field" }, h("label", { for: "invite-link", class: "label" }, "Inbjudningslänk"), field),
      h("div", { class: "actions" }, h("button", { type: "button", id: "copy-link", class: "button", onclick: () => void copy() }, "Kopiera länken")),
      status,
      h("p", { id: "invite-expiry" }, expires > 0n ? `Länken gäller till ${when(expires)}.` : ""),
      h(
        "div",
        { id: "invite-private", class: "callout" },
        h("p", null, h("strong", null, "Skicka länken privat. "), `Den loggar in den som öppnar den, en gång. Skicka den bara till ${email}, i ett meddelande som ingen annan kan läsa, aldrig i en gemensam kanal eller ett delat dokument.`),
        h("p", null, "Länken visas bara nu. Tappar du bort den, gör en ny inbjudan."),
      ),
      h("p", null, link(`/inbjudningar${orgQuery(w)}`, "Bjud in en person till", { id: "invite-another", class: "line-link" })),
    ],
    { focus: true },
  );
}

// ---------------------------------------------------------------------------
// Logg

/** showLog lists the audit log, newest first, one page at a time. */
export async function showLog(ctx: RouteContext): Promise<void> {
  const token = ctx.query.get("sida") ?? "";
  await load(
    ctx.focus,
    () => audit.listAuditEvents({ pageSize: 50, pageToken: token }),
    (res) => {
      page(
        "logg",
        "Logg",
        [
          p("Inloggningar, inbjudningar, ändrade roller och andra ändringar, det senaste först. Raden i liten stil under varje händelse är till för IT."),
          res.auditEvents.length === 0 ? p("Loggen är tom.") : h("ul", { class: "rows", id: "log" }, res.auditEvents.map(eventRow)),
          pager("/logg", ctx.query, res.nextPageToken, "Äldre händelser", "Till de senaste händelserna"),
        ],
        { focus: ctx.focus },
      );
    },
  );
}

function eventRow(e: AuditEvent): Child {
  const who = e.actorDisplayName || (e.actorPersonId ? `Person ${e.actorPersonId}` : "Ingen inloggad");
  const at = e.createTime ? when(e.createTime.seconds) : "";
  return h(
    "li",
    { class: "row", id: `event-${e.id}`, "data-action": e.action },
    h("p", { class: "row-title" }, actionWords(e.action), !e.success && h("span", { class: "tag" }, "Nekades")),
    h("p", { class: "row-meta" }, [who, at, e.success ? "Lyckades" : "Nekades"].filter(Boolean).join(" · ")),
    h(
      "p",
      { class: "row-meta" },
      h("code", { lang: "en" }, e.action),
      e.subject ? ` ${e.subject}` : "",
      e.clientIp ? ` · IP ${e.clientIp}` : "",
    ),
  );
}
