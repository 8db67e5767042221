// Fuzzing the language server as an editor drives it: the built server (server/dist/server.js
// --stdio) gets every mutated input as a new version of one document, and after each:
// - its diagnostics arrive within a second, tagged with that version, equal to what the
//   language core finds in that text, every range inside the document;
// - no publish ever goes back to an older version;
// - hover, completion and the outline answer (ranges inside the document);
// - for inputs that can run (a quarter are mutated within documented ranges to stay valid),
//   the model's diagnostics arrive within the time budget plus the server's own hang limit,
//   sipmig/results says whether a run hit the budget, and PRED004 is published exactly when
//   one did;
// - the server never logs a failed handler and never exits.
// FUZZ_LSP_N inputs (default FUZZ_N / 20: 500 in CI); see corpus.ts for the split.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompletionItem, CompletionList, Diagnostic as LspDiagnostic, DocumentSymbol, Hover, PublishDiagnosticsParams, Range } from 'vscode-languageserver-protocol';
import { analyze } from '../../server/src/language';
import { LineIndex } from '../../server/src/language/lineIndex';
import { startClient, uriOf, type TestClient } from '../lsp/client';
import type { ResultsAnswer } from '../../server/src/lsp/handlers/results';
import { RESULTS_MAX_POINTS } from '../../server/src/lsp/protocol';
import { mutate, mutateValid, rng } from './mutate';
import { LSP_N as N, SEED, SEEDS, lspLineLengths, readCrashers, saveCrasher } from './corpus';

const BUDGET_MS = 1000;
/**
 * Time the model may take past its budget before it counts as a hang: the server's own
 * watchdog limit (runner.ts restarts workers after budget + 10 s). Past the budget a job still
 * finishes its cut runs and moves their series between threads; on two busy cores a 131-point
 * sweep took 6.4 s with a 1 s budget.
 */
const MODEL_MARGIN_MS = 10_000;
const FAST_PATH_LIMIT_MS = 1000;
const REQUEST_TIMEOUT_MS = 10_000;
/**
 * sipmig/results, asked once the results exist: its series are bounded (docs/limits.md; a
 * 131-point sweep is 5.8 MB of JSON, 0.2-0.6 s), so the same limit as any request. It was
 * 60 s while every run's series travelled whole (20 MB, 6.4 s for the fixture in crashers/).
 */
const RESULTS_TIMEOUT_MS = REQUEST_TIMEOUT_MS;

/** JSON-RPC carries UTF-8: a lone surrogate arrives as U+FFFD, so that is what the server sees. */
const wellFormed = (s: string) => s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');

function withTimeout<T>(p: Promise<T>, what: string, ms = REQUEST_TIMEOUT_MS): Promise<T> {
  return Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms))]);
}

/** Why a range is not inside a document with these line lengths; undefined when it is. */
function outside(r: Range, lines: number[], what: string): string | undefined {
  const ok = (p: Range['start']) => p.line >= 0 && p.line < lines.length && p.character >= 0 && p.character <= lines[p.line];
  if (!ok(r.start) || !ok(r.end)) return `${what} ${JSON.stringify(r)} is outside the document (${lines.length} lines; line ${r.start.line} has ${lines[r.start.line]} characters)`;
  if (r.end.line < r.start.line || (r.end.line === r.start.line && r.end.character < r.start.character)) return `${what} ${JSON.stringify(r)} ends before it starts`;
  return undefined;
}

function symbolProblems(symbols: DocumentSymbol[], lines: number[]): string[] {
  return symbols.flatMap((s) => [outside(s.range, lines, `symbol '${s.name}' range`), outside(s.selectionRange, lines, `symbol '${s.name}' selection`), ...symbolProblems(s.children ?? [], lines)].filter((x): x is string => !!x));
}

/** The language core's diagnostics for a text, as the server must publish them (model ones aside). */
function expectedDiagnostics(text: string): string[] {
  const index = new LineIndex(text);
  return analyze(text).diagnostics.map((d) => `${d.code}@${JSON.stringify(index.position(d.start))}-${JSON.stringify(index.position(d.end))}`);
}
const published = (ds: LspDiagnostic[]) => ds.filter((d) => !String(d.code).startsWith('PRED')).map((d) => `${d.code}@${JSON.stringify(d.range.start)}-${JSON.stringify(d.range.end)}`);

describe(`fuzz: language server over stdio (${N} inputs, seed ${SEED + 1})`, () => {
  let c: TestClient;
  beforeAll(async () => {
    c = await startClient({ diagnostics: { debounceMs: 0 }, model: { timeBudgetMs: BUDGET_MS } });
  }, 120_000);
  afterAll(async () => {
    await c?.close();
  });

  it('answers every input correctly and in time, model runs included', async () => {
    const uri = uriOf('fuzz.sipmig');
    const r = rng(SEED + 1);
    const inputs: { name: string; text: string }[] = [...readCrashers(), ...Array.from({ length: N }, (_, i) => ({ name: `lsp-${SEED + 1}-${i}.sipmig`, text: i % 4 === 0 ? mutateValid(SEEDS[i % SEEDS.length], r) : mutate(SEEDS[i % SEEDS.length], r) }))];
    const stats = { slowestFastMs: 0, modelRuns: 0, slowestModelMs: 0, slowestResultsMs: 0, budgetHits: 0, totalMs: 0 };
    let lastPublished = 0;
    c.open(uri, '', 0);
    const t0 = performance.now();
    for (let i = 0; i < inputs.length; i++) {
      const version = i + 1;
      const text = wellFormed(inputs[i].text);
      const lines = lspLineLengths(text);
      const fail = (why: string): never => {
        throw new Error(`input ${inputs[i].name} (version ${version}): ${why}\n(saved to ${saveCrasher(inputs[i].name, text)})`);
      };
      try {
        const start = performance.now();
        c.change(uri, version, text);
        const p = await c.waitForDiagnostics(uri, (x) => x.version === version, REQUEST_TIMEOUT_MS, `diagnostics of version ${version}`);
        const fastMs = performance.now() - start;
        stats.slowestFastMs = Math.max(stats.slowestFastMs, fastMs);
        if (fastMs > FAST_PATH_LIMIT_MS) fail(`diagnostics took ${fastMs.toFixed(0)} ms (limit ${FAST_PATH_LIMIT_MS} ms)`);
        for (const d of p.diagnostics) {
          const bad = outside(d.range, lines, `diagnostic ${d.code} range`) ?? d.relatedInformation?.map((x) => outside(x.location.range, lines, `diagnostic ${d.code} related range`)).find(Boolean);
          if (bad) fail(bad);
        }
        const want = expectedDiagnostics(text);
        const got = published(p.diagnostics);
        if (JSON.stringify(got) !== JSON.stringify(want)) fail(`published diagnostics are not those of this version's text:\n got  ${got.slice(0, 8).join(' ')}\n want ${want.slice(0, 8).join(' ')}`);

        // Answers after every input, at a random place.
        const line = Math.floor(r() * lines.length);
        const position = { line, character: Math.floor(r() * (lines[line] + 1)) };
        const doc = { textDocument: { uri } };
        const [hover, completion, symbols] = await withTimeout(
          Promise.all([c.request<Hover | null>('textDocument/hover', { ...doc, position }), c.request<CompletionItem[] | CompletionList | null>('textDocument/completion', { ...doc, position }), c.request<DocumentSymbol[] | null>('textDocument/documentSymbol', doc)]),
          `hover, completion and symbols at ${JSON.stringify(position)}`,
        );
        if (hover?.range) {
          const bad = outside(hover.range, lines, 'hover range');
          if (bad) fail(bad);
        }
        if (!completion || !(Array.isArray(completion) || Array.isArray(completion.items))) fail(`completion answered ${JSON.stringify(completion)}, expected a list`);
        if (!Array.isArray(symbols)) fail(`documentSymbol answered ${JSON.stringify(symbols)}, expected an array`);
        const symbolBad = symbolProblems(symbols!, lines);
        if (symbolBad.length) fail(symbolBad[0]);

        // The model path: valid inputs run (debounce 0), their diagnostics come within the budget
        // plus the hang limit, and they say when the budget cut a run.
        if (analyze(text).runs.length) {
          // The server announces results for a version right after publishing its model diagnostics.
          await c.waitForNotification('sipmig/resultsChanged', (x) => (x as { uri: string; version: number }).version === version, BUDGET_MS + MODEL_MARGIN_MS).catch(() => fail(`no model diagnostics within ${BUDGET_MS + MODEL_MARGIN_MS} ms (budget ${BUDGET_MS} ms + ${MODEL_MARGIN_MS} ms)`));
          const modelMs = performance.now() - start;
          stats.modelRuns++;
          stats.slowestModelMs = Math.max(stats.slowestModelMs, modelMs);
          const r0 = performance.now();
          const res = await withTimeout(c.request<ResultsAnswer>('sipmig/results', { uri }), 'sipmig/results', RESULTS_TIMEOUT_MS);
          stats.slowestResultsMs = Math.max(stats.slowestResultsMs, performance.now() - r0);
          if (res.version !== version || !res.file) fail(`sipmig/results for version ${version} answered version ${res.version}: ${res.message ?? 'no results'}`);
          const longest = Math.max(0, ...res.file!.runs.map((x) => x.series?.tS.length ?? 0));
          if (longest > RESULTS_MAX_POINTS) fail(`sipmig/results sent a run with ${longest} points; at most ${RESULTS_MAX_POINTS} by default`);
          const hit = res.file!.runs.some((x) => x.budgetExceeded);
          if (hit) stats.budgetHits++;
          const withModel = (c.published.get(uri) ?? []).filter((x) => x.version === version).at(-1);
          const says = !!withModel?.diagnostics.some((d) => d.code === 'PRED004');
          if (hit !== says) fail(hit ? 'a run hit the time budget but PRED004 was not published' : 'PRED004 was published but no run hit the time budget');
        }
      } catch (e) {
        if ((e as Error).message.startsWith('input ')) throw e;
        fail(String((e as Error).stack ?? e));
      }

      // Publishes never go back to an older version, and never name one not sent yet.
      const all: PublishDiagnosticsParams[] = c.published.get(uri) ?? [];
      for (const x of all) {
        if (x.version === undefined || x.version < lastPublished || x.version > version) fail(`a publish for version ${x.version} arrived after one for version ${lastPublished} (current ${version})`);
        lastPublished = x.version!;
      }
      c.published.set(uri, []);
      const failed = c.notifications.find((n) => n.method === 'window/logMessage' && /failed/i.test(JSON.stringify(n.params)));
      if (failed) fail(`the server logged a failure: ${JSON.stringify(failed.params).slice(0, 2000)}`);
      c.notifications.length = 0;
      if (c.proc.exitCode !== null) fail(`the server exited with code ${c.proc.exitCode}; stderr: ${c.stderr.join('').slice(-2000)}`);
    }
    stats.totalMs = performance.now() - t0;
    console.log(`fuzz lsp: ${inputs.length} inputs in ${(stats.totalMs / 1000).toFixed(1)} s; slowest diagnostics ${stats.slowestFastMs.toFixed(0)} ms; ${stats.modelRuns} model runs (slowest to diagnostics ${stats.slowestModelMs.toFixed(0)} ms, ${stats.budgetHits} hit the ${BUDGET_MS} ms budget; slowest sipmig/results ${stats.slowestResultsMs.toFixed(0)} ms)`);
    expect(stats.modelRuns, 'valid mutations must exercise the model path').toBeGreaterThan(N / 20);
  }, 3_600_000);
});
