// Turns a RunResult's per-step series into the small, long-format tables the charts plot.
// Series are stored wide (`vmCpu.<vm>` keys, one array per key); vega-lite would read a dot
// in a field name as a nested path, and user-chosen VM names may hold anything, so names
// only ever travel as data values, never as field names or expressions.
import type { RunResult, Series, SeriesValues } from '../model/output';
import { migratedVmCpu } from '../model/summary';

/** Most points one plotted line gets: keeps SVGs small and the webview fast at 4200 steps. */
export const MAX_POINTS = 600;

export type Reduce = 'mean' | 'last' | 'max';

/** Bucket indices [start, end) covering n steps with at most maxPoints buckets. */
function buckets(n: number, maxPoints: number): Array<[number, number]> {
  const size = Math.max(1, Math.ceil(n / maxPoints));
  const out: Array<[number, number]> = [];
  for (let i = 0; i < n; i += size) out.push([i, Math.min(n, i + size)]);
  return out;
}

function reduce(values: SeriesValues, start: number, end: number, how: Reduce): number {
  if (how === 'last') return values[end - 1];
  if (how === 'max') {
    let m = -Infinity;
    for (let i = start; i < end; i++) m = Math.max(m, values[i]);
    return m;
  }
  let sum = 0;
  for (let i = start; i < end; i++) sum += values[i];
  return sum / (end - start);
}

/** Downsampled (t, value) pairs; t is the bucket's first time so phase edges stay put. */
export function downsample(t: SeriesValues, values: SeriesValues, how: Reduce, maxPoints = MAX_POINTS): Array<[number, number]> {
  const n = Math.min(t.length, values.length);
  return buckets(n, maxPoints).map(([s, e]) => [t[s], round(reduce(values, s, e, how))]);
}

export function round(v: number, digits = 3): number {
  if (!Number.isFinite(v)) return 0;
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

/** Names of the series with a given prefix, e.g. seriesNames(s, 'vmCpu.') -> ['sipas1', ...]. */
export function seriesNames(series: Series, prefix: string): string[] {
  return Object.keys(series)
    .filter((k) => k.startsWith(prefix) && k.length > prefix.length)
    .map((k) => k.slice(prefix.length))
    .sort();
}

export interface CpuRow {
  t: number;
  /** Display name, e.g. "VM sipas1" or "host pm1". */
  series: string;
  kind: 'VM' | 'host';
  cpu: number;
}

export function cpuRows(run: RunResult, maxPoints = MAX_POINTS): CpuRow[] {
  const s = run.series;
  if (!s?.tS) return [];
  const rows: CpuRow[] = [];
  for (const [prefix, kind] of [['vmCpu.', 'VM'], ['hostCpu.', 'host']] as const) {
    for (const name of seriesNames(s, prefix)) {
      const label = `${kind} ${safeLabel(name)}`;
      for (const [t, cpu] of downsample(s.tS, s[prefix + name], 'mean', maxPoints)) rows.push({ t, series: label, kind, cpu });
    }
  }
  return rows;
}

export interface CauseRow {
  t: number;
  cause: string;
  calls: number;
}

/** Causes of incomplete calls as plotted, keyed by series name. */
export const CAUSES: Array<[string, string]> = [
  ['incomplete408', '408 Request Timeout'],
  ['incomplete503', '503 Service Unavailable'],
  ['incompleteOther', 'other'],
];

export function incompleteRows(run: RunResult, maxPoints = MAX_POINTS): CauseRow[] {
  const s = run.series;
  if (!s?.tS) return [];
  const rows: CauseRow[] = [];
  for (const [key, cause] of CAUSES) {
    if (!s[key]) continue;
    for (const [t, calls] of downsample(s.tS, s[key], 'last', maxPoints)) rows.push({ t, cause, calls });
  }
  return rows;
}

export interface ProgressRow {
  t: number;
  remainingMB: number;
  round: number;
}

export function progressRows(run: RunResult, maxPoints = MAX_POINTS): ProgressRow[] {
  const s = run.series;
  if (!s?.tS || !s.migRemainingBytes) return [];
  const remaining = downsample(s.tS, s.migRemainingBytes, 'last', maxPoints);
  const rounds = s.migRound ? downsample(s.tS, s.migRound, 'max', maxPoints) : remaining.map(() => [0, 0]);
  return remaining.map(([t, bytes], i) => ({ t, remainingMB: round(bytes / 1e6, 1), round: rounds[i][1] }));
}

export interface PhaseWindow {
  /** Index of the migration in run.migrations (what a click reveals). */
  migration: number;
  vm: string;
  phase: 'pre-copy' | 'stop-and-copy';
  startS: number;
  endS: number;
  /**
   * The incomplete calls the migration answers for, when the results say (the language
   * server's `answerableCalls`, docs/editors.md); null otherwise.
   */
  calls: number | null;
  /** The migrated VM's mean guest CPU during the migration (%; null: not known). */
  cpuPct: number | null;
}

/** What a migration's shading tells beside its window: its calls and its VM's CPU during it. */
function windowFigures(m: RunResult['migrations'][number]): Pick<PhaseWindow, 'calls' | 'cpuPct'> {
  return { calls: m.answerableCalls ? m.answerableCalls.total : null, cpuPct: migratedVmCpu(m)?.duringPct ?? null };
}

/**
 * Shaded migration windows. From the per-step migPhase series when present (exact edges of
 * pre-copy and stop-and-copy), otherwise from each migration's start and end.
 */
export function phaseWindows(run: RunResult): PhaseWindow[] {
  const s = run.series;
  const out: PhaseWindow[] = [];
  const lastT = s?.tS?.length ? s.tS[s.tS.length - 1] : undefined;
  run.migrations.forEach((m, i) => {
    const vm = safeLabel(m.vm);
    // Not converged (endS null): shade up to the end of the simulated time, if it got there.
    const end = m.endS ?? lastT ?? m.startS;
    if (end > m.startS) out.push({ migration: i, vm, phase: 'pre-copy', startS: m.startS, endS: end, ...windowFigures(m) });
  });
  // With one migration the series tells where stop-and-copy happened; with several the
  // series is a merge, so only the per-migration windows above are trustworthy.
  if (s?.tS && s.migPhase && run.migrations.length === 1) {
    const windows: PhaseWindow[] = [];
    let cur: PhaseWindow | undefined;
    for (let i = 0; i < s.tS.length; i++) {
      const p = s.migPhase[i];
      const phase = p === 1 ? 'pre-copy' : p === 2 ? 'stop-and-copy' : undefined;
      if (cur && cur.phase === phase) {
        cur.endS = s.tS[i];
        continue;
      }
      if (cur) windows.push(cur);
      cur = phase ? { migration: 0, vm: safeLabel(run.migrations[0].vm), phase, startS: s.tS[i], endS: s.tS[i] + (s.tS[1] - s.tS[0] || 0.1), ...windowFigures(run.migrations[0]) } : undefined;
    }
    if (cur) windows.push(cur);
    if (windows.length) return windows;
  }
  return out;
}

/**
 * A user-chosen name made fit for a chart label: control characters dropped, length capped.
 * Markup escaping is left to the renderers (vega escapes SVG text; report.ts escapes HTML),
 * since escaping here as well would show "&amp;" to the user.
 */
export function safeLabel(name: string, max = 48): string {
  const clean = String(name).replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, ' ').trim();
  return clean.length > max ? clean.slice(0, max - 1) + '…' : clean;
}

export function escapeHtml(s: string): string {
  return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/**
 * Layers are assembled as plain records (vega-lite's layer types are unions too deep for
 * literal inference); the tests compile and render every spec, which checks them for real.
 */
export function asSpec(spec: object): import('vega-lite').TopLevelSpec {
  return spec as unknown as import('vega-lite').TopLevelSpec;
}
