// Packages client/ as dist/sipmig-<version>.vsix with @vscode/vsce, offline. Run after the
// build (`npm run package` does both). Dependencies are bundled by esbuild, hence
// --no-dependencies (vsce would otherwise walk the npm workspace).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const client = path.join(root, 'client');
const { version } = JSON.parse(readFileSync(path.join(client, 'package.json'), 'utf8'));
for (const f of ['dist/extension.js', 'dist/webview.js', 'dist/sipmig.tmLanguage.json']) {
  if (!existsSync(path.join(client, f))) throw new Error(`client/${f} is missing: run npm run build first`);
}
if (!existsSync(path.join(client, 'dist/server.js'))) {
  console.warn('warning: client/dist/server.js is missing (server/src/lsp/main.ts not built): the .vsix will have no language server');
}
mkdirSync(path.join(root, 'dist'), { recursive: true });
const out = path.join(root, 'dist', `sipmig-${version}.vsix`);
const vsce = path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--out', out], { cwd: client, stdio: 'inherit' });
console.log(out);
