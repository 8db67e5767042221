// Reads VS Code's theme from the webview's CSS variables into a ChartTheme, so charts use
// the editor's colours in light, dark and high-contrast themes.
import { type ChartTheme, DARK_THEME, LIGHT_THEME } from '../../../server/src/charts/theme';

function cssVar(style: CSSStyleDeclaration, name: string, fallback: string): string {
  const v = style.getPropertyValue(name).trim();
  return v || fallback;
}

export function themeKind(body: HTMLElement): ChartTheme['kind'] {
  const c = body.classList;
  if (c.contains('vscode-high-contrast-light')) return 'high-contrast-light';
  if (c.contains('vscode-high-contrast')) return 'high-contrast';
  return c.contains('vscode-dark') ? 'dark' : 'light';
}

export function currentTheme(body: HTMLElement = document.body): ChartTheme {
  const kind = themeKind(body);
  const base = kind === 'dark' || kind === 'high-contrast' ? DARK_THEME : LIGHT_THEME;
  const s = getComputedStyle(body);
  const palette = ['blue', 'orange', 'green', 'purple', 'red', 'yellow'].map((c, i) => cssVar(s, `--vscode-charts-${c}`, base.palette[i]));
  const foreground = cssVar(s, '--vscode-editor-foreground', base.foreground);
  return {
    ...base,
    kind,
    foreground,
    muted: cssVar(s, '--vscode-descriptionForeground', base.muted),
    grid: cssVar(s, '--vscode-editorWidget-border', cssVar(s, '--vscode-panel-border', base.grid)),
    background: cssVar(s, '--vscode-editor-background', base.background),
    palette: [...palette, ...base.palette.slice(palette.length)],
    warning: cssVar(s, '--vscode-charts-red', base.warning),
    shade: cssVar(s, '--vscode-charts-yellow', base.shade),
    reference: foreground,
    fontFamily: cssVar(s, '--vscode-font-family', base.fontFamily),
    fontSize: Number.parseFloat(cssVar(s, '--vscode-font-size', String(base.fontSize))) || base.fontSize,
  };
}
