// Bundles a TypeScript benchmark with esbuild and runs it in this process, so benchmarks
// measure the same code the CLI and the language server ship.
import { build } from 'esbuild';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export async function runTs(entry) {
  const out = join(mkdtempSync(join(tmpdir(), 'sipmig-bench-')), 'bench.mjs');
  await build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile: out, logLevel: 'warning', banner: { js: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);" } });
  return import(pathToFileURL(out).href);
}
