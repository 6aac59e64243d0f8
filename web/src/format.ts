// Numbers and shares as the pages print them (en-GB), with a dash for a figure the data does not have.

const MISSING = "–";

export function whole(n: number | null | undefined): string {
  return n === null || n === undefined || !Number.isFinite(n)
    ? MISSING
    : Math.round(n).toLocaleString("en-GB");
}

export function decimal(n: number | null | undefined, places = 1): string {
  return n === null || n === undefined || !Number.isFinite(n)
    ? MISSING
    : n.toLocaleString("en-GB", { minimumFractionDigits: places, maximumFractionDigits: places });
}

export function percent(share: number | null | undefined, places = 0): string {
  return share === null || share === undefined || !Number.isFinite(share)
    ? MISSING
    : `${(share * 100).toLocaleString("en-GB", { minimumFractionDigits: places, maximumFractionDigits: places })}%`;
}
