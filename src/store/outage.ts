// A store that cannot be reached, said in one line: PostgreSQL refusing the connection, an unknown host or
// database, a wrong password. (A malformed DATABASE_URL is a RequestError, thrown before connecting.) These are not the user's request being wrong (so
// not RequestErrors) and not bugs; the CLI prints the line and exits 1, the API answers 503.

const PG_CODES: Record<string, string> = {
  "3D000": "the database does not exist",
  "28P01": "the password was refused",
  "28000": "the user is not allowed to connect",
  "57P03": "the server is starting up or shutting down",
  "53300": "the server has too many connections",
};

const NET_CODES: Record<string, string> = {
  ECONNREFUSED: "the connection was refused (is PostgreSQL running, on that host and port?)",
  ENOTFOUND: "the host name was not found",
  EAI_AGAIN: "the host name could not be looked up",
  ETIMEDOUT: "the connection timed out",
  ECONNRESET: "the connection was reset",
  EHOSTUNREACH: "the host cannot be reached",
};

/** A database-connection failure as one line, or undefined when the error is something else. */
export function describeOutage(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const code = (error as { code?: unknown }).code;
  const nested = error instanceof AggregateError ? error.errors.find((e) => e instanceof Error) : undefined;
  const netCode = typeof code === "string" ? code : (nested as { code?: unknown } | undefined)?.code;
  if (typeof netCode === "string" && netCode in NET_CODES)
    return `cannot reach the PostgreSQL store: ${NET_CODES[netCode]} (${error.message || netCode})`;
  if (typeof code === "string" && code in PG_CODES)
    return `cannot open the PostgreSQL store: ${PG_CODES[code]} (${error.message})`;
  return undefined;
}
