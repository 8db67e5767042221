// Installs the .vsix into an isolated code-server profile, starts code-server and stops it
// (by process group: killing only the top process leaves its file watcher running).
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';

export function codeServerBin(root) {
  const bin = path.join(root, '.cache/code-server/node_modules/.bin/code-server');
  if (!existsSync(bin)) throw new Error(`code-server is not installed at ${bin}: run bash scripts/e2e/install-code-server.sh`);
  return bin;
}

/** Folders of one test profile; XDG_* keep code-server from writing into ~/.config. */
export function profile(dir) {
  const p = { dir, userData: path.join(dir, 'user-data'), extensions: path.join(dir, 'extensions'), xdg: path.join(dir, 'xdg') };
  for (const d of [p.userData, p.extensions, p.xdg, path.join(p.userData, 'User')]) mkdirSync(d, { recursive: true });
  return p;
}

export function env(p) {
  return { ...process.env, XDG_CONFIG_HOME: path.join(p.xdg, 'config'), XDG_DATA_HOME: path.join(p.xdg, 'data'), XDG_CACHE_HOME: path.join(p.xdg, 'cache') };
}

export function writeSettings(p, settings) {
  writeFileSync(path.join(p.userData, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
}

export function installExtension(bin, p, vsix) {
  execFileSync(bin, ['--user-data-dir', p.userData, '--extensions-dir', p.extensions, '--install-extension', vsix, '--force'], { env: env(p), stdio: 'pipe' });
}

async function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

export async function start(bin, p, logFile) {
  const port = await freePort();
  const { openSync } = await import('node:fs');
  const log = openSync(logFile, 'a');
  const child = spawn(
    bin,
    ['--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--user-data-dir', p.userData, '--extensions-dir', p.extensions],
    { env: env(p), detached: true, stdio: ['ignore', log, log] },
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}; see ${logFile}`);
    try {
      const r = await fetch(`${url}/healthz`);
      if (r.ok) return { url, stop: () => stop(child) };
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  stop(child);
  throw new Error(`code-server did not answer ${url}/healthz within 60 s; see ${logFile}`);
}

function stop(child) {
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    /* already gone */
  }
}
