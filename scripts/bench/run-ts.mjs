// Bundles a TypeScript benchmark with esbuild and runs it in this process, so benchmarks
// measure the same code the CLI and the language server ship.
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** esbuild's options for a benchmark bundle: one ESM file for this Node, with `require` for the CommonJS packages it pulls in. */
const BUNDLE = { bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'warning', banner: { js: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);" } };

/** Bundles `entry` into `outfile` (`extra`: more esbuild options, e.g. aliases); esbuild's result. */
export function bundleTs(entry, outfile, extra = {}) {
  return build({ entryPoints: [entry], outfile, ...BUNDLE, ...extra });
}

export async function runTs(entry) {
  const out = join(mkdtempSync(join(tmpdir(), 'sipmig-bench-')), 'bench.mjs');
  await bundleTs(entry, out);
  try {
    return await import(pathToFileURL(out).href);
  } finally {
    // Loaded: the bundle (about 1 MB) is not needed on disk any more.
    rmSync(dirname(out), { recursive: true, force: true });
  }
}
