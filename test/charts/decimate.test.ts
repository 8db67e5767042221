// Min/max decimation of a run's series for transfer (server/src/charts/decimate.ts): what a
// chart drawn from the decimated series must still show truthfully: every series' peak and
// trough, the migration's phase windows, the first failed call, the final counts.
import { describe, expect, it } from 'vitest';
import { analyze } from '../../server/src/language';
import { simulateAll } from '../../server/src/model';
import type { RunResult, Series } from '../../server/src/model/output';
import { decimateRun, decimateSeries, MIN_POINTS, plainSeries } from '../../server/src/charts/decimate';
import { phaseWindows } from '../../server/src/charts/data';
import { activeText, edit } from '../helpers';

/** The paper scenario's 40 cps run, made 2 500 s long (25 000 steps): it fails calls during the migration. */
function longRun(): RunResult<number[]> {
  const text = edit(edit(activeText, 'duration 420 s', 'duration 2500 s'), 'sweep 0 cps to 40 cps step 5 cps', 'load 40 cps');
  const a = analyze(text);
  expect(a.runs, `the scenario must run; errors: ${a.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message).join('; ')}`).toHaveLength(1);
  return simulateAll(a.runs, { series: true })[0];
}

const run = longRun();
const full = run.series!;
const n = full.tS.length;

const max = (v: number[]) => v.reduce((m, x) => Math.max(m, x), -Infinity);
const min = (v: number[]) => v.reduce((m, x) => Math.min(m, x), Infinity);
const firstRise = (v: number[]) => v.findIndex((x) => x > v[0]);

describe('decimateSeries', () => {
  it('leaves a series that already fits alone', () => {
    const r = decimateSeries(full, n);
    expect(r.series, 'the same object: nothing copied').toBe(full);
    expect(r.decimation).toBeUndefined();
  });

  for (const maxPoints of [2000, 600, 100, MIN_POINTS]) {
    describe(`${n} steps to at most ${maxPoints} points`, () => {
      const { series, decimation } = decimateSeries(full, maxPoints);

      it('sends at most maxPoints aligned points, in time order, with the first and last step exact', () => {
        expect(decimation, 'a decimation record').toBeDefined();
        expect(decimation!.steps).toBe(n);
        expect(decimation!.points).toBeLessThanOrEqual(maxPoints);
        expect(decimation!.points, 'uses most of what it may').toBeGreaterThan(maxPoints / 2);
        for (const [k, v] of Object.entries(series)) expect(v.length, `series ${k} as long as tS`).toBe(decimation!.points);
        expect(Object.keys(series).sort(), 'every series is kept').toEqual(Object.keys(full).sort());
        for (let i = 1; i < series.tS.length; i++) expect(series.tS[i], `tS non-decreasing at ${i}`).toBeGreaterThanOrEqual(series.tS[i - 1]);
        for (const k of Object.keys(full)) {
          expect(series[k][0], `${k} at the first step`).toBe(full[k][0]);
          expect(series[k].at(-1), `${k} at the last step`).toBe(full[k][n - 1]);
        }
      });

      it("keeps every series' maximum and minimum exactly, within one interval of where it happened", () => {
        const width = decimation!.intervalSteps * (full.tS[1] - full.tS[0]);
        for (const k of Object.keys(full)) {
          expect(max(series[k]), `peak of ${k}`).toBe(max(full[k]));
          expect(min(series[k]), `trough of ${k}`).toBe(min(full[k]));
          const at = full.tS[full[k].indexOf(max(full[k]))];
          const sent = series.tS[series[k].indexOf(max(full[k]))];
          expect(Math.abs(sent - at), `time of the peak of ${k}`).toBeLessThanOrEqual(width + 1e-9);
        }
      });

      it('keeps every value a real value of the series (no averages)', () => {
        for (const k of ['vmCpu.sipas1', 'servedCps', 'queueDelayS']) {
          const values = new Set(full[k]);
          for (const x of series[k]) expect(values.has(x), `${k} value ${x}`).toBe(true);
        }
      });

      it('keeps the migration phase windows and the first failed call at their exact steps', () => {
        const sent: RunResult = { ...run, series };
        expect(phaseWindows(sent), 'shaded pre-copy and stop-and-copy windows').toEqual(phaseWindows(run));
        for (const k of ['incomplete408', 'incomplete503', 'incompleteOther']) {
          const i = firstRise(full[k]);
          if (i < 0) continue;
          const j = firstRise(series[k]);
          expect(series.tS[j], `first rise of ${k}`).toBe(full.tS[i]);
          expect(series[k][j], `${k} at its first rise`).toBe(full[k][i]);
        }
      });
    });
  }

  it('the scenario exercises what the tests above check: calls fail, and the migration has a stop-and-copy', () => {
    expect(firstRise(full.incomplete408) >= 0 || firstRise(full.incomplete503) >= 0, 'some call fails').toBe(true);
    expect(full.migPhase.includes(2), 'a stop-and-copy step').toBe(true);
    expect(n).toBe(25_000);
  });

  it('keeps a spike of one step that falls inside an interval', () => {
    const len = 10_000;
    const s: Series<number[]> = { tS: Array.from({ length: len }, (_, i) => i / 10), cpu: new Array(len).fill(10) };
    s.cpu[4321] = 99;
    s.cpu[7001] = -5;
    const { series, decimation } = decimateSeries(s, 500);
    expect(decimation!.points).toBeLessThanOrEqual(500);
    expect(max(series.cpu)).toBe(99);
    expect(min(series.cpu)).toBe(-5);
    expect(series.cpu.filter((x) => x !== 10), 'only the spike and the dip differ from 10').toEqual([99, -5]);
  });

  it('thins state changes evenly when a state flaps more often than the points allow', () => {
    const len = 50_000;
    const s: Series<number[]> = { tS: Array.from({ length: len }, (_, i) => i), overloadPhase: Array.from({ length: len }, (_, i) => i % 2) };
    const { series, decimation } = decimateSeries(s, 400);
    expect(decimation!.points).toBeLessThanOrEqual(400);
    expect(series.tS.at(-1)).toBe(len - 1);
    expect(new Set(series.overloadPhase)).toEqual(new Set([0, 1]));
  });
});

describe('runs with Float64Array series (as the model workers hand them over)', () => {
  const typed: RunResult<Float64Array> = { ...run, series: Object.fromEntries(Object.entries(full).map(([k, v]) => [k, Float64Array.from(v)])) };
  const jsonOf = (r: RunResult) => JSON.parse(JSON.stringify(r)) as RunResult<number[]>;

  it('are sent decimated as plain arrays, the same as plain-array runs', () => {
    const sent = jsonOf(decimateRun(typed, 600));
    expect(Array.isArray(sent.series!.tS), 'tS is a JSON array after decimation').toBe(true);
    expect(sent.series, 'decimating typed series gives what decimating plain ones gives').toEqual(jsonOf(decimateRun(run, 600)).series);
  });

  it('are sent whole as plain arrays at full resolution and when they fit', () => {
    for (const sent of [plainSeries(typed), decimateRun(typed, n)]) {
      const back = jsonOf(sent);
      for (const [k, v] of Object.entries(full)) expect(back.series![k], `series ${k} survives JSON whole`).toEqual(v);
    }
  });

  it('a plain-array run is sent as it is (nothing copied)', () => {
    expect(plainSeries(run), 'the same object').toBe(run);
    expect(decimateRun(run, n), 'the same object when it fits').toBe(run);
  });
});
