// Passkeys in the browser: the server sends WebAuthn options as JSON and takes the
// credential back as JSON. The browser's own JSON helpers do the conversions, which
// keeps this file (and the bundle) small; a browser without them gets a plain message.

/** PasskeyProblem says why a passkey prompt did not give a credential. */
export type PasskeyProblem = "unsupported" | "cancelled" | "exists" | "failed";

/** PasskeyError carries a PasskeyProblem. */
export class PasskeyError extends Error {
  constructor(readonly problem: PasskeyProblem) {
    super(problem);
  }
}

/** passkeysSupported reports whether this browser can make and use passkeys with JSON. */
export function passkeysSupported(): boolean {
  const pkc = window.PublicKeyCredential;
  return (
    !!pkc &&
    !!navigator.credentials &&
    typeof pkc.parseCreationOptionsFromJSON === "function" &&
    typeof pkc.parseRequestOptionsFromJSON === "function"
  );
}

/** createPasskey asks the phone for a new passkey and returns it as JSON. */
export async function createPasskey(optionsJSON: string): Promise<string> {
  if (!passkeysSupported()) throw new PasskeyError("unsupported");
  const publicKey = PublicKeyCredential.parseCreationOptionsFromJSON(JSON.parse(optionsJSON));
  return prompt(navigator.credentials.create({ publicKey }));
}

/** getPasskey asks the phone to sign in with one of its passkeys and returns the answer
 * as JSON. The phone shows its own list of passkeys: no username is asked for. */
export async function getPasskey(optionsJSON: string): Promise<string> {
  if (!passkeysSupported()) throw new PasskeyError("unsupported");
  const publicKey = PublicKeyCredential.parseRequestOptionsFromJSON(JSON.parse(optionsJSON));
  return prompt(navigator.credentials.get({ publicKey }));
}

async function prompt(p: Promise<Credential | null>): Promise<string> {
  let cred: Credential | null;
  try {
    cred = await p;
  } catch (err) {
    // NotAllowedError is what the browser says when the person cancels or the prompt
    // times out; it does not tell the two apart, on purpose.
    const name = err instanceof DOMException ? err.name : "";
    if (name === "NotAllowedError" || name === "AbortError") throw new PasskeyError("cancelled");
    if (name === "InvalidStateError") throw new PasskeyError("exists");
    if (name === "NotSupportedError" || name === "SecurityError") throw new PasskeyError("unsupported");
    throw new PasskeyError("failed");
  }
  if (!(cred instanceof PublicKeyCredential)) throw new PasskeyError("cancelled");
  return JSON.stringify(cred.toJSON());
}

/** passkeyMessage says a PasskeyProblem in Swedish, for an error summary. */
export function passkeyMessage(p: PasskeyProblem, signingIn: boolean): string {
  switch (p) {
    case "unsupported":
      return signingIn
        ? "Den här telefonen eller webbläsaren kan inte använda nycklar. Uppdatera webbläsaren, eller logga in via organisationen eller med en inbjudningslänk."
        : "Den här telefonen eller webbläsaren kan inte spara nycklar. Uppdatera webbläsaren och försök igen.";
    case "cancelled":
      return signingIn
        ? "Inloggningen avbröts. Försök igen när du är redo."
        : "Ingen nyckel skapades. Försök igen när du är redo.";
    case "exists":
      return "Den här enheten har redan en nyckel för Samspel.";
    default:
      return "Något gick fel med nyckeln. Försök igen om en stund.";
  }
}
