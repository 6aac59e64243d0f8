// The request errors of the footprint engine: a date with no map in force, an unknown practice or ICB.
import { RequestError, type RequestErrorKind } from "../../model/errors.ts";

/** A footprint request the user can correct; the message names the field, what was expected and found. */
export class FootprintRequestError extends RequestError {
  override name = "FootprintRequestError";
  constructor(message: string, field: string, kind: RequestErrorKind = "not-found") {
    super(message, { kind, field });
  }
}

/**
 * An ICB asked for in a footprint it is not in; `asItWas` is the last date it was in force, if it was, and
 * `where` where it stands in the ICB succession and the dates it is in force, in words.
 */
export class IcbNotInFootprintError extends FootprintRequestError {
  override name = "IcbNotInFootprintError";
  constructor(
    message: string,
    readonly asItWas: string | null,
    readonly where: string = "",
  ) {
    super(message, "icb");
  }
}
