// The language server's workers run the model with `simulateTyped` (series as Float64Arrays,
// the model's own arrays handed over); the CLI and the charts of a report use `simulate`
// (plain arrays). Both must tell a user the same thing.
import { describe, expect, it } from 'vitest';
import { simulate, simulateTyped } from '../../server/src/model';
import type { RunResult } from '../../server/src/model/output';
import { expectSameRun, sampleRun, variant } from './fixtures';

/** `typed` holds Float64Arrays of `steps` values, and tells what `plain` tells. */
function expectSame(label: string, plain: RunResult, typed: RunResult, steps: number) {
  for (const [key, values] of Object.entries(typed.series!)) {
    expect(values, `${label}: series ${key} is a Float64Array`).toBeInstanceOf(Float64Array);
    expect(values.length, `${label}: series ${key} has one value per simulated step`).toBe(steps);
  }
  expectSameRun(label, plain, typed, { expected: 'plain', actual: 'typed' });
}

describe('simulateTyped', () => {
  it('gives the same results and series as simulate, one value per step', () => {
    const run = sampleRun('active-migration', 40);
    const steps = Math.round(run.scenario.durationS / run.scenario.stepS);
    expectSame('40 cps', simulate(run, { series: true }), simulateTyped(run, { series: true }), steps);
  });

  it('gives the steps simulated before the time budget ran out, and no more', () => {
    // A budget this small runs out at the model's first check of the clock.
    const run = variant(sampleRun('active-migration', 20), (s) => (s.durationS = 600));
    const full = Math.round(run.scenario.durationS / run.scenario.stepS);
    const plain = simulate(run, { series: true, budgetMs: 1e-6 });
    const typed = simulateTyped(run, { series: true, budgetMs: 1e-6 });
    const steps = plain.series!.tS.length;
    expect(typed.budgetExceeded, 'the run is cut by its budget').toBe(true);
    expect(steps, `steps simulated before the budget ran out, of ${full}`).toBeLessThan(full);
    expectSame('cut by the budget', plain, typed, steps);
  });
});
