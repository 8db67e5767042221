// Vega-lite specs across the runs of a sweep (one run per offered load): the reference
// study's figures. Measured points of the study are drawn beside the prediction as
// hollow diamonds with their acceptance band.
import type { TopLevelSpec } from 'vega-lite';
import type { FileResult, RunResult } from '../model/output';
import { neverConverges } from '../model/summary';
import { type ChartContext, clusterOf } from './context';
import { asSpec, round, safeLabel } from './data';
import { band, REFERENCE_POINTS, type ReferenceMetric } from './reference';
import type { SpecOptions } from './specs';
import { type ChartTheme, LIGHT_THEME, lineWidth, vegaConfig } from './theme';

type Layer = Record<string, unknown>;

interface SweepRow {
  cps: number;
  series: string;
  value: number;
}

interface RefRow {
  cps: number;
  series: string;
  value: number;
  lo: number;
  hi: number;
  label: string;
}

const X = { field: 'cps', type: 'quantitative', title: 'offered load (calls/s)' } as const;

/** True when the file is a sweep: more than one run, at distinct offered loads. */
export function isSweep(file: FileResult): boolean {
  return new Set(file.runs.map((r) => r.offeredCps)).size > 1;
}

function sorted(file: FileResult): RunResult[] {
  return [...file.runs].sort((a, b) => a.offeredCps - b.offeredCps);
}

/** Reference points of one metric, placed on the series whose migrated role they measured. */
function refRows(file: FileResult, metric: ReferenceMetric, seriesOf: (role: 'active' | 'standby') => string | null): RefRow[] {
  const out: RefRow[] = [];
  for (const p of REFERENCE_POINTS) {
    if (p.metric !== metric) continue;
    if (!file.runs.some((r) => r.migrations.some((m) => m.role === p.role))) continue;
    const series = seriesOf(p.role);
    if (!series) continue;
    const [lo, hi] = band(p);
    out.push({ cps: p.cps, series, value: p.value, lo: round(lo, 2), hi: round(hi, 2), label: `measured (2016 study): ${p.value}` });
  }
  return out;
}

function sweepSpec(title: string, subtitle: string, yTitle: string, rows: SweepRow[], refs: RefRow[], opts: SpecOptions & { selectedCps?: number }): TopLevelSpec {
  const theme: ChartTheme = opts.theme ?? LIGHT_THEME;
  const layers: Layer[] = [];
  if (opts.selectedCps !== undefined) {
    layers.push({ data: { values: [{ cps: opts.selectedCps }] }, mark: { type: 'rule', color: theme.muted, strokeDash: [2, 3] }, encoding: { x: { field: 'cps', type: 'quantitative' } } });
  }
  const tooltip = [
    { field: 'series', title: 'series' },
    { field: 'cps', title: 'calls/s' },
    { field: 'value', title: yTitle, format: '.1f' },
  ];
  layers.push({
    data: { values: rows },
    mark: { type: 'line', point: { filled: true, size: 36 }, strokeWidth: lineWidth(theme) },
    encoding: {
      x: X,
      y: { field: 'value', type: 'quantitative', title: yTitle, scale: { domainMin: 0 } },
      color: { field: 'series', type: 'nominal', title: null },
      tooltip,
    },
  });
  if (refs.length) {
    layers.push(
      { data: { values: refs }, mark: { type: 'rule', color: theme.reference, strokeWidth: 1.5 }, encoding: { x: { field: 'cps', type: 'quantitative' }, y: { field: 'lo', type: 'quantitative' }, y2: { field: 'hi' } } },
      {
        data: { values: refs },
        mark: { type: 'point', shape: 'diamond', filled: false, size: 110, strokeWidth: 2, color: theme.reference },
        encoding: {
          x: { field: 'cps', type: 'quantitative' },
          y: { field: 'value', type: 'quantitative' },
          tooltip: [{ field: 'series', title: 'series' }, { field: 'label', title: 'reference' }, { field: 'lo', title: 'band from' }, { field: 'hi', title: 'band to' }],
        },
      },
    );
  }
  const sub = [subtitle, refs.length ? '◇ measured in the 2016 reference study, with its acceptance band' : ''].filter(Boolean);
  return asSpec({
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: title, subtitle: sub },
    width: opts.width ?? 640,
    height: opts.height ?? 220,
    autosize: { type: 'fit-x', contains: 'padding' },
    config: vegaConfig(theme),
    layer: layers,
  });
}

/** Chart 4a: average CPU of the active and the standby VM, before and during migration, vs load. */
export function sweepCpuSpec(file: FileResult, ctx: ChartContext = {}, opts: SpecOptions & { selectedCps?: number } = {}): TopLevelSpec {
  const rows: SweepRow[] = [];
  let roles: { active?: string; standby?: string } = {};
  for (const run of sorted(file)) {
    roles = clusterOf(run, ctx);
    for (const role of ['active', 'standby'] as const) {
      const vm = roles[role];
      const cpu = vm ? run.cpu.vms[vm] : undefined;
      if (!cpu) continue;
      if (cpu.beforePct !== null) rows.push({ cps: run.offeredCps, series: `${role} VM, before`, value: round(cpu.beforePct, 2) });
      if (run.migrations.length) rows.push({ cps: run.offeredCps, series: `${role} VM, during`, value: round(cpu.duringPct, 2) });
    }
  }
  const refs = refRows(file, 'migratedVmCpuDuringPct', (role) => `${role} VM, during`);
  const names = [roles.active && `active ${safeLabel(roles.active)}`, roles.standby && `standby ${safeLabel(roles.standby)}`].filter(Boolean).join(', ');
  return sweepSpec('Average VM CPU vs offered load', names, 'average CPU (%)', rows, refs, opts);
}

/** Chart 4b: migration time of each migrated VM vs load. */
export function sweepMigrationTimeSpec(file: FileResult, _ctx: ChartContext = {}, opts: SpecOptions & { selectedCps?: number } = {}): TopLevelSpec {
  const rows: SweepRow[] = [];
  for (const run of sorted(file)) {
    for (const m of run.migrations) {
      if (m.migrationTimeS === null) continue;
      rows.push({ cps: run.offeredCps, series: `${safeLabel(m.vm)} (${m.role})`, value: round(m.migrationTimeS, 2) });
    }
  }
  const seriesOfRole = (role: 'active' | 'standby'): string | null => {
    const m = file.runs.flatMap((r) => r.migrations).find((x) => x.role === role);
    return m ? `${safeLabel(m.vm)} (${m.role})` : null;
  };
  const refs = refRows(file, 'migrationTimeS', seriesOfRole);
  const at = (f: (m: RunResult['migrations'][number]) => boolean) => file.runs.filter((r) => r.migrations.some(f)).map((r) => r.offeredCps);
  const never = at(neverConverges);
  const running = at((m) => m.migrationTimeS === null && !neverConverges(m));
  const missing = [never.length ? `did not converge at ${never.join(', ')} calls/s` : '', running.length ? `still migrating when the scenario ends at ${running.join(', ')} calls/s` : ''].filter(Boolean);
  const sub = missing.length ? missing.join('; ') : 'time from migration start until the VM resumed on the destination';
  return sweepSpec('Migration time vs offered load', sub, 'migration time (s)', rows, refs, opts);
}

/** Chart 4c: incomplete calls per run vs load, in total and by cause. */
export function sweepIncompleteSpec(file: FileResult, _ctx: ChartContext = {}, opts: SpecOptions & { selectedCps?: number } = {}): TopLevelSpec {
  const rows: SweepRow[] = [];
  const causes = new Set<string>();
  for (const run of file.runs) for (const c of Object.keys(run.incompleteCalls.byCause)) causes.add(c);
  for (const run of sorted(file)) {
    rows.push({ cps: run.offeredCps, series: 'total', value: run.incompleteCalls.total });
    for (const c of causes) rows.push({ cps: run.offeredCps, series: safeLabel(c), value: run.incompleteCalls.byCause[c] ?? 0 });
  }
  const refs = refRows(file, 'incompleteCalls', () => 'total');
  return sweepSpec('Incomplete calls vs offered load', 'calls not completed normally, per run', 'incomplete calls', rows, refs, opts);
}
