// Whole-unit apportionment by largest remainder (Hare–Niemeyer): exact shares are floored, and the units
// left over go one each to the largest fractional parts. Used for pence, so that an allocation sums to the
// fund exactly.

export interface ApportionItem {
  /** The exact (real) amount. */
  exact: number;
  /** Tie-break after the fractional part: larger first (e.g. need, so that rounding stays monotone). */
  priority: number;
  /** Final tie-break, ascending (e.g. the practice code). */
  key: string;
  /** The item may not exceed this (default: no limit). */
  max?: number;
}

/**
 * Integers summing to `total` that differ from each exact share by less than one.
 * @example apportion(10, [{ exact: 3.5, priority: 1, key: "a" }, { exact: 6.5, priority: 2, key: "b" }]) // [3, 7]
 */
export function apportion(total: number, items: readonly ApportionItem[]): number[] {
  if (!Number.isInteger(total))
    throw new RangeError(`apportion: total must be a whole number; found ${total}`);
  const floors = items.map((i) => Math.floor(i.exact + 1e-9));
  let left = total - floors.reduce((a, b) => a + b, 0);
  if (left < 0)
    throw new RangeError(
      `apportion: the exact shares exceed the total ${total} by ${-left} after rounding down`,
    );
  const order = items
    .map((item, index) => ({ item, index, frac: item.exact - floors[index]! }))
    .filter(({ item, index }) => item.max === undefined || floors[index]! + 1 <= item.max)
    .sort(
      (a, b) =>
        b.frac - a.frac ||
        b.item.priority - a.item.priority ||
        (a.item.key < b.item.key ? -1 : a.item.key > b.item.key ? 1 : 0),
    );
  if (left > order.length)
    throw new RangeError(`apportion: ${left} units left over but only ${order.length} items can take one`);
  for (const { index } of order) {
    if (left === 0) break;
    floors[index]!++;
    left--;
  }
  return floors;
}
