// The chart preview's script (runs in the webview, bundled with vega for the browser).
// Renders the shared vega-lite specs with vega-embed under a CSP without 'unsafe-eval':
// vega expressions go through vega-interpreter (ast: true) instead of Function().
import embed, { type Result } from 'vega-embed';
import { expressionInterpreter } from 'vega-interpreter';
import { type ChartEntry, runCharts, sweepCharts } from '../../../server/src/charts/catalog';
import type { HostMessage, WebviewMessage } from '../preview/protocol';
import { currentTheme } from './theme';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): { run?: number } | undefined;
  setState(state: { run?: number }): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const chartsEl = document.getElementById('charts') as HTMLElement;
const statusEl = document.getElementById('status') as HTMLElement;
const titleEl = document.getElementById('title') as HTMLElement;
const controlsEl = document.getElementById('controls') as HTMLElement;

let latest: Extract<HostMessage, { type: 'results' }> | undefined;
const views: Result[] = [];
let selectedRun = vscode.getState()?.run;
let renderSeq = 0;

function setStatus(text: string, kind: 'info' | 'error' = 'info'): void {
  statusEl.textContent = text;
  statusEl.className = kind;
  statusEl.hidden = !text;
}

/** The run shown in the time-series charts: the picked one, else the highest offered load. */
function runIndex(runs: { offeredCps: number }[]): number {
  if (selectedRun !== undefined && selectedRun < runs.length) return selectedRun;
  let best = 0;
  runs.forEach((r, i) => {
    if (r.offeredCps > runs[best].offeredCps) best = i;
  });
  return best;
}

function picker(labels: string[], index: number): HTMLElement {
  const label = document.createElement('label');
  label.textContent = 'Sweep point ';
  const select = document.createElement('select');
  select.id = 'run-picker';
  labels.forEach((text, i) => {
    const o = document.createElement('option');
    o.value = String(i);
    o.textContent = text; // textContent: labels come from the user's file
    o.selected = i === index;
    select.append(o);
  });
  select.addEventListener('change', () => {
    selectedRun = Number(select.value);
    vscode.setState({ run: selectedRun });
    void render();
  });
  label.append(select);
  return label;
}

function exportButton(entry: ChartEntry, format: 'svg' | 'png', view: () => Result | undefined): HTMLButtonElement {
  const b = document.createElement('button');
  b.textContent = format.toUpperCase();
  b.title = `Export this chart as ${format.toUpperCase()}`;
  b.addEventListener('click', async () => {
    const v = view()?.view;
    if (!v) return;
    const data = format === 'svg' ? await v.toSVG() : await v.toImageURL('png', 2);
    vscode.postMessage({ type: 'export', chart: entry.id, format, data } as WebviewMessage);
  });
  return b;
}

async function renderChart(entry: ChartEntry, runIdx: number | undefined, seq: number): Promise<void> {
  const section = document.createElement('section');
  section.className = 'chart';
  section.dataset.chart = entry.id;
  const bar = document.createElement('div');
  bar.className = 'chart-toolbar';
  const host = document.createElement('div');
  host.className = 'chart-host';
  // Filled once vega-embed resolves; the export buttons read it on click.
  const rendered: { result?: Result } = {};
  bar.append(exportButton(entry, 'svg', () => rendered.result), exportButton(entry, 'png', () => rendered.result));
  section.append(bar, host);
  chartsEl.append(section);
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
  if (seq !== renderSeq) {
    result.finalize();
    return;
  }
  rendered.result = result;
  views.push(result);
  if (runIdx !== undefined) {
    result.view.addEventListener('click', (_event, item) => {
      const datum = (item as { datum?: { migration?: unknown } } | null | undefined)?.datum;
      if (latest?.canReveal && datum && typeof datum.migration === 'number') {
        vscode.postMessage({ type: 'reveal', run: runIdx, migration: datum.migration });
      }
    });
  }
}

async function render(): Promise<void> {
  const seq = ++renderSeq;
  for (const v of views.splice(0)) v.finalize();
  chartsEl.replaceChildren();
  controlsEl.replaceChildren();
  if (!latest) return;
  const { response, context, fileName } = latest;
  titleEl.textContent = `Charts: ${fileName}`;
  const file = response.file;
  if (!file || !file.runs.length) {
    setStatus(response.message ?? 'No model results: fix the errors in the scenario to see charts.');
    return;
  }
  const idx = runIndex(file.runs);
  const run = file.runs[idx];
  if (file.runs.length > 1) controlsEl.append(picker(file.runs.map((r) => r.label), idx));
  const notes: string[] = [];
  if (run.budgetExceeded) notes.push(`Run "${run.label}" stopped at the model's time budget: its charts end early.`);
  if (!run.series) notes.push('This run has no per-step series: time charts show migration windows only.');
  setStatus(notes.join(' '));
  const opts = { theme: currentTheme(), width: 'container' as const };
  const entries: Array<[ChartEntry, number | undefined]> = [
    ...runCharts(run, context, opts).map((e): [ChartEntry, number] => [e, idx]),
    ...sweepCharts(file, context, { ...opts, selectedCps: run.offeredCps }).map((e): [ChartEntry, undefined] => [e, undefined]),
  ];
  try {
    for (const [entry, runIdx] of entries) {
      if (seq !== renderSeq) return;
      await renderChart(entry, runIdx, seq);
    }
    document.body.dataset.rendered = String(seq);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    setStatus(`A chart failed to render: ${message}`, 'error');
    vscode.postMessage({ type: 'error', message: `render failed: ${message}` });
  }
}

window.addEventListener('message', (event: MessageEvent<HostMessage>) => {
  const m = event.data;
  if (m?.type === 'results') {
    latest = m;
    void render();
  } else if (m?.type === 'status') {
    setStatus(m.message, m.state === 'error' ? 'error' : 'info');
  }
});

// Re-theme when VS Code switches theme: it changes the body's class.
new MutationObserver(() => void render()).observe(document.body, { attributes: true, attributeFilter: ['class'] });

let resizeTimer: ReturnType<typeof setTimeout> | undefined;
window.addEventListener('resize', () => {
  if (resizeTimer) clearTimeout(resizeTimer);
  resizeTimer = setTimeout(() => views.forEach((v) => void v.view.resize().runAsync()), 150);
});

// A CSP violation means something in the page tried what the policy forbids: tell the
// extension (sipmig output channel) as well as the console.
document.addEventListener('securitypolicyviolation', (e) => {
  vscode.postMessage({ type: 'error', message: `CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline content'}` });
});

vscode.postMessage({ type: 'ready' });
