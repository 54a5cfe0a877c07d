// Places and routes. A feature registers its place in the bottom bar (Idag, Anteckningar,
// Möten, Samspel, Mer ...) and the screens under it; the router shows the screen for
// the address bar's path and keeps the bar in step.
//
// Paths, not fragments: the fragment carries invite secrets, and real paths make the
// back button and shared links behave. The server answers every app path with the
// shell, and the service worker does the same offline.

import type { MeView } from "./me";
import { h, mount } from "./render";

/** Place is one entry of the bottom bar. At most five are visible to anyone (UX.md). */
export interface Place {
  id: string; // "idag"; the bar's link gets id "nav-idag"
  label: string; // Swedish, shown with no icon
  path: string; // where the entry leads, e.g. "/anteckningar"
  order: number; // position in the bar, left to right
  visible: (me: MeView) => boolean;
}

/** RouteContext is what a screen needs to draw itself. */
export interface RouteContext {
  me: MeView;
  params: Record<string, string>; // from ":name" parts of the pattern
  query: URLSearchParams;
  focus: boolean; // move focus to the new screen's heading (after a navigation)
}

/** Route shows one screen for the paths that match pattern (e.g. "/anteckningar/:id"). */
export interface Route {
  pattern: string;
  place: string; // the place whose bar entry is marked current
  show: (ctx: RouteContext) => void | Promise<void>;
}

const places: Place[] = [];
const routes: Route[] = [];

/** registerPlace adds an entry to the bottom bar. */
export function registerPlace(p: Place): void {
  places.push(p);
  places.sort((a, b) => a.order - b.order);
}

/** registerRoute adds a screen. More specific patterns should be registered first. */
export function registerRoute(r: Route): void {
  routes.push(r);
}

/** match finds the route for a path, with its parameters. */
export function match(path: string): { route: Route; params: Record<string, string> } | null {
  const parts = split(path);
  for (const route of routes) {
    const pat = split(route.pattern);
    if (pat.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const ok = pat.every((p, i) => {
      const part = parts[i] ?? "";
      if (p.startsWith(":")) {
        params[p.slice(1)] = decodeURIComponent(part);
        return true;
      }
      return p === part;
    });
    if (ok) return { route, params };
  }
  return null;
}

function split(path: string): string[] {
  return path.split("/").filter((s) => s !== "");
}

/** visiblePlaces are the bar entries for this person. */
export function visiblePlaces(me: MeView): Place[] {
  return places.filter((p) => p.visible(me)).slice(0, 5);
}

/** renderNav draws the bottom bar, or hides it when there is only one place to go. */
export function renderNav(me: MeView | null, current: string | null): void {
  const nav = document.getElementById("nav");
  if (!nav) return;
  const list = me ? visiblePlaces(me) : [];
  if (list.length < 2) {
    nav.hidden = true;
    nav.replaceChildren();
    return;
  }
  nav.hidden = false;
  mount(
    nav,
    h(
      "ul",
      null,
      list.map((p) =>
        h(
          "li",
          null,
          h(
            "a",
            { id: `nav-${p.id}`, href: p.path, "aria-current": p.id === current ? "page" : undefined },
            p.label,
          ),
        ),
      ),
    ),
  );
}

/** IdagSection is a feature's block on Idag: what needs the person now. render returns
 * a container at once; the feature may fill it in later, when its data has come. */
export interface IdagSection {
  id: string;
  order: number; // top to bottom; a block that must lead in crisis takes a low number
  visible: (me: MeView) => boolean;
  render: (me: MeView) => Node;
}

const idagSections: IdagSection[] = [];

/** registerIdagSection adds a block to Idag. */
export function registerIdagSection(s: IdagSection): void {
  idagSections.push(s);
  idagSections.sort((a, b) => a.order - b.order);
}

/** renderIdagSections draws the blocks of Idag for this person, in order. */
export function renderIdagSections(me: MeView): Node[] {
  return idagSections.filter((s) => s.visible(me)).map((s) => s.render(me));
}

type Listener = (focus: boolean) => void;
let onChange: Listener = () => {};

/** startRouter calls listener whenever the path changes: on back and forward, and on
 * clicks on same-origin links, which it turns into navigations without a page load. */
export function startRouter(listener: Listener): void {
  onChange = listener;
  window.addEventListener("popstate", () => onChange(true));
  document.addEventListener("click", (ev) => {
    if (ev.defaultPrevented || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
    const a = (ev.target as Element | null)?.closest?.("a");
    if (!a || a.target || a.hasAttribute("download")) return;
    const url = new URL(a.href, location.href);
    if (url.origin !== location.origin || url.pathname.startsWith("/assets/")) return;
    if (url.pathname === location.pathname && url.search === location.search && url.hash) return; // in-page link
    ev.preventDefault();
    navigate(url.pathname + url.search);
  });
}

/** navigate goes to path inside the app, as a link click would. */
export function navigate(path: string, opts: { replace?: boolean } = {}): void {
  if (opts.replace) history.replaceState(null, "", path);
  else if (path !== location.pathname + location.search) history.pushState(null, "", path);
  onChange(true);
}
