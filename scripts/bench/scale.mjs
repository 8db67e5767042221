// How the costs grow with the size of a scenario: the paper scenario (1x, about 100 lines),
// and the generated inventories of 1 000 (10x) and 10 000 lines (100x) from generate.ts.
// Measured as users meet them: `sipmig check` and `sipmig run` as processes (wall time and
// peak RSS), and the language server's fast path (didChange -> publishDiagnostics) with its
// peak RSS. Run by scripts/bench.mjs; prints JSON rows with --json.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runTs } from './run-ts.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(join(root, 'package.json'));
const { createMessageConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-jsonrpc/node');
const { generateScenario } = await runTs(join(root, 'scripts/bench/generate.ts'));
const cli = join(root, 'server/dist/cli.js');
const server = join(root, 'server/dist/server.js');
const preload = join(root, 'scripts/bench/maxrss.cjs');
const dir = mkdtempSync(join(tmpdir(), 'sipmig-scale-'));
// The generated scenarios (up to 100x the paper's) go when the benchmark ends, finished or not.
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Wall time (median of n) and peak RSS of `sipmig ARGS`. */
function cliRun(args, n) {
  const times = [];
  let rss = 0;
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, ['--require', preload, cli, ...args], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 });
    times.push(performance.now() - t0);
    if (r.status !== 0) throw new Error(`sipmig ${args.join(' ')} exited with ${r.status}: ${r.stderr.slice(-1000)}`);
    rss = Math.max(rss, Number(/SIPMIG_MAXRSS_KB=(\d+)/.exec(r.stderr)?.[1] ?? 0));
  }
  return { ms: median(times), mib: rss / 1024 };
}

/** The language server's fast path on a document: median and worst didChange -> publish over `edits` edits, and its peak RSS (Linux). */
async function lspFastPath(text, edits, change) {
  const proc = spawn(process.execPath, [server, '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
  const conn = createMessageConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
  const uri = pathToFileURL(join(dir, 'scale.sipmig')).toString();
  const waiting = new Map();
  conn.onNotification('textDocument/publishDiagnostics', (p) => {
    const w = waiting.get(p.version);
    if (w) w(performance.now());
  });
  conn.onRequest('workspace/configuration', (p) => p.items.map(() => ({ diagnostics: { debounceMs: 300 } })));
  conn.onRequest('workspace/inlayHint/refresh', () => null);
  conn.listen();
  await conn.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: { versionSupport: true } } } });
  await conn.sendNotification('initialized', {});
  const published = (v) => new Promise((resolve) => waiting.set(v, resolve));
  let done = published(1);
  conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'sipmig', version: 1, text } });
  await done;
  const times = [];
  for (let v = 2; v < 2 + edits; v++) {
    const edited = change(text, v);
    done = published(v);
    const t0 = performance.now();
    conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ text: edited }] });
    times.push((await done) - t0);
    await new Promise((r) => setTimeout(r, 50));
  }
  let mib = NaN;
  try {
    mib = Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${proc.pid}/status`, 'utf8'))?.[1]) / 1024;
  } catch {
    /* not Linux: no figure */
  }
  await Promise.race([conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 1000))]).catch(() => undefined);
  conn.dispose();
  proc.kill();
  return { p50: median(times), worst: Math.max(...times), mib };
}

const rows = [];
for (const [scale, lines] of [['1x', 0], ['10x', 1000], ['100x', 10_000]]) {
  const text = generateScenario(root, lines);
  const file = join(dir, `scenario-${scale}.sipmig`);
  writeFileSync(file, text);
  const what = `${scale} (${text.split('\n').length} lines, ${Math.round(text.length / 1024)} KiB)`;
  const check = cliRun(['check', file], 3);
  const run = cliRun(['run', file], scale === '100x' ? 1 : 3);
  // A keystroke: the scenario's duration changes (analysis and runs change with it, the text's
  // length does not); typing: one more character in the scenario's title each time, so the
  // whole text after it moves.
  const lsp = await lspFastPath(text, 20, (t, v) => t.replace('duration 420 s', `duration ${400 + v} s`));
  const typing = await lspFastPath(text, 20, (t, v) => t.replace('migrated at 120 s"', `migrated at 120 s${'x'.repeat(v)}"`));
  rows.push(
    { name: `sipmig check ${what}: wall time`, value: check.ms, unit: 'ms' },
    { name: `sipmig check ${what}: peak RSS`, value: check.mib, unit: 'MiB' },
    { name: `sipmig run ${what} (9 runs): wall time`, value: run.ms, unit: 'ms' },
    { name: `sipmig run ${what}: peak RSS`, value: run.mib, unit: 'MiB' },
    { name: `LSP didChange -> diagnostics ${what} p50`, value: lsp.p50, unit: 'ms' },
    { name: `LSP didChange -> diagnostics ${what} worst of 20`, value: lsp.worst, unit: 'ms' },
    { name: `LSP typing (text grows) -> diagnostics ${what} p50`, value: typing.p50, unit: 'ms' },
    { name: `LSP typing (text grows) -> diagnostics ${what} worst of 20`, value: typing.worst, unit: 'ms' },
    { name: `LSP server peak RSS ${what}`, value: lsp.mib, unit: 'MiB' },
  );
}

if (process.argv.includes('--json')) console.log(JSON.stringify({ rows }, null, 2));
else for (const r of rows) console.log(`${r.name.padEnd(70)} ${r.value.toFixed(1).padStart(9)} ${r.unit}`);
