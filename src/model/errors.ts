// The one error model of icsplan: a request or a file the user can correct. Every layer throws a
// subclass; the CLI prints its message on one line and exits 2, the HTTP API answers with an RFC 9457
// problem document whose status follows `kind` and which names the `field` (a request field, an option
// or a file location). Anything that is not a RequestError is a bug or an outage, never the user's fault.

/** What is wrong, in HTTP terms: 400, 404, 409 or 422. */
export type RequestErrorKind = "invalid" | "not-found" | "conflict" | "unprocessable";

export interface RequestErrorOptions {
  kind?: RequestErrorKind | undefined;
  /** The request field, CLI option (without dashes) or file location the message is about. */
  field?: string | undefined;
  cause?: unknown;
}

export class RequestError extends Error {
  override name = "RequestError";
  readonly kind: RequestErrorKind;
  readonly field: string | undefined;

  constructor(message: string, options: RequestErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.kind = options.kind ?? "invalid";
    this.field = options.field;
  }
}

/** The HTTP status of each kind. */
export const HTTP_STATUS: Readonly<Record<RequestErrorKind, 400 | 404 | 409 | 422>> = {
  invalid: 400,
  "not-found": 404,
  conflict: 409,
  unprocessable: 422,
};

/** A request that names an area (ICB, sub-ICB, PCN, practice) the loaded map does not have. */
export class UnknownAreaError extends RequestError {
  override name = "UnknownAreaError";
  /** The code or name asked for, when nothing matched it (not when several did). */
  readonly query: string | undefined;
  constructor(message: string, field?: string, query?: string) {
    super(message, { kind: "not-found", field });
    this.query = query;
  }
}
