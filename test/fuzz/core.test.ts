// Fuzzing the language core: thousands of mutated samples through analyze() must never
// throw, never take more than a second, and keep every diagnostic inside its document.
// CI runs a short seeded pass (FUZZ_N, default 10000); `npm run fuzz -- --n 100000` runs more.
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../server/src/language';
import { mutate, rng } from './mutate';
import { ROOT } from '../helpers';

const N = Number(process.env.FUZZ_N ?? 10_000);
const SEED = Number(process.env.FUZZ_SEED ?? 20161125);
const seeds = ['samples/paper', 'samples/modern'].flatMap((d) => readdirSync(join(ROOT, d)).filter((f) => f.endsWith('.sipmig')).map((f) => readFileSync(join(ROOT, d, f), 'utf8')));
const FIXTURES = join(ROOT, 'test/fuzz/crashers');

function readCrashers(): string[] {
  try {
    return readdirSync(FIXTURES).map((f) => readFileSync(join(FIXTURES, f), 'utf8'));
  } catch {
    return [];
  }
}

describe(`fuzz: language core (${N} inputs, seed ${SEED})`, () => {
  it('regression fixtures (former crashers) analyze cleanly', () => {
    for (const text of readCrashers()) expect(() => analyze(text)).not.toThrow();
  });

  it('no exception, no input over 1 s, every diagnostic inside its document', () => {
    const r = rng(SEED);
    let slowest = 0;
    for (let i = 0; i < N; i++) {
      const input = mutate(seeds[i % seeds.length], r);
      const t0 = performance.now();
      let a;
      try {
        a = analyze(input);
      } catch (e) {
        mkdirSync(FIXTURES, { recursive: true });
        const file = join(FIXTURES, `crash-${SEED}-${i}.sipmig`);
        writeFileSync(file, input);
        throw new Error(`analyze threw on input #${i} (saved to ${file}): ${(e as Error).stack}`);
      }
      const ms = performance.now() - t0;
      slowest = Math.max(slowest, ms);
      expect(ms, `input #${i} took ${ms.toFixed(0)} ms (limit 1000 ms)`).toBeLessThan(1000);
      for (const d of a.diagnostics) {
        if (d.start < 0 || d.end < d.start || d.end > input.length) throw new Error(`input #${i}: diagnostic ${d.code} range ${d.start}-${d.end} outside the document (length ${input.length})`);
      }
    }
    console.log(`fuzz core: ${N} inputs, slowest ${slowest.toFixed(1)} ms`);
  }, 600_000);
});
