// One chart in the preview: a section with SVG/PNG export buttons and the vega-embed view.
// Shared by the run and sweep charts (main.ts) and the advisor's comparison (advice.ts).
import embed, { type Result } from 'vega-embed';
import { expressionInterpreter } from 'vega-interpreter';
import type { ChartEntry } from '../../../server/src/charts/catalog';
import type { WebviewMessage } from '../preview/protocol';
import { currentTheme } from './theme';

export type Post = (message: WebviewMessage) => void;

function exportButton(entry: ChartEntry, format: 'svg' | 'png', view: () => Result | undefined, post: Post): HTMLButtonElement {
  const b = document.createElement('button');
  b.textContent = format.toUpperCase();
  b.title = `Export this chart as ${format.toUpperCase()}`;
  b.addEventListener('click', async () => {
    const v = view()?.view;
    if (!v) return;
    const data = format === 'svg' ? await v.toSVG() : await v.toImageURL('png', 2);
    post({ type: 'export', chart: entry.id, format, data } as WebviewMessage);
  });
  return b;
}

/** Appends the chart to `container`; undefined (and nothing kept) when `stale()` says a newer render started meanwhile. */
export async function embedChart(container: HTMLElement, entry: ChartEntry, post: Post, stale: () => boolean): Promise<Result | undefined> {
  const section = document.createElement('section');
  section.className = 'chart';
  section.dataset.chart = entry.id;
  const bar = document.createElement('div');
  bar.className = 'chart-toolbar';
  const host = document.createElement('div');
  host.className = 'chart-host';
  // Filled once vega-embed resolves; the export buttons read it on click.
  const rendered: { result?: Result } = {};
  bar.append(exportButton(entry, 'svg', () => rendered.result, post), exportButton(entry, 'png', () => rendered.result, post));
  section.append(bar, host);
  container.append(section);
  const theme = currentTheme();
  const result = await embed(host, entry.spec, {
    renderer: 'svg',
    actions: false,
    // No eval under the CSP: parse expressions to an AST and interpret them.
    ast: true,
    expr: expressionInterpreter,
    // vega-embed and vega-tooltip would inject <style> elements, which style-src forbids; media/preview.css styles them.
    defaultStyle: false,
    tooltip: { theme: theme.kind === 'light' || theme.kind === 'high-contrast-light' ? 'light' : 'dark', disableDefaultStyle: true },
  });
  if (stale()) {
    result.finalize();
    return undefined;
  }
  rendered.result = result;
  return result;
}
