// Whether one model result keeps every output of another (scripts/bench/ab.ts): a newer build
// may add fields, but every field and series value of the older one must come out the same.

/** Whether `b` has every field of `a` with the same value (arrays: the same length and values). */
export function covers(a: unknown, b: unknown): boolean {
  if (typeof a !== 'object' || a === null) return Object.is(a, b);
  if (typeof b !== 'object' || b === null) return false;
  if (Array.isArray(a) || ArrayBuffer.isView(a)) {
    const x = a as ArrayLike<unknown>;
    const y = b as ArrayLike<unknown>;
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (!covers(x[i], y[i])) return false;
    return true;
  }
  return Object.entries(a).every(([k, v]) => covers(v, (b as Record<string, unknown>)[k]));
}
