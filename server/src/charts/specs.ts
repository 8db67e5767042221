// Vega-lite specs of one run's time series: CPU, incomplete calls, migration progress.
// Pure functions of (run, context, theme): the webview, the headless report and the
// language server's hovers all build their charts here, so they look the same everywhere.
import type { TopLevelSpec } from 'vega-lite';
import type { RunResult } from '../model/output';
import { neverConverges } from '../model/summary';
import type { ChartContext } from './context';
import { asSpec, cpuRows, incompleteRows, phaseWindows, progressRows, round, safeLabel } from './data';
import { type ChartTheme, LIGHT_THEME, lineWidth, vegaConfig } from './theme';

export interface SpecOptions {
  theme?: ChartTheme;
  /** Pixels, or 'container' to fill the webview's width. */
  width?: number | 'container';
  height?: number;
}

type Layer = Record<string, unknown>;

const T_AXIS = { field: 't', type: 'quantitative', title: 'time (s)', scale: { nice: false } } as const;

function base(title: string, subtitle: string | string[], opts: SpecOptions): Record<string, unknown> {
  const theme = opts.theme ?? LIGHT_THEME;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: title, subtitle },
    width: opts.width ?? 640,
    height: opts.height ?? 220,
    autosize: { type: 'fit-x', contains: 'padding' },
    config: vegaConfig(theme),
  };
}

/**
 * Shaded migration windows. Each datum carries `migration` (index into run.migrations):
 * the webview reads it from a clicked mark to reveal that migration's `migrate` statement.
 */
export function migrationShading(run: RunResult, theme: ChartTheme): Layer[] {
  const windows = phaseWindows(run);
  if (!windows.length) return [];
  return [
    {
      data: { values: windows },
      mark: { type: 'rect', cursor: 'pointer', color: theme.shade },
      encoding: {
        x: { field: 'startS', type: 'quantitative' },
        x2: { field: 'endS' },
        opacity: { condition: { test: "datum.phase === 'stop-and-copy'", value: 0.45 }, value: 0.16 },
        tooltip: [
          { field: 'vm', title: 'migrating VM' },
          { field: 'phase', title: 'phase' },
          { field: 'startS', title: 'from (s)', format: '.1f' },
          { field: 'endS', title: 'to (s)', format: '.1f' },
          // Only what the results carry: the calls a migration answers for come from the language server.
          ...(windows.some((w) => w.cpuPct !== null) ? [{ field: 'cpuPct', title: 'its guest CPU during (%)', format: '.1f' }] : []),
          ...(windows.some((w) => w.calls !== null) ? [{ field: 'calls', title: 'incomplete calls it answers for' }] : []),
        ],
      },
    },
  ];
}

export function runTitle(run: RunResult): string {
  return safeLabel(run.label);
}

/** Chart 1: CPU of every VM (solid) and host (dashed), migration phases shaded, thresholds as rules. */
export function cpuSpec(run: RunResult, ctx: ChartContext = {}, opts: SpecOptions = {}): TopLevelSpec {
  const theme = opts.theme ?? LIGHT_THEME;
  const thresholds = (ctx.thresholds ?? []).map((t) => ({ ...t, label: safeLabel(t.vm ? `${t.label} (${t.vm})` : t.label), pct: t.pct }));
  const layers: Layer[] = [
    ...migrationShading(run, theme),
    {
      data: { values: cpuRows(run) },
      mark: { type: 'line', strokeWidth: lineWidth(theme), interpolate: 'linear' },
      encoding: {
        x: T_AXIS,
        y: { field: 'cpu', type: 'quantitative', title: 'CPU (%)', scale: { domain: [0, 100] } },
        color: { field: 'series', type: 'nominal', title: null },
        strokeDash: { field: 'kind', type: 'nominal', title: null, scale: { domain: ['VM', 'host'], range: [[1, 0], [5, 3]] }, legend: null },
        tooltip: [
          { field: 'series', title: 'series' },
          { field: 't', title: 'time (s)', format: '.1f' },
          { field: 'cpu', title: 'CPU (%)', format: '.1f' },
        ],
      },
    },
  ];
  if (thresholds.length) {
    layers.push(
      { data: { values: thresholds }, mark: { type: 'rule', color: theme.warning, strokeDash: [6, 4], strokeWidth: lineWidth(theme) }, encoding: { y: { field: 'pct', type: 'quantitative' } } },
      {
        data: { values: thresholds },
        mark: { type: 'text', color: theme.warning, align: 'left', dx: 4, dy: -6, baseline: 'bottom' },
        encoding: { y: { field: 'pct', type: 'quantitative' }, x: { value: 0 }, text: { field: 'label' } },
      },
    );
  }
  const subtitle = [
    phaseWindows(run).length ? 'shaded: migration (light: pre-copy, dark: stop-and-copy)' : 'no migration in this run',
    thresholds.length ? 'dashed red: overload control thresholds' : '',
  ].filter(Boolean);
  return asSpec({ ...base(`CPU of VMs and hosts · ${runTitle(run)}`, subtitle, opts), layer: layers });
}

/** Chart 2: cumulative incomplete calls over time, one line per cause. */
export function incompleteSpec(run: RunResult, _ctx: ChartContext = {}, opts: SpecOptions = {}): TopLevelSpec {
  const theme = opts.theme ?? LIGHT_THEME;
  const total = run.incompleteCalls.total;
  return asSpec({
    ...base(`Incomplete calls (cumulative) · ${runTitle(run)}`, `${total} in total`, opts),
    layer: [
      ...migrationShading(run, theme),
      {
        data: { values: incompleteRows(run) },
        mark: { type: 'line', strokeWidth: lineWidth(theme), interpolate: 'step-after' },
        encoding: {
          x: T_AXIS,
          y: { field: 'calls', type: 'quantitative', title: 'incomplete calls', scale: { domainMin: 0, domainMax: Math.max(1, total) } },
          color: { field: 'cause', type: 'nominal', title: null, scale: { range: [theme.palette[4], theme.palette[1], theme.palette[3]] } },
          tooltip: [
            { field: 'cause', title: 'cause' },
            { field: 't', title: 'time (s)', format: '.1f' },
            { field: 'calls', title: 'calls', format: 'd' },
          ],
        },
      },
    ],
  });
}

/** Chart 3: migration progress: remaining dirty memory (area, left axis) and round (right axis). */
export function progressSpec(run: RunResult, _ctx: ChartContext = {}, opts: SpecOptions = {}): TopLevelSpec {
  const theme = opts.theme ?? LIGHT_THEME;
  const rows = progressRows(run);
  const ends = run.migrations
    .map((m, i) => ({
      migration: i,
      t: m.endS,
      label: m.converged ? `${safeLabel(m.vm)} resumed · downtime ${m.downtimeMs === null ? '?' : round(m.downtimeMs, 1)} ms` : `${safeLabel(m.vm)} did not converge`,
    }))
    .filter((e) => e.t !== null);
  const subtitle = run.migrations.length
    ? run.migrations.map(
        (m) =>
          `${safeLabel(m.vm)} (${m.role}) ${safeLabel(m.from)} → ${safeLabel(m.to)}: ` +
          (m.migrationTimeS !== null ? `${round(m.migrationTimeS, 1)} s` : neverConverges(m) ? 'not converged' : `unfinished, ${round(m.unfinished!.resumesAfterS!, 1)} s more`) +
          `, ${m.rounds} rounds, downtime ${m.downtimeMs === null ? '–' : round(m.downtimeMs, 1) + ' ms'}, ${round(m.bytesSent / 1e9, 2)} GB sent`,
      )
    : 'no migration in this run';
  const layers: Layer[] = [
    ...migrationShading(run, theme),
    {
      data: { values: rows },
      mark: { type: 'area', color: theme.palette[0], opacity: 0.35, line: { color: theme.palette[0], strokeWidth: lineWidth(theme) }, interpolate: 'step-after' },
      encoding: {
        x: T_AXIS,
        y: { field: 'remainingMB', type: 'quantitative', title: 'remaining dirty memory (MB)', axis: { titleColor: theme.palette[0] } },
        tooltip: [
          { field: 't', title: 'time (s)', format: '.1f' },
          { field: 'remainingMB', title: 'remaining (MB)', format: ',.1f' },
          { field: 'round', title: 'round' },
        ],
      },
    },
    {
      data: { values: rows },
      mark: { type: 'line', color: theme.palette[1], strokeWidth: lineWidth(theme), interpolate: 'step-after' },
      encoding: {
        x: T_AXIS,
        y: { field: 'round', type: 'quantitative', title: 'pre-copy round', axis: { orient: 'right', titleColor: theme.palette[1], tickMinStep: 1 } },
      },
    },
  ];
  if (ends.length) {
    layers.push(
      { data: { values: ends }, mark: { type: 'rule', color: theme.foreground, strokeDash: [2, 2], cursor: 'pointer' }, encoding: { x: { field: 't', type: 'quantitative' } } },
      {
        data: { values: ends },
        mark: { type: 'text', color: theme.foreground, align: 'right', dx: -4, baseline: 'top', cursor: 'pointer' },
        encoding: { x: { field: 't', type: 'quantitative' }, y: { value: 4 }, text: { field: 'label' } },
      },
    );
  }
  return asSpec({ ...base(`Migration progress · ${runTitle(run)}`, subtitle, opts), layer: layers, resolve: { scale: { y: 'independent' } } });
}
