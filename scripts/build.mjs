// Bundles every entry point with esbuild. Run by `npm run build` and by `npm ci` (root `prepare`).
import { build } from 'esbuild';
import { existsSync } from 'node:fs';

const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, logLevel: 'warning' };

const entries = [
  // The CLI also hosts the language server (`sipmig lsp --stdio`).
  { entryPoints: ['server/src/cli/main.ts'], outfile: 'server/dist/cli.js' },
  { entryPoints: ['server/src/lsp/main.ts'], outfile: 'server/dist/server.js' },
  { entryPoints: ['client/src/extension.ts'], outfile: 'client/dist/extension.js', external: ['vscode'] },
  { entryPoints: ['client/src/webview/main.ts'], outfile: 'client/dist/webview.js', platform: 'browser', format: 'iife', target: 'es2022' },
];

await Promise.all(
  entries
    .filter((e) => existsSync(e.entryPoints[0]))
    .map((e) => build({ ...common, ...e })),
);
