// A scenario request the user can correct: an unknown or repeated practice code, a capacity cap of zero, a
// distance limit of zero… The CLI turns it into one clear line and exit status 2.
import { RequestError } from "../../model/errors.ts";
export class ScenarioRequestError extends RequestError {
  override name = "ScenarioRequestError";
}
