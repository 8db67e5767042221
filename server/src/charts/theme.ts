// Colours and fonts for every chart. The webview fills a ChartTheme from VS Code's CSS
// variables (so charts follow light, dark and high-contrast themes); the headless report
// and hovers use LIGHT_THEME since their SVGs are static.
import type { Config } from 'vega-lite';

export interface ChartTheme {
  kind: 'light' | 'dark' | 'high-contrast' | 'high-contrast-light';
  foreground: string;
  /** Used for axis/legend text that should recede, and for grid lines. */
  muted: string;
  grid: string;
  background: string;
  /** Series colours, in order. */
  palette: string[];
  /** Overload threshold rules. */
  warning: string;
  /** Migration phase shading (drawn at low opacity). */
  shade: string;
  /** Measured reference points. */
  reference: string;
  fontFamily: string;
  fontSize: number;
}

// VS Code's own chart palette (--vscode-charts-*) in its light and dark defaults.
export const LIGHT_THEME: ChartTheme = {
  kind: 'light',
  foreground: '#1f1f1f',
  muted: '#616161',
  grid: '#e5e5e5',
  background: '#ffffff',
  palette: ['#1a85ff', '#d18616', '#388a34', '#652d90', '#e51400', '#bf8803', '#0e7c86', '#8a5d00'],
  warning: '#e51400',
  shade: '#bf8803',
  reference: '#000000',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Ubuntu, "Droid Sans", sans-serif',
  fontSize: 12,
};

export const DARK_THEME: ChartTheme = {
  kind: 'dark',
  foreground: '#cccccc',
  muted: '#9d9d9d',
  grid: '#3c3c3c',
  background: '#1f1f1f',
  palette: ['#3794ff', '#d18616', '#89d185', '#b180d7', '#f14c4c', '#cca700', '#4ec9b0', '#ce9178'],
  warning: '#f14c4c',
  shade: '#cca700',
  reference: '#ffffff',
  fontFamily: LIGHT_THEME.fontFamily,
  fontSize: 12,
};

/** Stroke width of series lines: high contrast themes want bolder marks. */
export function lineWidth(theme: ChartTheme): number {
  return theme.kind.startsWith('high-contrast') ? 2.5 : 1.5;
}

/**
 * Colours for series: the palette without the threshold red and the shading yellow, so a
 * dashed host line is never mistaken for a threshold rule.
 */
export function seriesColors(theme: ChartTheme): string[] {
  const reserved = new Set([theme.warning.toLowerCase(), theme.shade.toLowerCase()]);
  return theme.palette.filter((c) => !reserved.has(c.toLowerCase()));
}

export function vegaConfig(theme: ChartTheme): Config {
  const text = { labelColor: theme.muted, titleColor: theme.foreground, labelFont: theme.fontFamily, titleFont: theme.fontFamily };
  return {
    background: theme.background,
    font: theme.fontFamily,
    view: { stroke: theme.grid },
    // High contrast themes have bright border colours: keep their grid from competing with the data.
    axis: { ...text, domainColor: theme.muted, tickColor: theme.muted, gridColor: theme.grid, gridOpacity: theme.kind.startsWith('high-contrast') ? 0.35 : 1, labelFontSize: theme.fontSize - 1, titleFontSize: theme.fontSize },
    legend: { ...text, labelFontSize: theme.fontSize - 1, titleFontSize: theme.fontSize, orient: 'bottom', direction: 'horizontal', columns: 3, labelLimit: 260, columnPadding: 14 },
    title: { color: theme.foreground, subtitleColor: theme.muted, font: theme.fontFamily, fontSize: theme.fontSize + 2, anchor: 'start', subtitleFontSize: theme.fontSize - 1, limit: 640 },
    range: { category: seriesColors(theme) },
    text: { color: theme.foreground, font: theme.fontFamily },
    line: { strokeWidth: lineWidth(theme) },
  };
}
