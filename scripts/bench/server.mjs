// What the protocol benchmarks (bench-lsp.mjs, bench-advisor.mjs) share: the built server
// (built first if missing), the JSON-RPC connection classes, the paper sample and a quantile.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(join(root, 'package.json'));
export const { createMessageConnection, StreamMessageReader, StreamMessageWriter } = require('vscode-jsonrpc/node');
export const serverJs = join(root, 'server/dist/server.js');
export const samplePath = join(root, 'samples/paper/active-migration.sipmig');
export const sample = readFileSync(samplePath, 'utf8');
export const uri = pathToFileURL(samplePath).toString();

export function ensureBuilt() {
  if (existsSync(serverJs)) return;
  const b = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
  if (b.status !== 0) throw new Error('build failed');
}

export const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
};

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
