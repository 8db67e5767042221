// Timings of the performance model (run by scripts/bench-model.mjs after bundling with esbuild,
// so the code measured is the code the CLI ships): one 600 s run at 100 ms steps, and the
// 9-point paper sweep, each the median of repeated runs after a warm-up.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../server/src/language';
import { simulate, simulateAll, type RunInput } from '../server/src/model';
import { skippedSteps } from '../server/src/model/simulate';
import { time as timeMedian, timeWindows } from './bench/timing';

/** Warm-up before each measurement: until the JIT has compiled the hot loop. */
const time = (f: () => void, minRuns: number, minMs: number) => timeMedian(f, minRuns, minMs, 300);

function sample(root: string, name: string): RunInput[] {
  const a = analyze(readFileSync(join(root, 'samples/paper', `${name}.sipmig`), 'utf8'));
  if (!a.runs.length) throw new Error(`${name}.sipmig gives no runs`);
  return a.runs;
}

/** A calibration loop of a fixed size, to tell a slow machine from a slow model. */
function reference(): number {
  return time(() => {
    let s = 0;
    for (let i = 0; i < 1e7; i++) s += i * 0.5;
    if (s < 0) throw new Error('unreachable');
  }, 5, 200);
}

export function bench(root: string) {
  const active = sample(root, 'active-migration');
  const standby = sample(root, 'standby-migration');
  const at = (cps: number): RunInput => {
    const r = active.find((x) => x.offeredCps === cps)!;
    return { ...r, scenario: { ...r.scenario, durationS: 600, stepS: 0.1 } };
  };
  const long = at(40);
  // Single runs in windows: the median of all, and the spread of the windows.
  const windows = 8;
  const windowMs = 250;
  const one = timeWindows(() => simulate(long), windows, windowMs, 300);
  const typical = at(20);
  const oneTypical = timeWindows(() => simulate(typical), windows, windowMs, 300);
  const oneSeries = time(() => simulate(long, { series: true }), 10, 500);
  const sweep = time(() => simulateAll(active), 5, 1000);
  const sweepStandby = time(() => simulateAll(standby), 5, 1000);
  const loop = reference();
  // Steps whose outputs the fast-forward copied instead of simulating (docs/model.md §1).
  const copied = (runs: RunInput[]) => {
    const n = runs.map((r) => skippedSteps(r));
    return (100 * n.reduce((a, x) => a + x.skipped, 0)) / n.reduce((a, x) => a + x.steps, 0);
  };
  return [
    { name: 'model: one 600 s run at 100 ms steps (40 cps, active migrated: the worst case, calls queue)', value: one.median, unit: 'ms', goal: '<= 5 ms median' },
    { name: `model: the 40 cps run, median of its fastest ${windowMs} ms window (of ${windows})`, value: one.fastest, unit: 'ms' },
    { name: `model: the 40 cps run, median of its slowest ${windowMs} ms window`, value: one.slowest, unit: 'ms' },
    { name: 'model: one 600 s run at 100 ms steps (20 cps, active migrated)', value: oneTypical.median, unit: 'ms', goal: '<= 5 ms median' },
    { name: `model: the 20 cps run, median of its fastest ${windowMs} ms window`, value: oneTypical.fastest, unit: 'ms' },
    { name: `model: the 20 cps run, median of its slowest ${windowMs} ms window`, value: oneTypical.slowest, unit: 'ms' },
    { name: 'model: the same run with every step in series', value: oneSeries, unit: 'ms' },
    { name: 'model: 9-point paper sweep, active migrated (420 s runs)', value: sweep, unit: 'ms', goal: '<= 50 ms median' },
    { name: 'model: 9-point paper sweep, standby migrated', value: sweepStandby, unit: 'ms', goal: '<= 50 ms median' },
    { name: 'model: steps copied as steady, 600 s run at 40 cps', value: copied([long]), unit: '%' },
    { name: 'model: steps copied as steady, paper sweeps (both)', value: copied([...active, ...standby]), unit: '%' },
    { name: 'reference: 1e7-iteration arithmetic loop (machine speed)', value: loop, unit: 'ms', goal: 'about 10 ms on an idle modern core' },
  ];
}
