// Inputs for the model tests. The paper scenarios come from the samples through the language
// layer (analyze), exactly as `sipmig run` builds them; helpers derive variants from them.
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { join } from 'node:path';
import { analyze } from '../../server/src/language';
import { simulate, simulateAll } from '../../server/src/model';
import type { RunInput, ScenarioInput } from '../../server/src/model/input';
import type { RunResult } from '../../server/src/model/output';

export const ROOT = join(__dirname, '..', '..');

export type Sample = 'active-migration' | 'standby-migration';

const cache = new Map<Sample, RunInput[]>();

/** The runs (one per sweep point) of a paper sample, lowered by the language layer. */
export function sampleRuns(name: Sample): RunInput[] {
  let runs = cache.get(name);
  if (!runs) {
    const text = readFileSync(join(ROOT, 'samples/paper', `${name}.sipmig`), 'utf8');
    const a = analyze(text);
    const errors = a.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length) throw new Error(`${name}.sipmig has errors: ${errors.map((d) => d.message).join('; ')}`);
    if (!a.runs.length) throw new Error(`${name}.sipmig produced no runs`);
    runs = a.runs;
    cache.set(name, runs);
  }
  return structuredClone(runs);
}

/** The run of a sample at `cps` offered load. */
export function sampleRun(name: Sample, cps: number): RunInput {
  const r = sampleRuns(name).find((x) => x.offeredCps === cps);
  if (!r) throw new Error(`${name} has no run at ${cps} cps`);
  return r;
}

/** A paper sample's run at a constant offered load of `cps`, any load (not only a sweep point), labelled by it. */
export function sampleAtLoad(name: Sample, cps: number): RunInput {
  const run = variant(sampleRun(name, 40), (s) => (s.load = [{ atS: 0, cps }]));
  run.offeredCps = cps;
  run.label = `${cps} cps`;
  return run;
}

/** A copy of `run` with its scenario changed by `f` (which may mutate the copy). */
export function variant(run: RunInput, f: (s: ScenarioInput) => void): RunInput {
  const copy = structuredClone(run);
  f(copy.scenario);
  return copy;
}

const resultCache = new Map<string, RunResult<number[]>[]>();

/** Simulated sweep of a sample with default coefficients and series (cached per file). */
export function sampleResults(name: Sample): RunResult<number[]>[] {
  let r = resultCache.get(name);
  if (!r) {
    r = simulateAll(sampleRuns(name), { series: true });
    resultCache.set(name, r);
  }
  return r;
}

export function run1(run: RunInput, series = false): RunResult<number[]> {
  return simulate(run, { series });
}

/**
 * Expects `actual` to tell what `expected` tells: the same summary, and in every series the
 * same double at every step. `how` says how each was made, for the messages, which name the
 * first difference (toStrictEqual on whole results would print megabytes on failure).
 */
export function expectSameRun(label: string, expected: RunResult, actual: RunResult, how: { expected: string; actual: string }): void {
  const { series: es = {}, ...eRest } = expected;
  const { series: as = {}, ...aRest } = actual;
  expect(Object.keys(as).sort(), `${label}: series names ${how.actual}`).toEqual(Object.keys(es).sort());
  for (const [key, values] of Object.entries(es)) {
    const other = as[key];
    let i = 0;
    while (i < Math.max(values.length, other.length) && Object.is(values[i], other[i])) i++;
    const differs = i < Math.max(values.length, other.length);
    expect(differs ? i : -1, `${label}: series ${key} first differs at step ${i}: ${other[i]} ${how.actual}, ${values[i]} ${how.expected}`).toBe(-1);
  }
  expect(aRest, `${label}: summary ${how.actual}`).toStrictEqual(eRest);
}

export const MiB = 1024 * 1024;
