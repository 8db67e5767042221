// The plan as written against the advisor's recommendation, at the advised run (the chart
// panel's "Current plan vs advisor's recommendation"): incomplete calls over time, all
// causes summed, and the guest CPU of each plan's active VM — switching roles first makes
// the other VM the active one, so each side names its own. One colour per plan in both
// charts; each plan's migration is shaded in its colour.
import type { TopLevelSpec } from 'vega-lite';
import type { RunResult, SeriesValues } from '../model/output';
import type { ChartEntry } from './catalog';
import { asSpec, CAUSES, downsample, MAX_POINTS, phaseWindows, round, safeLabel } from './data';
import type { SpecOptions } from './specs';
import { LIGHT_THEME, lineWidth, seriesColors, vegaConfig } from './theme';

export interface ComparisonSide {
  run: RunResult;
  /** The VM that is the active in this plan. */
  activeVm: string;
}

export interface ComparisonInput {
  current: ComparisonSide;
  recommended: ComparisonSide;
  /** The option applied on the recommended side (its title). */
  option: string;
  /** The plan's phase-1 start threshold, drawn on the CPU chart. */
  thresholdPct?: number;
}

export const PLANS = { current: 'current plan', recommended: "advisor's recommendation" } as const;

interface Row {
  t: number;
  plan: string;
  value: number;
}

/** Cumulative incomplete calls of all causes per step. */
export function totalIncomplete(run: RunResult): number[] {
  const s = run.series;
  if (!s?.tS) return [];
  const total = new Array<number>(s.tS.length).fill(0);
  for (const [key] of CAUSES) {
    const c = s[key];
    if (c) for (let i = 0; i < total.length; i++) total[i] += c[i] ?? 0;
  }
  return total;
}

function rows(input: ComparisonInput, values: (side: ComparisonSide) => SeriesValues | undefined, how: 'last' | 'mean', maxPoints: number): Row[] {
  const out: Row[] = [];
  for (const key of ['current', 'recommended'] as const) {
    const side = input[key];
    const v = values(side);
    if (!side.run.series?.tS || !v?.length) continue;
    for (const [t, value] of downsample(side.run.series.tS, v, how, maxPoints)) out.push({ t, plan: PLANS[key], value });
  }
  return out;
}

function layers(input: ComparisonInput, opts: SpecOptions, rowsOf: Row[], y: Record<string, unknown>, interpolate: string, extra: Record<string, unknown>[] = []): Record<string, unknown>[] {
  const theme = opts.theme ?? LIGHT_THEME;
  const colors = seriesColors(theme);
  const color = { field: 'plan', type: 'nominal', title: null, scale: { domain: [PLANS.current, PLANS.recommended], range: [colors[1], colors[2]] } };
  // The shading takes the plan's colour by value, not through the scale: the legend stays the lines'.
  const windows = (['current', 'recommended'] as const).flatMap((key) =>
    phaseWindows(input[key].run).filter((w) => w.phase === 'pre-copy').map((w) => ({ plan: PLANS[key], startS: round(w.startS, 1), endS: round(w.endS, 1), vm: w.vm })),
  );
  return [
    ...(windows.length
      ? [{ data: { values: windows }, mark: { type: 'rect', opacity: 0.1 }, encoding: { x: { field: 'startS', type: 'quantitative' }, x2: { field: 'endS' }, color: { condition: { test: `datum.plan === '${PLANS.current}'`, value: colors[1] }, value: colors[2] }, tooltip: [{ field: 'plan', title: 'plan' }, { field: 'vm', title: 'migrating VM' }, { field: 'startS', title: 'from (s)' }, { field: 'endS', title: 'to (s)' }] } }]
      : []),
    {
      data: { values: rowsOf },
      mark: { type: 'line', strokeWidth: lineWidth(theme), interpolate },
      encoding: {
        x: { field: 't', type: 'quantitative', title: 'time (s)', scale: { nice: false } },
        y,
        color,
        tooltip: [{ field: 'plan', title: 'plan' }, { field: 't', title: 'time (s)', format: '.1f' }, { field: 'value', title: String(y.title), format: '.1f' }],
      },
    },
    ...extra,
  ];
}

function frame(title: string, subtitle: string[], opts: SpecOptions): Record<string, unknown> {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: title, subtitle },
    width: opts.width ?? 640,
    height: opts.height ?? 200,
    autosize: { type: 'fit-x', contains: 'padding' },
    config: vegaConfig(opts.theme ?? LIGHT_THEME),
  };
}

const recommendedLine = (input: ComparisonInput) => `recommended: ${safeLabel(input.option, 160)}`;

export function comparisonIncompleteSpec(input: ComparisonInput, opts: SpecOptions = {}, maxPoints = MAX_POINTS): TopLevelSpec {
  const data = rows(input, (s) => totalIncomplete(s.run), 'last', maxPoints);
  const top = Math.max(1, ...data.map((r) => r.value));
  const subtitle = [`${input.current.run.incompleteCalls.total} incomplete calls as planned, ${input.recommended.run.incompleteCalls.total} with the recommendation`, recommendedLine(input)];
  const y = { field: 'value', type: 'quantitative', title: 'incomplete calls', scale: { domainMin: 0, domainMax: top } };
  return asSpec({ ...frame(`Incomplete calls (cumulative) · ${safeLabel(input.current.run.label)}`, subtitle, opts), layer: layers(input, opts, data, y, 'step-after') });
}

export function comparisonCpuSpec(input: ComparisonInput, opts: SpecOptions = {}, maxPoints = MAX_POINTS): TopLevelSpec {
  const theme = opts.theme ?? LIGHT_THEME;
  const data = rows(input, (s) => s.run.series?.[`vmCpu.${s.activeVm}`], 'mean', maxPoints);
  const y = { field: 'value', type: 'quantitative', title: 'guest CPU (%)', scale: { domain: [0, 100] } };
  const threshold =
    input.thresholdPct === undefined
      ? []
      : [{ data: { values: [{ pct: input.thresholdPct }] }, mark: { type: 'rule', color: theme.warning, strokeDash: [6, 4], strokeWidth: lineWidth(theme) }, encoding: { y: { field: 'pct', type: 'quantitative' } } }];
  const who = `active VM: ${safeLabel(input.current.activeVm)} as planned, ${safeLabel(input.recommended.activeVm)} with the recommendation`;
  const subtitle = [who, input.thresholdPct === undefined ? '' : 'dashed red: the phase-1 threshold as planned', recommendedLine(input)].filter(Boolean);
  return asSpec({ ...frame(`Guest CPU of the active VM · ${safeLabel(input.current.run.label)}`, subtitle, opts), layer: layers(input, opts, data, y, 'linear', threshold) });
}

/** The comparison charts in display order; ids are stable (export file names). */
export function comparisonCharts(input: ComparisonInput, opts: SpecOptions = {}): ChartEntry[] {
  return [
    { id: 'compare-incomplete', title: 'Incomplete calls: current plan vs recommendation', spec: comparisonIncompleteSpec(input, opts) },
    { id: 'compare-cpu', title: 'Guest CPU of the active VM: current plan vs recommendation', spec: comparisonCpuSpec(input, opts) },
  ];
}
