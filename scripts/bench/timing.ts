// Timing helpers of the in-process benchmarks: the median of repeated runs after a warm-up.

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Median time of f (ms): at least minRuns runs and minMs of measuring, after warmMs of warm-up. */
export function time(f: () => void, minRuns = 5, minMs = 300, warmMs = 0): number {
  // Warm up until the JIT has compiled the hot loop (on a busy machine that takes a while).
  const w0 = performance.now();
  for (let i = 0; i < 1 || (warmMs > 0 && (i < 5 || performance.now() - w0 < warmMs)); i++) f();
  const xs: number[] = [];
  const t0 = performance.now();
  while (xs.length < minRuns || performance.now() - t0 < minMs) {
    const t = performance.now();
    f();
    xs.push(performance.now() - t);
  }
  return median(xs);
}
