// A compact chart for hovers: one VM's guest CPU against the overload threshold over time,
// rendered to a small SVG (kept under 6 KB so it fits a base64 data URI in hover markdown).
import type { TopLevelSpec } from 'vega-lite';
import type { RunResult } from '../model/output';
import { asSpec, downsample, phaseWindows } from './data';
import { renderSvg } from './render';
import { LIGHT_THEME, type ChartTheme, vegaConfig } from './theme';

export interface HoverChartOptions {
  /** The VM whose guest CPU is drawn. Defaults to the first VM with a series. */
  vm?: string;
  /** Threshold in percent (e.g. the phase-1 start); omitted: no rule. */
  thresholdPct?: number;
  width?: number;
  height?: number;
  theme?: ChartTheme;
}

/** Points in the hover's line: enough for a 240 px wide chart, few enough for the size cap. */
const HOVER_POINTS = 70;
export const HOVER_MAX_BYTES = 6 * 1024;

export function hoverSpec(run: RunResult, opts: HoverChartOptions = {}): TopLevelSpec | null {
  const s = run.series;
  const vm = opts.vm ?? Object.keys(s ?? {}).find((k) => k.startsWith('vmCpu.'))?.slice('vmCpu.'.length);
  const cpu = vm !== undefined ? s?.[`vmCpu.${vm}`] : undefined;
  if (!s?.tS || !cpu) return null;
  const theme = opts.theme ?? LIGHT_THEME;
  const points = downsample(s.tS, cpu, 'mean', HOVER_POINTS).map(([t, v]) => ({ t: Math.round(t), v: Math.round(v) }));
  const windows = phaseWindows(run).map((w) => ({ a: Math.round(w.startS), b: Math.round(w.endS) }));
  const layers: Record<string, unknown>[] = [];
  if (windows.length) {
    layers.push({ data: { values: windows }, mark: { type: 'rect', color: theme.shade, opacity: 0.2 }, encoding: { x: { field: 'a', type: 'quantitative' }, x2: { field: 'b' } } });
  }
  layers.push({
    data: { values: points },
    mark: { type: 'line', color: theme.palette[0], strokeWidth: 1.5 },
    encoding: {
      x: { field: 't', type: 'quantitative', title: null, axis: { tickCount: 4, grid: false, labelFontSize: 9 }, scale: { nice: false } },
      y: { field: 'v', type: 'quantitative', title: null, scale: { domain: [0, 100] }, axis: { values: [0, 50, 100], grid: false, labelFontSize: 9 } },
    },
  });
  if (opts.thresholdPct !== undefined) {
    layers.push({ data: { values: [{ y: opts.thresholdPct }] }, mark: { type: 'rule', color: theme.warning, strokeDash: [4, 3] }, encoding: { y: { field: 'y', type: 'quantitative' } } });
  }
  return asSpec({
    width: opts.width ?? 240,
    height: opts.height ?? 70,
    config: { ...vegaConfig(theme), view: { stroke: null } },
    layer: layers,
  });
}

/** Shortens the coordinates vega writes (many decimals) so the SVG stays small. */
export function compactSvg(svg: string): string {
  return svg.replace(/(\d+\.\d)\d+/g, '$1').replace(/>\s+</g, '><');
}

/**
 * The hover chart as SVG, or null when the run has no CPU series for the VM.
 * Example (LSP hover): `![guest CPU](data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')})`.
 */
export async function hoverChartSvg(run: RunResult, opts: HoverChartOptions = {}): Promise<string | null> {
  const spec = hoverSpec(run, opts);
  if (!spec) return null;
  return compactSvg(await renderSvg(spec));
}

/** The hover chart as a markdown image (base64 data URI, as VS Code renders in hovers), or ''. */
export async function hoverChartMarkdown(run: RunResult, opts: HoverChartOptions = {}): Promise<string> {
  const svg = await hoverChartSvg(run, opts);
  if (!svg) return '';
  const b64 = Buffer.from(svg, 'utf8').toString('base64');
  return `![guest CPU over time](data:image/svg+xml;base64,${b64})`;
}
