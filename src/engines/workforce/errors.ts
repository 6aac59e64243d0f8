// The request errors of the workforce engines: an unknown area, period or contract year, or a bad number.
// The CLI turns them into one clear line and exit status 2.
import { RequestError } from "../../model/errors.ts";

/** A workforce request the user can correct; the message names the field, what was expected and found. */
export class WorkforceRequestError extends RequestError {
  override name = "WorkforceRequestError";
}
