// `npm run fuzz [-- --n N] [--seed S] [--lsp-n M]`: both fuzz passes (test/fuzz) with N inputs
// for the language core and, unless --lsp-n says otherwise, N / 20 for the language server.
// CI runs the same tests with the defaults (N = 10000); `npm run fuzz -- --n 100000` is the
// long pass. A failing input is saved under test/fuzz/crashers and then replayed by every run.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { n: { type: 'string' }, seed: { type: 'string' }, 'lsp-n': { type: 'string' } } });
const env = { ...process.env };
for (const [flag, name] of [['n', 'FUZZ_N'], ['seed', 'FUZZ_SEED'], ['lsp-n', 'FUZZ_LSP_N']]) {
  const v = values[flag];
  if (v === undefined) continue;
  if (!/^\d+$/.test(v)) {
    console.error(`fuzz: --${flag} takes a whole number, not '${v}'`);
    process.exit(2);
  }
  env[name] = v;
}
const vitest = join(root, 'node_modules/vitest/vitest.mjs');
const r = spawnSync(process.execPath, [vitest, 'run', 'test/fuzz'], { cwd: root, env, stdio: 'inherit' });
process.exit(r.status ?? 1);
