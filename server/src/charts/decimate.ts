// Min/max-preserving decimation of a run's per-step series, for sending results to an
// editor (`sipmig/results`): a run of 200 000 steps keeps 21+ series of 200 000 values,
// megabytes of JSON per run, while a chart draws at most MAX_POINTS (charts/data.ts) per line.
//
// The series stay aligned (every array as long as tS, docs of model/output.ts), so each
// point is a row across all series. The steps are cut into consecutive intervals; an
// interval of more than two steps becomes two rows: at its first step's time and at its
// last step's time, each series gives its minimum and its maximum over the interval, in
// the order they occurred. So every peak and every trough survives with its exact value,
// shifted in time by less than one interval, and a cumulative counter is exact at both
// ends of every interval. Some steps are kept exactly (every series at its real value, at
// its real time): the first and the last, every change of the migration phase (the chart's
// shaded windows stay at their true edges), the first step at which each incomplete-calls
// counter rises (the first failure), and the changes of the overload phase and the
// migration round, as far as a quarter of the points allows (in that order).
import type { RunResult, Series, SeriesValues } from '../model/output';
import { plainArray } from '../model/summary';

export interface SeriesDecimation {
  /** Steps the model simulated (the length of the full series). */
  steps: number;
  /** Points sent (the length of every decimated series). */
  points: number;
  /** Steps per interval of the min/max pairs. */
  intervalSteps: number;
  method: 'min-max';
}

/**
 * A run as `sipmig/results` sends it: its series (if any) as plain arrays, as JSON needs;
 * `decimated` when they were thinned, `seriesOmitted` when they were not asked for.
 */
export type SentRun = RunResult<number[]> & { decimated?: SeriesDecimation; seriesOmitted?: true };

/** Series whose every change is kept as an exact step, most important first (when they do not all fit). */
export const STATE_SERIES = ['migPhase', 'overloadPhase', 'migRound'];
/** Cumulative counters whose first rise (the first failed call) is kept as an exact step. */
export const FAILURE_SERIES = ['incomplete408', 'incomplete503', 'incompleteOther'];
/** The fewest points decimation will produce: two rows per interval need room next to the exact steps. */
export const MIN_POINTS = 32;

/** Rows a segment of `len` steps gives with intervals of `size` steps. */
function segmentRows(len: number, size: number): number {
  if (size <= 2) return len;
  const rest = len % size;
  return 2 * Math.floor(len / size) + Math.min(rest, 2);
}

/**
 * The steps kept exactly, sorted: 0 and n-1, then in this order as long as `cap` allows,
 * the changes of the migration phase, the first rise of each failure counter, the changes
 * of the overload phase and of the migration round (the group that no longer fits whole
 * is thinned evenly).
 */
function exactSteps(series: Series, n: number, cap: number): number[] {
  const changes = (key: string): number[] => {
    const v = series[key];
    const out: number[] = [];
    if (v) for (let i = 1; i < n - 1; i++) if (v[i] !== v[i - 1]) out.push(i);
    return out;
  };
  const firstRises: number[] = [];
  for (const key of FAILURE_SERIES) {
    const v = series[key];
    if (!v) continue;
    for (let i = 1; i < n - 1; i++) {
      if (v[i] > v[0]) {
        firstRises.push(i);
        break;
      }
    }
  }
  const [first, ...others] = STATE_SERIES;
  const groups = [changes(first), firstRises, others.flatMap(changes)];
  const kept = new Set<number>([0, n - 1]);
  for (const group of groups) {
    const fresh = [...new Set(group)].filter((i) => !kept.has(i)).sort((a, b) => a - b);
    const room = cap - kept.size;
    if (room <= 0) break;
    if (fresh.length <= room) fresh.forEach((i) => kept.add(i));
    else for (let k = 0; k < room; k++) kept.add(fresh[Math.floor((k * fresh.length) / room)]);
  }
  return [...kept].sort((a, b) => a - b);
}

/**
 * The series with at most `maxPoints` points per array, as plain arrays; when it has no more
 * steps than that, every step (no decimation), and the series itself if its arrays are plain
 * already. Pure; the input is not changed.
 */
export function decimateSeries(series: Series, maxPoints: number): { series: Series<number[]>; decimation?: SeriesDecimation } {
  const t = series.tS;
  if (!t) return { series: plainSeriesOf(series) };
  const keys = Object.keys(series);
  let n = t.length;
  for (const k of keys) n = Math.min(n, series[k].length);
  const limit = Math.max(MIN_POINTS, Math.floor(maxPoints));
  if (n <= limit) return { series: plainSeriesOf(series) };

  const exact = exactSteps(series, n, Math.floor(limit / 4));
  const segments: Array<[number, number]> = []; // [start, end) between exact steps
  for (let j = 0; j + 1 < exact.length; j++) if (exact[j + 1] - exact[j] > 1) segments.push([exact[j] + 1, exact[j + 1]]);
  const room = limit - exact.length;
  const rowsWith = (size: number) => segments.reduce((sum, [s, e]) => sum + segmentRows(e - s, size), 0);
  // The smallest interval that fits (rows only shrink as intervals grow).
  let lo = 1;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (rowsWith(mid) <= room) hi = mid;
    else lo = mid + 1;
  }
  const size = lo;
  const points = exact.length + rowsWith(size);

  // The rows as a plan, [start, end) each: one step copied, or an interval (two rows when
  // longer than two steps). Then one tight pass per series over its own array.
  const plan: number[] = [];
  let seg = 0;
  for (let j = 0; j < exact.length; j++) {
    plan.push(exact[j], exact[j] + 1);
    const next = segments[seg];
    if (next && next[0] === exact[j] + 1) {
      for (let s = next[0]; s < next[1]; s += size) plan.push(s, Math.min(next[1], s + size));
      seg++;
    }
  }
  const out: Series<number[]> = {};
  for (const k of keys) {
    const v = series[k];
    const o: number[] = [];
    const isTime = k === 'tS';
    for (let p = 0; p < plan.length; p += 2) {
      const s = plan[p];
      const e = plan[p + 1];
      if (e - s <= 2) {
        for (let i = s; i < e; i++) o.push(v[i]);
        continue;
      }
      if (isTime) {
        o.push(v[s], v[e - 1]);
        continue;
      }
      let min = v[s];
      let max = min;
      let minAt = s;
      let maxAt = s;
      for (let i = s + 1; i < e; i++) {
        const x = v[i];
        if (x < min) {
          min = x;
          minAt = i;
        } else if (x > max) {
          max = x;
          maxAt = i;
        }
      }
      if (minAt <= maxAt) o.push(min, max);
      else o.push(max, min);
    }
    out[k] = o;
  }
  return { series: out, decimation: { steps: n, points, intervalSteps: size, method: 'min-max' } };
}

/**
 * The run with its series decimated to at most `maxPoints` (and `decimated` saying so), as
 * plain arrays; a run that fits keeps every step.
 */
export function decimateRun<T extends RunResult>(run: T, maxPoints: number): T & SentRun {
  if (!run.series) return run as T & SentRun;
  const { series, decimation } = decimateSeries(run.series, maxPoints);
  return decimation ? { ...run, series, decimated: decimation } : withSeries(run, series);
}

/** The run with every series as a plain array (JSON writes a typed array as an object). */
export function plainSeries<T extends RunResult>(run: T): T & SentRun {
  return run.series ? withSeries(run, plainSeriesOf(run.series)) : (run as T & SentRun);
}

/** The run itself when `series` is its own (plain already), else a copy that carries `series`. */
function withSeries<T extends RunResult>(run: T, series: Series<number[]>): T & SentRun {
  return series === run.series ? (run as T & SentRun) : { ...run, series };
}

/** `series` itself when its values are plain arrays already (nothing copied), else a plain copy. */
function plainSeriesOf(series: Series): Series<number[]> {
  if (Object.values(series).every((v) => Array.isArray(v))) return series as Series<number[]>;
  const out: Series<number[]> = {};
  for (const [k, v] of Object.entries(series)) out[k] = plainValues(v);
  return out;
}

/** Series values as a plain array: the array itself, or a copy of a typed one. */
function plainValues(v: SeriesValues): number[] {
  return Array.isArray(v) ? (v as number[]) : plainArray(v);
}
