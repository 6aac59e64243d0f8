// Ring checks for GeoJSON polygons: every linear ring must be closed (its last position equal to its
// first), have at least four positions, and not cross itself. The crossing check is a sweep over the
// ring's segments sorted by their west end: a segment is compared only with the segments still open at
// that longitude whose latitude ranges overlap, so a ring of n segments costs O(n log n) plus the few
// overlapping pairs (a ring's outline meets a meridian only a handful of times), not n².

export type Position = readonly [number, number];

export type RingFault =
  | { kind: "unclosed"; first: Position; last: Position }
  | { kind: "too-short"; positions: number }
  | { kind: "crossing"; a: number; b: number; at: Position };

export interface RingCheck {
  fault: RingFault | undefined;
  /**
   * Crossings accepted because the loop they cut off is within the coordinates' own rounding: a ring
   * whose positions are rounded to 4 decimal places (~11 m) can cross itself where the true line ran
   * within a few grid steps of itself. A loop of at most 16 positions spanning at most `ROUNDING_STEPS`
   * grid steps, and at most `MAX_LOOP_DEGREES`, is such an artefact.
   */
  rounding: number;
}

/**
 * How many grid steps of the coordinates' rounding a crossing's loop may span and still be accepted. The
 * Sussex LSOA 2011 file (rounded to 4 places by its preparer) has 12 such crossings, whose loops span 1.0
 * to 7.0 steps (11–78 m); the ONS files (full precision) have none.
 */
export const ROUNDING_STEPS = 8;
/** And never more than this (~110 m north–south, ~70 m east–west in England), however coarse the grid. */
export const MAX_LOOP_DEGREES = 0.001;

/** Orientation of c relative to the directed line a→b: >0 left, <0 right, 0 collinear. */
const orient = (ax: number, ay: number, bx: number, by: number, cx: number, cy: number) =>
  (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);

/**
 * Where segments p1→p2 and q1→q2 meet other than at a shared end, or undefined. Touching at a shared end
 * of consecutive segments is the ring's own vertex and not a fault; so is a ring's first and last
 * segment meeting at the closing position.
 */
function meeting(
  p1x: number,
  p1y: number,
  p2x: number,
  p2y: number,
  q1x: number,
  q1y: number,
  q2x: number,
  q2y: number,
): Position | undefined {
  const d1 = orient(q1x, q1y, q2x, q2y, p1x, p1y);
  const d2 = orient(q1x, q1y, q2x, q2y, p2x, p2y);
  const d3 = orient(p1x, p1y, p2x, p2y, q1x, q1y);
  const d4 = orient(p1x, p1y, p2x, p2y, q2x, q2y);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) {
    const t = d1 / (d1 - d2);
    return [p1x + t * (p2x - p1x), p1y + t * (p2y - p1y)];
  }
  // Collinear overlap of more than a point: the ring doubles back along itself.
  if (d1 === 0 && d2 === 0 && d3 === 0 && d4 === 0) {
    const alongX = Math.abs(p2x - p1x) >= Math.abs(p2y - p1y);
    const [a1, a2] = alongX ? [p1x, p2x] : [p1y, p2y];
    const [b1, b2] = alongX ? [q1x, q2x] : [q1y, q2y];
    const lo = Math.max(Math.min(a1, a2), Math.min(b1, b2));
    const hi = Math.min(Math.max(a1, a2), Math.max(b1, b2));
    if (hi > lo) {
      const mid = (lo + hi) / 2;
      const t = a2 === a1 ? 0 : (mid - a1) / (a2 - a1);
      return [p1x + t * (p2x - p1x), p1y + t * (p2y - p1y)];
    }
  }
  return undefined;
}

/**
 * The first fault of one linear ring, or undefined when it is valid. Consecutive repeated positions are
 * allowed (they make zero-length segments, which are skipped). Touching at a single point that is a
 * vertex of both segments (a "pinch") is allowed too: ONS generalised boundaries have them where a
 * narrow neck is simplified to one vertex, and they do not make the ring ambiguous.
 */
export function ringFault(ring: readonly Position[]): RingFault | undefined {
  return checkRing(ring).fault;
}

/** Checks one ring: its first fault, and how many crossings were put down to rounding. */
export function checkRing(ring: readonly Position[]): RingCheck {
  const n = ring.length;
  const first = ring[0]!;
  const last = ring[n - 1]!;
  if (first[0] !== last[0] || first[1] !== last[1])
    return { fault: { kind: "unclosed", first, last }, rounding: 0 };
  if (n < 4) return { fault: { kind: "too-short", positions: n }, rounding: 0 };
  let rounding = 0;
  const segments = n - 1;
  const ax = new Float64Array(segments);
  const ay = new Float64Array(segments);
  const bx = new Float64Array(segments);
  const by = new Float64Array(segments);
  const order: number[] = [];
  for (let i = 0; i < segments; i++) {
    const p = ring[i]!;
    const q = ring[i + 1]!;
    ax[i] = p[0];
    ay[i] = p[1];
    bx[i] = q[0];
    by[i] = q[1];
    if (p[0] !== q[0] || p[1] !== q[1]) order.push(i);
  }
  const minX = (i: number) => Math.min(ax[i]!, bx[i]!);
  const maxX = (i: number) => Math.max(ax[i]!, bx[i]!);
  order.sort((i, j) => minX(i) - minX(j));
  // Open segments, pruned lazily of those that end west of the current one.
  let open: number[] = [];
  for (const s of order) {
    const x = minX(s);
    const sMinY = Math.min(ay[s]!, by[s]!);
    const sMaxY = Math.max(ay[s]!, by[s]!);
    let kept = 0;
    for (let k = 0; k < open.length; k++) {
      const o = open[k]!;
      if (maxX(o) < x) continue;
      open[kept++] = o;
      if (Math.max(ay[o]!, by[o]!) < sMinY || Math.min(ay[o]!, by[o]!) > sMaxY) continue;
      const at = meeting(ax[s]!, ay[s]!, bx[s]!, by[s]!, ax[o]!, ay[o]!, bx[o]!, by[o]!);
      if (at === undefined) continue;
      const [a, b] = s < o ? [s, o] : [o, s];
      // Neighbours along the ring (zero-length segments between them aside) share only their vertex.
      if (adjacent(a, b, segments, ax, ay, bx, by)) continue;
      if (sharesVertexOnly(s, o, ax, ay, bx, by, at)) continue;
      if (withinRounding(ring, a, b, at)) {
        rounding++;
        continue;
      }
      return { fault: { kind: "crossing", a, b, at }, rounding };
    }
    open.length = kept;
    open.push(s);
    if (open.length > 4096) open = open.filter((o) => maxX(o) >= x);
  }
  return { fault: undefined, rounding };
}

/** Decimal places of a coordinate (up to 9): 50.8229 → 4. */
function decimals(v: number): number {
  for (let d = 0; d < 9; d++) if (Number(v.toFixed(d)) === v) return d;
  return 9;
}

/**
 * The loop cut off where segments a < b cross (the shorter way round the ring, with the crossing point)
 * spans at most ROUNDING_STEPS steps of the grid its positions are rounded to.
 */
function withinRounding(ring: readonly Position[], a: number, b: number, at: Position): boolean {
  const segments = ring.length - 1;
  const inner = b - a;
  const loop: Position[] = [];
  if (inner <= segments - inner) for (let i = a + 1; i <= b; i++) loop.push(ring[i]!);
  else {
    for (let i = b + 1; i < segments; i++) loop.push(ring[i]!);
    for (let i = 0; i <= a; i++) loop.push(ring[i]!);
  }
  if (loop.length > 16) return false;
  let places = 0;
  let minX = at[0];
  let maxX = at[0];
  let minY = at[1];
  let maxY = at[1];
  for (const [x, y] of loop) {
    places = Math.max(places, decimals(x), decimals(y));
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  }
  const step = 10 ** -places;
  const limit = Math.min(ROUNDING_STEPS * step, MAX_LOOP_DEGREES) * (1 + 1e-9);
  return maxX - minX <= limit && maxY - minY <= limit;
}

/** Segments a < b are next to each other along the ring, allowing for zero-length segments between. */
function adjacent(
  a: number,
  b: number,
  segments: number,
  ax: Float64Array,
  ay: Float64Array,
  bx: Float64Array,
  by: Float64Array,
): boolean {
  const zero = (i: number) => ax[i] === bx[i] && ay[i] === by[i];
  let i = a + 1;
  while (i < b && zero(i)) i++;
  if (i === b) return true;
  // The ring's last and first segments meet at the closing position.
  let j = b + 1;
  while (j < segments && zero(j)) j++;
  if (j !== segments) return false;
  let k = 0;
  while (k < a && zero(k)) k++;
  return k === a;
}

/** The two segments meet only at a vertex of both (a pinch), not crossing. */
function sharesVertexOnly(
  s: number,
  o: number,
  ax: Float64Array,
  ay: Float64Array,
  bx: Float64Array,
  by: Float64Array,
  at: Position,
): boolean {
  const isEnd = (i: number) => (ax[i] === at[0] && ay[i] === at[1]) || (bx[i] === at[0] && by[i] === at[1]);
  return isEnd(s) && isEnd(o);
}
