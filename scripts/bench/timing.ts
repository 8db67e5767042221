// Timing helpers of the in-process benchmarks: the median of repeated runs after a warm-up.

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** How long one call of f takes (ms). */
export function timeOnce(f: () => void): number {
  const t = performance.now();
  f();
  return performance.now() - t;
}

/** Runs f once, or with warmMs > 0 at least 5 times and warmMs long: until the JIT has compiled the hot loop (on a busy machine that takes a while). */
function warmUp(f: () => void, warmMs: number): void {
  const w0 = performance.now();
  for (let i = 0; i < 1 || (warmMs > 0 && (i < 5 || performance.now() - w0 < warmMs)); i++) f();
}

/** Median time of f (ms): at least minRuns runs and minMs of measuring, after warmMs of warm-up. */
export function time(f: () => void, minRuns = 5, minMs = 300, warmMs = 0): number {
  warmUp(f, warmMs);
  const xs: number[] = [];
  const t0 = performance.now();
  while (xs.length < minRuns || performance.now() - t0 < minMs) xs.push(timeOnce(f));
  return median(xs);
}

/**
 * Median time of f (ms) over `windows` windows of `msPerWindow` each (after warmMs of warm-up),
 * with the median of its fastest and slowest window. On this machine the speed of the model's
 * loop changes from one second to the next (about 5 ms against 8.5 ms for the 40 cps run) while
 * an arithmetic loop's does not: the spread shows which phase a median fell in.
 */
export function timeWindows(f: () => void, windows: number, msPerWindow: number, warmMs = 0): { median: number; fastest: number; slowest: number } {
  warmUp(f, warmMs);
  const all: number[] = [];
  const medians: number[] = [];
  for (let w = 0; w < windows; w++) {
    const xs: number[] = [];
    const t0 = performance.now();
    while (xs.length < 3 || performance.now() - t0 < msPerWindow) xs.push(timeOnce(f));
    all.push(...xs);
    medians.push(median(xs));
  }
  return { median: median(all), fastest: Math.min(...medians), slowest: Math.max(...medians) };
}
