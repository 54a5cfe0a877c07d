// The connection to the Samspel server: gRPC-web on the page's own origin.
//
// Same origin means the session cookie (__Host-session, HttpOnly) travels with every
// call by itself; this code never sees it.

import { Code, ConnectError, createClient } from "@connectrpc/connect";
import { createGrpcWebTransport } from "@connectrpc/connect-web";
import { AuthService } from "./gen/samspel/v1/auth_service_pb";
import { PasskeyService } from "./gen/samspel/v1/passkey_service_pb";
import { SessionService } from "./gen/samspel/v1/session_service_pb";

/** transport is the one grpc-web connection every service client uses. */
export const transport = createGrpcWebTransport({
  baseUrl: location.origin,
  // A call that hangs on a bad mobile connection must end, so the app can say it is
  // offline instead of waiting forever.
  defaultTimeoutMs: 15_000,
});

/** auth is the AuthService client. */
export const auth = createClient(AuthService, transport);

/** passkeys is the PasskeyService client. */
export const passkeys = createClient(PasskeyService, transport);

/** sessions is the SessionService client. */
export const sessions = createClient(SessionService, transport);

export { Code };

/** codeOf returns the gRPC code of a failed call; a network failure is Unknown. */
export function codeOf(err: unknown): Code {
  return ConnectError.from(err).code;
}

/** unreachable reports whether a call failed for want of a connection: no network (the
 * browser's fetch fails, which Connect reports as Unknown), a proxy or server that is
 * down (Unavailable), or no answer in time. */
export function unreachable(code: Code): boolean {
  return (
    code === Code.Unknown ||
    code === Code.Unavailable ||
    code === Code.DeadlineExceeded ||
    code === Code.Canceled
  );
}
