// The language server's workers run the model with `simulateTyped` (series as Float64Arrays,
// the model's own arrays handed over); the CLI and the charts of a report use `simulate`
// (plain arrays). Both must tell a user the same thing.
import { describe, expect, it } from 'vitest';
import { simulate, simulateTyped } from '../../server/src/model';
import { sampleRun, variant } from './fixtures';

function expectSame(label: string, plain: ReturnType<typeof simulate>, typed: ReturnType<typeof simulateTyped>, steps: number) {
  const { series: ps, ...pRest } = plain;
  const { series: ts, ...tRest } = typed;
  expect(tRest, `${label}: summary from simulateTyped`).toStrictEqual(pRest);
  expect(Object.keys(ts!).sort(), `${label}: series names`).toEqual(Object.keys(ps!).sort());
  for (const [key, values] of Object.entries(ps!)) {
    const other = ts![key];
    expect(other, `${label}: series ${key} is a Float64Array`).toBeInstanceOf(Float64Array);
    expect(other.length, `${label}: series ${key} has one value per simulated step`).toBe(steps);
    const i = values.findIndex((v, j) => !Object.is(v, other[j]));
    expect(i, `${label}: series ${key} first differs at step ${i}: ${other[i]} typed, ${values[i]} plain`).toBe(-1);
  }
}

describe('simulateTyped', () => {
  it('gives the same results and series as simulate, one value per step', () => {
    const run = sampleRun('active-migration', 40);
    const steps = Math.round(run.scenario.durationS / run.scenario.stepS);
    expectSame('40 cps', simulate(run, { series: true }), simulateTyped(run, { series: true }), steps);
  });

  it('gives the steps simulated before the time budget ran out, and no more', () => {
    // A budget this small runs out at the first check (every 256 steps): the run stops at step 255.
    const run = variant(sampleRun('active-migration', 20), (s) => (s.durationS = 600));
    const plain = simulate(run, { series: true, budgetMs: 1e-6 });
    const typed = simulateTyped(run, { series: true, budgetMs: 1e-6 });
    expect(typed.budgetExceeded, 'the run is cut by its budget').toBe(true);
    expectSame('cut by the budget', plain, typed, 255);
  });
});
