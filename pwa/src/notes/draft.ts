// What a note prefills when it becomes something on a check-in: a title from its first
// line, and the rest as more text. Shared by the check-in and the inbox.

/** draftOf splits a note's text into a title (its first line, at most 200 characters)
 * and the rest (what follows, or the cut-off part of a long first line). */
export function draftOf(body: string): { title: string; rest: string } {
  const text = body.trim();
  const nl = text.indexOf("\n");
  const first = (nl < 0 ? text : text.slice(0, nl)).trim();
  const after = nl < 0 ? "" : text.slice(nl + 1).trim();
  if (first.length <= 200) return { title: first, rest: after };
  const cut = first.lastIndexOf(" ", 199);
  const at = cut > 100 ? cut : 199;
  return { title: `${first.slice(0, at)}…`, rest: [first.slice(at).trim(), after].filter(Boolean).join("\n") };
}
