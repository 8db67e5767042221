// The `sipmig/results` answer for the chart panel, protocol-free (offset spans; the
// handler turns them into LSP ranges). It carries both the documented shape
// (migrations with their statements, thresholds with start/stop) and the fields the
// chart code reads (threshold `label`/`pct`/`vm`, `cluster`, per-migration ranges).
import type { Analysis } from '../../language';
import type { FileResult, RunResult } from '../../model/output';
import type { Span } from '../../language/syntax/tree';
import { decimateRun, MIN_POINTS, plainSeries, type SentRun } from '../../charts/decimate';
import { RESULTS_MAX_POINTS, RESULTS_MAX_VALUES, RESULTS_MIN_POINTS, type ResultsParams } from '../protocol';
import { migrationCalls, phaseThresholds, type Outcome } from './predictions';

export type { SentRun } from '../../charts/decimate';

/** What the request asks of the series, checked (anything malformed counts as absent). */
export interface SeriesRequest {
  /** Runs to send series for; undefined: all. */
  runs?: Set<number>;
  /** Points per run; Infinity for full resolution. */
  maxPoints: number;
}

export function seriesRequest(p: Partial<ResultsParams> | null | undefined): SeriesRequest {
  const runs = Array.isArray(p?.runs) ? new Set(p.runs.filter((i) => Number.isInteger(i))) : undefined;
  if (p?.fullResolution === true) return { runs, maxPoints: Infinity };
  const asked = typeof p?.maxPoints === 'number' && Number.isFinite(p.maxPoints) ? Math.max(MIN_POINTS, Math.floor(p.maxPoints)) : RESULTS_MAX_POINTS;
  return { runs, maxPoints: asked };
}

/**
 * The runs with their series bounded as asked: runs not selected lose their series; the
 * others are decimated to the asked points per run, lowered (not below RESULTS_MIN_POINTS)
 * so that all series together hold at most RESULTS_MAX_VALUES values.
 */
export function boundSeries<T extends RunResult>(runs: T[], req: SeriesRequest): Array<T & SentRun> {
  const selected = (i: number) => !req.runs || req.runs.has(i);
  let perRun = req.maxPoints;
  if (Number.isFinite(perRun)) {
    const width = runs.reduce((sum, r, i) => sum + (selected(i) && r.series ? Object.keys(r.series).length : 0), 0);
    if (width > 0) perRun = Math.min(perRun, Math.max(Math.min(perRun, RESULTS_MIN_POINTS), Math.floor(RESULTS_MAX_VALUES / width)));
  }
  return runs.map((r, i) => {
    if (!r.series) return r as T & SentRun;
    if (!selected(i)) {
      const { series: _left, ...rest } = r;
      return { ...rest, seriesOmitted: true } as T & SentRun;
    }
    return Number.isFinite(perRun) ? decimateRun(r, perRun) : plainSeries(r);
  });
}

export interface ThresholdInfo {
  phase: number;
  startAbovePct: number;
  stopBelowPct?: number;
  /** Chart fields: "phase 1 start", the start threshold, the VM it watches. */
  label: string;
  pct: number;
  vm?: string;
}

export interface MigrationSite {
  vm: string;
  startS: number;
  span: Span;
}

export function thresholdsOf(a: Analysis): ThresholdInfo[] {
  const active = a.entities.placements.find((p) => p.role === 'active')?.vm.value;
  return phaseThresholds(a).map((t) => ({ phase: t.phase, startAbovePct: t.pct, stopBelowPct: t.stopBelowPct, label: `phase ${t.phase} start`, pct: t.pct, vm: active }));
}

export function migrationSites(a: Analysis): MigrationSite[] {
  return a.entities.migrations.map((m) => ({ vm: m.vm.value, startS: m.at.value, span: { start: m.prop.member.start, end: m.prop.member.end } }));
}

export function clusterOf(a: Analysis): { active: string; standby: string } | undefined {
  const active = a.entities.placements.find((p) => p.role === 'active')?.vm.value;
  const standby = a.entities.placements.find((p) => p.role === 'standby')?.vm.value;
  return active && standby ? { active, standby } : undefined;
}

/** The model output with each migration's statement attached (`range` is filled by `toRange`) and the series bounded as asked. */
export function fileResult<R>(uri: string, o: Outcome, sites: MigrationSite[], toRange: (s: Span) => R, req: SeriesRequest = { maxPoints: Infinity }): Omit<FileResult, 'runs'> & { runs: SentRun[]; migrationRanges: R[] } {
  const rangeOf = (vm: string, startS: number) => {
    const s = sites.find((x) => x.vm === vm && Math.abs(x.startS - startS) < 1e-6);
    return s ? toRange(s.span) : undefined;
  };
  const runs = boundSeries(
    // The baseline without migrations that a failing run carries is for attribution here, not
    // for clients: each migration gets the calls it answers for (`answerableCalls`).
    o.results.map((run) => {
      const { withoutMigrations: _baseline, ...r } = run as RunResult & { withoutMigrations?: unknown };
      return { ...r, migrations: r.migrations.map((m, k) => ({ ...m, range: rangeOf(m.vm, m.startS), answerableCalls: m.incompleteCalls === null ? null : migrationCalls(run, k) })) };
    }),
    req,
  );
  const first = o.results[0];
  const migrationRanges = (first?.migrations ?? []).map((m) => rangeOf(m.vm, m.startS)).filter((r): r is R => r !== undefined);
  return { file: uri, runs, migrationRanges };
}
