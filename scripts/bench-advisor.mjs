// The advisor's cost (docs/advisor.md), on the paper samples:
// - in process (scripts/bench/advisor.ts): model evaluations and time per migration;
// - over the protocol against the built server (server/dist/server.js --stdio), as an
//   editor sees it: a hover on the migrate statement until it shows the advice the first
//   time (the advice job included; the hover itself answers "computing…" after
//   sipmig.model.timeBudgetMs and is asked again), then with the advice cached, after a
//   comment edit (cached advice, edits made again for the new text), and the code actions.
// Prints a table, or JSON rows ({ rows: [{ name, value, unit, goal }] }) with --json.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { runTs } from './bench/run-ts.mjs';
import { createMessageConnection, ensureBuilt, quantile, root, sample, serverJs, sleep, StreamMessageReader, StreamMessageWriter, uri } from './bench/server.mjs';
import { pathToFileURL } from 'node:url';

const json = process.argv.includes('--json');
ensureBuilt();

const rows = (await runTs(join(root, 'scripts/bench/advisor.ts'))).bench(root);


const proc = spawn(process.execPath, [serverJs, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
const conn = createMessageConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
let modelDone;
const modelSeen = new Promise((r) => (modelDone = r));
conn.onNotification('textDocument/publishDiagnostics', (p) => {
  if (p.diagnostics.some((d) => String(d.code).startsWith('PRED'))) modelDone();
});
conn.onRequest('workspace/configuration', (p) => p.items.map(() => ({ diagnostics: { debounceMs: 0 } })));
conn.onRequest('workspace/inlayHint/refresh', () => null);
conn.listen();
await conn.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(root).toString(), capabilities: { workspace: { configuration: true }, textDocument: { hover: { contentFormat: ['markdown'] }, publishDiagnostics: { versionSupport: true } } } });
await conn.sendNotification('initialized', {});
conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'sipmig', version: 1, text: sample } });
await modelSeen;

const migrateAt = (text) => {
  const before = text.slice(0, text.indexOf('migrate sipas1') + 2);
  return { line: before.split('\n').length - 1, character: before.length - before.lastIndexOf('\n') - 1 };
};
const hover = async (text) => {
  const t = performance.now();
  const h = await conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: migrateAt(text) });
  return { ms: performance.now() - t, md: h?.contents?.value ?? '' };
};
const hasAdvice = (md) => md.includes('**Advisor** at') || md.includes('**Advisor:** no');

// First time: the advice job runs; the hover says "computing…" after its wait, and is asked again.
const t0 = performance.now();
let first = await hover(sample);
const firstHoverMs = first.ms;
let hovers = 1;
while (!hasAdvice(first.md) && performance.now() - t0 < 120_000) {
  await sleep(50);
  first = await hover(sample);
  hovers++;
}
if (!hasAdvice(first.md)) throw new Error(`no advice in the hover after 120 s:\n${first.md}`);
const firstMs = performance.now() - t0;

const warm = [];
for (let i = 0; i < 30; i++) warm.push((await hover(sample)).ms);

// A comment edit: same runs, so the cached advice with its edits made again for the new text.
const comment = [];
for (let i = 0; i < 20; i++) {
  const text = `# edit ${i}\n${sample}`;
  conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 + i }, contentChanges: [{ text }] });
  const h = await hover(text);
  if (!hasAdvice(h.md)) throw new Error('a comment edit lost the advice');
  comment.push(h.ms);
}

const actions = [];
const last = `# edit 19\n${sample}`;
for (let i = 0; i < 20; i++) {
  const p = migrateAt(last);
  const t = performance.now();
  await conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: { start: p, end: p }, context: { diagnostics: [] } });
  actions.push(performance.now() - t);
}

await Promise.race([conn.sendRequest('shutdown'), sleep(1000)]).catch(() => undefined);
conn.sendNotification('exit').catch(() => undefined);
conn.dispose();
proc.kill();

rows.push(
  { name: `LSP first hover on migrate until it shows the advice (${hovers} hover${hovers === 1 ? '' : 's'}, the first answered in ${Math.round(firstHoverMs)} ms)`, value: firstMs, unit: 'ms', goal: '<= 2000 ms (one hover wait)' },
  { name: 'LSP hover on migrate with cached advice p95', value: quantile(warm, 0.95), unit: 'ms', goal: '<= 50 ms' },
  { name: 'LSP hover with advice after a comment edit p95', value: quantile(comment, 0.95), unit: 'ms', goal: '<= 50 ms' },
  { name: 'LSP code actions on migrate with cached advice p95', value: quantile(actions, 0.95), unit: 'ms', goal: '<= 50 ms' },
);

if (json) console.log(JSON.stringify({ rows }, null, 2));
else {
  console.log('sipmig advisor on samples/paper (9 sweep points)\n');
  for (const r of rows) console.log(`  ${r.name.padEnd(72)} ${r.value.toFixed(1).padStart(9)} ${r.unit.padEnd(4)} ${r.goal ? 'goal: ' + r.goal : ''}`);
}
