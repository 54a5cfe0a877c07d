// What the server says about a failed call, beyond its code: google.rpc error details.
//
// InvalidArgument carries google.rpc.BadRequest, naming each request field at fault
// (as its proto field path, "party" or "agenda_items.title") with an English
// description; a refusal the app must tell apart carries google.rpc.ErrorInfo with a
// stable reason ("PERSON_DISABLED"). The app words everything itself, in Swedish: it
// reads these, never the English message.
//
// Imported only by lazily loaded screens, so the descriptors stay out of the first load.

import { ConnectError } from "@connectrpc/connect";
import { BadRequestSchema, ErrorInfoSchema } from "./gen/google/rpc/error_details_pb";
import type { Problem } from "./ui";

/** fieldViolations maps each request field the server named as at fault to its
 * description (first one wins), in the order the server gave them. */
export function fieldViolations(err: unknown): Map<string, string> {
  const out = new Map<string, string>();
  for (const br of ConnectError.from(err).findDetails(BadRequestSchema)) {
    for (const v of br.fieldViolations) if (!out.has(v.field)) out.set(v.field, v.description);
  }
  return out;
}

/** errorReason is the ErrorInfo reason the server gave ("PERSON_DISABLED"), or "". */
export function errorReason(err: unknown): string {
  return ConnectError.from(err).findDetails(ErrorInfoSchema)[0]?.reason ?? "";
}

/** Fields maps request fields, as the server names them in BadRequest ("occurred_on"),
 * to the form's input for it and what to say there: [input id, message]. */
export type Fields = Record<string, [id: string, message: string]>;

/** check is the usual message for a field the server refused: "Kontrollera datumet." */
export function check(label: string): string {
  return `Kontrollera ${label}.`;
}

/** fieldProblem is the problem on the first field the server named that the form has,
 * or undefined (then the screen keeps its general message). */
export function fieldProblem(err: unknown, title: string, fields: Fields | undefined): Problem | undefined {
  if (!fields) return undefined;
  for (const name of fieldViolations(err).keys()) {
    const f = fields[name];
    if (f) return { title, message: f[1], fieldId: f[0] };
  }
  return undefined;
}
