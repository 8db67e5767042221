// Makes sure server/dist/server.js is built from the current sources before a protocol
// test spawns it: rebuilt with esbuild when missing or older than any server source.
// Test files run in parallel, so the build is guarded by a lock directory.
import { build } from 'esbuild';
import { existsSync, mkdirSync, readdirSync, rmdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');
export const SERVER_JS = join(ROOT, 'server/dist/server.js');
const LOCK = join(ROOT, 'server/dist/.lsp-build.lock');

function newestSource(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestSource(p) : statSync(p).mtimeMs);
  }
  return newest;
}

export function isStale(): boolean {
  if (!existsSync(SERVER_JS)) return true;
  const sources = Math.max(newestSource(join(ROOT, 'server/src')), statSync(join(ROOT, 'server/package.json')).mtimeMs);
  return statSync(SERVER_JS).mtimeMs < sources;
}

/** Same options as scripts/build.mjs for this entry (including its vega-canvas substitution). */
async function buildServer(): Promise<void> {
  const require = createRequire(join(ROOT, 'package.json'));
  const dom = require.resolve('vega-canvas').replace(/vega-canvas\.node\.js$/, 'vega-canvas.browser.js');
  await build({
    entryPoints: [join(ROOT, 'server/src/lsp/main.ts')],
    outfile: SERVER_JS,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: true,
    logLevel: 'error',
    plugins: [{ name: 'vega-canvas-dom-only', setup: (b) => void b.onResolve({ filter: /^vega-canvas$/ }, () => ({ path: dom })) }],
  });
}

export async function ensureServerBuilt(): Promise<void> {
  if (!isStale()) return;
  mkdirSync(join(ROOT, 'server/dist'), { recursive: true });
  for (let waited = 0; ; waited += 100) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      if (waited > 120_000) throw new Error(`test setup: ${LOCK} held for two minutes; remove it if no build is running`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  try {
    if (isStale()) await buildServer();
  } finally {
    rmdirSync(LOCK);
  }
}
