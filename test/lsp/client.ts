// A minimal LSP client for protocol tests: spawns the BUILT server (node server.js
// --stdio) exactly as an editor does and talks JSON-RPC over its stdio.
import { spawn, type ChildProcess } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { Diagnostic, InitializeResult, Position, PublishDiagnosticsParams, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import { ensureServerBuilt, ROOT, SERVER_JS } from './build';

export interface TestClient {
  conn: MessageConnection;
  proc: ChildProcess;
  init: InitializeResult;
  /** Every publishDiagnostics, in arrival order, per uri. */
  published: Map<string, PublishDiagnosticsParams[]>;
  /** Every notification by method (e.g. sipmig/resultsChanged). */
  notifications: { method: string; params: unknown }[];
  /** Settings answered to workspace/configuration (section "sipmig"). */
  settings: Record<string, unknown>;
  stderr: string[];
  open(uri: string, text: string, version?: number): void;
  change(uri: string, version: number, text: string): void;
  changeIncremental(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): void;
  request<R>(method: string, params: unknown): Promise<R>;
  /** Resolves with the first publishDiagnostics for uri (at or after `from`) that satisfies pred. */
  waitForDiagnostics(uri: string, pred: (p: PublishDiagnosticsParams) => boolean, timeoutMs?: number, what?: string): Promise<PublishDiagnosticsParams>;
  waitForNotification(method: string, pred: (params: unknown) => boolean, timeoutMs?: number): Promise<unknown>;
  close(): Promise<void>;
}

export const uriOf = (name: string) => pathToFileURL(`${ROOT}/test-virtual/${name}`).toString();

export async function startClient(settings: Record<string, unknown> = {}, clientInfo?: { name: string }): Promise<TestClient> {
  await ensureServerBuilt();
  const proc = spawn(process.execPath, [SERVER_JS, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const conn = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  const published = new Map<string, PublishDiagnosticsParams[]>();
  const notifications: { method: string; params: unknown }[] = [];
  const waiters: (() => void)[] = [];
  const wake = () => waiters.splice(0).forEach((w) => w());
  const stderr: string[] = [];
  proc.stderr!.on('data', (d: Buffer) => stderr.push(d.toString()));
  const client = { settings: { diagnostics: { debounceMs: 50 }, ...settings } } as unknown as TestClient;
  conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    published.set(p.uri, [...(published.get(p.uri) ?? []), p]);
    wake();
  });
  conn.onNotification((method, params) => {
    notifications.push({ method, params });
    wake();
  });
  conn.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) => p.items.map((i) => (i.section === 'sipmig' ? client.settings : null)));
  conn.onRequest('workspace/inlayHint/refresh', () => null);
  conn.onRequest('workspace/semanticTokens/refresh', () => null);
  conn.listen();
  const init = await conn.sendRequest<InitializeResult>('initialize', {
    processId: process.pid,
    clientInfo,
    rootUri: pathToFileURL(ROOT).toString(),
    capabilities: {
      workspace: { configuration: true, inlayHint: { refreshSupport: true } },
      textDocument: {
        completion: { completionItem: { snippetSupport: true } },
        hover: { contentFormat: ['markdown', 'plaintext'] },
        publishDiagnostics: { versionSupport: true, relatedInformation: true },
      },
    },
  });
  await conn.sendNotification('initialized', {});

  const waitUntil = <T>(probe: () => T | undefined, timeoutMs: number, what: () => string): Promise<T> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what()}`)), timeoutMs);
      const check = () => {
        const v = probe();
        if (v !== undefined) {
          clearTimeout(timer);
          resolve(v);
        } else waiters.push(check);
      };
      check();
    });

  return Object.assign(client, {
    conn,
    proc,
    init,
    published,
    notifications,
    stderr,
    open: (uri: string, text: string, version = 1) => void conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'sipmig', version, text } }),
    change: (uri: string, version: number, text: string) => void conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] }),
    changeIncremental: (uri: string, version: number, changes: TextDocumentContentChangeEvent[]) => void conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes }),
    request: <R>(method: string, params: unknown) => conn.sendRequest<R>(method, params),
    waitForDiagnostics: (uri: string, pred: (p: PublishDiagnosticsParams) => boolean, timeoutMs = 15_000, what = 'diagnostics') =>
      waitUntil(
        () => (published.get(uri) ?? []).find(pred),
        timeoutMs,
        () => `${what} for ${uri}; got: ${JSON.stringify((published.get(uri) ?? []).map((p) => ({ version: p.version, codes: p.diagnostics.map((d) => d.code) })))}; server stderr: ${stderr.join('').slice(-2000)}`,
      ),
    waitForNotification: (method: string, pred: (params: unknown) => boolean, timeoutMs = 15_000) =>
      waitUntil(() => notifications.find((n) => n.method === method && pred(n.params))?.params, timeoutMs, () => `notification ${method}; got ${JSON.stringify(notifications.map((n) => n.method))}`),
    close: async () => {
      try {
        await Promise.race([conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
        await conn.sendNotification('exit');
      } catch {
        /* already gone */
      }
      conn.dispose();
      if (proc.exitCode === null) proc.kill();
    },
  });
}

/** Position of the first occurrence of `needle` (plus `delta` characters) in text. */
export function positionOf(text: string, needle: string, delta = 0): Position {
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`test setup: ${JSON.stringify(needle)} is not in the text`);
  const before = text.slice(0, i + delta);
  const line = before.split('\n').length - 1;
  return { line, character: before.length - before.lastIndexOf('\n') - 1 };
}

export const codesOf = (ds: Diagnostic[]) => ds.map((d) => String(d.code));
