// The chart preview's script (runs in the webview, bundled with vega for the browser).
// Renders the shared vega-lite specs with vega-embed under a CSP without 'unsafe-eval':
// vega expressions go through vega-interpreter (ast: true) instead of Function().
import type { Result } from 'vega-embed';
import { type ChartEntry, runCharts, sweepCharts } from '../../../server/src/charts/catalog';
import type { HostMessage, WebviewMessage } from '../preview/protocol';
import { currentTheme } from './theme';
import { embedChart } from './chart';
import { markStale, renderAdvice } from './advice';
import type { AdviceAnswer } from '../../../server/src/lsp/protocol';

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
const adviceEl = document.getElementById('advice') as HTMLElement;

let latest: Extract<HostMessage, { type: 'results' }> | undefined;
const views: Result[] = [];
let selectedRun = vscode.getState()?.run;
let renderSeq = 0;
let latestAdvice: AdviceAnswer | undefined;
const adviceViews: Result[] = [];
let adviceSeq = 0;

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

async function renderChart(entry: ChartEntry, runIdx: number | undefined, seq: number): Promise<void> {
  const result = await embedChart(chartsEl, entry, (m) => vscode.postMessage(m), () => seq !== renderSeq);
  if (!result) return;
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
  else if (run.decimated) notes.push(`Time charts show ${run.decimated.points} of ${run.decimated.steps} steps: the minimum and maximum of every ${run.decimated.intervalSteps}.`);
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

/** The advisor's section: shown while the charts above have results; re-rendered only when new advice (or a theme) arrives. */
async function showAdvice(): Promise<void> {
  const seq = ++adviceSeq;
  for (const v of adviceViews.splice(0)) v.finalize();
  if (!latestAdvice || !latest?.response.file) {
    adviceEl.replaceChildren();
    adviceEl.hidden = true;
    return;
  }
  try {
    await renderAdvice({ el: adviceEl, response: latestAdvice, post: (m) => vscode.postMessage(m), stale: () => seq !== adviceSeq, keep: (v) => adviceViews.push(v) });
    markStale(adviceEl, latestAdvice.version !== latest.response.version);
    if (seq === adviceSeq) document.body.dataset.adviceRendered = String(seq);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    vscode.postMessage({ type: 'error', message: `advice render failed: ${message}` });
  }
}

window.addEventListener('message', (event: MessageEvent<HostMessage>) => {
  const m = event.data;
  if (m?.type === 'results') {
    latest = m;
    void render();
    // Keep the comparison on screen while the advice for the new version is computed; say it is older.
    if (!m.response.file) void showAdvice();
    else markStale(adviceEl, latestAdvice?.version !== m.response.version);
  } else if (m?.type === 'advice') {
    latestAdvice = m.response;
    void showAdvice();
  } else if (m?.type === 'status') {
    setStatus(m.message, m.state === 'error' ? 'error' : 'info');
  }
});

// Re-theme when VS Code switches theme: it changes the body's class.
new MutationObserver(() => {
  void render();
  void showAdvice();
}).observe(document.body, { attributes: true, attributeFilter: ['class'] });

let resizeTimer: ReturnType<typeof setTimeout> | undefined;
window.addEventListener('resize', () => {
  if (resizeTimer) clearTimeout(resizeTimer);
  resizeTimer = setTimeout(() => [...views, ...adviceViews].forEach((v) => void v.view.resize().runAsync()), 150);
});

// A CSP violation means something in the page tried what the policy forbids: tell the
// extension (sipmig output channel) as well as the console.
document.addEventListener('securitypolicyviolation', (e) => {
  vscode.postMessage({ type: 'error', message: `CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline content'}` });
});

vscode.postMessage({ type: 'ready' });
