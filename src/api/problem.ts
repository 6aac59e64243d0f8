// RFC 9457 problem details: every error the API returns. A RequestError keeps its kind (400, 404, 409,
// 422) and names its field; a store that cannot be reached is 503; anything else is 500 with no stack.
import { HTTP_STATUS, RequestError } from "../model/errors.ts";
import { describeOutage } from "../store/outage.ts";

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  /** The request field (query parameter, body property or path segment) the problem is about. */
  field?: string | undefined;
}

const TITLES: Record<number, string> = {
  400: "The request is not valid",
  404: "Not found",
  409: "Conflict with the store's state",
  422: "The request cannot be processed",
  500: "Internal error",
  503: "The store cannot be reached",
};

export const problem = (status: number, detail: string, field?: string): Problem => ({
  type: `https://icsplan.org/problems/${status}`,
  title: TITLES[status] ?? "Error",
  status,
  detail,
  ...(field === undefined ? {} : { field }),
});

/** The problem of a thrown error. */
export function problemOf(error: unknown): Problem {
  if (error instanceof RequestError) return problem(HTTP_STATUS[error.kind], error.message, error.field);
  const outage = describeOutage(error);
  if (outage) return problem(503, outage);
  return problem(500, "unexpected error in icsplan; the server log has the details");
}
