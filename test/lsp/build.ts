// Makes sure the bundles a protocol test spawns are built from the current sources:
// server/dist/server.js (the language server) and, for the `sipmig lsp` test, cli.js.
// Each is rebuilt with esbuild when missing or older than any server source. Test files
// run in parallel, so builds are guarded by a lock directory.
import { build } from 'esbuild';
import { existsSync, mkdirSync, readdirSync, rmdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');
export const SERVER_JS = join(ROOT, 'server/dist/server.js');
export const CLI_JS = join(ROOT, 'server/dist/cli.js');
const ENTRIES: Record<string, string> = { [SERVER_JS]: 'server/src/lsp/main.ts', [CLI_JS]: 'server/src/cli/main.ts' };
const LOCK = join(ROOT, 'server/dist/.lsp-build.lock');

function newestSource(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestSource(p) : statSync(p).mtimeMs);
  }
  return newest;
}

export function isStale(outfile: string): boolean {
  if (!existsSync(outfile)) return true;
  const sources = Math.max(newestSource(join(ROOT, 'server/src')), statSync(join(ROOT, 'server/package.json')).mtimeMs);
  return statSync(outfile).mtimeMs < sources;
}

/** Same options as scripts/build.mjs for this entry (including its vega-canvas substitution). */
async function bundle(outfile: string): Promise<void> {
  const require = createRequire(join(ROOT, 'package.json'));
  const dom = require.resolve('vega-canvas').replace(/vega-canvas\.node\.js$/, 'vega-canvas.browser.js');
  await build({
    entryPoints: [join(ROOT, ENTRIES[outfile])],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: true,
    logLevel: 'error',
    plugins: [{ name: 'vega-canvas-dom-only', setup: (b) => void b.onResolve({ filter: /^vega-canvas$/ }, () => ({ path: dom })) }],
  });
}

async function ensureBuilt(outfile: string): Promise<void> {
  if (!isStale(outfile)) return;
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
    if (isStale(outfile)) await bundle(outfile);
  } finally {
    rmdirSync(LOCK);
  }
}

export const ensureServerBuilt = () => ensureBuilt(SERVER_JS);
export const ensureCliBuilt = () => ensureBuilt(CLI_JS);
