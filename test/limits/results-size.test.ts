// The size of `sipmig/results` is bounded (docs/limits.md): every run's series decimated
// to at most RESULTS_MAX_POINTS points and RESULTS_MAX_VALUES values in all, keeping peaks,
// phase windows and final counts; full resolution and run selection only when asked.
// Over the real protocol against the built server; the CLI keeps every step.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ResultsAnswer } from '../../server/src/lsp/handlers/results';
import { RESULTS_MAX_POINTS, RESULTS_MAX_VALUES, RESULTS_MIN_POINTS, type ResultsParams } from '../../server/src/lsp/protocol';
import { phaseWindows } from '../../server/src/charts/data';
import type { RunResult } from '../../server/src/model/output';
import { uriOf } from '../lsp/client';
import { ACTIVE, edit, useServer } from '../lsp/fixture';
import { ROOT } from '../lsp/build';
import { tempDir } from '../tempDir';

/** The per-scenario step limit: 9 runs of 111 100 steps (999 900 steps in all). */
const AT_LIMIT = edit(ACTIVE, 'duration 420 s', 'duration 11110 s');
/** 131 sweep points of 4 200 steps. */
const WIDE = edit(ACTIVE, 'sweep 0 cps to 40 cps step 5 cps', 'sweep 0 cps to 130 cps step 1 cps');

const bytes = (x: unknown) => Buffer.byteLength(JSON.stringify(x));
const points = (r: RunResult) => r.series?.tS.length ?? 0;
const values = (r: RunResult) => (r.series ? Object.values(r.series).reduce((n, v) => n + v.length, 0) : 0);
const max = (v: number[]) => v.reduce((m, x) => Math.max(m, x), -Infinity);

describe('sipmig/results is bounded at the limits', () => {
  const server = useServer({ diagnostics: { debounceMs: 0 }, model: { timeBudgetMs: 120_000 } });
  const ask = (params: ResultsParams) => server().request<ResultsAnswer>('sipmig/results', params);

  it('at the step limit: under 1 MB by default, every run decimated, its peaks, phase windows and final counts intact', async () => {
    const c = server();
    const uri = uriOf('results-limit.sipmig');
    c.open(uri, AT_LIMIT, 1);
    const small = await ask({ uri });
    expect(small.file, `results expected; got ${small.message}`).not.toBeNull();
    expect(small.file!.runs.every((r) => !r.budgetExceeded), 'every run finishes with a 120 s budget').toBe(true);
    expect(bytes(small), 'the default answer at the step limit (78 MB before the bound)').toBeLessThan(1e6);
    for (const r of small.file!.runs) {
      expect(points(r), `points of run ${r.label}`).toBeLessThanOrEqual(RESULTS_MAX_POINTS);
      expect(r.decimated, `run ${r.label} says it was decimated`).toMatchObject({ steps: 111_100, points: points(r), method: 'min-max' });
    }

    // The 40 cps run at full resolution, alone: the reference for what the chart must still show.
    const full = await ask({ uri, runs: [8], fullResolution: true });
    const ref = full.file!.runs[8];
    expect(points(ref), 'full resolution: every step').toBe(111_100);
    expect(ref.decimated).toBeUndefined();
    expect(full.file!.runs.slice(0, 8).every((r) => r.series === undefined && r.seriesOmitted === true), 'runs not asked for come without series, marked').toBe(true);
    const sent = small.file!.runs[8];
    for (const k of Object.keys(ref.series!)) {
      expect(max(sent.series![k]), `peak of ${k}`).toBe(max(ref.series![k]));
      expect(sent.series![k].at(-1), `final value of ${k}`).toBe(ref.series![k].at(-1));
    }
    expect(phaseWindows(sent), 'the shaded migration windows').toEqual(phaseWindows(ref));
  }, 180_000);

  it('for a 131-point sweep: all series together within the answer-wide bound, each run still chartable', async () => {
    const c = server();
    const uri = uriOf('results-wide.sipmig');
    c.open(uri, WIDE, 1);
    const r = await ask({ uri });
    expect(r.file?.runs, `results expected; got ${r.message}`).toHaveLength(131);
    const total = r.file!.runs.reduce((n, x) => n + values(x), 0);
    expect(total, 'values in all series').toBeLessThanOrEqual(RESULTS_MAX_VALUES);
    for (const x of r.file!.runs) expect(points(x), `points of run ${x.label}`).toBeGreaterThanOrEqual(RESULTS_MIN_POINTS);
    expect(bytes(r), 'the answer (63 MB before the bound)').toBeLessThan(8e6);

    const summaries = await ask({ uri, runs: [] });
    expect(summaries.file!.runs.every((x) => !x.series && x.seriesOmitted), 'runs: [] sends no series').toBe(true);
    expect(summaries.file!.runs.map((x) => x.incompleteCalls), 'the summaries are the same').toEqual(r.file!.runs.map((x) => x.incompleteCalls));
    expect(bytes(summaries), 'summaries only').toBeLessThan(300_000);
  }, 180_000);

  it('on the paper sample: maxPoints lowers the points per run; malformed params fall back to the defaults', async () => {
    const c = server();
    const uri = uriOf('results-paper.sipmig');
    c.open(uri, ACTIVE, 1);
    const r = await ask({ uri, maxPoints: 300 });
    expect(r.file!.runs.map(points).every((p) => p > 150 && p <= 300), `points per run: ${r.file!.runs.map(points).join(', ')}`).toBe(true);
    const odd = await ask({ uri, maxPoints: 'lots', runs: 'all', fullResolution: 'yes' } as unknown as ResultsParams);
    for (const x of odd.file!.runs) {
      expect(points(x), `run ${x.label}: the default points, not 300 and not every step`).toBeGreaterThan(300);
      expect(points(x), `run ${x.label}`).toBeLessThanOrEqual(RESULTS_MAX_POINTS);
    }
  }, 120_000);
});

describe('sipmig run --json --series keeps full resolution', () => {
  it('every step of every run, no decimation', () => {
    const dir = tempDir('series');
    const file = join(dir, 'long.sipmig');
    writeFileSync(file, edit(ACTIVE, 'duration 420 s', 'duration 1000 s'));
    const r = spawnSync(process.execPath, [join(ROOT, 'server/bin/sipmig.js'), 'run', '--json', '--series', file], { encoding: 'utf8', maxBuffer: 1 << 30, timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { runs: Array<RunResult & { decimated?: unknown }> };
    expect(out.runs).toHaveLength(9);
    for (const x of out.runs) {
      expect(points(x), `steps of run ${x.label}`).toBe(10_000);
      expect(x.decimated).toBeUndefined();
    }
  }, 60_000);
});
