import { describe, expect, it } from 'vitest';
import type { ResultsResponse } from '../../server/src/charts/context';
import { chartContext, hasRanges, isResultsChanged, migrationRange } from '../../client/src/results';
import { syntheticRun } from '../charts/fixtures';

const range = { start: { line: 101, character: 2 }, end: { line: 101, character: 45 } };

describe('results contract (client side)', () => {
  it('finds a migration range on the migration itself or in migrationRanges', () => {
    const run = syntheticRun({ cps: 10 });
    const own: ResultsResponse = { version: 3, file: { file: 'a', runs: [{ ...run, migrations: [{ ...run.migrations[0], range } as never] }] } };
    expect(migrationRange(own, 0, 0)).toEqual(range);
    const side: ResultsResponse = { version: 3, file: { file: 'a', runs: [run], migrationRanges: [range] } };
    expect(migrationRange(side, 0, 0)).toEqual(range);
    expect(hasRanges(side)).toBe(true);
    const none: ResultsResponse = { version: 3, file: { file: 'a', runs: [run] } };
    expect(migrationRange(none, 0, 0), 'no range sent: nothing to reveal').toBeNull();
    expect(hasRanges(none)).toBe(false);
    expect(migrationRange(side, 5, 0), 'out-of-range run index').toBeNull();
  });

  it('reads the chart context from the top level or the file', () => {
    const thresholds = [{ label: 'phase 1 start', pct: 70 }];
    expect(chartContext({ version: 1, file: null, thresholds }).thresholds).toEqual(thresholds);
    expect(chartContext({ version: 1, file: { file: 'a', runs: [], thresholds } }).thresholds).toEqual(thresholds);
  });

  it('checks resultsChanged params', () => {
    expect(isResultsChanged({ uri: 'file:///a.sipmig', version: 2 })).toBe(true);
    expect(isResultsChanged({ uri: 'file:///a.sipmig' })).toBe(false);
  });
});
