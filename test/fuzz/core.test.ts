// Fuzzing the language core: thousands of mutated samples through analyze() must never
// throw, never take more than a second, and keep every diagnostic (and the spans of its
// related information and fixes) inside its document.
// CI runs a short seeded pass (FUZZ_N, default 10000); `npm run fuzz -- --n 100000` runs more.
// The language-server pass (lsp.test.ts) runs FUZZ_LSP_N more inputs over stdio.
import { describe, expect, it } from 'vitest';
import { analyze, type Diagnostic } from '../../server/src/language';
import { mutate, rng } from './mutate';
import { CORE_N as N, SEED, SEEDS, readCrashers, saveCrasher } from './corpus';

/** The first span of a diagnostic that is not inside [0, length], described; undefined when all are. */
function spanOutside(d: Diagnostic, length: number): string | undefined {
  const spans = [{ what: 'range', s: d }, ...(d.related ?? []).map((r) => ({ what: 'related span', s: r.span })), ...(d.fixes ?? []).flatMap((f) => f.edits.map((e) => ({ what: `fix '${f.title}' edit`, s: e })))];
  const bad = spans.find(({ s }) => !(s.start >= 0 && s.start <= s.end && s.end <= length));
  return bad && `diagnostic ${d.code} ${bad.what} ${bad.s.start}-${bad.s.end} outside the document (length ${length})`;
}

describe(`fuzz: language core (${N} inputs, seed ${SEED})`, () => {
  it('regression fixtures (former crashers) analyze cleanly', () => {
    for (const { name, text } of readCrashers()) {
      let a;
      expect(() => (a = analyze(text)), name).not.toThrow();
      for (const d of a!.diagnostics) expect(spanOutside(d, text.length), name).toBeUndefined();
    }
  });

  it('no exception, no input over 1 s, every diagnostic inside its document', () => {
    const r = rng(SEED);
    let slowest = 0;
    const t0 = performance.now();
    for (let i = 0; i < N; i++) {
      const input = mutate(SEEDS[i % SEEDS.length], r);
      const start = performance.now();
      let a;
      try {
        a = analyze(input);
      } catch (e) {
        const file = saveCrasher(`core-${SEED}-${i}.sipmig`, input);
        throw new Error(`analyze threw on input #${i} (saved to ${file}): ${(e as Error).stack}`);
      }
      const ms = performance.now() - start;
      slowest = Math.max(slowest, ms);
      if (ms >= 1000) throw new Error(`input #${i} took ${ms.toFixed(0)} ms (limit 1000 ms; saved to ${saveCrasher(`slow-${SEED}-${i}.sipmig`, input)})`);
      for (const d of a.diagnostics) {
        const bad = spanOutside(d, input.length);
        if (bad) throw new Error(`input #${i}: ${bad} (saved to ${saveCrasher(`range-${SEED}-${i}.sipmig`, input)})`);
      }
    }
    console.log(`fuzz core: ${N} inputs in ${((performance.now() - t0) / 1000).toFixed(1)} s, slowest ${slowest.toFixed(1)} ms`);
  }, 3_600_000);
});
