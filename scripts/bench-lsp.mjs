// Language-server latencies on the paper sample, measured over the protocol against the
// built server (server/dist/server.js --stdio), as an editor sees them:
// - cold start: spawn to the first publishDiagnostics of an opened document;
// - fast path: didChange to the publishDiagnostics of that version;
// - model path: didChange (changing what the model sees) to the publish that carries the
//   model's diagnostics for that version, with the debounce set to 0 so the figure is
//   the server's own latency (the editor adds sipmig.diagnostics.debounceMs, 300 ms);
// - comment edit: didChange that leaves the model input alone to the publish carrying
//   the model's diagnostics again (served from the cache);
// - over budget: a scenario the model cannot finish within sipmig.model.timeBudgetMs, to
//   the publish that says so (PRED004): how long past its budget the server answers.
// Prints a table, or JSON rows ({ rows: [{ name, value, unit, goal }] }) with --json.
import { spawn } from 'node:child_process';
import { createMessageConnection, ensureBuilt, quantile, root, sample, serverJs, sleep, StreamMessageReader, StreamMessageWriter, uri } from './bench/server.mjs';
import { pathToFileURL } from 'node:url';
import { overBudgetScenario } from './bench/overBudget.mjs';

const json = process.argv.includes('--json');
ensureBuilt();

async function start(settings) {
  const t0 = performance.now();
  const proc = spawn(process.execPath, [serverJs, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const conn = createMessageConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
  const listeners = new Set();
  conn.onNotification('textDocument/publishDiagnostics', (p) => {
    const at = performance.now();
    for (const l of [...listeners]) l(p, at);
  });
  conn.onRequest('workspace/configuration', (p) => p.items.map(() => settings));
  conn.onRequest('workspace/inlayHint/refresh', () => null);
  conn.listen();
  await conn.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(root).toString(), capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: { versionSupport: true } } } });
  await conn.sendNotification('initialized', {});
  /** Resolves with the time of the first publish satisfying pred. */
  const until = (pred, timeoutMs = 30_000) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('timed out waiting for diagnostics')), timeoutMs);
      const l = (p, at) => {
        if (p.uri !== uri || !pred(p)) return;
        listeners.delete(l);
        clearTimeout(timer);
        resolve(at);
      };
      listeners.add(l);
    });
  const stop = async () => {
    await Promise.race([conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 1000))]).catch(() => undefined);
    conn.sendNotification('exit').catch(() => undefined);
    conn.dispose();
    proc.kill();
  };
  return { conn, t0, until, stop };
}

const hasModel = (p) => p.diagnostics.some((d) => String(d.code).startsWith('PRED'));

// Cold start: a fresh process each time.
const cold = [];
for (let i = 0; i < 5; i++) {
  const s = await start({ diagnostics: { debounceMs: 300 } });
  const first = s.until(() => true);
  s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'sipmig', version: 1, text: sample } });
  cold.push((await first) - s.t0);
  await s.stop();
}

const s = await start({ diagnostics: { debounceMs: 0 } });
let version = 1;
s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'sipmig', version, text: sample } });
await s.until((p) => p.version === version && hasModel(p));

const change = (text) => {
  version++;
  const v = version;
  const t = performance.now();
  s.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ text }] });
  return { v, t };
};
const withDuration = (n) => sample.replace('duration 420 s', `duration ${n} s`);

// Fast path: a change that alters the runs, at typing pace; measured to its first publish.
const fast = [];
for (let i = 0; i < 120; i++) {
  const { v, t } = change(withDuration(421 + (i % 40)));
  fast.push((await s.until((p) => p.version === v)) - t);
  await sleep(40);
}

// Model path: each change alters the runs (uncached duration), measured to the model's diagnostics.
const model = [];
for (let i = 0; i < 30; i++) {
  const { v, t } = change(withDuration(500 + i));
  model.push((await s.until((p) => p.version === v && hasModel(p))) - t);
}

// A comment edit: same runs, so the model's diagnostics come from the cache with the fast path.
const cached = [];
for (let i = 0; i < 30; i++) {
  const { v, t } = change(`# edit ${i}\n` + withDuration(529));
  cached.push((await s.until((p) => p.version === v && hasModel(p))) - t);
  await sleep(20);
}
await s.stop();

// Time budget: a scenario the model cannot finish within 300 ms (bench/overBudget.mjs),
// measured to the publish with the model's PRED004: how far past its budget the server
// answers is what a user waits for beyond the setting. (A 1000 ms budget, used at first, was
// sometimes met by the two workers in the machine's fast stretches, and the benchmark then
// waited for a PRED004 that never came.)
const BUDGET_MS = 300;
const b = await start({ diagnostics: { debounceMs: 0 }, model: { timeBudgetMs: BUDGET_MS } });
const overBudget = [];
const hasBudgetWarning = (p) => p.diagnostics.some((d) => d.code === 'PRED004');
for (let i = 0; i < 5; i++) {
  const t = performance.now();
  const text = overBudgetScenario(sample, 11000 - i);
  if (i === 0) b.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'sipmig', version: 1, text } });
  else b.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: i + 1 }, contentChanges: [{ text }] });
  overBudget.push((await b.until((p) => p.version === i + 1 && hasBudgetWarning(p), 60_000)) - t);
}
await b.stop();

const rows = [
  { name: 'cold start to first diagnostics (median of 5)', value: quantile(cold, 0.5), unit: 'ms', goal: '<= 1000 ms' },
  { name: 'cold start to first diagnostics (worst of 5)', value: Math.max(...cold), unit: 'ms', goal: '<= 1000 ms' },
  { name: 'didChange -> fast-path diagnostics p50', value: quantile(fast, 0.5), unit: 'ms' },
  { name: 'didChange -> fast-path diagnostics p95', value: quantile(fast, 0.95), unit: 'ms', goal: '<= 30 ms' },
  { name: 'didChange -> model diagnostics p50 (debounce 0)', value: quantile(model, 0.5), unit: 'ms' },
  { name: 'didChange -> model diagnostics p95 (debounce 0)', value: quantile(model, 0.95), unit: 'ms', goal: '<= 200 ms' },
  { name: 'comment edit -> model diagnostics from cache p95', value: quantile(cached, 0.95), unit: 'ms', goal: '<= 30 ms' },
  { name: `model over its ${BUDGET_MS} ms budget: didChange -> PRED004 (worst of 5)`, value: Math.max(...overBudget), unit: 'ms' },
];

if (json) console.log(JSON.stringify({ rows }, null, 2));
else {
  console.log('sipmig language server on samples/paper/active-migration.sipmig (9 sweep points)\n');
  for (const r of rows) console.log(`  ${r.name.padEnd(52)} ${r.value.toFixed(1).padStart(8)} ${r.unit.padEnd(3)} ${r.goal ? 'goal: ' + r.goal : ''}`);
}
