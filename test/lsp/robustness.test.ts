// The server under abuse: 500 changes in a burst, huge and invalid documents. It must
// not crash, must not queue unbounded work, and must end with the diagnostics of the
// final version.
import { describe, expect, it } from 'vitest';
import type { Hover } from 'vscode-languageserver-protocol';
import { codesOf, uriOf } from './client';
import { ACTIVE, edit, useServer } from './fixture';
import { analyze } from '../../server/src/language';

describe('robustness', () => {
  const server = useServer({ diagnostics: { debounceMs: 20 } });

  it('survives 500 rapid changes and ends with the diagnostics of the final version', async () => {
    const c = server();
    const uri = uriOf('burst.sipmig');
    c.open(uri, ACTIVE, 0);
    let text = ACTIVE;
    for (let v = 1; v <= 500; v++) {
      // Each version changes the runs (duration), and every fifth one is invalid (no unit).
      text = v % 5 === 0 ? edit(ACTIVE, 'duration 420 s', `duration ${300 + v}`) : edit(ACTIVE, 'duration 420 s', `duration ${300 + v} s`);
      c.change(uri, v, text);
    }
    const final = await c.waitForDiagnostics(uri, (p) => p.version === 500, 20_000, 'diagnostics of version 500');
    const expected = analyze(text).diagnostics.map((d) => d.code);
    expect(codesOf(final.diagnostics).filter((x) => !x.startsWith('PRED'))).toEqual(expected);
    // The last version is valid: its model diagnostics arrive, for version 500 only.
    text = edit(ACTIVE, 'duration 420 s', 'duration 801 s');
    c.change(uri, 501, text);
    const model = await c.waitForDiagnostics(uri, (p) => p.version === 501 && codesOf(p.diagnostics).includes('PRED002'), 30_000, 'model diagnostics of version 501');
    expect(model.version).toBe(501);
    const all = c.published.get(uri)!;
    const versions = all.map((p) => p.version!);
    expect([...versions].sort((x, y) => x - y), 'publishes never go back to an older version').toEqual(versions);
    expect(all.length, 'the burst is coalesced, not answered version by version').toBeLessThan(300);
    const h = await c.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 5, character: 3 } });
    expect(h, 'the server still answers').not.toBeNull();
  });

  it('keeps answering while a large document changes 50 times a second, and ends with its final diagnostics', async () => {
    const c = server();
    const uri = uriOf('large.sipmig');
    // About 5000 hosts: an analysis takes a good part of a second on a loaded machine.
    const hosts = Array.from({ length: 5000 }, (_, i) => `host h${i} { hardware poweredge }`).join('\n');
    const big = (n: number) => edit(ACTIVE, 'duration 420 s', `duration ${400 + n} s`) + '\n' + hosts + '\n';
    c.open(uri, big(0), 0);
    const answered: number[] = [];
    for (let v = 1; v <= 50; v++) {
      c.change(uri, v, big(v));
      if (v % 10 === 0) {
        const t0 = performance.now();
        void c.request('textDocument/foldingRange', { textDocument: { uri } }).then(() => answered.push(performance.now() - t0));
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    const final = await c.waitForDiagnostics(uri, (p) => p.version === 50, 60_000, 'diagnostics of version 50');
    expect(codesOf(final.diagnostics).filter((x) => !x.startsWith('PRED'))).toEqual(analyze(big(50)).diagnostics.map((d) => d.code));
    await new Promise((r) => setTimeout(r, 100));
    expect(answered, 'every request made during the burst was answered').toHaveLength(5);
  }, 120_000);

  it('handles a huge document (over the 2 MB limit) with one diagnostic', async () => {
    const c = server();
    const uri = uriOf('huge.sipmig');
    c.open(uri, '# ' + 'x'.repeat(2_100_000) + '\n');
    const p = await c.waitForDiagnostics(uri, () => true, 20_000);
    expect(codesOf(p.diagnostics)).toEqual(['LIM001']);
  });

  it('handles garbage without crashing', async () => {
    const c = server();
    const uri = uriOf('garbage.sipmig');
    const garbage = Array.from({ length: 2000 }, (_, i) => '{}}"\u0000;%,'.charAt(i % 10) + (i % 7 === 0 ? '\n' : '')).join('') + '{'.repeat(100);
    c.open(uri, garbage);
    const p = await c.waitForDiagnostics(uri, () => true, 20_000);
    expect(p.diagnostics.length).toBeGreaterThan(0);
    for (const method of ['textDocument/documentSymbol', 'textDocument/foldingRange', 'textDocument/semanticTokens/full', 'textDocument/codeLens']) {
      await expect(c.request(method, { textDocument: { uri } }), method).resolves.toBeDefined();
    }
    await expect(c.request('textDocument/completion', { textDocument: { uri }, position: { line: 3, character: 2 } })).resolves.toBeDefined();
    await expect(c.request('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } })).resolves.toEqual([]);
    expect(c.proc.exitCode, 'the server is still running').toBeNull();
  });
});
