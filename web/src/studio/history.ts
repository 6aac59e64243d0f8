// The studio's edits as a history of commands over a configuration (a network code per practice, by
// practice index) and the practices locked against moves: move practices to a network (or a new one),
// lock or unlock them, replace the whole configuration (a design, a saved scenario, an imported file).
// Every command records what it changed, so undo restores exactly the state before it and redo re-applies
// it. Immutable: each operation returns a new history. Pure: no DOM.

export interface StudioState {
  /** Network code of each practice (`U`: outside any PCN). */
  codes: readonly string[];
  /** Whether each practice is locked: moves leave it where it is, and the designer keeps it there. */
  locked: readonly boolean[];
}

export type Command =
  | { kind: "move"; practices: number[]; to: string; from: string[] }
  | { kind: "lock"; practices: number[]; locked: boolean; was: boolean[] }
  | { kind: "replace"; label: string; codes: string[]; was: string[] };

export interface History {
  state: StudioState;
  past: Command[];
  future: Command[];
}

export function startHistory(codes: readonly string[], locked?: readonly boolean[]): History {
  return {
    state: { codes: [...codes], locked: locked ? [...locked] : codes.map(() => false) },
    past: [],
    future: [],
  };
}

function apply(state: StudioState, c: Command): StudioState {
  if (c.kind === "move") {
    const codes = [...state.codes];
    for (const p of c.practices) codes[p] = c.to;
    return { ...state, codes };
  }
  if (c.kind === "lock") {
    const locked = [...state.locked];
    for (const p of c.practices) locked[p] = c.locked;
    return { ...state, locked };
  }
  return { ...state, codes: [...c.codes] };
}

function revert(state: StudioState, c: Command): StudioState {
  if (c.kind === "move") {
    const codes = [...state.codes];
    c.practices.forEach((p, i) => (codes[p] = c.from[i]!));
    return { ...state, codes };
  }
  if (c.kind === "lock") {
    const locked = [...state.locked];
    c.practices.forEach((p, i) => (locked[p] = c.was[i]!));
    return { ...state, locked };
  }
  return { ...state, codes: [...c.was] };
}

const record = (h: History, c: Command): History => ({
  state: apply(h.state, c),
  past: [...h.past, c],
  future: [],
});

/**
 * Moves practices to network `to`: locked practices and those already there stay (no command when none
 * moves). The result says which practices were left because they are locked.
 */
export function move(
  h: History,
  practices: readonly number[],
  to: string,
): { history: History; lockedLeft: number[] } {
  const unique = [...new Set(practices)].sort((a, b) => a - b);
  const lockedLeft = unique.filter((p) => h.state.locked[p]);
  const moving = unique.filter((p) => !h.state.locked[p] && h.state.codes[p] !== to);
  if (moving.length === 0) return { history: h, lockedLeft };
  return {
    history: record(h, { kind: "move", practices: moving, to, from: moving.map((p) => h.state.codes[p]!) }),
    lockedLeft,
  };
}

/** Locks (or unlocks) practices; no command when none changes. */
export function setLocked(h: History, practices: readonly number[], locked: boolean): History {
  const changing = [...new Set(practices)].sort((a, b) => a - b).filter((p) => h.state.locked[p] !== locked);
  if (changing.length === 0) return h;
  return record(h, {
    kind: "lock",
    practices: changing,
    locked,
    was: changing.map((p) => h.state.locked[p]!),
  });
}

/** Replaces the whole configuration (locks stay); no command when nothing changes. */
export function replaceAll(h: History, codes: readonly string[], label: string): History {
  if (codes.length !== h.state.codes.length)
    throw new RangeError("a configuration has one code per practice");
  if (codes.every((c, p) => c === h.state.codes[p])) return h;
  return record(h, { kind: "replace", label, codes: [...codes], was: [...h.state.codes] });
}

export const canUndo = (h: History): boolean => h.past.length > 0;
export const canRedo = (h: History): boolean => h.future.length > 0;

export function undo(h: History): History {
  const c = h.past[h.past.length - 1];
  if (!c) return h;
  return { state: revert(h.state, c), past: h.past.slice(0, -1), future: [c, ...h.future] };
}

export function redo(h: History): History {
  const c = h.future[0];
  if (!c) return h;
  return { state: apply(h.state, c), past: [...h.past, c], future: h.future.slice(1) };
}

/** The next unused code of a new network: NEW-1, NEW-2, … (the designer names its new networks so too). */
export function newNetworkCode(codes: readonly string[]): string {
  const used = new Set(codes);
  let k = 1;
  while (used.has(`NEW-${k}`)) k++;
  return `NEW-${k}`;
}

/** A command in words, for the status line and the undo button's description. */
export function describe(c: Command, practiceName: (p: number) => string): string {
  const who = (ps: readonly number[]) =>
    ps.length === 1 ? practiceName(ps[0]!) : `${ps.length.toLocaleString("en-GB")} practices`;
  if (c.kind === "move") return `Moved ${who(c.practices)} to ${c.to}`;
  if (c.kind === "lock") return `${c.locked ? "Locked" : "Unlocked"} ${who(c.practices)}`;
  return `Loaded ${c.label}`;
}
