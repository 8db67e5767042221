// Fuzzing the language core: thousands of mutated samples through analyze() must never
// throw, never take more than a second, and keep every diagnostic (and the spans of its
// related information and fixes) inside its document. The editor features built on an
// analysis (completion at a random place, outline, semantic tokens, folding, references)
// must not throw either, and on every twentieth input formatting must be idempotent and keep
// the diagnostics.
// CI runs a short seeded pass (FUZZ_N, default 10000); `npm run fuzz -- --n 100000` runs more.
// The language-server pass (lsp.test.ts) runs FUZZ_LSP_N more inputs over stdio.
import { describe, expect, it } from 'vitest';
import { analyze, type Analysis, type Diagnostic } from '../../server/src/language';
import { format } from '../../server/src/language/format';
import { LineIndex } from '../../server/src/language/lineIndex';
import { completionsAt } from '../../server/src/lsp/features/completion';
import { outline } from '../../server/src/lsp/features/symbols';
import { semanticTokens } from '../../server/src/lsp/features/semanticTokens';
import { folds } from '../../server/src/lsp/features/folding';
import { referencesOf } from '../../server/src/lsp/features/navigation';
import { mutate, rng } from './mutate';
import { CORE_N as N, SEED, SEEDS, readCrashers, saveCrasher } from './corpus';

/** The first span of a diagnostic that is not inside [0, length], described; undefined when all are. */
function spanOutside(d: Diagnostic, length: number): string | undefined {
  const spans = [{ what: 'range', s: d }, ...(d.related ?? []).map((r) => ({ what: 'related span', s: r.span })), ...(d.fixes ?? []).flatMap((f) => f.edits.map((e) => ({ what: `fix '${f.title}' edit`, s: e })))];
  const bad = spans.find(({ s }) => !(s.start >= 0 && s.start <= s.end && s.end <= length));
  return bad && `diagnostic ${d.code} ${bad.what} ${bad.s.start}-${bad.s.end} outside the document (length ${length})`;
}

/** Editor features over an analysis; returns what went wrong, if anything. */
function featureProblem(a: Analysis, offset: number, checkFormat: boolean): string | undefined {
  completionsAt(a, offset);
  outline(a);
  semanticTokens(a);
  folds(a, new LineIndex(a.text));
  referencesOf(a, offset, true);
  if (!checkFormat) return undefined;
  const formatted = format(a.text);
  if (formatted === null) return undefined;
  if (format(formatted) !== formatted) return 'formatting is not idempotent';
  const codes = (t: string) => analyze(t).diagnostics.map((d) => d.code).join(' ');
  if (codes(formatted) !== a.diagnostics.map((d) => d.code).join(' ')) return `formatting changed the diagnostics from ${a.diagnostics.map((d) => d.code).join(' ')} to ${codes(formatted)}`;
  return undefined;
}

describe(`fuzz: language core (${N} inputs, seed ${SEED})`, () => {
  it('regression fixtures (former crashers) analyze cleanly', () => {
    for (const { name, text } of readCrashers()) {
      let a;
      expect(() => (a = analyze(text)), name).not.toThrow();
      for (const d of a!.diagnostics) expect(spanOutside(d, text.length), name).toBeUndefined();
    }
  });

  it('no exception, no input over 1 s of CPU, every diagnostic inside its document, editor features sound', () => {
    const r = rng(SEED);
    let slowest = 0;
    const t0 = performance.now();
    for (let i = 0; i < N; i++) {
      const input = mutate(SEEDS[i % SEEDS.length], r);
      // CPU time, not wall time: the limit is on the work an input causes, and CI runs this
      // next to the language-server pass on two cores.
      const start = process.cpuUsage();
      let a;
      try {
        a = analyze(input);
      } catch (e) {
        const file = saveCrasher(`core-${SEED}-${i}.sipmig`, input);
        throw new Error(`analyze threw on input #${i} (saved to ${file}): ${(e as Error).stack}`);
      }
      const used = process.cpuUsage(start);
      const ms = (used.user + used.system) / 1000;
      slowest = Math.max(slowest, ms);
      if (ms >= 1000) throw new Error(`input #${i} took ${ms.toFixed(0)} ms of CPU (limit 1000 ms; saved to ${saveCrasher(`slow-${SEED}-${i}.sipmig`, input)})`);
      for (const d of a.diagnostics) {
        const bad = spanOutside(d, input.length);
        if (bad) throw new Error(`input #${i}: ${bad} (saved to ${saveCrasher(`range-${SEED}-${i}.sipmig`, input)})`);
      }
      let problem: string | undefined;
      try {
        problem = featureProblem(a, Math.floor(r() * (input.length + 1)), i % 20 === 0);
      } catch (e) {
        problem = `an editor feature threw: ${(e as Error).stack}`;
      }
      if (problem) throw new Error(`input #${i}: ${problem} (saved to ${saveCrasher(`feature-${SEED}-${i}.sipmig`, input)})`);
    }
    console.log(`fuzz core: ${N} inputs in ${((performance.now() - t0) / 1000).toFixed(1)} s, slowest analysis ${slowest.toFixed(1)} ms of CPU`);
  }, 3_600_000);
});
