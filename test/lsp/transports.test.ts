// The ways editors start the server: node-ipc (vscode-languageclient's TransportKind.ipc)
// and `sipmig lsp --stdio` (the CLI, for Neovim, Helix...). Each must reach model
// diagnostics, which means finding its model workers.
import { fork, spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { createMessageConnection, IPCMessageReader, IPCMessageWriter, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { CLI_JS, ensureCliBuilt, ensureServerBuilt, SERVER_JS } from './build';
import { uriOf } from './client';
import { ACTIVE } from './fixture';

async function reachesModelDiagnostics(conn: MessageConnection): Promise<PublishDiagnosticsParams> {
  const uri = uriOf('transport.sipmig');
  const got = new Promise<PublishDiagnosticsParams>((resolve) =>
    conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      if (p.uri === uri && p.diagnostics.some((d) => d.code === 'PRED002')) resolve(p);
    }),
  );
  conn.onRequest('workspace/configuration', () => [{ diagnostics: { debounceMs: 0 } }]);
  conn.listen();
  const init = await conn.sendRequest<{ serverInfo?: { name: string } }>('initialize', { processId: process.pid, rootUri: null, capabilities: { workspace: { configuration: true } } });
  expect(init.serverInfo?.name).toBe('sipmig');
  await conn.sendNotification('initialized', {});
  await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'sipmig', version: 1, text: ACTIVE } });
  const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no model diagnostics within 30 s')), 30_000));
  return Promise.race([got, timeout]);
}

describe('transports', () => {
  it('serves over node-ipc, as the VS Code extension starts it', async () => {
    await ensureServerBuilt();
    const child = fork(SERVER_JS, ['--node-ipc'], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    const conn = createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    try {
      expect((await reachesModelDiagnostics(conn)).version).toBe(1);
    } finally {
      conn.dispose();
      child.kill();
    }
  });

  it('serves over stdio through the CLI: sipmig lsp --stdio', async () => {
    await ensureServerBuilt(); // the CLI's model workers run server.js
    await ensureCliBuilt();
    const child = spawn(process.execPath, [CLI_JS, 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const conn = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    try {
      expect((await reachesModelDiagnostics(conn)).version).toBe(1);
    } finally {
      conn.dispose();
      child.kill();
    }
  });

  it('explains its usage when started without a transport', async () => {
    await ensureServerBuilt();
    const child = spawn(process.execPath, [SERVER_JS], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise<number | null>((r) => child.on('exit', r));
    expect(code).toBe(2);
    expect(err).toContain('usage: node server.js --stdio | --node-ipc');
  });
});
