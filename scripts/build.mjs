// Bundles every entry point with esbuild. Run by `npm run build` and by `npm ci` (root `prepare`).
import { build } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

// vega-canvas's Node build loads the optional `canvas` package with a top-level await, which
// a CommonJS bundle cannot hold. sipmig renders SVG only (renderer 'none' + toSVG), so Node
// bundles get vega-canvas's DOM-only build, which simply reports that no canvas exists.
const vegaCanvasDomOnly = {
  name: 'vega-canvas-dom-only',
  setup(b) {
    const dom = require.resolve('vega-canvas').replace(/vega-canvas\.node\.js$/, 'vega-canvas.browser.js');
    b.onResolve({ filter: /^vega-canvas$/ }, () => ({ path: dom }));
  },
};

const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, logLevel: 'warning', plugins: [vegaCanvasDomOnly] };

const entries = [
  // The CLI also hosts the language server (`sipmig lsp --stdio`).
  { entryPoints: ['server/src/cli/main.ts'], outfile: 'server/dist/cli.js' },
  { entryPoints: ['server/src/lsp/main.ts'], outfile: 'server/dist/server.js' },
  // Minified: the extension and the webview carry vega; source maps stay out of the .vsix.
  { entryPoints: ['client/src/extension.ts'], outfile: 'client/dist/extension.js', external: ['vscode'], minify: true },
  { entryPoints: ['client/src/webview/main.ts'], outfile: 'client/dist/webview.js', platform: 'browser', format: 'iife', target: 'es2022', plugins: [], minify: true },
];

// Every entry must exist: a missing one is a broken checkout, and skipping it would ship a
// stale or absent bundle that only fails later, in the editor.
const missing = entries.map((e) => e.entryPoints[0]).filter((f) => !existsSync(f));
if (missing.length) {
  console.error(`build: missing entry point(s): ${missing.join(', ')}`);
  process.exit(1);
}

const results = await Promise.allSettled(entries.map((e) => build({ ...common, ...e })));

// The extension ships the grammar and the language server inside its own folder (the .vsix
// holds client/ only).
mkdirSync('client/dist', { recursive: true });
copyFileSync('grammars/sipmig.tmLanguage.json', 'client/dist/sipmig.tmLanguage.json');
if (existsSync('server/dist/server.js')) {
  copyFileSync('server/dist/server.js', 'client/dist/server.js');
  copyFileSync('server/dist/server.js.map', 'client/dist/server.js.map');
}

const failed = results.filter((r) => r.status === 'rejected');
if (failed.length) {
  for (const f of failed) console.error(f.reason instanceof Error ? f.reason.message : f.reason);
  process.exit(1);
}
