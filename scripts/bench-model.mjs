// `node scripts/bench-model.mjs [--json]`: timings of the performance model (see
// scripts/model-bench.ts). `npm run bench` includes them.
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTs } from './bench/run-ts.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const mod = await runTs(join(root, 'scripts/model-bench.ts'));
const rows = mod.bench(root);
if (process.argv.includes('--json')) console.log(JSON.stringify({ rows }, null, 2));
else for (const r of rows) console.log(`${r.name.padEnd(66)} ${r.value.toFixed(2).padStart(9)} ${r.unit.padEnd(3)} ${r.goal ? 'goal: ' + r.goal : ''}`);
