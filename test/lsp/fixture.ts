// Shared setup of the protocol tests: one server per test file, the paper samples, and
// helpers to apply the text edits the server returns.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { TextEdit } from 'vscode-languageserver-protocol';
import { ROOT } from './build';
import { startClient, type TestClient } from './client';

export const ACTIVE = readFileSync(join(ROOT, 'samples/paper/active-migration.sipmig'), 'utf8');
export const STANDBY = readFileSync(join(ROOT, 'samples/paper/standby-migration.sipmig'), 'utf8');

/** Starts a server before the file's tests and stops it after; `get()` returns the client. */
export function useServer(settings: Record<string, unknown> = {}, clientInfo?: { name: string }): () => TestClient {
  let client: TestClient | undefined;
  beforeAll(async () => {
    client = await startClient(settings, clientInfo);
  }, 120_000);
  afterAll(async () => {
    await client?.close();
  });
  return () => {
    if (!client) throw new Error('test setup: the server did not start');
    return client;
  };
}

/** Exact-text edits that fail loudly (the one helper of every test). */
export { edit } from '../helpers';

function offsetAt(text: string, line: number, character: number): number {
  let o = 0;
  for (let l = 0; l < line; l++) o = text.indexOf('\n', o) + 1;
  return o + character;
}

/** Applies LSP text edits (non-overlapping) to a text. */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const withOffsets = edits.map((e) => ({ start: offsetAt(text, e.range.start.line, e.range.start.character), end: offsetAt(text, e.range.end.line, e.range.end.character), newText: e.newText }));
  withOffsets.sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of withOffsets) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

/** The text a range covers. */
export function textOf(text: string, r: { start: { line: number; character: number }; end: { line: number; character: number } }): string {
  return text.slice(offsetAt(text, r.start.line, r.start.character), offsetAt(text, r.end.line, r.end.character));
}
