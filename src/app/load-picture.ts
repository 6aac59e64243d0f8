// Use case: build the picture a request asks for: list the store's datasets, choose among them and join
// their rows by the pure rules of src/model/picture-builder.ts. Built once, then read back from the store's
// derived cache while no dataset changes (~0.4 s saved a run); src/app/picture.ts keeps it warm in memory.
import { buildMapPicture, buildPicture, choosePictureInputs } from "../model/picture-builder.ts";
import type { PictureRequest } from "../model/picture-choice.ts";
import type { Picture } from "../model/picture.ts";
import type { Database } from "../store/schema.ts";
import { cachedJson, datasetFingerprint } from "../store/repositories/derived-cache.ts";
import { loadMapRows, loadPictureRows, pictureCatalogue } from "../store/repositories/picture.ts";
import type { Kysely } from "kysely";

export { NoDataError } from "../model/picture-builder.ts";

export interface PictureOptions extends PictureRequest {
  synthetic: boolean;
}

/**
 * Version of the picture's shape and rules: bump it whenever the builder changes what it returns, so that
 * pictures cached by an older icsplan are rebuilt.
 */
const PICTURE_VERSION = 5;

/** The picture of general practice on a date (default: the newest map with list sizes near it). */
export async function loadPicture(db: Kysely<Database>, options: PictureOptions): Promise<Picture> {
  const inputs = `v${PICTURE_VERSION}|${await datasetFingerprint(db, options.synthetic)}`;
  const key =
    `picture|${options.synthetic ? "demo" : "real"}|${options.date ?? "default"}` +
    (options.lists ? `|lists ${options.lists}` : "");
  return cachedJson(db, key, inputs, async () => {
    const chosen = choosePictureInputs(await pictureCatalogue(db, options.synthetic), options);
    return buildPicture(chosen, await loadPictureRows(db, chosen));
  });
}

/** The geography of the picture's map alone (no figures), for series that bring their own figures. */
export async function loadMapPicture(db: Kysely<Database>, options: PictureOptions): Promise<Picture> {
  const chosen = choosePictureInputs(await pictureCatalogue(db, options.synthetic), options);
  return buildMapPicture(chosen, await loadMapRows(db, chosen.map));
}
