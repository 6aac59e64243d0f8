// Values read from a store and kept warm in memory while the store is open and its datasets unchanged:
// the workforce history and the funding data, which several use cases read in one run (a new plan reads
// the workforce history four times and the funding data four times; the workforce and funding pages of
// `icsplan serve` read them on every request). As with the pictures (picture.ts), freshness is checked on
// every call against the datasets' fingerprint (one small query), so an import by this process or by
// another one sharing a PostgreSQL database is seen at once. The values are shared: callers must not
// change them (the engines are pure functions of their inputs).
import { datasetFingerprint } from "../store/repositories/derived-cache.ts";
import type { Store } from "../store/store.ts";

interface Entry {
  fingerprint: string;
  value: Promise<unknown>;
}

/** Values kept per store (each a national workforce history or funding data: tens of MB at most). */
const MAX_ENTRIES = 8;

const warm = new WeakMap<Store, Map<string, Entry>>();

/**
 * The value of `key` for the store's real or synthetic datasets as they are now: from memory when it was
 * read since the last change (or, given `servedBy`, when that key's value was: one that answers this
 * request too), else `read()` (kept for next time; a failed read is not kept).
 */
export async function readWarm<T>(
  store: Store,
  synthetic: boolean,
  key: string,
  read: () => Promise<T>,
  servedBy?: string,
): Promise<T> {
  const fingerprint = await datasetFingerprint(store.db, synthetic);
  let values = warm.get(store);
  if (!values) warm.set(store, (values = new Map()));
  const kind = synthetic ? "demo" : "real";
  const full = `${kind}|${key}`;
  for (const k of servedBy === undefined ? [full] : [`${kind}|${servedBy}`, full]) {
    const hit = values.get(k);
    if (hit && hit.fingerprint === fingerprint) return hit.value as Promise<T>;
  }
  if (values.size >= MAX_ENTRIES) values.clear();
  const value = read();
  values.set(full, { fingerprint, value });
  value.catch(() => {
    if (values.get(full)?.value === value) values.delete(full);
  });
  return value;
}

/** Forgets the warm values of a store. */
export function forgetWarm(store: Store): void {
  warm.delete(store);
}
