// Use case: the picture of general practice a request asks for (real or demo; the map in force on a date;
// list sizes of a date), kept warm in memory for as long as the store is open and its datasets unchanged.
// A long-lived process (`icsplan serve`) then builds each picture once; a CLI command builds it once too.
// Freshness is checked on every call against the datasets' fingerprint, so an import by this process or
// by another one sharing a PostgreSQL database is seen at once.
import type { Picture } from "../model/picture.ts";
import { datasetFingerprint } from "../store/repositories/derived-cache.ts";
import { loadPicture } from "./load-picture.ts";
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
  /** Results derived from the picture (an overview, a listing), by what was asked. */
  derived: Map<string, unknown>;
}

/** Derived results kept per picture: enough for every area of England several times over. */
const MAX_DERIVED = 2000;

const warm = new WeakMap<Store, Map<string, Warm>>();

const keyOf = (r: PictureRequest) => `${r.synthetic ? "demo" : "real"}|${r.date ?? ""}|${r.lists ?? ""}`;

async function warmEntry(store: Store, request: PictureRequest): Promise<Warm> {
  const synthetic = request.synthetic ?? false;
  const fingerprint = await datasetFingerprint(store.db, synthetic);
  let pictures = warm.get(store);
  if (!pictures) warm.set(store, (pictures = new Map()));
  const key = keyOf(request);
  const hit = pictures.get(key);
  if (hit && hit.fingerprint === fingerprint) return hit;
  const picture = loadPicture(store.db, { synthetic, date: request.date, lists: request.lists });
  const entry = { fingerprint, picture, derived: new Map<string, unknown>() };
  pictures.set(key, entry);
  picture.catch(() => pictures.delete(key));
  return entry;
}

/** The picture of the request, from memory while the store's datasets are unchanged. */
export async function readPicture(store: Store, request: PictureRequest): Promise<Picture> {
  return (await warmEntry(store, request)).picture;
}

/**
 * A result derived from the request's picture by a pure function (an overview, a listing), computed once
 * per picture and `key` and kept while the datasets are unchanged: a server answers repeated requests
 * without recomputing. Failures (a request error) are not kept. The result is shared: callers must not
 * change it.
 */
export async function readDerived<T>(
  store: Store,
  request: PictureRequest,
  key: string,
  derive: (picture: Picture) => T,
): Promise<T> {
  const entry = await warmEntry(store, request);
  if (entry.derived.has(key)) return entry.derived.get(key) as T;
  const value = derive(await entry.picture);
  if (entry.derived.size >= MAX_DERIVED) entry.derived.clear();
  entry.derived.set(key, value);
  // A derived promise that fails is forgotten, so the next request tries again.
  if (value instanceof Promise) value.catch(() => entry.derived.delete(key));
  return value;
}

/** Forgets the warm pictures of a store (after an import through this process). */
export function forgetPictures(store: Store): void {
  warm.delete(store);
}
