// The rule that picks a picture's map and lists, on hand-made catalogues (no database): the dates of the
// real files (maps September 2020 … August 2026; lists January 2021, May 2022, April 2025, July 2026).
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  choosePicture,
  defaultMap,
  monthsBetween,
  newestOnOrBefore,
  type DatedDataset,
} from "../../src/model/picture-choice.ts";

let nextId = 1;
const ds = (source: string, referenceDate: string, scope = ""): DatedDataset => ({
  id: nextId++,
  source,
  title: source,
  period: referenceDate.slice(0, 7),
  referenceDate,
  synthetic: false,
  scope,
});
const map = (d: string) => ds("gp-reg-pat-prac-map", d);
const list = (d: string, scope = "") => ds("gp-reg-pat-prac-all", d, scope);

const MAPS = ["2020-09-01", "2022-01-01", "2025-10-01", "2026-01-01", "2026-07-01", "2026-08-01"].map(map);
const OLD_LISTS = ["2021-01-01", "2022-05-01", "2025-04-01"].map((d) => list(d));
const JULY_TOTALS = list("2026-07-01", "totals");
const JULY_FULL = ds("gp-reg-pat-prac-quin-age", "2026-07-01");
const LISTS = [...OLD_LISTS, JULY_TOTALS, JULY_FULL];

describe("choosing a picture", () => {
  test("months between dates", () => {
    assert.equal(monthsBetween("2025-04-01", "2026-01-01"), 9);
    assert.equal(monthsBetween("2026-07-01", "2026-08-01"), 1);
    assert.equal(monthsBetween("2022-05-01", "2022-01-01"), -4);
  });

  test("by default: the August 2026 map with the July 2026 lists (the full file, not its totals extract)", () => {
    const c = choosePicture(MAPS, LISTS, {});
    assert.equal(c.map?.referenceDate, "2026-08-01");
    assert.equal(c.lists?.id, JULY_FULL.id);
    assert.equal(c.newerMapPassedOver, null);
  });

  test("without the July 2026 lists the default falls back to the January 2026 map (April 2025 lists, 9 months)", () => {
    const c = choosePicture(MAPS, OLD_LISTS, {});
    assert.equal(c.map?.referenceDate, "2026-01-01");
    assert.equal(c.lists?.referenceDate, "2025-04-01");
    assert.equal(c.newerMapPassedOver?.referenceDate, "2026-08-01");
  });

  test("a date gives the picture as it stood then: the map in force and the lists of that date", () => {
    const may = choosePicture(MAPS, LISTS, { date: "2022-05-01" });
    assert.equal(may.map?.referenceDate, "2022-01-01");
    assert.equal(may.lists?.referenceDate, "2022-05-01");
    const jan = choosePicture(MAPS, LISTS, { date: "2026-01-01" });
    assert.deepEqual([jan.map?.referenceDate, jan.lists?.referenceDate], ["2026-01-01", "2025-04-01"]);
    assert.equal(jan.newerMapPassedOver, null);
  });

  test("--lists names the lists outright", () => {
    const c = choosePicture(MAPS, LISTS, { date: "2022-05-01", lists: "2021-06-30" });
    assert.deepEqual([c.map?.referenceDate, c.lists?.referenceDate], ["2022-01-01", "2021-01-01"]);
  });

  test("before every dataset: the oldest after the date; nothing loaded: nothing chosen", () => {
    const c = choosePicture(MAPS, LISTS, { date: "2019-01-01" });
    assert.deepEqual([c.map?.referenceDate, c.lists?.referenceDate], ["2020-09-01", "2021-01-01"]);
    assert.deepEqual(choosePicture([], LISTS, {}), { map: null, lists: null, newerMapPassedOver: null });
    assert.equal(defaultMap(MAPS, [])?.referenceDate, "2026-08-01"); // no lists at all: the newest map
  });

  test("of two imports of one month the newer wins; a totals extract only when no full file", () => {
    const again = list("2025-04-01");
    assert.equal(newestOnOrBefore([...OLD_LISTS, again], "2025-12-31")?.id, again.id);
    assert.equal(newestOnOrBefore([...OLD_LISTS, JULY_TOTALS], "2026-07-01")?.id, JULY_TOTALS.id);
  });
});
