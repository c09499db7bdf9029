// The lean path (scripts/server.mjs) and the handlers it calls pass a small body along as the
// value it already is, beside the Web body that carries the same bytes: a request body the server
// has read whole, and a JSON answer's text. Reading either back through a web stream costs more
// than a one-row SQL statement. Anything else (Next.js serving the route, a client that streams
// its body) goes by the Web body alone, which is always there.
export const BODY_BYTES = Symbol.for("aigc-studio.body-bytes");

type Carrier = { [BODY_BYTES]?: Uint8Array | string };

/** The bytes or text `message` carries beside its body, if any and its body is unread. */
export function bodyBytes(message: Request | Response): Uint8Array | string | undefined {
  return message.bodyUsed ? undefined : (message as Carrier)[BODY_BYTES];
}

/** Marks `message` as carrying `value` beside its body (the same bytes). */
export function carry<T extends Request | Response>(message: T, value: Uint8Array | string): T {
  (message as Carrier)[BODY_BYTES] = value;
  return message;
}
