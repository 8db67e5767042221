// The `sipmig/results` answer for the chart panel, protocol-free (offset spans; the
// handler turns them into LSP ranges). It carries both the documented shape
// (migrations with their statements, thresholds with start/stop) and the fields the
// chart code reads (threshold `label`/`pct`/`vm`, `cluster`, per-migration ranges).
import type { Analysis } from '../../language';
import type { FileResult } from '../../model/output';
import type { Span } from '../../language/syntax/tree';
import { phaseThresholds, type Outcome } from './predictions';

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

/** The model output with each migration's statement attached (`range` is filled by `toRange`). */
export function fileResult<R>(uri: string, o: Outcome, sites: MigrationSite[], toRange: (s: Span) => R): FileResult & { migrationRanges: R[] } {
  const rangeOf = (vm: string, startS: number) => {
    const s = sites.find((x) => x.vm === vm && Math.abs(x.startS - startS) < 1e-6);
    return s ? toRange(s.span) : undefined;
  };
  const runs = o.results.map((r) => ({ ...r, migrations: r.migrations.map((m) => ({ ...m, range: rangeOf(m.vm, m.startS) })) }));
  const first = o.results[0];
  const migrationRanges = (first?.migrations ?? []).map((m) => rangeOf(m.vm, m.startS)).filter((r): r is R => r !== undefined);
  return { file: uri, runs, migrationRanges };
}
