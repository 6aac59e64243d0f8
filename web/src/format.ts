// Numbers and shares as the pages print them, in the style of every icsplan output (src/model/format.ts:
// en-GB thousands, ASCII minus, never a negative zero), with a dash for a figure the data does not have.

const MISSING = "–";

/** `n` rounded to `places` decimals, with -0 (a small negative that rounds to zero) made 0. */
function rounded(n: number, places: number): number {
  const r = Number(n.toFixed(places));
  return r === 0 ? 0 : r;
}

const grouped = (n: number, places: number) =>
  rounded(n, places).toLocaleString("en-GB", {
    minimumFractionDigits: places,
    maximumFractionDigits: places,
  });

export function whole(n: number | null | undefined): string {
  return n === null || n === undefined || !Number.isFinite(n) ? MISSING : grouped(n, 0);
}

export function decimal(n: number | null | undefined, places = 1): string {
  return n === null || n === undefined || !Number.isFinite(n) ? MISSING : grouped(n, places);
}

export function percent(share: number | null | undefined, places = 0): string {
  return share === null || share === undefined || !Number.isFinite(share)
    ? MISSING
    : `${grouped(share * 100, places)}%`;
}
