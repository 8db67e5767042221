// Measured points of the 2016 reference study (copied from the study's results so that
// sipmig does not read anything outside the repo at run time). Charts draw them beside the
// prediction; the report tabulates prediction against measurement.
import type { FileResult, MigrationRole, RunResult } from '../model/output';

export type ReferenceMetric =
  | 'migrationTimeS'
  | 'sourcePmCpuRisePct'
  | 'migratedVmCpuRisePct'
  | 'migratedVmCpuDuringPct'
  | 'incompleteCalls';

export interface ReferencePoint {
  id: string;
  /** Which VM of the 2N cluster was migrated in the measured run. */
  role: Exclude<MigrationRole, 'other'>;
  cps: number;
  metric: ReferenceMetric;
  value: number;
  /** Relative tolerance; or an absolute [min, max] band. */
  tolerance?: number;
  min?: number;
  max?: number;
}

export const REFERENCE_POINTS: readonly ReferencePoint[] = [
  { id: 'mig-time-active-0cps', role: 'active', cps: 0, metric: 'migrationTimeS', value: 60.0, tolerance: 0.1 },
  { id: 'mig-time-standby-0cps', role: 'standby', cps: 0, metric: 'migrationTimeS', value: 58.9, tolerance: 0.1 },
  { id: 'mig-time-active-40cps', role: 'active', cps: 40, metric: 'migrationTimeS', value: 146.7, tolerance: 0.1 },
  { id: 'pm-cpu-rise-idle', role: 'active', cps: 0, metric: 'sourcePmCpuRisePct', value: 50, tolerance: 0.3 },
  { id: 'vm-cpu-rise-idle', role: 'active', cps: 0, metric: 'migratedVmCpuRisePct', value: 6, tolerance: 0.5 },
  { id: 'active-vm-cpu-during-40cps', role: 'active', cps: 40, metric: 'migratedVmCpuDuringPct', value: 60, min: 50, max: 69 },
  { id: 'incomplete-active-40cps', role: 'active', cps: 40, metric: 'incompleteCalls', value: 50, min: 20, max: 120 },
];

export const METRIC_LABELS: Record<ReferenceMetric, string> = {
  migrationTimeS: 'migration time (s)',
  sourcePmCpuRisePct: 'source host CPU rise during migration (points)',
  migratedVmCpuRisePct: 'migrated VM CPU rise during migration (points)',
  migratedVmCpuDuringPct: 'migrated VM CPU during migration (%)',
  incompleteCalls: 'incomplete calls',
};

/** The acceptance band of a point: [min, max] or value ± tolerance. */
export function band(p: ReferencePoint): [number, number] {
  if (p.min !== undefined && p.max !== undefined) return [p.min, p.max];
  const tol = (p.tolerance ?? 0) * p.value;
  return [p.value - tol, p.value + tol];
}

/** The run's prediction of a metric for the migration of the given role, or null. */
export function predicted(run: RunResult, metric: ReferenceMetric, role: MigrationRole): number | null {
  const m = run.migrations.find((x) => x.role === role);
  if (!m) return null;
  switch (metric) {
    case 'migrationTimeS':
      return m.migrationTimeS;
    case 'incompleteCalls':
      return run.incompleteCalls.total;
    case 'sourcePmCpuRisePct': {
      const h = run.cpu.hosts[m.from];
      return h && h.beforePct !== null ? h.duringPct - h.beforePct : null;
    }
    case 'migratedVmCpuRisePct': {
      const v = run.cpu.vms[m.vm];
      return v && v.beforePct !== null ? v.duringPct - v.beforePct : null;
    }
    case 'migratedVmCpuDuringPct':
      return run.cpu.vms[m.vm]?.duringPct ?? null;
  }
}

export interface Comparison {
  point: ReferencePoint;
  run: string;
  predicted: number | null;
  holds: boolean | null;
}

/** Reference points the file's runs can be compared with (same load, same migrated role). */
export function compareWithReference(file: FileResult): Comparison[] {
  const out: Comparison[] = [];
  for (const point of REFERENCE_POINTS) {
    const run = file.runs.find((r) => r.offeredCps === point.cps && r.migrations.some((m) => m.role === point.role));
    if (!run) continue;
    const value = predicted(run, point.metric, point.role);
    const [lo, hi] = band(point);
    out.push({ point, run: run.label, predicted: value, holds: value === null ? null : value >= lo && value <= hi });
  }
  return out;
}
