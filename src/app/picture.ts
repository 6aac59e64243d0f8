// Use case: the picture of general practice a request asks for (real or demo; the map in force on a date;
// list sizes of a date), kept warm in memory for as long as the store is open and its datasets unchanged.
// A long-lived process (`icsplan serve`) then builds each picture once; a CLI command builds it once too.
// Freshness is checked on every call against the datasets' fingerprint, so an import by this process or
// by another one sharing a PostgreSQL database is seen at once.
import type { Picture } from "../model/picture.ts";
import { datasetFingerprint } from "../store/repositories/derived-cache.ts";
import { loadPicture } from "../store/repositories/picture.ts";
import type { Store } from "../store/store.ts";

export interface PictureRequest {
  /** The synthetic demo instead of real data. */
  synthetic?: boolean | undefined;
  /** The picture as it stood on this ISO date: the map in force then, the newest lists on or before it. */
  date?: string | undefined;
  /** List sizes from the newest list file on or before this ISO date. */
  lists?: string | undefined;
}

interface Warm {
  fingerprint: string;
  picture: Promise<Picture>;
}

const warm = new WeakMap<Store, Map<string, Warm>>();

const keyOf = (r: PictureRequest) => `${r.synthetic ? "demo" : "real"}|${r.date ?? ""}|${r.lists ?? ""}`;

/** The picture of the request, from memory while the store's datasets are unchanged. */
export async function readPicture(store: Store, request: PictureRequest): Promise<Picture> {
  const synthetic = request.synthetic ?? false;
  const fingerprint = await datasetFingerprint(store.db, synthetic);
  let pictures = warm.get(store);
  if (!pictures) warm.set(store, (pictures = new Map()));
  const key = keyOf(request);
  const hit = pictures.get(key);
  if (hit && hit.fingerprint === fingerprint) return hit.picture;
  const picture = loadPicture(store.db, { synthetic, date: request.date, lists: request.lists });
  pictures.set(key, { fingerprint, picture });
  picture.catch(() => pictures.delete(key));
  return picture;
}

/** Forgets the warm pictures of a store (after an import through this process). */
export function forgetPictures(store: Store): void {
  warm.delete(store);
}
