// A tiny render helper: build DOM nodes from calls, not from HTML strings.
//
// Creating elements directly means text is never parsed as markup (no injection from a
// display name), and the CSP can forbid inline styles: there is deliberately no way to
// pass a style attribute here; use a class.

/** Anything that can be a child: nodes, text, and nothing (null, undefined, false). */
export type Child = Node | string | null | undefined | false | Child[];

/** Attributes: strings, boolean attributes, and on* event listeners. Never style. */
export type Attrs = {
  style?: never;
  [name: string]: string | boolean | ((ev: Event) => void) | undefined;
};

/** h creates an element with attributes and children. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs?: Attrs | null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (typeof value === "function") {
      el.addEventListener(name.slice(2), value);
    } else if (value === true) {
      el.setAttribute(name, "");
    } else if (typeof value === "string") {
      el.setAttribute(name, value);
    }
  }
  append(el, children);
  return el;
}

function append(parent: Node, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(parent, c);
    else parent.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
  }
}

/** mount replaces everything inside parent with children. */
export function mount(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}
