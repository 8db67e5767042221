// Inlay hints and code lenses over the protocol; the inlay setting turns hints off.
import { describe, expect, it } from 'vitest';
import type { CodeLens, InlayHint } from 'vscode-languageserver-protocol';
import { positionOf, uriOf } from './client';
import { ACTIVE, useServer } from './fixture';

describe('inlay hints and code lenses', () => {
  const server = useServer();
  const uri = uriOf('hints.sipmig');
  const whole = { start: { line: 0, character: 0 }, end: { line: 999, character: 0 } };

  it('shows predictions after the migrate statement and the sweep once the model has run', async () => {
    const c = server();
    c.open(uri, ACTIVE);
    await c.waitForDiagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'PRED002'), 30_000);
    const hints = await c.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri }, range: whole });
    const migrateLine = positionOf(ACTIVE, 'migrate sipas1').line;
    const onMigrate = hints.find((h) => h.position.line === migrateLine);
    expect(onMigrate, `a hint on line ${migrateLine}; got ${JSON.stringify(hints)}`).toBeDefined();
    expect(onMigrate!.position.character, 'at the end of the statement').toBe('  migrate sipas1 from pm1 to pm3 at 120 s'.length);
    expect(String(onMigrate!.label)).toMatch(/^⇒ [\d.]+–[\d.]+ s · downtime/);
    const sweepLine = positionOf(ACTIVE, 'sweep 0 cps').line;
    expect(String(hints.find((h) => h.position.line === sweepLine)?.label)).toMatch(/^⇒ incomplete calls 0: \d+ · 5: \d+ .* 40: \d+$/);
  });

  it('shows none when sipmig.inlayHints.enabled is false', async () => {
    const c = server();
    c.settings = { ...c.settings, inlayHints: { enabled: false } };
    await c.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    // The server pulls the settings again; give it a moment, then ask.
    let hints: InlayHint[] = [];
    for (let i = 0; i < 40; i++) {
      hints = await c.request<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri }, range: whole });
      if (!hints.length) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(hints).toEqual([]);
  });

  it('offers Run and Preview charts above the scenario, with the document uri', async () => {
    const lenses = await server().request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    expect(lenses.map((l) => [l.command?.command, l.command?.arguments])).toEqual([
      ['sipmig.runScenario', [uri]],
      ['sipmig.previewCharts', [uri]],
    ]);
    expect(lenses[0].range.start.line).toBe(positionOf(ACTIVE, 'scenario "').line);
  });
});
