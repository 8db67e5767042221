// `npm run bench`: every benchmark of the project, as one table (or JSON with --json).
// A benchmark, not a timed test: figures are reported, goals are shown beside them.
import { existsSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { runTs } from './bench/run-ts.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const json = process.argv.includes('--json');
const sections = [];

const lang = await runTs(join(root, 'scripts/bench/language.ts'));
sections.push({ section: 'language core', rows: lang.bench(root) });

// Other areas keep their own bench scripts; each prints JSON rows with --json.
for (const [section, script] of [['model', 'scripts/bench-model.mjs'], ['advisor', 'scripts/bench-advisor.mjs'], ['language server', 'scripts/bench-lsp.mjs'], ['sipmig/results: answer size and time (paper sample, 131-point sweep, step limit)', 'scripts/bench-results.mjs'], ['scaling: 1x, 10x, 100x the paper scenario (processes, as users run them)', 'scripts/bench/scale.mjs']]) {
  if (!existsSync(join(root, script))) continue;
  const r = spawnSync(process.execPath, [join(root, script), '--json'], { cwd: root, encoding: 'utf8', timeout: 600_000 });
  if (r.status !== 0) throw new Error(`${script} failed:\n${r.stderr}`);
  const parsed = JSON.parse(r.stdout.slice(r.stdout.indexOf('{')));
  sections.push({ section, rows: parsed.rows });
}

const sizes = [];
for (const f of ['server/dist/cli.js', 'server/dist/server.js', 'client/dist/extension.js', 'client/dist/webview.js']) {
  if (existsSync(join(root, f))) sizes.push({ name: `bundle ${f}`, value: statSync(join(root, f)).size / 1024, unit: 'KiB' });
}
sections.push({ section: 'bundles', rows: sizes });
sections.push({ section: 'process', rows: [{ name: 'peak RSS of this benchmark process', value: process.resourceUsage().maxRSS / 1024, unit: 'MiB' }] });

const machine = `${process.platform} ${process.arch}, node ${process.version}, ${(await import('node:os')).cpus().length} cores (${(await import('node:os')).cpus()[0]?.model ?? '?'})`;
if (json) {
  console.log(JSON.stringify({ machine, sections }, null, 2));
} else {
  console.log(`sipmig benchmarks - ${machine}\n`);
  for (const s of sections) {
    console.log(`## ${s.section}`);
    for (const r of s.rows) console.log(`  ${r.name.padEnd(58)} ${r.value.toFixed(r.value < 10 ? 2 : 1).padStart(10)} ${r.unit.padEnd(6)} ${r.goal ? 'goal: ' + r.goal : ''}`);
    console.log('');
  }
}
