// Calibration: with the paper samples as written and no coefficient overrides, the model must
// reproduce every measured point of the reference study within its tolerance and every
// qualitative statement about it (test/model/reference-results.json).
import { describe, expect, it } from 'vitest';
import { pointChecks, REFERENCE, shapeChecks, type Sweeps } from './shapes';
import { sampleResults, sampleRuns } from './fixtures';

const sweeps = (): Sweeps => ({ active: sampleResults('active-migration'), standby: sampleResults('standby-migration') });

describe('calibration inputs', () => {
  it('come from the samples through the language layer, without overrides', () => {
    for (const name of ['active-migration', 'standby-migration'] as const) {
      const runs = sampleRuns(name);
      expect(runs.map((r) => r.offeredCps)).toEqual([0, 5, 10, 15, 20, 25, 30, 35, 40]);
      for (const r of runs) expect(Object.keys(r.scenario.coefficients)).toEqual([]);
    }
  });
});

describe('reference points (reference-results.json)', () => {
  for (const p of REFERENCE.points) {
    it(`${p.id}: ${p.metric}`, () => {
      const c = pointChecks(sweeps()).find((x) => x.id === p.id)!;
      expect(c.ok, `${c.statement}: measured ${c.measured}, expected ${c.expected}`).toBe(true);
    });
  }
});

describe('reference shapes', () => {
  REFERENCE.shapes.forEach((statement, i) => {
    it(statement, () => {
      const c = shapeChecks(sweeps())[i];
      expect(c.statement).toBe(statement);
      expect(c.ok, `measured ${c.measured}; expected ${c.expected}`).toBe(true);
    });
  });
});
