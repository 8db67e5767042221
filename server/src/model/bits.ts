// Bit-for-bit comparison of doubles: the fast-forward (fastForward.ts, sip.ts) takes a state as
// repeating only when every value is the same double, since the same state gives the same step.

/** Equal bit for bit (NaN equals NaN, 0 differs from -0). */
export function sameBit(a: number, b: number): boolean {
  return a === b ? a !== 0 || 1 / a === 1 / b : a !== a && b !== b;
}

/** The first n values of a and b are equal bit for bit. */
export function sameBits(a: Float64Array, b: Float64Array, n: number): boolean {
  for (let i = 0; i < n; i++) if (!sameBit(a[i], b[i])) return false;
  return true;
}
