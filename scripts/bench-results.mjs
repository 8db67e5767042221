// Size and time of the chart panel's `sipmig/results` answer, over the protocol against the
// built server, for three scenarios: the paper sample (9 runs of 4 200 steps), a 131-point
// sweep of it (550 200 steps) and the per-scenario step limit (9 runs of 111 100 steps,
// 999 900 steps). The model runs first (with a time budget large enough to finish every
// run); each figure is then the answer to a request made once the results exist: bytes of
// the answer as JSON and the time from sending the request to having it parsed (median of 5).
// Each scenario is asked twice: the default answer (bounded series) and `fullResolution`
// (every step: what every answer was before the bound, and the same code path otherwise).
// `node scripts/bench-results.mjs [--json] [--params '{"maxPoints":300}']` (--params: only those)
import { spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, ensureBuilt, root, sample, serverJs, StreamMessageReader, StreamMessageWriter } from './bench/server.mjs';

const json = process.argv.includes('--json');
const pi = process.argv.indexOf('--params');
const modes = pi > 0 ? [['asked', JSON.parse(process.argv[pi + 1])]] : [['default', {}], ['fullResolution', { fullResolution: true }]];
ensureBuilt();

const scenarios = [
  ['paper sample (9 runs x 4 200 steps)', sample],
  ['131-point sweep (131 runs x 4 200 steps)', sample.replace('sweep 0 cps to 40 cps step 5 cps', 'sweep 0 cps to 130 cps step 1 cps')],
  ['step limit (9 runs x 111 100 steps)', sample.replace('duration 420 s', 'duration 11110 s')],
];

const proc = spawn(process.execPath, ['--max-old-space-size=8192', serverJs, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
const conn = createMessageConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
const settings = { diagnostics: { debounceMs: 0 }, model: { timeBudgetMs: 600_000 } };
const changed = new Map();
conn.onNotification('sipmig/resultsChanged', (p) => changed.get(p.uri)?.(p));
conn.onRequest('workspace/configuration', (p) => p.items.map(() => settings));
conn.onRequest('workspace/inlayHint/refresh', () => null);
conn.listen();
await conn.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(root).toString(), capabilities: { workspace: { configuration: true } } });
await conn.sendNotification('initialized', {});

const rows = [];
let n = 0;
for (const [name, text] of scenarios) {
  const uri = pathToFileURL(`${root}/bench-results-${++n}.sipmig`).toString();
  const ready = new Promise((resolve) => changed.set(uri, resolve));
  conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'sipmig', version: 1, text } });
  await ready;
  for (const [mode, extra] of modes) {
    const times = [];
    let bytes = 0;
    let answer;
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      answer = await conn.sendRequest('sipmig/results', { uri, ...extra });
      times.push(performance.now() - t);
      bytes = Buffer.byteLength(JSON.stringify(answer));
    }
    times.sort((a, b) => a - b);
    const cut = answer.file?.runs.filter((r) => r.budgetExceeded).length ?? 0;
    const points = answer.file?.runs.map((r) => r.series?.tS?.length ?? 0) ?? [];
    rows.push({ name, mode, params: extra, bytes, ms: Math.round(times[2]), runs: answer.file?.runs.length ?? 0, cut, pointsPerRun: Math.max(0, ...points) });
  }
  conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
}
await Promise.race([conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 1000))]).catch(() => undefined);
conn.sendNotification('exit').catch(() => undefined);
conn.dispose();
proc.kill();

if (json) {
  // The rows `npm run bench` prints (scripts/bench.mjs), and the raw figures.
  const out = rows.flatMap((r) => [
    { name: `sipmig/results ${r.mode}, ${r.name}: size`, value: r.bytes / 1e6, unit: 'MB' },
    { name: `sipmig/results ${r.mode}, ${r.name}: time`, value: r.ms, unit: 'ms' },
  ]);
  console.log(JSON.stringify({ rows: out, raw: rows }));
} else {
  for (const r of rows) console.log(`${r.name.padEnd(44)} ${r.mode.padEnd(15)} ${(r.bytes / 1e6).toFixed(2).padStart(8)} MB ${String(r.ms).padStart(6)} ms  runs ${r.runs} (cut ${r.cut}), at most ${r.pointsPerRun} points per run`);
}
