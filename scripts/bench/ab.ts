// The paired comparison of scripts/bench-ab.mjs: the same run simulated by two builds of the
// model, alternately, in short windows. This machine's speed changes from one second to the
// next (docs/performance.md), so only figures taken side by side in the same seconds compare.
// 'sipmig-a/...' and 'sipmig-b/...' are esbuild aliases for the two trees' server/src.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze as analyzeA } from 'sipmig-a/language';
import { simulate as simulateA } from 'sipmig-a/model';
import { analyze as analyzeB } from 'sipmig-b/language';
import { simulate as simulateB } from 'sipmig-b/model';
import { median, timeOnce } from './timing';
import { covers } from './covers';

export interface AbOptions {
  root: string;
  sample: string;
  cps: number;
  /** Windows of `perWindow` paired runs; each window gives one ratio. */
  windows: number;
  perWindow: number;
  warmRuns: number;
}

export interface AbResult {
  run: string;
  medianA: number;
  medianB: number;
  /** Median over the windows of (median B / median A) in that window. */
  ratio: number;
  fastestRatio: number;
  slowestRatio: number;
  /** Whether B gives every output A gives, equal to the bit (every field and series value of A's; B may add fields). */
  sameOutputs: boolean;
}

/** The sample has no run at the load asked for. */
export class NoSuchRun extends Error {}

/** The sample's run at `cps` as each build's own language reads it, lengthened to 600 s. */
function runOf<R extends { offeredCps: number; scenario: { durationS: number } }>(text: string, cps: number, analyze: (t: string) => { runs: R[] }): R {
  const r = analyze(text).runs.find((x) => x.offeredCps === cps);
  if (!r) throw new NoSuchRun(`the sample has no run at ${cps} cps (its sweep: ${analyze(text).runs.map((x) => x.offeredCps).join(', ')} cps)`);
  return { ...r, scenario: { ...r.scenario, durationS: 600 } };
}

export function compare(o: AbOptions): AbResult {
  const text = readFileSync(join(o.root, o.sample), 'utf8');
  const runA = runOf(text, o.cps, analyzeA);
  const runB = runOf(text, o.cps, analyzeB);
  const a = () => simulateA(runA);
  const b = () => simulateB(runB);
  const sameOutputs = covers(simulateA(runA, { series: true }), simulateB(runB, { series: true }));
  for (let i = 0; i < o.warmRuns; i++) {
    a();
    b();
  }
  const as: number[] = [];
  const bs: number[] = [];
  const ratios: number[] = [];
  for (let w = 0; w < o.windows; w++) {
    const xa: number[] = [];
    const xb: number[] = [];
    // Alternate which build goes first, so that neither always runs on a cache the other warmed.
    for (let k = 0; k < o.perWindow; k++) {
      if ((w + k) % 2 === 0) {
        xa.push(timeOnce(a));
        xb.push(timeOnce(b));
      } else {
        xb.push(timeOnce(b));
        xa.push(timeOnce(a));
      }
    }
    const [ma, mb] = [median(xa), median(xb)];
    as.push(ma);
    bs.push(mb);
    ratios.push(mb / ma);
  }
  return { run: `${o.sample} at ${o.cps} cps, 600 s at its step`, medianA: median(as), medianB: median(bs), ratio: median(ratios), fastestRatio: Math.min(...ratios), slowestRatio: Math.max(...ratios), sameOutputs };
}
