// The list of charts a file gets, in display order: the same list drives the webview,
// the report and its --svg export, so chart ids are stable file names.
import type { TopLevelSpec } from 'vega-lite';
import type { FileResult, RunResult } from '../model/output';
import type { ChartContext } from './context';
import { cpuSpec, incompleteSpec, progressSpec, type SpecOptions } from './specs';
import { isSweep, sweepCpuSpec, sweepIncompleteSpec, sweepMigrationTimeSpec } from './sweep';

export interface ChartEntry {
  /** Stable id, usable as a file name: "cpu", "sweep-cpu", ... */
  id: string;
  title: string;
  spec: TopLevelSpec;
}

export function runCharts(run: RunResult, ctx: ChartContext, opts: SpecOptions = {}): ChartEntry[] {
  const out: ChartEntry[] = [{ id: 'cpu', title: 'CPU of VMs and hosts', spec: cpuSpec(run, ctx, opts) }];
  if (run.series?.incomplete408 || run.series?.incomplete503 || run.series?.incompleteOther) {
    out.push({ id: 'incomplete', title: 'Incomplete calls over time', spec: incompleteSpec(run, ctx, opts) });
  }
  if (run.migrations.length) out.push({ id: 'migration', title: 'Migration progress', spec: progressSpec(run, ctx, opts) });
  return out;
}

export function sweepCharts(file: FileResult, ctx: ChartContext, opts: SpecOptions & { selectedCps?: number } = {}): ChartEntry[] {
  if (!isSweep(file)) return [];
  return [
    { id: 'sweep-cpu', title: 'Average VM CPU vs offered load', spec: sweepCpuSpec(file, ctx, opts) },
    { id: 'sweep-migration-time', title: 'Migration time vs offered load', spec: sweepMigrationTimeSpec(file, ctx, opts) },
    { id: 'sweep-incomplete', title: 'Incomplete calls vs offered load', spec: sweepIncompleteSpec(file, ctx, opts) },
  ];
}
